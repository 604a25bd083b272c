"""`wegweiser report annual`: the annual report as a PDF, and `wegweiser report indicators`:
the ESF Plus indicators as XLSX (or CSV), for scheduled runs.

Both act as a named user of the management role, as on the page: anyone else is refused, and
the report handed out is audited under their name like a download.
"""

from __future__ import annotations

import os
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.core.audit import acting_as
from wegweiser.letters.pdf import PdfUnavailable
from wegweiser.reporting.annual import FIRST_YEAR, annual_for_user, audit_report
from wegweiser.reporting.annual_exports import indicators_csv, indicators_xlsx
from wegweiser.reporting.annual_pdf import LANGUAGES, render_annual_pdf
from wegweiser.reporting.esf import esf_for_user

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

    def handle(self, *args: Any, **options: Any) -> None:
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
