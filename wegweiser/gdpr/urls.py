from django.urls import path

from . import views

app_name = "gdpr"

urlpatterns = [
    path("persons/<int:pk>/", views.subject_access_view, name="subject_access"),
    path(
        "persons/<int:pk>/export.<str:fmt>",
        views.subject_access_download_view,
        name="subject_access_download",
    ),
    path("persons/<int:pk>/erase/", views.erase_view, name="erase"),
    path("cases/<int:pk>/legal-hold/", views.legal_hold_view, name="legal_hold"),
    path("erasures/<int:pk>/", views.erasure_receipt_view, name="erasure_receipt"),
    path("retention/", views.retention_view, name="retention"),
]
