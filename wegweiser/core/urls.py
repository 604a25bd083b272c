from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("audit/", views.audit_view, name="audit"),
    path("audit/export.<slug:fmt>", views.audit_export_view, name="audit_export"),
]
