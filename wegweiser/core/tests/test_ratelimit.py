"""Too many logins, searches or exports in a window answer 429 with a message, per user."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

LIMITS = {"search": (3, 60), "export": (2, 600), "login": (2, 300)}


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_search_beyond_the_limit_answers_429_until_the_window_ends(client, caseworker, colleague):
    client.cookies["django_language"] = "en"
    with freeze_time("2026-12-01 10:00:05"):
        client.force_login(caseworker)
        url = reverse("people:search")
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get(url)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "55"
        assert "Please wait 55 seconds before trying again." in refused.content.decode()

        client.force_login(colleague)  # counted per user
        assert client.get(url).status_code == 200
    with freeze_time("2026-12-01 10:01:01"):
        client.force_login(caseworker)
        assert client.get(url).status_code == 200


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_exports_are_limited(client, caseworker):
    client.force_login(caseworker)
    url = reverse("reporting:supply_demand_export", kwargs={"fmt": "csv"})
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_login_attempts_are_limited_per_address_and_the_page_still_shows(client, caseworker):
    url = reverse("accounts:login")
    statuses = [
        client.post(url, {"username": "nobody", "password": "wrong-password-123"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert client.get(url).status_code == 200  # only attempts are counted


def test_nul_in_the_query_string_is_a_clear_400_not_a_server_error(client, caseworker):
    client.cookies["django_language"] = "en"
    client.force_login(caseworker)
    page = client.get(reverse("people:search"), {"q": "Ali\x00"})
    assert page.status_code == 400
    assert "not allowed (NUL)" in page.content.decode()
    api = client.get("/api/jobs/vacancies", {"text": "\x00"})
    assert api.status_code == 400
    assert "NUL" in api.json()["detail"]
    client.logout()
    assert client.get(reverse("people:search"), {"q": "\x00"}).status_code == 302  # login first
