"""E-mails about the account: reset done, unlock link. Plain text in the user's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry

if TYPE_CHECKING:
    from .models import User


def _send(user: User, template: str, context: dict[str, object]) -> None:
    subject, _sep, body = render_to_string(template, {"user": user, **context}).partition("\n")
    send_mail(subject.strip(), body.lstrip(), settings.DEFAULT_FROM_EMAIL, [user.email])


def notify_password_reset(user: User) -> None:
    """Tell the user that their password was reset, so a reset they did not ask for shows."""
    audit_event(
        actor=user,
        action=AuditEntry.Action.UPDATE,
        object_type="accounts.user",
        object_id=user.pk,
        fields=["password"],
        purpose="password_reset",
    )
    if user.email:
        _send(user, "accounts/email/password_reset_notice.txt", {})


def send_unlock_link(request: HttpRequest, user: User, token: str) -> None:
    link = request.build_absolute_uri(reverse("accounts:unlock", args=[token]))
    _send(user, "accounts/email/unlock.txt", {"link": link})
