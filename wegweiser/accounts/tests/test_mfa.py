"""The second factor after the password (django-allauth's MFA models, our login flow)."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value
from django.test import Client, override_settings
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.accounts.mfa import PENDING_SECRET_KEY
from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.models import AuditEntry

from .test_login import PASSWORD, login

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
required = override_settings(WEGWEISER_MFA_REQUIRED=True)


def code_now(secret: str = SECRET) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def enrol(user: User) -> list[str]:
    TOTP.activate(user, SECRET)
    return RecoveryCodes.activate(user).get_unused_codes()


def verify(client: Client, code: str):
    return client.post(reverse("accounts:mfa_verify"), {"code": code, "next": "/cases/"})


@required
@pytest.mark.django_db
def test_password_alone_reaches_no_protected_page(client, caseworker, auditor, administrator):
    pages = {
        caseworker: [reverse("cases:my"), reverse("people:search"), reverse("gdpr:retention")],
        auditor: [reverse("core:audit")],
        administrator: [reverse("admin:index"), "/api/people/"],
    }
    for user, urls in pages.items():
        client.logout()
        assert login(client, user.username, PASSWORD).status_code == 302
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith(reverse("accounts:mfa_setup")), url
        enrol(user)
        for url in urls:  # with a factor, the way is the verification
            assert client.get(url).url.startswith(reverse("accounts:mfa_verify"))


@required
@pytest.mark.django_db
def test_first_login_enrols_the_app_and_shows_recovery_codes(client, caseworker):
    login(client, caseworker.username, PASSWORD)
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200
    assert "data:image/svg+xml;base64," in page.content.decode()
    secret = client.session[PENDING_SECRET_KEY]
    wrong = client.post(reverse("accounts:mfa_setup"), {"code": "000000"})
    assert wrong.status_code == 422
    response = client.post(reverse("accounts:mfa_setup"), {"code": code_now(secret)})
    assert response.status_code == 200
    assert len(response.context["codes"]) >= 8
    assert client.get(reverse("cases:my")).status_code == 200
    assert Authenticator.objects.filter(user=caseworker, type="totp").exists()
    assert AuditEntry.objects.filter(object_type="mfa.authenticator", actor=caseworker).exists()


@required
@pytest.mark.django_db
def test_a_totp_code_works_once(client, caseworker):
    enrol(caseworker)
    with freeze_time("2026-03-02 09:00:05"):
        login(client, caseworker.username, PASSWORD)
        code = code_now()
        assert verify(client, code).status_code == 302
        assert client.get(reverse("cases:my")).status_code == 200
        assert AuditEntry.objects.filter(purpose="mfa_totp", actor=caseworker).exists()

        other = Client()
        login(other, caseworker.username, PASSWORD)
        replay = verify(other, code)
        assert replay.status_code == 422
        assert "has been used already" in replay.content.decode()
        assert other.get(reverse("cases:my")).status_code == 302


@required
@pytest.mark.django_db
def test_a_recovery_code_works_once(client, caseworker):
    codes = enrol(caseworker)
    login(client, caseworker.username, PASSWORD)
    assert verify(client, codes[0]).status_code == 302
    assert client.get(reverse("cases:my")).status_code == 200
    other = Client()
    login(other, caseworker.username, PASSWORD)
    assert verify(other, codes[0]).status_code == 422
    assert verify(other, codes[1]).status_code == 302


@required
@pytest.mark.django_db
def test_with_the_password_alone_nobody_adds_their_own_app(client, caseworker):
    enrol(caseworker)
    login(client, caseworker.username, PASSWORD)
    response = client.post(reverse("accounts:mfa_setup"), {"code": "123456"})
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:mfa_verify"))
    assert client.post(reverse("accounts:mfa_recovery_codes")).status_code == 302
    assert Authenticator.objects.filter(user=caseworker).count() == 2


@required
@pytest.mark.django_db
def test_five_wrong_codes_end_the_session(client, caseworker):
    enrol(caseworker)
    login(client, caseworker.username, PASSWORD)
    for _ in range(4):
        assert verify(client, "000000").status_code == 422
    response = verify(client, "000000")
    assert response.status_code == 302 and response.url == reverse("accounts:login")
    assert client.get(reverse("cases:my")).url.startswith(reverse("accounts:login"))
    assert AuditEntry.objects.filter(action="login_failed", purpose="mfa").count() == 5


@required
@pytest.mark.django_db
def test_administrator_resets_a_second_factor_audited(client, caseworker, administrator):
    enrol(caseworker)
    victim = Client()
    login(victim, caseworker.username, PASSWORD)
    verify(victim, code_now())
    assert victim.get(reverse("cases:my")).status_code == 200

    client.force_login(administrator)
    session = client.session
    session["wegweiser_mfa_verified"] = "totp"
    session.save()
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [caseworker.pk]},
    )
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=caseworker).exists()
    assert AuditEntry.objects.filter(
        purpose="mfa_reset", actor=administrator, object_id=str(caseworker.pk)
    ).exists()
    assert victim.get(reverse("cases:my")).status_code == 302  # their sessions ended
    login(victim, caseworker.username, PASSWORD)
    assert victim.get(reverse("cases:my")).url.startswith(reverse("accounts:mfa_setup"))


@required
@pytest.mark.django_db
def test_partner_roles_are_offered_not_forced(client):
    from wegweiser.courses.tests.factories import ProviderFactory

    provider = UserFactory(
        username="provider", role=User.Role.COURSE_PROVIDER, organisation=ProviderFactory()
    )
    login(client, provider.username, PASSWORD)
    assert client.get(reverse("courses:catalogue")).status_code == 200


@pytest.mark.django_db
def test_demo_login_works_with_the_password_alone_and_says_so(client, caseworker):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "offered here but not required" in page
    assert login(client, caseworker.username, PASSWORD).status_code == 302
    assert client.get(reverse("cases:my")).status_code == 200


@pytest.mark.django_db
def test_a_user_who_enrolled_is_asked_even_in_the_demo(client, caseworker):
    enrol(caseworker)
    login(client, caseworker.username, PASSWORD)
    assert client.get(reverse("cases:my")).url.startswith(reverse("accounts:mfa_verify"))
    verify(client, code_now())
    assert client.get(reverse("cases:my")).status_code == 200


@pytest.mark.django_db
def test_the_user_ends_their_other_sessions(client, caseworker):
    other = Client()
    login(other, caseworker.username, PASSWORD)
    login(client, caseworker.username, PASSWORD)
    assert other.get(reverse("cases:my")).status_code == 200
    page = client.get(reverse("accounts:sessions"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2
    client.post(reverse("accounts:sessions"))
    assert other.get(reverse("cases:my")).status_code == 302
    assert client.get(reverse("cases:my")).status_code == 200


@override_settings(WEGWEISER_MFA_REQUIRED=True)
@pytest.mark.django_db
def test_totp_secrets_are_stored_encrypted(caseworker):
    enrol(caseworker)
    stored = Authenticator.objects.get(user=caseworker, type="totp").data["secret"]
    assert SECRET not in stored
    assert TOTP(Authenticator.objects.get(user=caseworker, type="totp")).validate_code(code_now())


@required
@pytest.mark.django_db
def test_a_forged_passkey_answer_is_refused(client, caseworker):
    enrol(caseworker)
    login(client, caseworker.username, PASSWORD)
    response = client.post(reverse("accounts:mfa_verify"), {"credential": '{"id": "x"}'})
    assert response.status_code == 422
    assert client.get(reverse("cases:my")).status_code == 302
    assert AuditEntry.objects.filter(action="login_failed", purpose="mfa").count() == 1


@required
@pytest.mark.django_db
def test_the_setup_page_offers_passkeys_with_options_for_the_browser(client, caseworker):
    login(client, caseworker.username, PASSWORD)
    page = client.get(reverse("accounts:mfa_setup")).content.decode()
    assert 'id="passkey-options"' in page and "creation_options" in page
    assert "mfa/js/webauthn.js" in page


@pytest.mark.django_db
def test_a_forged_passkey_registration_is_refused(client, caseworker):
    login(client, caseworker.username, PASSWORD)
    response = client.post(
        reverse("accounts:mfa_passkey_add"), {"name": "Key", "credential": '{"id": "x"}'}
    )
    assert response.status_code == 422
    assert not Authenticator.objects.filter(user=caseworker, type="webauthn").exists()


@pytest.mark.django_db
def test_a_request_without_a_client_address_is_served(caseworker):
    from django.test import RequestFactory

    from wegweiser.accounts.mfa import UNKNOWN_ADDRESS, AccountAdapter

    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]
    assert AccountAdapter().get_client_ip(request) == UNKNOWN_ADDRESS
