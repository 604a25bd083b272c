"""`wegweiser gdpr export`: the subject access report of a person as a file (Art. 15/20 GDPR).
`wegweiser gdpr retention [--dry-run]`: the retention run (see wegweiser/gdpr/retention.py), the
same the daily task does; with --dry-run it only lists what it would erase.

The command acts as a named user: their scope applies (a person outside it is an error, as
on the page) and the read and the export are audited under their name, as a download is.
"""

from __future__ import annotations

import os
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.http import Http404
from django.utils import translation

from wegweiser.accounts.models import User
from wegweiser.gdpr.exports import FORMATS, PdfUnavailable
from wegweiser.gdpr.retention import retention_run
from wegweiser.gdpr.selectors import subject_access_export
from wegweiser.gdpr.tasks import retention_schedule

FILE_MODE = 0o600  # the file holds a whole person file: readable by its owner only


class Command(BaseCommand):
    help = "Data protection: the subject access report of a person (Art. 15 and 20 GDPR)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        export = commands.add_parser("export", help="write everything held about a person")
        export.add_argument("--person", required=True, type=int, help="the person's number")
        export.add_argument("--user", required=True, help="user name; their scope applies")
        export.add_argument("--format", required=True, choices=sorted(FORMATS), dest="fmt")
        export.add_argument("--out", required=True, type=Path, help="file to write (mode 0600)")
        export.add_argument(
            "--language",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.LANGUAGES],
            help=f"language of the report (default {settings.LANGUAGE_CODE})",
        )

        retention = commands.add_parser("retention", help="erase what is past its retention")
        retention.add_argument(
            "--dry-run", action="store_true", help="list what would be erased, change nothing"
        )
        retention.add_argument(
            "--schedule",
            action="store_true",
            help="queue the nightly run for the task worker instead (each run queues the next)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "retention" and options["schedule"]:
            when = retention_schedule()
            self.stdout.write(
                f"Nightly retention run queued for {when:%Y-%m-%d %H:%M}."
                if when
                else "A retention run is already queued (or tasks run at once here)."
            )
            return
        if options["action"] == "retention":
            self._retention(dry_run=options["dry_run"])
            return
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        if not user.works_cases:
            raise CommandError(f"{user.username} does not work cases and cannot see persons.")
        out: Path = options["out"]
        fd, temporary = _private_file_next_to(out)
        try:
            with os.fdopen(fd, "wb") as file, translation.override(options["language"]):
                export = subject_access_export(user=user, pk=options["person"], fmt=options["fmt"])
                file.write(export.content)
            os.replace(temporary, out)
        except Http404 as error:
            raise CommandError(
                f"Person {options['person']} does not exist or is not in the scope of "
                f"{user.username}."
            ) from error
        except PdfUnavailable as error:
            raise CommandError(f"PDF output is not available on this system: {error}") from error
        except OSError as error:
            raise CommandError(f"{out}: {error.strerror}") from error
        finally:
            Path(temporary).unlink(missing_ok=True)  # gone after the move; left over on error
        self.stdout.write(f"Subject access report of person {options['person']} written to {out}.")

    def _retention(self, *, dry_run: bool) -> None:
        plan = retention_run(dry_run=dry_run)
        counts = ", ".join(f"{kind}={count}" for kind, count in plan.counts().items())
        if dry_run:
            self.stdout.write(f"Dry run, nothing changed. Due: {counts}.")
            self.stdout.write(f"Person files due: {plan.persons}; held cases: {plan.held_cases}")
        else:
            self.stdout.write(f"Retention run done: {counts}; receipts {plan.erasures}.")


def _private_file_next_to(path: Path) -> tuple[int, str]:
    """A new file with mode 0600 in the target's directory, to be moved over the target, so
    the report is never readable by others, not even while it is written."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    os.fchmod(fd, FILE_MODE)
    return fd, temporary
