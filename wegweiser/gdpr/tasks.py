"""The daily retention run as a background task (`wegweiser gdpr retention` runs it at once)."""

from __future__ import annotations

from django_tasks import task

from .retention import retention_run


@task()
def retention_task() -> dict[str, int]:
    return retention_run().counts()
