from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_search_view, name="search"),
    path("find/", views.identity_search_view, name="find"),
    path("pick/", views.person_pick_view, name="pick"),
    path("duplicates/", views.duplicate_queue_view, name="duplicates"),
    path("duplicates/run/", views.duplicate_run_view, name="duplicates_run"),
    path("duplicates/<int:pk>/", views.duplicate_review_view, name="duplicate"),
    path("duplicates/<int:pk>/merge/", views.duplicate_merge_view, name="duplicate_merge"),
    path(
        "duplicates/<int:pk>/different/",
        views.duplicate_different_view,
        name="duplicate_different",
    ),
    path("merges/<int:pk>/undo/", views.merge_undo_view, name="merge_undo"),
    path("reconcile/", views.reconcile_view, name="reconcile"),
    path("reconcile/result.csv", views.reconcile_download_view, name="reconcile_download"),
    path("<int:pk>/", views.person_detail_view, name="detail"),
    path("<int:pk>/edit/", views.person_edit_view, name="edit"),
    path(
        "<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path(
        "<int:pk>/references/<int:reference_pk>/remove/",
        views.reference_remove_view,
        name="reference_remove",
    ),
    path("<int:pk>/<slug:section>/", views.person_section_view, name="section"),
]
