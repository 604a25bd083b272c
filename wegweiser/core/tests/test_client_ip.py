"""Behind a reverse proxy the client is read from X-Forwarded-For, but only when the request
came from a configured trusted proxy; rate limits, the lockout and the audit log agree."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings
from django.urls import reverse

from wegweiser.core.middleware import client_ip
from wegweiser.core.models import AuditEntry

PROXY = "10.0.0.5"
PASSWORD = "correct-horse-battery-staple"


def request_from(remote: str, forwarded: str | None = None):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@override_settings(WEGWEISER_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_from_a_trusted_proxy_the_rightmost_untrusted_address_is_the_client():
    # The client may send its own header: only the part the proxies appended counts.
    assert client_ip(request_from(PROXY, "1.1.1.1, 198.51.100.7")) == "198.51.100.7"
    # Two proxies of our own in a row are skipped.
    assert client_ip(request_from(PROXY, "198.51.100.7, 10.0.0.9")) == "198.51.100.7"
    assert client_ip(request_from(PROXY, "2001:db8::7")) == "2001:db8::7"
    # No header, or only proxies: the nearest proxy is all we know.
    assert client_ip(request_from(PROXY)) == PROXY
    assert client_ip(request_from(PROXY, "10.0.0.9")) == "10.0.0.9"
    # Garbage ends the walk at the proxy that passed it on.
    assert client_ip(request_from(PROXY, "<script>, 10.0.0.9")) == "10.0.0.9"


@override_settings(WEGWEISER_TRUSTED_PROXIES=["10.0.0.0/24"])
def test_a_request_not_from_a_trusted_proxy_cannot_choose_its_address():
    assert client_ip(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.django_db
@override_settings(
    WEGWEISER_TRUSTED_PROXIES=["10.0.0.0/24"],
    WEGWEISER_RATE_LIMITS={"login": (2, 300)},
)
def test_behind_the_proxy_each_client_has_its_own_login_bucket_and_audit_address(client):
    url = reverse("accounts:login")
    wrong = {"username": "nobody", "password": "wrong-password-123"}

    def attempt(address: str) -> int:
        return client.post(url, wrong, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address).status_code

    assert [attempt("198.51.100.7") for _ in range(3)] == [200, 200, 429]
    assert attempt("198.51.100.8") == 200  # another client behind the same proxy
    failed = AuditEntry.objects.filter(action="login_failed")
    assert set(failed.values_list("client_address", flat=True)) == {
        "198.51.100.7",
        "198.51.100.8",
    }
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {
        "198.51.100.7",
        "198.51.100.8",
    }


@pytest.mark.django_db
def test_without_a_trusted_proxy_a_forged_header_changes_nothing(client, caseworker):
    client.post(
        reverse("accounts:login"),
        {"username": caseworker.username, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    entry = AuditEntry.objects.get(action="login", actor=caseworker)
    assert entry.client_address == "203.0.113.9"
