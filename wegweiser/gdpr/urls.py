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
]
