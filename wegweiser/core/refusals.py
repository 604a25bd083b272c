"""Refused accesses: 403 on any page, 404 on pages about a person or a case.

Guessing ids leaves a trace without one audit entry per request: refusals are counted per
user, reason, page and minute (`AccessRefusal`), and the first refusal of each such minute
is also an audit entry (in the hash chain). The auditor's page lists users whose refusals in
a period exceed a threshold (`unusual_refusals`).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Sum
from django.http import HttpRequest
from django.utils import timezone

from .audit import audit_event
from .models import AccessRefusal, AuditEntry

logger = logging.getLogger(__name__)

# URL namespaces whose pages are about a person or a case; a 404 there may be id guessing.
PERSON_AND_CASE_NAMESPACES = {"people", "cases", "courses", "jobs", "recognition", "gdpr"}
# Our own choice: this many refusals of one user within a day is worth the auditor's look.
UNUSUAL_REFUSALS = 20


def _is_person_or_case_url(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:
        return False
    if set(match.namespaces) & PERSON_AND_CASE_NAMESPACES:
        return bool(match.kwargs)
    return any("person" in key or "case" in key for key in match.kwargs)


def refusal_reason(request: HttpRequest, status: int) -> str | None:
    if status == 403:
        return AccessRefusal.Reason.FORBIDDEN
    if status == 404 and _is_person_or_case_url(request):
        return AccessRefusal.Reason.NOT_FOUND
    return None


def record_refusal(request: HttpRequest, status: int) -> None:
    """Count a refused request of a logged-in user; the first of its minute is audited."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return
    reason = refusal_reason(request, status)
    if reason is None:
        return
    match = request.resolver_match
    view_name = (match.view_name if match else request.path)[:100]
    minute = timezone.now().replace(second=0, microsecond=0)
    window = {"user": user, "reason": reason, "view_name": view_name, "minute": minute}
    try:
        _count(window, match.kwargs if match else {}, user, view_name, reason, status)
    except DatabaseError:  # the refusal stands; only its record failed (logged for operators)
        logger.exception("could not record a refused access to %s", view_name)


def _count(
    window: dict[str, Any],
    kwargs: dict[str, Any],
    user: Any,
    view_name: str,
    reason: str,
    status: int,
) -> None:
    with transaction.atomic():
        if AccessRefusal.objects.filter(**window).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                AccessRefusal.objects.create(username=user.get_username(), **window)
        except IntegrityError:  # another process counted the first one of this minute
            AccessRefusal.objects.filter(**window).update(count=F("count") + 1)
            return
        audit_event(
            actor=user,
            action=AuditEntry.Action.REFUSED,
            object_type=view_name,
            object_id=",".join(f"{k}={v}" for k, v in sorted(kwargs.items()))[:64],
            purpose=f"{reason} ({status})",
        )


@dataclass(frozen=True)
class UnusualRefusals:
    username: str
    refusals: int
    pages: int
    first: dt.datetime
    last: dt.datetime


def unusual_refusals(
    *, since: dt.datetime | None = None, threshold: int = UNUSUAL_REFUSALS
) -> list[UnusualRefusals]:
    """Users with at least `threshold` refusals since `since` (default: the last 24 hours)."""
    since = since or timezone.now() - dt.timedelta(days=1)
    rows = (
        AccessRefusal.objects.filter(minute__gte=since)
        .values("user_id", "username")
        .annotate(total=Sum("count"))
        .filter(total__gte=threshold)
        .order_by("-total", "username")
    )
    result = []
    for row in rows:
        windows = AccessRefusal.objects.filter(minute__gte=since, user_id=row["user_id"])
        minutes = list(windows.order_by("minute").values_list("minute", flat=True))
        result.append(
            UnusualRefusals(
                username=row["username"],
                refusals=row["total"],
                pages=windows.values("view_name").distinct().count(),
                first=minutes[0],
                last=minutes[-1],
            )
        )
    return result
