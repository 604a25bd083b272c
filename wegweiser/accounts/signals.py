"""Logins, logouts and failed logins go to the audit log (the name tried is not stored)."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from wegweiser.core.audit import audit_event
from wegweiser.core.middleware import SESSION_STARTED_KEY
from wegweiser.core.models import AuditEntry

from .models import User


@receiver(user_logged_in)
def _logged_in(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    request.session[SESSION_STARTED_KEY] = time.time()  # the 12-hour limit counts from here
    audit_event(
        actor=user, action=AuditEntry.Action.LOGIN, object_type="accounts.user", object_id=user.pk
    )


@receiver(user_logged_out)
def _logged_out(sender: Any, request: HttpRequest, user: User | None, **kwargs: Any) -> None:
    if user is not None:
        audit_event(
            actor=user,
            action=AuditEntry.Action.LOGOUT,
            object_type="accounts.user",
            object_id=user.pk,
        )


@receiver(user_login_failed)
def _login_failed(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    audit_event(actor=None, action=AuditEntry.Action.LOGIN_FAILED, object_type="accounts.user")
