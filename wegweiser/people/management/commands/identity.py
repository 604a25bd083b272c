"""`wegweiser identity link|compare|reindex`: list reconciliation and the name-key index."""

from __future__ import annotations

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import translation

from wegweiser.identity.reconciliation import (
    PAIR_COLUMNS,
    QUERY_COLUMNS,
    REGISTRY_COLUMNS,
    FileProblem,
    Register,
    RowProblem,
    compare_pairs,
    entries,
    link,
)
from wegweiser.people.list_files import links_csv, pairs_csv, read_upload
from wegweiser.people.list_messages import file_problem_text, row_problem_text


class Command(BaseCommand):
    help = "Identity resolution: link a list, compare name pairs, rebuild the name keys."

    def add_arguments(self, parser: ArgumentParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        link_parser = sub.add_parser("link", help="Who on a list is already known?")
        link_parser.add_argument("--queries", required=True, type=Path)
        link_parser.add_argument("--registry", type=Path, help="CSV register; else the database")
        link_parser.add_argument("--user", help="whose scope to search in the database")
        link_parser.add_argument("--top", type=int, default=10)
        link_parser.add_argument("--output", required=True, type=Path)
        compare = sub.add_parser("compare", help="Score pairs of names.")
        compare.add_argument("--input", required=True, type=Path)
        compare.add_argument("--output", required=True, type=Path)
        sub.add_parser("reindex", help="Rebuild every person's name keys.")

    def handle(self, *args: Any, **options: Any) -> None:
        # Problems are reported in the product's language, whatever was active before.
        with translation.override(settings.LANGUAGE_CODE):
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        action = options["action"]
        if action == "link":
            self._link(options)
        elif action == "compare":
            self._compare(options)
        else:
            self._reindex()

    def _read(self, path: Path, required: tuple[str, ...]) -> Any:
        try:
            return read_upload(path.read_bytes(), path.name, required)
        except FileNotFoundError as error:
            raise CommandError(f"{path}: no such file") from error
        except FileProblem as error:
            raise CommandError(f"{path}: {file_problem_text(error)}") from error

    def _report(self, path: Path, problems: list[RowProblem], done: int) -> None:
        for problem in problems:
            self.stderr.write(f"{path}: {row_problem_text(problem)}")
        if done == 0:
            raise CommandError(f"{path}: no row could be processed")

    def _link(self, options: dict[str, Any]) -> None:
        table = self._read(options["queries"], QUERY_COLUMNS)
        queries, problems = entries(table, "query_id")
        self._report(options["queries"], problems, len(queries))
        if options["registry"]:
            registry_table = self._read(options["registry"], REGISTRY_COLUMNS)
            records, registry_problems = entries(registry_table, "id")
            self._report(options["registry"], registry_problems, len(records))
            links = link(queries, Register(records), top=options["top"])
        else:
            links = self._link_database(queries, options)
        options["output"].write_text(links_csv(links), encoding="utf-8")
        self.stdout.write(
            f"{len(queries)} rows linked, {len(problems)} skipped, "
            f"{len(links)} candidates written to {options['output']}"
        )

    def _link_database(self, queries: list[Any], options: dict[str, Any]) -> list[Any]:
        from wegweiser.accounts.models import User
        from wegweiser.people.reconcile import link_against_register

        if not options["user"]:
            raise CommandError("--user is required to link against the database (its scope).")
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user {options['user']!r}.")
        with transaction.atomic():
            return link_against_register(user=user, queries=queries, top=options["top"])

    def _compare(self, options: dict[str, Any]) -> None:
        table = self._read(options["input"], PAIR_COLUMNS)
        scores, problems = compare_pairs(table)
        self._report(options["input"], problems, len(scores))
        options["output"].write_text(pairs_csv(scores), encoding="utf-8")
        self.stdout.write(f"{len(scores)} pairs scored, {len(problems)} skipped")

    def _reindex(self) -> None:
        from wegweiser.core.audit import acting_as, audit_event
        from wegweiser.people.models import Person
        from wegweiser.people.name_keys import refresh_name_keys

        count = 0
        with transaction.atomic(), acting_as(None):
            for person in Person.objects.prefetch_related("spellings").iterator(chunk_size=2000):
                refresh_name_keys(person)
                count += 1
            audit_event(
                actor=None,
                action="update",
                object_type="people.namekey",
                purpose=f"name keys rebuilt for {count} persons",
            )
        self.stdout.write(f"name keys rebuilt for {count} persons")
