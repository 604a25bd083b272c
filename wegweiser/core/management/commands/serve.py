"""`wegweiser serve`: the production WSGI server (gunicorn), not Django's runserver."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from wegweiser.core.management.server import default_workers, serve


class Command(BaseCommand):
    help = (
        "Serve Wegweiser with gunicorn under the settings in DJANGO_SETTINGS_MODULE, with the "
        "task worker and the schedulers (reminders, report snapshots) beside it. Static files "
        "are served by "
        "whitenoise; run collectstatic first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="Address to bind.")
        parser.add_argument("--port", type=int, default=8000, help="Port to bind.")
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="Worker processes (default: two per core plus one).",
        )
        parser.add_argument(
            "--no-background",
            action="store_true",
            help="Do not start the task worker and the schedulers (when they run as "
            "services of their own).",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: int,
        workers: int,
        no_background: bool,
        **options: Any,
    ) -> None:
        serve(host=host, port=port, workers=workers, background=not no_background)
