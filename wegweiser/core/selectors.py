"""Reads of the audit log (auditors only; the log holds ids and field names, no content)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import QuerySet

from .models import AuditEntry
from .paging import CappedPaginator


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    action: str = ""
    object_type: str = ""
    person_id: int | None = None
    date_from: dt.date | None = None
    date_until: dt.date | None = None


def audit_entries(*, filters: AuditFilters) -> QuerySet[AuditEntry]:
    qs = AuditEntry.objects.all()
    if filters.actor:
        qs = qs.filter(actor_username__iexact=filters.actor)
    if filters.action:
        qs = qs.filter(action=filters.action)
    if filters.object_type:
        qs = qs.filter(object_type=filters.object_type)
    if filters.person_id:
        qs = qs.filter(person_id=filters.person_id)
    if filters.date_from:
        qs = qs.filter(at__date__gte=filters.date_from)
    if filters.date_until:
        qs = qs.filter(at__date__lte=filters.date_until)
    return qs.order_by("-at", "-id")


AUDIT_PAGE_SIZE = 50
AUDIT_COUNT_CAP = 1000


def audit_page(*, filters: AuditFilters, page: str | int | None) -> Page:
    """A page of the filtered log. The count stops at 1,000 (`CappedPaginator`): counting the
    whole log, which grows by every page anybody opens, read all of it for every page."""
    return CappedPaginator(
        audit_entries(filters=filters), AUDIT_PAGE_SIZE, cap=AUDIT_COUNT_CAP
    ).get_page(page)


def audit_object_types() -> list[str]:
    return list(
        AuditEntry.objects.order_by("object_type").values_list("object_type", flat=True).distinct()
    )


def own_account_changes(*, days: int = 30) -> QuerySet[AuditEntry]:
    """Changes users made to their own account (a team, and with it case access; a role),
    for the auditor's attention. Written by core.audit.track_account_changes."""
    from django.utils import timezone

    from .audit import OWN_ACCOUNT

    since = timezone.now() - dt.timedelta(days=days)
    return AuditEntry.objects.filter(
        at__gte=since, object_type="accounts.user", purpose__startswith=OWN_ACCOUNT
    ).order_by("-at", "-id")


EXPORT_LIMIT = 200_000  # entries in one export; a longer period is exported in parts


def audit_export_entries(*, filters: AuditFilters) -> QuerySet[AuditEntry]:
    return audit_entries(filters=filters)[:EXPORT_LIMIT]
