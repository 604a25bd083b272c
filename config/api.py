"""The JSON API (OpenAPI 3 at /api/openapi.json). Session login, CSRF on writes."""

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI, Swagger
from ninja.security import django_auth

from wegweiser.appointments.api import router as appointments_router
from wegweiser.cases.api import router as cases_router
from wegweiser.core.ratelimit import RateLimitThrottle
from wegweiser.courses.api import router as courses_router
from wegweiser.documents.api import router as documents_router
from wegweiser.jobs.api import router as jobs_router
from wegweiser.letters.api import router as letters_router
from wegweiser.partners.api import router as partners_router
from wegweiser.people.api import router as people_router
from wegweiser.recognition.api import router as recognition_router


class VendoredSwagger(Swagger):
    """Swagger UI from static/vendor/swagger-ui (swagger-ui-dist, see scripts/update-assets.sh),
    never from a CDN: the CSP allows scripts and styles from this site only."""

    template = "core/swagger.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api, "add_csrf": True}
        return render(request, self.template, context)


api = NinjaAPI(
    title="Wegweiser",
    version="1",
    auth=django_auth,
    urls_namespace="api",
    docs=VendoredSwagger(settings={"layout": "BaseLayout", "deepLinking": True}),
    # Every call counts per user; a call with a search term counts as a search as well, in the
    # same window as the search pages.
    throttle=[RateLimitThrottle("api"), RateLimitThrottle("search", when_given=("q", "text"))],
)
api.add_router("/people", people_router)
api.add_router("/cases", cases_router)
api.add_router("/appointments", appointments_router)
api.add_router("/courses", courses_router)
api.add_router("/jobs", jobs_router)
api.add_router("/letters", letters_router)
api.add_router("/recognition", recognition_router)
api.add_router("/partners", partners_router)
api.add_router("/documents", documents_router)
