"""Error pages (400, 403, 404, 429, 500 and the CSRF failure) speak the user's language, in
the site's layout, with the right lang and dir; the 500 page renders without the database."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import translation
from django.views.defaults import server_error

pytestmark = pytest.mark.django_db

EXPECTED = {
    "de": ("Seite nicht gefunden", 'dir="ltr"'),
    "ar": ("الصفحة غير موجودة", 'dir="rtl"'),
    "uk": ("Сторінку не знайдено", 'dir="ltr"'),
}


def _page(response, language: str) -> str:
    html = response.content.decode()
    assert f'<html lang="{language}"' in html, html[:300]
    assert 'class="ww-header"' in html  # the site's layout, not a bare page
    assert "ww-brand" in html
    return html


@pytest.mark.parametrize("language", ["de", "ar", "uk"])
def test_not_found_is_translated_in_the_site_layout(client, caseworker, language):
    client.force_login(caseworker)
    client.cookies["django_language"] = language
    response = client.get("/people/999999/")
    assert response.status_code == 404
    html = _page(response, language)
    heading, direction = EXPECTED[language]
    assert heading in html and direction in html
    assert reverse("cases:my") in html  # the navigation is there for a signed-in user


@pytest.mark.parametrize("language", ["de", "ar", "uk"])
def test_forbidden_is_translated(client, auditor, language):
    client.force_login(auditor)
    client.cookies["django_language"] = language
    response = client.get(reverse("cases:intake"))
    assert response.status_code == 403
    html = _page(response, language)
    assert {"de": "Zugriff verweigert", "ar": "تم رفض الوصول", "uk": "Доступ заборонено"}[
        language
    ] in html


def test_csrf_failure_is_translated(caseworker):
    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    response = client.post(reverse("cases:intake"), {})
    assert response.status_code == 403
    html = _page(response, "ar")
    assert "تعذّر إرسال النموذج" in html
    assert "CSRF verification failed" not in html and "Forbidden" not in html


@pytest.mark.urls("wegweiser.core.tests.urls_failing")
def test_bad_request_and_server_error_are_translated(caseworker):
    client = Client(raise_request_exception=False)
    client.force_login(caseworker)
    client.cookies["django_language"] = "uk"
    bad = client.get("/suspicious/")
    assert bad.status_code == 400
    assert "Некоректний запит" in _page(bad, "uk")
    error = client.get("/boom/")
    assert error.status_code == 500
    html = _page(error, "uk")
    assert "Щось пішло не так" in html
    assert "a programming error" not in html


@override_settings(WEGWEISER_RATE_LIMITS={"search": (1, 60)})
def test_too_many_requests_is_translated(client, caseworker, monkeypatch):
    import types

    from wegweiser.core import ratelimit

    # Both searches fall in one window, even when the test runs across a minute's turn.
    monkeypatch.setattr(ratelimit, "time", types.SimpleNamespace(time=lambda: 1_800_000_030.0))
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    client.get(reverse("people:search"))
    response = client.get(reverse("people:search"))
    assert response.status_code == 429
    _page(response, "ar")
    assert "يرجى الانتظار" in response.content.decode()


@pytest.mark.django_db(False)
def test_server_error_page_needs_no_database():
    """Rendered by Django's handler with a plain context: no user, no context processors, so
    a database that is down cannot break the error page too (pytest-django refuses any query
    here)."""
    request = RequestFactory().get("/")
    with translation.override("ar"):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="ar" dir="rtl">' in html
    assert "حدث خطأ ما" in html
