from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.my_cases_view, name="my"),
    path("workload/", views.workload_view, name="workload"),
    path("intake/", views.intake_view, name="intake"),
    path("<int:pk>/status/", views.case_status_view, name="status"),
    path("<int:pk>/edit/", views.case_edit_view, name="edit"),
    path("<int:pk>/orientation/", views.orientation_view, name="orientation"),
    path("<int:pk>/notes/new/", views.note_create_view, name="note_create"),
    path("<int:pk>/steps/<int:step_pk>/done/", views.step_done_view, name="step_done"),
]
