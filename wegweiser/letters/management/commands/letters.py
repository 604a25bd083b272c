"""`wegweiser letters render`: a letter as a PDF from the command line, and
`wegweiser letters load-texts`: the shipped letter texts that a database does not have yet.

`render` acts as a named user: their scope applies (a person outside it is an error, as on
the page), the letter is stored with the case like one made on the page, and the read and
the letter are audited under their name.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import Http404

from wegweiser.accounts.models import User
from wegweiser.cases.selectors import case_get_for_user
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.letters import selectors
from wegweiser.letters.models import NEEDS_APPOINTMENT, NEEDS_PLAN, Kind, Language, LetterText
from wegweiser.letters.pdf import PdfUnavailable
from wegweiser.letters.reference_texts import load_reference_texts
from wegweiser.letters.services import letter_create
from wegweiser.people.selectors import person_get_for_user

FILE_MODE = 0o600  # the letter holds personal data: readable by its owner only


class Command(BaseCommand):
    help = "Letters in German and the person's language: render one as PDF, load the texts."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        render = commands.add_parser("render", help="make a letter for a person and write it")
        render.add_argument("--kind", required=True, choices=Kind.values)
        render.add_argument("--language", required=True, choices=Language.values)
        render.add_argument("--person", required=True, type=int, help="the person's number")
        render.add_argument("--user", required=True, help="user name; their scope applies")
        render.add_argument("--output", required=True, type=Path, help="PDF file (mode 0600)")
        render.add_argument(
            "--appointment",
            type=int,
            help="for invitation and reminder (default: the person's next appointment)",
        )
        render.add_argument(
            "--documents", default="", help="for documents-request: the documents, one per line"
        )
        render.add_argument(
            "--reply-by",
            type=dt.date.fromisoformat,
            help="for documents-request: YYYY-MM-DD (default: two weeks from today)",
        )
        commands.add_parser("load-texts", help="add the shipped texts that are missing")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load-texts":
            self._load_texts()
        else:
            self._render(options)

    def _load_texts(self) -> None:
        with transaction.atomic(), acting_as(None):
            created = load_reference_texts(LetterText)
            if created:
                audit_event(
                    actor=None,
                    action=AuditEntry.Action.CREATE,
                    object_type="letters.lettertext",
                    purpose="load_reference_texts",
                )
        self.stdout.write(f"{created} letter texts added (as drafts).")

    def _render(self, options: dict[str, Any]) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        if not user.works_cases:
            raise CommandError(f"{user.username} does not work cases and cannot make letters.")
        kind, person_id = options["kind"], options["person"]
        out_of_scope = CommandError(
            f"Person {person_id} does not exist or is not in the scope of {user.username}."
        )
        try:
            person = person_get_for_user(user=user, pk=person_id, purpose="letter_cli")
            case_id = getattr(getattr(person, "case", None), "pk", None)
            if case_id is None:
                raise CommandError(f"Person {person_id} has no case to store the letter with.")
            case = case_get_for_user(user=user, pk=case_id, purpose="letter_cli")
        except Http404 as error:
            raise out_of_scope from error
        appointment = None
        if kind in NEEDS_APPOINTMENT:
            if options["appointment"] is not None:
                try:
                    appointment = selectors.appointment_for_letter(
                        user=user, case=case, pk=options["appointment"]
                    )
                except Http404 as error:
                    raise CommandError(
                        f"Appointment {options['appointment']} is not one of person "
                        f"{person_id}'s in the scope of {user.username}."
                    ) from error
            else:
                appointment = selectors.next_appointment(user=user, case=case)
        plan = selectors.agreed_plan(case=case) if kind in NEEDS_PLAN else None
        try:
            letter = letter_create(
                actor=user,
                case=case,
                kind=kind,
                language=options["language"],
                appointment=appointment,
                plan=plan,
                details={
                    "documents": options["documents"].replace("\\n", "\n"),
                    "reply_by": options["reply_by"],
                },
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except PdfUnavailable as error:
            raise CommandError(f"PDF output is not available on this system: {error}") from error
        _write_private(options["output"], bytes(letter.pdf))
        if letter.from_draft:
            self.stderr.write(
                "Note: made from a text that has not been reviewed yet; check the translation "
                "before handing the letter out."
            )
        self.stdout.write(
            f"Letter {letter.pk} ({kind}, de+{options['language']}) for person {person_id} "
            f"stored with the case and written to {options['output']}."
        )


def _write_private(path: Path, content: bytes) -> None:
    """Write through a 0600 file in the target's directory, moved over the target."""
    try:
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    try:
        os.fchmod(fd, FILE_MODE)
        with os.fdopen(fd, "wb") as file:
            file.write(content)
        os.replace(temporary, path)
    except OSError as error:
        raise CommandError(f"{path}: {error.strerror}") from error
    finally:
        Path(temporary).unlink(missing_ok=True)
