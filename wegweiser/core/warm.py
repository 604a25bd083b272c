"""Warm-up of a server worker before its first request (`WEGWEISER_WARM_UP`, run by gunicorn's
post_worker_init): the URL configuration with every page and API module it imports (numpy,
scipy, pydantic, openpyxl, …), the templates of the busiest pages and the translation
catalogues. Without it each new worker's first request pays several seconds of CPU for them,
while other requests wait."""

from __future__ import annotations

from django.conf import settings
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import get_resolver
from django.utils import translation

# The templates of the pages a caseworker opens all day (the includes they pull in are
# compiled with them by the cached loader).
TEMPLATES = (
    "base.html",
    "accounts/login.html",
    "people/detail.html",
    "people/search.html",
    "people/identity_search.html",
    "jobs/person.html",
    "courses/catalogue.html",
    "cases/my_cases.html",
)


def warm_up() -> None:
    get_resolver().url_patterns  # noqa: B018 (imports every URL module)
    get_resolver()._populate()
    for name in TEMPLATES:
        try:
            get_template(name)
        except TemplateDoesNotExist:
            continue
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Person")
