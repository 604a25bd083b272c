"""`wegweiser report annual`: the annual report as a PDF, and `wegweiser report indicators`:
the ESF Plus indicators as XLSX (or CSV), for scheduled runs. `wegweiser report rebuild`
computes the cases' status periods, which the figures read, again from the status changes
(after data was loaded past the application, or to repair them); `wegweiser report refresh`
computes the dashboard's snapshots now, `wegweiser report schedule` enqueues that refresh for
the task worker periodically (`wegweiser serve` runs it).

Both act as a named user of the management role, as on the page: anyone else is refused, and
the report handed out is audited under their name like a download.
"""

from __future__ import annotations

import os
import tempfile
import time
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.cases.status_periods import status_periods_rebuild
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.core.scheduling import enqueue_every
from wegweiser.letters.pdf import PdfUnavailable
from wegweiser.reporting.annual import FIRST_YEAR, annual_for_user, audit_report
from wegweiser.reporting.annual_exports import indicators_csv, indicators_xlsx
from wegweiser.reporting.annual_pdf import LANGUAGES, render_annual_pdf
from wegweiser.reporting.esf import esf_for_user
from wegweiser.reporting.snapshots import snapshots_refresh
from wegweiser.reporting.tasks import refresh_snapshots_task

FILE_MODE = 0o600  # like the page's download: for the person who asked for it


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise ValueError(text)
    return year


class Command(BaseCommand):
    help = "The annual report as PDF and the ESF Plus indicators as XLSX or CSV."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        annual = commands.add_parser("annual", help="the annual report as a PDF")
        annual.add_argument("--year", required=True, type=_year)
        annual.add_argument("--language", required=True, choices=LANGUAGES)
        annual.add_argument("--output", required=True, type=Path, help="PDF file")
        annual.add_argument("--user", required=True, help="user name of the management")
        indicators = commands.add_parser(
            "indicators", help="the ESF Plus indicators on participants as XLSX or CSV"
        )
        indicators.add_argument("--year", required=True, type=_year)
        indicators.add_argument(
            "--output", required=True, type=Path, help="file ending in .xlsx or .csv"
        )
        indicators.add_argument("--user", required=True, help="user name of the management")
        commands.add_parser(
            "rebuild", help="compute the cases' status periods again from the status changes"
        )
        commands.add_parser("refresh", help="compute the dashboard's snapshots now")
        schedule = commands.add_parser(
            "schedule", help="enqueue the refresh of the dashboard's snapshots periodically"
        )
        schedule.add_argument(
            "--interval",
            type=int,
            default=None,
            help="seconds between runs (default: WEGWEISER_REPORT_SNAPSHOT_INTERVAL_SECONDS)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "rebuild":
            self._rebuild()
            return
        if options["action"] == "refresh":
            started = time.perf_counter()
            written = snapshots_refresh()
            seconds = time.perf_counter() - started
            self.stdout.write(f"{written} figure snapshots computed in {seconds:.1f} s.")
            return
        if options["action"] == "schedule":
            self._schedule(
                options["interval"] or settings.WEGWEISER_REPORT_SNAPSHOT_INTERVAL_SECONDS
            )
            return
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        output: Path = options["output"]
        year: int = options["year"]
        today = timezone.localdate()
        try:
            with transaction.atomic(), acting_as(user):
                if options["action"] == "annual":
                    language = options["language"]
                    content = self._annual(user, year, language, today)
                    audit_report(
                        user=user,
                        report="annual_report",
                        year=year,
                        fmt="pdf",
                        language=language,
                        purpose="annual_report_cli",
                    )
                else:
                    fmt = output.suffix.lower().lstrip(".")
                    if fmt not in ("xlsx", "csv"):
                        raise CommandError("The output file must end in .xlsx or .csv.")
                    esf = esf_for_user(user=user, year=year)
                    render = indicators_xlsx if fmt == "xlsx" else indicators_csv
                    content = render(esf, today=today)
                    audit_report(
                        user=user,
                        report="esf_indicators",
                        year=year,
                        fmt=fmt,
                        language="",
                        purpose="esf_indicators_cli",
                    )
                self._write(output, content)
        except PermissionDenied as error:
            raise CommandError(
                f"{user.username} is not in the management role and cannot make reports."
            ) from error
        self.stdout.write(f"{output} written ({len(content)} bytes).")

    def _rebuild(self) -> None:
        started = time.perf_counter()
        with transaction.atomic(), acting_as(None):
            periods = status_periods_rebuild()
            audit_event(
                actor=None,
                action=AuditEntry.Action.UPDATE,
                object_type="cases.casestatusperiod",
                fields=["status", "valid_from", "valid_to"],
                purpose="report_rebuild_cli",
            )
        seconds = time.perf_counter() - started
        self.stdout.write(f"{periods} status periods rebuilt in {seconds:.1f} s.")

    def _schedule(self, interval: int) -> None:
        """Enqueue the refresh now and then every `interval` seconds, for the task worker."""
        enqueue_every(
            refresh_snapshots_task.enqueue,
            interval=interval,
            announce=f"Enqueueing the refresh of the report snapshots every {interval} s.",
            stdout=self.stdout,
        )

    def _annual(self, user: User, year: int, language: str, today: Any) -> bytes:
        figures = annual_for_user(user=user, year=year)
        esf = esf_for_user(user=user, year=year)
        try:
            return render_annual_pdf(figures, esf, language=language, today=today)
        except PdfUnavailable as error:
            raise CommandError(f"PDF output is not available here: {error}") from error

    def _write(self, output: Path, content: bytes) -> None:
        """Written next to the target and renamed, so that a scheduled run never leaves half a
        file behind."""
        directory = output.resolve().parent
        if not directory.is_dir():
            raise CommandError(f"The folder {directory} does not exist.")
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=".report-")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(content)
            os.chmod(temporary, FILE_MODE)
            os.replace(temporary, output)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
