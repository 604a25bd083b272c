"""The nightly retention run as a background task.

`wegweiser gdpr retention` runs it at once; `wegweiser gdpr retention --schedule` queues it
for the coming night, and every run queues the next one, so once scheduled it runs daily
wherever the task worker runs. Only one future run is ever queued.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import TaskResultStatus, task

from .retention import retention_run

RUN_AT = dt.time(3, 0)  # local time: after the working day, before the backup


def next_run(now: dt.datetime) -> dt.datetime:
    local = timezone.localtime(now)
    at = timezone.make_aware(dt.datetime.combine(local.date(), RUN_AT))
    return at if at > now else at + dt.timedelta(days=1)


def retention_schedule() -> dt.datetime | None:
    """Queue the next nightly run unless one is queued; None if nothing was queued (one is
    already waiting, or the task backend cannot run tasks later)."""
    if not retention_task.get_backend().supports_defer:
        return None
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(
        task_path=retention_task.module_path, status=TaskResultStatus.READY
    ).exists():
        return None
    when = next_run(timezone.now())
    retention_task.using(run_after=when).enqueue()
    return when


@task()
def retention_task() -> dict[str, int]:
    try:
        return retention_run().counts()
    finally:
        retention_schedule()
