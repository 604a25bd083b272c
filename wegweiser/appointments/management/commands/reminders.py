"""`wegweiser reminders send [--now ISO]` runs the reminder job once, here and now;
`wegweiser reminders schedule` enqueues it every WEGWEISER_REMINDER_INTERVAL_SECONDS for the
task worker (started by `wegweiser serve` and `wegweiser demo`, or on its own in production)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.appointments.reminders import send_due_reminders, send_reminders_task
from wegweiser.core.scheduling import enqueue_every


class Command(BaseCommand):
    help = "Send the appointment reminders and staff digests that are due, or schedule them."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        send = sub.add_parser("send", help="Send what is due now, once.")
        send.add_argument(
            "--now", default=None, help="Pretend it is this moment (ISO 8601, with offset)."
        )
        schedule = sub.add_parser("schedule", help="Enqueue the job periodically until stopped.")
        schedule.add_argument(
            "--interval",
            type=int,
            default=None,
            help="Seconds between runs (default: WEGWEISER_REMINDER_INTERVAL_SECONDS).",
        )

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        if action == "send":
            self.send(options["now"])
        else:
            self.schedule(options["interval"] or settings.WEGWEISER_REMINDER_INTERVAL_SECONDS)

    def send(self, now_text: str | None) -> None:
        now = None
        if now_text:
            try:
                now = dt.datetime.fromisoformat(now_text)
            except ValueError as error:
                raise CommandError(f"--now is not an ISO 8601 moment: {now_text}") from error
            if now.tzinfo is None:
                raise CommandError("--now needs a UTC offset, e.g. 2026-12-07T08:00+01:00.")
        result = send_due_reminders(now=now)
        self.stdout.write(
            f"reminders sent: {result.sent}, failed: {result.failed}, "
            f"not sent (no consent or address): {result.skipped}, staff digests: {result.digests}"
        )

    def schedule(self, interval: int) -> None:
        enqueue_every(
            send_reminders_task.enqueue,
            interval=interval,
            announce=f"Enqueueing the reminder job every {interval} seconds.",
            stdout=self.stdout,
        )
