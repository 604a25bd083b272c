from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("wegweiser.core.urls")),
    path("accounts/", include("wegweiser.accounts.urls")),
    path("people/", include("wegweiser.people.urls")),
    path("cases/", include("wegweiser.cases.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
