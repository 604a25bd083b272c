"""Password rules: nothing guessable gets through, long passphrases do."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from wegweiser.accounts.passwords import common_passwords
from wegweiser.core.models import AuditEntry

from .test_login import PASSWORD, login


def refused_codes(password, user=None):
    with pytest.raises(ValidationError) as error:
        validate_password(password, user)
    return {e.code for e in error.value.error_list}


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("aaaaaaaaaaaa", "pattern"),
        ("123456789012", "pattern"),
        ("            ", "blank"),
        ("Wegweiser2026", "name"),
        ("W3gw31s3r!2026", "name"),
        ("abcabcabcabc", "pattern"),
        ("qwertzuiopü", "pattern"),
        ("0987654321098", "pattern"),
        ("asdfghjklöäasdf", "pattern"),
        ("password1234", "common"),
        ("sunshine12345", "common"),
        ("!!football2026", "common"),
    ],
)
def test_guessable_passwords_are_refused(password, code):
    assert code in refused_codes(password)


@pytest.mark.django_db
def test_the_users_own_names_are_refused(caseworker):
    caseworker.first_name, caseworker.last_name = "Brunhilde", "Oberländer"
    assert "name" in refused_codes("Oberländer2026!!", caseworker)
    assert "name" in refused_codes("brunhilde-1990-x", caseworker)


@pytest.mark.parametrize(
    "password",
    ["ein langer satz als passwort", "Tulpen wachsen im März schief", "7 Brücken im Nebel"],
)
def test_passphrases_pass(password):
    validate_password(password)


def test_the_shipped_list_is_larger_than_djangos():
    known = common_passwords()
    assert len(known) > 40_000
    assert {"123456", "password", "qwertz", "iloveyou"} <= known


@pytest.mark.django_db
def test_changing_to_the_current_password_is_refused(client, caseworker):
    client.force_login(caseworker)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD},
    )
    assert response.status_code == 200
    assert "must differ from your current one" in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)


# --- reset by e-mail --------------------------------------------------------------------------


def reset_link(message):
    return next(line for line in message.body.splitlines() if "/password/reset/" in line)


@pytest.mark.django_db
def test_reset_by_email_sets_a_new_password_and_tells_the_user(client, caseworker):
    caseworker.email = "cw@example.org"
    caseworker.save()
    response = client.post(reverse("accounts:password_reset"), {"email": "cw@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = reset_link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new = "Tulpen wachsen im März schief"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302 and done.url == reverse("accounts:password_reset_complete")
    # no login by the reset itself: the next page asks for a login (and then the second factor)
    assert client.get(reverse("cases:my")).status_code == 302
    assert [m.to for m in mail.outbox] == [["cw@example.org"], ["cw@example.org"]]
    assert "reset" in mail.outbox[1].subject
    assert AuditEntry.objects.filter(purpose="password_reset", actor=caseworker).exists()
    assert login(client, caseworker.username, new).status_code == 302
    # the link works once
    again = client.get(link, follow=True)
    assert "invalid, expired or has been used" in again.content.decode()


@pytest.mark.django_db
def test_reset_for_an_unknown_address_looks_the_same(client, caseworker):
    caseworker.email = "cw@example.org"
    caseworker.save()
    known = client.post(reverse("accounts:password_reset"), {"email": "cw@example.org"})
    unknown = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_reset_mails_per_account_are_limited(client, caseworker):
    caseworker.email = "cw@example.org"
    caseworker.save()
    for _ in range(5):
        client.post(reverse("accounts:password_reset"), {"email": "cw@example.org"})
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_reset_refuses_a_weak_new_password(client, caseworker):
    caseworker.email = "cw@example.org"
    caseworker.save()
    client.post(reverse("accounts:password_reset"), {"email": "cw@example.org"})
    page = client.get(reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "Wegweiser2026", "new_password2": "Wegweiser2026"},
    )
    assert response.status_code == 200
    assert "too close to a name" in response.content.decode()
    caseworker.refresh_from_db()
    assert caseworker.check_password(PASSWORD)
