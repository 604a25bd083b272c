"""Login lockout, session lifetime and password rules (docs/security.md)."""

from __future__ import annotations

import datetime as dt

import pytest
from allauth.usersessions.models import UserSession
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.core.models import AuditEntry

PASSWORD = "correct-horse-battery-staple"


def login(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_login_with_right_password_reaches_my_cases(client, caseworker):
    response = login(client, caseworker.username, PASSWORD)
    assert response.status_code == 302
    assert client.get(reverse("cases:my")).status_code == 200
    assert AuditEntry.objects.filter(action="login", actor=caseworker).exists()


@pytest.mark.django_db
def test_five_failed_logins_lock_the_account_for_thirty_minutes(client, caseworker):
    with freeze_time("2026-03-02 09:00:00") as clock:
        for _ in range(5):
            login(client, caseworker.username, "wrong-password-123")
        response = login(client, caseworker.username, PASSWORD)
        assert response.status_code == 429
        assert client.get(reverse("cases:my")).status_code == 302
        clock.tick(dt.timedelta(minutes=31))
        response = login(client, caseworker.username, PASSWORD)
        assert response.status_code == 302
        assert client.get(reverse("cases:my")).status_code == 200
    assert AuditEntry.objects.filter(action="login_failed").count() >= 5


@pytest.mark.django_db
def test_idle_session_expires_after_thirty_minutes(client, caseworker):
    with freeze_time("2026-03-02 09:00:00") as clock:
        login(client, caseworker.username, PASSWORD)
        clock.tick(dt.timedelta(minutes=29))
        assert client.get(reverse("cases:my")).status_code == 200
        clock.tick(dt.timedelta(minutes=31))
        assert client.get(reverse("cases:my")).status_code == 302


@pytest.mark.django_db
def test_activity_keeps_the_session_open_beyond_the_idle_timeout(client, caseworker):
    with freeze_time("2026-03-02 09:00:00") as clock:
        login(client, caseworker.username, PASSWORD)
        for _ in range(6):  # two hours, a request every 20 minutes
            clock.tick(dt.timedelta(minutes=20))
            assert client.get(reverse("cases:my")).status_code == 200


@pytest.mark.django_db
def test_the_session_and_its_last_seen_are_written_at_most_once_a_minute(client, caseworker):
    def written():
        session = Session.objects.get(session_key=client.session.session_key)
        seen = UserSession.objects.get(session_key=session.session_key).last_seen_at
        return session.expire_date, seen

    with freeze_time("2026-03-02 09:00:00") as clock:
        login(client, caseworker.username, PASSWORD)
        client.get(reverse("cases:my"))
        first = written()
        clock.tick(dt.timedelta(seconds=30))
        client.get(reverse("cases:my"))
        assert written() == first  # read only
        clock.tick(dt.timedelta(seconds=31))
        client.get(reverse("cases:my"))
        expires, seen = written()
        assert expires == first[0] + dt.timedelta(seconds=61)
        assert seen == first[1] + dt.timedelta(seconds=61)
        # The list of the user's sessions shows the activity.
        assert UserSession.objects.filter(user=caseworker).count() == 1


@pytest.mark.django_db
def test_active_session_ends_after_twelve_hours(client, caseworker):
    with freeze_time("2026-03-02 07:00:00") as clock:
        login(client, caseworker.username, PASSWORD)
        for _ in range(25):  # busy all day: a request every 29 minutes
            clock.tick(dt.timedelta(minutes=29))
            client.get(reverse("cases:my"))
        assert client.get(reverse("cases:my")).status_code == 302


@pytest.mark.parametrize("password", ["short-pw", "password1234", "Wegweiser"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_long_passphrase_without_composition_rules_is_accepted():
    validate_password("ein langer satz als passwort")


@pytest.mark.django_db
def test_logout_ends_the_session(client, caseworker):
    login(client, caseworker.username, PASSWORD)
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("cases:my")).status_code == 302
