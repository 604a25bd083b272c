"""The second factor after the password, with django-allauth's MFA models and checks.

Django's login view stays as it is (its audit, axes and rate limit unchanged). After the
password, `SecondFactorMiddleware` lets a session reach nothing but these pages until the
second factor is confirmed in it: a code from the authenticator app (each code works once,
allauth's replay guard in the shared cache), a recovery code (once), or a passkey. Staff of the
centre (`MFA_ROLES`) must enrol at their first login when `WEGWEISER_MFA_REQUIRED` is on; other
roles, and everyone in the demo, may enrol. An administrator resets a user's factors (audited).
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret, validate_totp_code
from allauth.mfa.webauthn.internal import auth as webauthn_auth
from allauth.mfa.webauthn.internal.auth import WebAuthn
from allauth.usersessions.models import UserSession
from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from wegweiser.core.audit import audit_event
from wegweiser.core.middleware import client_ip
from wegweiser.core.models import AuditEntry

from .models import User

if TYPE_CHECKING:
    from django.contrib.sessions.backends.base import SessionBase

VERIFIED_KEY = "wegweiser_mfa_verified"
FAILURES_KEY = "wegweiser_mfa_failures"
PENDING_SECRET_KEY = "wegweiser_mfa_totp_secret"  # noqa: S105 (a session key name)
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (shown, never bound)
MAX_FAILURES = 5  # wrong codes in one session before it is ended (the password is asked again)
MFA_ROLES = {
    User.Role.CASEWORKER,
    User.Role.TEAM_LEAD,
    User.Role.ADMINISTRATOR,  # manages accounts, roles and teams
    User.Role.AUDITOR,  # reads who opened which person's file
}


class SecretsAdapter(DefaultMFAAdapter):
    """TOTP secrets are stored encrypted with a key derived from SECRET_KEY (a new SECRET_KEY
    means enrolling again)."""

    def _fernet(self) -> Fernet:
        digest = hashlib.sha256(f"wegweiser-mfa:{settings.SECRET_KEY}".encode()).digest()
        return Fernet(base64.urlsafe_b64encode(digest))

    def encrypt(self, text: str) -> str:
        return self._fernet().encrypt(text.encode()).decode()

    def decrypt(self, encrypted_text: str) -> str:
        try:
            return self._fernet().decrypt(encrypted_text.encode()).decode()
        except InvalidToken:
            return encrypted_text  # stored before encryption was switched on


def mfa_is_required() -> bool:
    return bool(settings.WEGWEISER_MFA_REQUIRED)


def required_for(user: User) -> bool:
    return mfa_is_required() and user.role in MFA_ROLES


def authenticators(user: User) -> dict[str, list[Authenticator]]:
    found: dict[str, list[Authenticator]] = {}
    for authenticator in Authenticator.objects.filter(user=user).order_by("created_at"):
        found.setdefault(authenticator.type, []).append(authenticator)
    return found


def has_second_factor(user: User) -> bool:
    return Authenticator.objects.filter(
        user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
    ).exists()


def is_verified(session: SessionBase) -> bool:
    return bool(session.get(VERIFIED_KEY))


def mark_verified(request: HttpRequest, *, how: str) -> None:
    """The second factor is confirmed for this session; a new session id against fixation."""
    request.session.cycle_key()
    request.session[VERIFIED_KEY] = how
    request.session.pop(FAILURES_KEY, None)
    audit_event(
        actor=request.user,  # type: ignore[arg-type]
        action=AuditEntry.Action.LOGIN,
        object_type="accounts.user",
        object_id=request.user.pk,
        purpose=f"mfa_{how}",
    )


def record_failure(request: HttpRequest) -> int:
    """Count a wrong code; the number left before the session is ended."""
    failures = int(request.session.get(FAILURES_KEY, 0)) + 1
    request.session[FAILURES_KEY] = failures
    audit_event(
        actor=None,
        action=AuditEntry.Action.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=request.user.pk,
        purpose="mfa",
    )
    return MAX_FAILURES - failures


def pending_secret(request: HttpRequest) -> str:
    secret = request.session.get(PENDING_SECRET_KEY)
    if not secret:
        secret = request.session[PENDING_SECRET_KEY] = generate_totp_secret()
    return str(secret)


@transaction.atomic
def totp_enrol(*, request: HttpRequest, user: User, code: str) -> list[str] | None:
    """Activate the app with a first code; the new recovery codes, or None if the code is
    wrong. Enrolling proves the factor, so the session counts as confirmed."""
    secret = pending_secret(request)
    if not validate_totp_code(secret, code.strip()):
        return None
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    totp = TOTP.activate(user, secret)
    totp._mark_code_used(code.strip())  # the enrolment code cannot be replayed to log in
    request.session.pop(PENDING_SECRET_KEY, None)
    codes = recovery_codes_renew(user=user)
    audit_event(
        actor=user,
        action=AuditEntry.Action.CREATE,
        object_type="mfa.authenticator",
        object_id=totp.instance.pk,
        fields=["totp"],
    )
    mark_verified(request, how="totp")
    return codes


def recovery_codes_renew(*, user: User) -> list[str]:
    Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).delete()
    return RecoveryCodes.activate(user).get_unused_codes()


def check_code(*, user: User, code: str) -> str | None:
    """A TOTP code (unused) or a recovery code (unused): which one matched, or None."""
    code = code.strip().replace(" ", "")
    for authenticator in Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP):
        if TOTP(authenticator).validate_code(code):
            return "totp"
    for authenticator in Authenticator.objects.filter(
        user=user, type=Authenticator.Type.RECOVERY_CODES
    ):
        if RecoveryCodes(authenticator).validate_code(code):
            return "recovery_code"
    return None


@transaction.atomic
def mfa_reset(*, actor: User, user: User) -> int:
    """An administrator removes every second factor of `user` (lost phone) and ends their
    sessions; at the next login they enrol again. Audited; returns the factors removed."""
    removed, _by_type = Authenticator.objects.filter(user=user).delete()
    for user_session in UserSession.objects.filter(user=user):
        user_session.end()
    audit_event(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type="accounts.user",
        object_id=user.pk,
        fields=["second_factor"],
        purpose="mfa_reset",
    )
    return int(removed)


@transaction.atomic
def passkey_add(*, request: HttpRequest, name: str, credential: dict[str, object]) -> None:
    """Register a passkey (the browser's answer was checked by `complete_registration`)."""
    user: User = request.user  # type: ignore[assignment]
    passkey = WebAuthn.add(user, name, credential)
    audit_event(
        actor=user,
        action=AuditEntry.Action.CREATE,
        object_type="mfa.authenticator",
        object_id=passkey.instance.pk,
        fields=["webauthn"],
    )
    if not is_verified(request.session):
        mark_verified(request, how="webauthn")
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.RECOVERY_CODES).exists():
        RecoveryCodes.activate(user)


@transaction.atomic
def passkey_remove(*, user: User, pk: int) -> None:
    removed, _by_type = Authenticator.objects.filter(
        user=user, pk=pk, type=Authenticator.Type.WEBAUTHN
    ).delete()
    if removed:
        audit_event(
            actor=user,
            action=AuditEntry.Action.DELETE,
            object_type="mfa.authenticator",
            object_id=pk,
            fields=["webauthn"],
        )


def passkey_check(*, user: User, credential: str) -> str | None:
    try:
        response = json.loads(credential)
        webauthn_auth.parse_authentication_response(response)
        authenticator = webauthn_auth.complete_authentication(user, response)
    except (ValueError, TypeError, KeyError, AttributeError, ValidationError):  # a forged answer
        return None
    authenticator.record_usage()
    return "webauthn"


def sessions_of(user: User) -> list[UserSession]:
    return list(UserSession.objects.purge_and_list(user))


def sessions_end_others(*, request: HttpRequest) -> int:
    ended = 0
    for user_session in UserSession.objects.purge_and_list(request.user):
        if user_session.session_key != request.session.session_key:
            user_session.end()
            ended += 1
    audit_event(
        actor=request.user,  # type: ignore[arg-type]
        action=AuditEntry.Action.LOGOUT,
        object_type="accounts.user",
        object_id=request.user.pk,
        purpose="other_sessions_ended",
    )
    return ended


class AccountAdapter(DefaultAccountAdapter):
    """allauth's session list records the client address by the project's one rule."""

    def get_client_ip(self, request: HttpRequest) -> str:
        # The session list needs an address; a request without one (a test client, a local
        # call) is listed as 0.0.0.0 instead of being refused.
        return client_ip(request) or UNKNOWN_ADDRESS
