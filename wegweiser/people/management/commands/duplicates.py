"""`wegweiser duplicates`: run the duplicate search now and fill the review queue."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.accounts.models import Organisation
from wegweiser.identity.duplicate_model import BACKENDS
from wegweiser.identity.duplicate_rescoring import DEFAULT_THRESHOLD
from wegweiser.people.duplicate_search import (
    DuplicateSearchBusy,
    duplicate_backend,
    duplicate_searches_recover,
    run_duplicate_detection,
)


class Command(BaseCommand):
    help = (
        "Compare all persons of an organisation with the Splink model (trained without "
        "labels) and put the pairs above the threshold into the review queue. Pairs already "
        "open or decided are not proposed again; nothing is merged."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--organisation",
            help="Name of the organisation (default: the only one with persons).",
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=DEFAULT_THRESHOLD,
            help=f"Match probability from which a pair is proposed (default {DEFAULT_THRESHOLD}).",
        )

        parser.add_argument(
            "--backend",
            choices=BACKENDS,
            help="Where Splink runs: duckdb, or spark (needs the extra 'spark'; default: the "
            "setting WEGWEISER_DUPLICATE_BACKEND, else duckdb).",
        )

    def handle(
        self,
        *args: Any,
        organisation: str | None,
        threshold: float,
        backend: str | None = None,
        **options: Any,
    ) -> None:
        if organisation:
            found = Organisation.objects.filter(name=organisation).first()
        else:
            candidates = Organisation.objects.filter(kind=Organisation.Kind.CENTRE)
            found = candidates.first() if candidates.count() == 1 else None
        if found is None:
            raise CommandError("Name the organisation with --organisation.")
        if not 0 < threshold < 1:
            raise CommandError("--threshold must be between 0 and 1.")
        duplicate_searches_recover(organisation=found)
        try:
            result = run_duplicate_detection(
                organisation=found, threshold=threshold, backend=backend or duplicate_backend()
            )
        except DuplicateSearchBusy as busy:
            raise CommandError(
                f"A duplicate search of {found} is already {busy.search.status} "
                f"(requested {busy.search.requested_at:%Y-%m-%d %H:%M})."
            ) from None
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in result.seconds.items())
        self.stdout.write(
            f"{result.persons:,} persons compared, {result.proposed:,} pairs above "
            f"{threshold}, {result.new_pairs:,} new in the queue ({steps})."
        )
