from django.urls import path

from . import views

app_name = "people"
urlpatterns = [
    path("", views.person_search_view, name="search"),
    path("find/", views.identity_search_view, name="find"),
    path("reconcile/", views.reconcile_view, name="reconcile"),
    path("reconcile/result.csv", views.reconcile_download_view, name="reconcile_download"),
    path("<int:pk>/", views.person_detail_view, name="detail"),
    path("<int:pk>/edit/", views.person_edit_view, name="edit"),
    path(
        "<int:pk>/consents/<int:consent_pk>/withdraw/",
        views.consent_withdraw_view,
        name="consent_withdraw",
    ),
    path("<int:pk>/<slug:section>/", views.person_section_view, name="section"),
]
