"""`wegweiser backup --output FILE`: an encrypted backup of the database and the data files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from wegweiser.core.audit import audit_event
from wegweiser.core.backup import BackupError, backup_create
from wegweiser.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Write an encrypted backup (key: WEGWEISER_BACKUP_KEY) of the database the settings "
        "point at (SQLite: online backup API; PostgreSQL: pg_dump) and of the files under "
        "the data directory. Runs while the server serves."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", required=True, type=Path, help="The backup file.")

    def handle(self, *args: Any, output: Path, **options: Any) -> None:
        try:
            summary = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            audit_event(
                actor=None,
                action=AuditEntry.Action.EXPORT,
                object_type="database",
                object_id=f"backup {summary.created_at}",
                purpose="backup",
            )
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Backup written to {output}: {summary.engine}, {len(summary.tables)} tables, "
            f"{rows:,} rows, {summary.files} files, {summary.bytes:,} bytes (encrypted)."
        )
