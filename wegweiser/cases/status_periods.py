"""A case's status periods (`CaseStatusPeriod`), kept in step with its status changes.

The periods follow from the records: every change's new status holds until the next change;
before the first change, the status it left (a case opened through `case_open` has none: its
first change comes from nothing); a case without any change holds its present status
throughout. Whenever a status change or a case's status is saved through the ORM, the
case's periods are computed again from its changes, in the same transaction (the receivers
below); rows written in bulk past the ORM (the benchmark's COPY, the demo generator's
bulk_create) are followed by `status_periods_rebuild()`, as is `wegweiser report rebuild`.
A test compares the kept periods with a rebuild after a series of service calls.
Status changes are never deleted on their own (only with their case, whose periods go with
it), so no receiver listens for deletions.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Case, CaseStatusChange, CaseStatusPeriod

_REBUILD_SQL = """
INSERT INTO {periods} (case_id, status, valid_from, valid_to)
SELECT case_id, to_status, changed_at,
       LEAD(changed_at) OVER (PARTITION BY case_id ORDER BY changed_at, id)
FROM {changes}
WHERE {change_filter}
UNION ALL
SELECT case_id, from_status, NULL, changed_at
FROM (
    SELECT case_id, from_status, changed_at,
           ROW_NUMBER() OVER (PARTITION BY case_id ORDER BY changed_at, id) AS n
    FROM {changes}
    WHERE {change_filter}
) AS ordered
WHERE n = 1 AND from_status <> ''
UNION ALL
SELECT id, status, NULL, NULL
FROM {cases}
WHERE {case_filter}
  AND NOT EXISTS (SELECT 1 FROM {changes} WHERE {changes}.case_id = {cases}.id)
"""


@transaction.atomic
def status_periods_rebuild(*, case_id: int | None = None) -> int:
    """Compute the status periods of one case, or of every case, from the status changes.
    One statement in the database (window functions, on PostgreSQL and SQLite alike), so all
    cases take seconds rather than a loop in Python. Returns the periods written."""
    params: list[Any] = []
    change_filter = case_filter = "1 = 1"
    if case_id is not None:
        change_filter, case_filter = "case_id = %s", "id = %s"
        params = [case_id, case_id, case_id]
    quote = connection.ops.quote_name
    periods = quote(CaseStatusPeriod._meta.db_table)
    sql = _REBUILD_SQL.format(
        periods=periods,
        changes=quote(CaseStatusChange._meta.db_table),
        cases=quote(Case._meta.db_table),
        change_filter=change_filter,
        case_filter=case_filter,
    )
    with connection.cursor() as cursor:
        # A plain DELETE: the ORM's delete() would load every row first (the audit log listens
        # to deletions of every model), millions of rows for a rebuild of all cases.
        cursor.execute(f"DELETE FROM {periods} WHERE {change_filter}", params[:1])  # noqa: S608
        cursor.execute(sql, params)
        return int(cursor.rowcount)


@receiver(post_save, sender=CaseStatusChange)
def _change_written(sender: Any, instance: CaseStatusChange, **kwargs: Any) -> None:
    status_periods_rebuild(case_id=instance.case_id)


@receiver(post_save, sender=Case)
def _case_written(
    sender: Any, instance: Case, created: bool, update_fields: Any = None, **kwargs: Any
) -> None:
    # A case's own status counts only while it has no changes; a save that leaves the
    # status alone changes no period.
    if created or update_fields is None or "status" in update_fields:
        status_periods_rebuild(case_id=instance.pk)
