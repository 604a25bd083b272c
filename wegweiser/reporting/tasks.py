"""The periodic job of the reports: the dashboard's snapshots computed again
(`reporting.snapshots`), enqueued by `wegweiser report schedule`."""

from __future__ import annotations

from django_tasks import task

from .snapshots import snapshots_refresh


@task()
def refresh_snapshots_task() -> int:
    return snapshots_refresh()
