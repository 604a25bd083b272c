"""`wegweiser generate --persons N`: synthetic persons with cases, for benchmarks."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from wegweiser.demo.accounts import PERSONS_PER_CASEWORKER
from wegweiser.demo.generator import DEFAULT_SEED, generate


class Command(BaseCommand):
    help = (
        "Add N synthetic persons with their cases, orientations, notes and consents "
        "(and the demo centre's accounts if missing). Prints the elapsed seconds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, required=True, help="How many persons.")
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Random seed (same seed, same data)."
        )
        parser.add_argument(
            "--caseload",
            type=int,
            default=PERSONS_PER_CASEWORKER,
            help=(
                "Persons one full-time caseworker carries; teams are added where the "
                f"register outgrows the staff ({PERSONS_PER_CASEWORKER}; 0: the demo staff "
                "takes every case)."
            ),
        )

    def handle(
        self, *args: Any, persons: int, seed: int, caseload: int, verbosity: int, **options: Any
    ) -> None:
        if persons < 1:
            raise CommandError("--persons must be at least 1.")
        if caseload < 0:
            raise CommandError("--caseload cannot be negative.")

        def progress(done: int, total: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"{done:,} of {total:,} persons")

        result = generate(
            persons=persons, seed=seed, progress=progress, persons_per_caseworker=caseload
        )
        if verbosity >= 1:
            for label, count in sorted(result.counts.items()):
                self.stdout.write(f"  {label:28} {count:>10,}")
        self.stdout.write(
            f"Generated {result.persons:,} persons (seed {result.seed}) "
            f"in {result.seconds:.1f} seconds."
        )
