from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("person/<int:pk>/", views.person_documents_view, name="person"),
    path("<int:pk>/download/", views.document_download_view, name="download"),
    path("<int:pk>/preview/", views.document_preview_view, name="preview"),
    path("<int:pk>/delete/", views.document_delete_view, name="delete"),
]
