"""`wegweiser vacancies import FILE --user USERNAME [--employer NAME] [--check]`."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wegweiser.accounts.models import User
from wegweiser.jobs.imports import MAX_ROWS, ImportReport, vacancy_import
from wegweiser.jobs.selectors import employers_visible_to


class Command(BaseCommand):
    help = "Vacancies from a CSV or XLSX file."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        command = sub.add_parser(
            "import",
            help=f"create the vacancies of a CSV or XLSX file (at most {MAX_ROWS} rows); "
            "all or nothing: if any row has a problem, none is created",
        )
        command.add_argument("file", type=Path, help="CSV or XLSX, headers in German or English")
        command.add_argument(
            "--user", required=True, help="who enters them (recorded in the audit)"
        )
        command.add_argument(
            "--employer",
            help="the employer (organisation name) of every row; else the employer column "
            "names it (staff of an employer always import for their own)",
        )
        command.add_argument("--check", action="store_true", help="check the file, save nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        employer = None
        if options["employer"] and not user.is_employer:
            employer = (
                employers_visible_to(user)
                .filter(organisation__name__iexact=options["employer"].strip())
                .first()
            )
            if employer is None:
                raise CommandError(f"No employer {options['employer']!r} for {user.username}.")
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{path}: {error.strerror or error}") from error

        with transaction.atomic():
            report = vacancy_import(actor=user, data=data, filename=path.name, employer=employer)
            if options["check"]:
                transaction.set_rollback(True)
        self._print(path, report, check=options["check"])

    def _print(self, path: Path, report: ImportReport, *, check: bool) -> None:
        for problem in report.problems:
            self.stdout.write(str(problem))
        rows = _count(report.rows, "data row", "data rows")
        if not report.ok:
            problems = _count(len(report.problems), "problem", "problems")
            raise CommandError(f"{path}: {problems} in {rows}; nothing saved.")
        if check:
            self.stdout.write(f"{path}: {rows} checked, no problems; nothing saved (--check).")
        else:
            created = _count(len(report.created), "vacancy", "vacancies")
            self.stdout.write(f"{path}: {created} created.")


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"
