from django.urls import path

from . import views

app_name = "recognition"
urlpatterns = [
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/<slug:section>/", views.person_section_view, name="person_section"),
    path("qualifications/<int:pk>/edit/", views.qualification_edit_view, name="qualification_edit"),
    path("procedures/<int:pk>/", views.procedure_view, name="procedure"),
    path("procedures/<int:pk>/edit/", views.procedure_edit_view, name="procedure_edit"),
    path("occupations/", views.occupation_search_view, name="occupation_search"),
]
