from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("employers/", views.employers_view, name="employers"),
    path("employers/<int:pk>/", views.employer_view, name="employer"),
    path("employers/<int:pk>/edit/", views.employer_edit_view, name="employer_edit"),
    path("vacancies/", views.vacancies_view, name="vacancies"),
    path("vacancies/new/", views.vacancy_create_view, name="vacancy_create"),
    path("vacancies/import/", views.vacancy_import_view, name="vacancy_import"),
    path("vacancies/<int:pk>/", views.vacancy_view, name="vacancy"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit_view, name="vacancy_edit"),
    path("people/<int:pk>/", views.person_view, name="person"),
    path("people/<int:pk>/experience/", views.experience_add_view, name="experience_add"),
    path(
        "people/<int:pk>/experience/<int:experience>/delete/",
        views.experience_delete_view,
        name="experience_delete",
    ),
    path("people/<int:pk>/propose/<int:vacancy>/", views.propose_view, name="propose"),
    path("people/<int:pk>/placement/", views.placement_create_view, name="placement_create"),
    path("proposals/", views.proposals_view, name="proposals"),
    path("proposals/<int:pk>/", views.proposal_view, name="proposal"),
    path("placements/<int:pk>/", views.placement_view, name="placement"),
    path("follow-ups/<int:pk>/", views.follow_up_view, name="follow_up"),
]
