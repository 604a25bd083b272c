"""`wegweiser audit verify` checks the audit log's hash chain; `wegweiser audit grant-app-role
ROLE` gives a PostgreSQL application role its rights (run as the migration role)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from wegweiser.core.audit import audit_verify
from wegweiser.core.dbroles import app_role_grants


class Command(BaseCommand):
    help = "Verify the audit log's hash chain, or grant a PostgreSQL application role its rights."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="Walk the chain; exit 1 on any change, gap or reordering.")
        grant = sub.add_parser(
            "grant-app-role",
            help="Grant ROLE read/write on the tables but only SELECT/INSERT on the audit log.",
        )
        grant.add_argument("role")
        grant.add_argument("--schema", default="public")
        grant.add_argument(
            "--print", action="store_true", help="Print the SQL instead of running it."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self._verify()
        else:
            self._grant(options["role"], options["schema"], options["print"])

    def _verify(self) -> None:
        report = audit_verify()
        for problem in report.problems:
            self.stdout.write(f"{problem.sequence}: {problem.kind}: {problem.detail}")
        self.stdout.write(
            f"{report.checked} entries checked; head {report.head_sequence} {report.head_hash}"
        )
        if not report.intact:
            raise CommandError("the audit chain is broken")
        self.stdout.write("the audit chain is intact")

    def _grant(self, role: str, schema: str, print_only: bool) -> None:
        try:
            statements = app_role_grants(role, schema=schema)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if print_only:
            self.stdout.write(";\n".join(statements) + ";")
            return
        if connection.vendor != "postgresql":
            raise CommandError("database roles exist only on PostgreSQL")
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
        self.stdout.write(f"granted {role} its rights in schema {schema}")
