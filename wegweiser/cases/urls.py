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
    path("<int:pk>/plan/", views.plan_view, name="plan"),
    path("<int:pk>/plan/versions/", views.plan_versions_view, name="plan_versions"),
    path("plans/<int:plan_pk>/", views.plan_version_view, name="plan_version"),
    path("plans/<int:plan_pk>/edit/", views.plan_edit_view, name="plan_edit"),
    path("plans/<int:plan_pk>/goals/new/", views.plan_goal_add_view, name="plan_goal_add"),
    path("plans/<int:plan_pk>/steps/new/", views.plan_step_add_view, name="plan_step_add"),
    path(
        "plans/<int:plan_pk>/steps/<int:step_pk>/status/",
        views.plan_step_status_view,
        name="plan_step_status",
    ),
    path("plans/<int:plan_pk>/agree/", views.plan_agree_view, name="plan_agree"),
    path(
        "plans/<int:plan_pk>/disagreement/",
        views.plan_disagreement_view,
        name="plan_disagreement",
    ),
    path("plans/<int:plan_pk>/review/", views.plan_review_view, name="plan_review"),
    path("plans/<int:plan_pk>/revise/", views.plan_revise_view, name="plan_revise"),
    path("plans/<int:plan_pk>/letter/", views.plan_letter_view, name="plan_letter"),
]
