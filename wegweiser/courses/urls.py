from django.urls import path

from . import views

app_name = "courses"
urlpatterns = [
    path("", views.catalogue_view, name="catalogue"),
    path("new/", views.course_create_view, name="create"),
    path("<int:pk>/", views.course_detail_view, name="detail"),
    path("<int:pk>/edit/", views.course_edit_view, name="edit"),
    path("locations/", views.locations_view, name="locations"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/<slug:section>/", views.person_section_view, name="person_section"),
    path("waiting/", views.waiting_list_view, name="waiting_list"),
    path("waiting/<int:pk>/close/", views.waiting_close_view, name="waiting_close"),
    path("enrolments/<int:pk>/status/", views.enrolment_status_view, name="enrolment_status"),
    path("enrolments/<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("enrolments/<int:pk>/exam/", views.exam_view, name="exam"),
    path("assignment/", views.assignment_view, name="assignment"),
    path("assignment/<int:pk>/", views.run_view, name="run"),
    path("assignment/<int:pk>/confirm/", views.run_confirm_view, name="run_confirm"),
    path("demand/", views.demand_view, name="demand"),
    path("demand/export.<slug:fmt>", views.demand_export_view, name="demand_export"),
]
