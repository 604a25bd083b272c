"""`wegweiser restore --input FILE`: restore a backup into the database the settings point at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from wegweiser.core.audit import audit_event
from wegweiser.core.backup import BackupError, backup_restore
from wegweiser.core.models import AuditEntry


class Command(BaseCommand):
    help = (
        "Restore an encrypted backup (key: WEGWEISER_BACKUP_KEY) into the database the "
        "settings point at: a new data directory (WEGWEISER_VAR_DIR) or an empty PostgreSQL "
        "database. A database that holds data is only overwritten with --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, type=Path, help="The backup file.")
        parser.add_argument(
            "--force", action="store_true", help="Overwrite a database that holds data."
        )

    def handle(self, *args: Any, input: Path, force: bool, **options: Any) -> None:
        if not input.is_file():
            raise CommandError(f"{input} does not exist.")
        try:
            summary = backup_restore(input=input, force=force)
        except BackupError as error:
            raise CommandError(str(error)) from error
        with transaction.atomic():
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="database",
                object_id=f"restore of backup {summary.created_at}",
                purpose="restore",
            )
        rows = sum(summary.tables.values())
        self.stdout.write(
            f"Restored the backup of {summary.created_at}: {len(summary.tables)} tables, "
            f"{rows:,} rows, {summary.files} files. Run `wegweiser audit verify` to check "
            "the audit chain."
        )
