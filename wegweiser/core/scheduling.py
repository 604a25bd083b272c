"""Periodic work for the task worker: a loop that enqueues a task every so many seconds until
the process is told to stop. `wegweiser serve` runs one such loop per periodic job
(`reminders schedule`, `report schedule`)."""

from __future__ import annotations

import signal
import time
from collections.abc import Callable
from types import FrameType

from django.core.management.base import CommandError, OutputWrapper
from django.db import close_old_connections


def enqueue_every(
    enqueue: Callable[[], object], *, interval: int, announce: str, stdout: OutputWrapper
) -> None:
    """Call `enqueue` now and then every `interval` seconds until SIGTERM or SIGINT."""
    if interval < 1:
        raise CommandError("--interval must be at least 1 second.")
    running = True

    def stop(signum: int, frame: FrameType | None) -> None:
        nonlocal running
        running = False

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    stdout.write(announce)
    stdout.flush()
    next_run = time.monotonic()
    while running:
        if time.monotonic() >= next_run:
            close_old_connections()
            enqueue()
            close_old_connections()
            next_run = time.monotonic() + interval
        time.sleep(0.5)
