from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path
from django.views.i18n import set_language

from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.request_transactions import run_views_in_transactions

from .api import api

# The admin's login counts against the same limit as the staff login page.
admin.site.login = rate_limit("login", methods=("POST",))(admin.site.login)  # type: ignore[method-assign]

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("wegweiser.core.urls")),
    path("accounts/", include("wegweiser.accounts.urls")),
    path("people/", include("wegweiser.people.urls")),
    path("cases/", include("wegweiser.cases.urls")),
    path("appointments/", include("wegweiser.appointments.urls")),
    path("courses/", include("wegweiser.courses.urls")),
    path("recognition/", include("wegweiser.recognition.urls")),
    path("jobs/", include("wegweiser.jobs.urls")),
    path("reports/", include("wegweiser.reporting.urls")),
    path("gdpr/", include("wegweiser.gdpr.urls")),
    path("letters/", include("wegweiser.letters.urls")),
    path("partners/", include("wegweiser.partners.urls")),
    path("documents/", include("wegweiser.documents.urls")),
    path("api/", api.urls),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

# Each view in its request's transaction, a reading request on SQLite in none (the module says why).
run_views_in_transactions(urlpatterns)
