"""Lockout per account and address: an attacker elsewhere locks only themselves; repeats
lock longer; the user unlocks by e-mail, once."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse
from freezegun import freeze_time

from .test_login import PASSWORD

ATTACKER, DESK = "203.0.113.9", "10.1.2.3"


def login(client, username, password, address):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def lock(client, username, address):
    for _ in range(5):
        login(client, username, "wrong-password-123", address)


@pytest.mark.django_db
def test_an_attacker_locks_only_their_own_address(client, caseworker):
    lock(client, caseworker.username, ATTACKER)
    assert login(client, caseworker.username, PASSWORD, ATTACKER).status_code == 429
    assert login(client, caseworker.username, PASSWORD, DESK).status_code == 302
    assert client.get(reverse("cases:my"), REMOTE_ADDR=DESK).status_code == 200


@pytest.mark.django_db
def test_unknown_names_lock_nothing_for_others(client, caseworker):
    lock(client, "nobody-here", ATTACKER)
    assert login(client, "nobody-here", "x", ATTACKER).status_code == 429
    assert login(client, caseworker.username, PASSWORD, ATTACKER).status_code == 302


@pytest.mark.django_db
def test_a_repeated_lockout_lasts_twice_as_long(client, caseworker):
    with freeze_time("2026-03-02 09:00:00") as clock:
        lock(client, caseworker.username, ATTACKER)
        clock.tick(dt.timedelta(minutes=31))
        lock(client, caseworker.username, ATTACKER)  # second lockout: 60 minutes
        clock.tick(dt.timedelta(minutes=45))
        # still locked; and every attempt during a lockout starts its time again
        assert login(client, caseworker.username, PASSWORD, ATTACKER).status_code == 429
        clock.tick(dt.timedelta(minutes=59))
        assert login(client, caseworker.username, PASSWORD, ATTACKER).status_code == 429
        clock.tick(dt.timedelta(minutes=61))
        assert login(client, caseworker.username, PASSWORD, ATTACKER).status_code == 302


@pytest.mark.django_db
def test_the_unlock_link_works_once(client, caseworker):
    caseworker.email = "cw@example.org"
    caseworker.save()
    lock(client, caseworker.username, DESK)
    page = login(client, caseworker.username, PASSWORD, DESK)
    assert page.status_code == 429
    assert reverse("accounts:unlock_request") in page.content.decode()

    sent = client.post(
        reverse("accounts:unlock_request"), {"username": caseworker.username}, REMOTE_ADDR=DESK
    )
    assert sent.status_code == 200
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["cw@example.org"]
    link = re.search(r"https?://\S+/accounts/unlock/\S+/", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]

    assert client.get(path).status_code == 200  # opening the link alone unlocks nothing
    assert login(client, caseworker.username, PASSWORD, DESK).status_code == 429
    assert client.post(path).status_code == 200
    assert login(client, caseworker.username, PASSWORD, DESK).status_code == 302
    client.logout()
    lock(client, caseworker.username, DESK)
    assert client.post(path).status_code == 400  # used already
    assert login(client, caseworker.username, PASSWORD, DESK).status_code == 429


@pytest.mark.django_db
def test_unlock_request_answers_the_same_for_unknown_names(client, caseworker):
    known = client.post(reverse("accounts:unlock_request"), {"username": caseworker.username})
    unknown = client.post(reverse("accounts:unlock_request"), {"username": "nobody-here"})
    assert known.status_code == unknown.status_code == 200
    neutral = "If this account has an e-mail address, a link to unlock the login is on its way."
    assert neutral in known.content.decode() and neutral in unknown.content.decode()
    assert len(mail.outbox) == (1 if caseworker.email else 0)


@pytest.mark.django_db
def test_a_forged_unlock_link_does_nothing(client, caseworker):
    lock(client, caseworker.username, DESK)
    response = client.post(reverse("accounts:unlock", args=["forged-token"]))
    assert response.status_code == 400
    assert login(client, caseworker.username, PASSWORD, DESK).status_code == 429
