"""Database triggers that make the audit log append-only (PostgreSQL and SQLite).

Entries can be neither changed nor removed, with one exception: entries covered by a
checkpoint (a purge of the oldest entries, `core.audit.audit_purge_before`) may be deleted.
On SQLite a further trigger refuses an insert whose id or chain position exists already, which
closes `INSERT OR REPLACE` (SQLite's REPLACE removes the old row without firing delete
triggers). On PostgreSQL the application should run as a role that does not own these tables
(`wegweiser audit grant-app-role`), so it can neither disable the triggers nor truncate; the
purge runs through a SECURITY DEFINER function that deletes only checkpointed entries.
"""

# ruff: noqa: S608 (the statements are constants, no input reaches them)
from __future__ import annotations

from django.db.backends.base.base import BaseDatabaseWrapper

APPEND_ONLY = "the audit log is append-only"

POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'DELETE' AND TG_TABLE_NAME = 'core_auditentry' THEN
            IF OLD.sequence <= (SELECT coalesce(max(last_sequence), 0)
                                FROM core_auditcheckpoint) THEN
                RETURN OLD;
            END IF;
        END IF;
        RAISE EXCEPTION '{APPEND_ONLY}';
    END;
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE OR REPLACE FUNCTION core_audit_purge() RETURNS bigint
    SECURITY DEFINER SET search_path FROM CURRENT AS $$
    DECLARE purged bigint;
    BEGIN
        DELETE FROM core_auditentry
        WHERE sequence <= (SELECT coalesce(max(last_sequence), 0) FROM core_auditcheckpoint);
        GET DIAGNOSTICS purged = ROW_COUNT;
        RETURN purged;
    END;
    $$ LANGUAGE plpgsql
    """,
    "REVOKE ALL ON FUNCTION core_audit_purge() FROM PUBLIC",
]
for _table in ("core_auditentry", "core_auditcheckpoint"):
    POSTGRES_INSTALL += [
        f"DROP TRIGGER IF EXISTS {_table}_no_update ON {_table}",
        f"DROP TRIGGER IF EXISTS {_table}_no_truncate ON {_table}",
        f"CREATE TRIGGER {_table}_no_update BEFORE UPDATE OR DELETE ON {_table} "
        "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()",
        f"CREATE TRIGGER {_table}_no_truncate BEFORE TRUNCATE ON {_table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()",
    ]
POSTGRES_REMOVE = [
    f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}"
    for table in ("core_auditentry", "core_auditcheckpoint")
    for name in ("no_update", "no_truncate")
] + ["DROP FUNCTION IF EXISTS core_audit_purge()"]

_ABORT = f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    f"{_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    "WHEN OLD.sequence > (SELECT coalesce(max(last_sequence), 0) FROM core_auditcheckpoint) "
    f"{_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS core_auditentry_no_replace BEFORE INSERT ON core_auditentry "
    "WHEN EXISTS (SELECT 1 FROM core_auditentry WHERE id = NEW.id OR sequence = NEW.sequence) "
    f"{_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_no_update "
    f"BEFORE UPDATE ON core_auditcheckpoint {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_no_delete "
    f"BEFORE DELETE ON core_auditcheckpoint {_ABORT}",
    "CREATE TRIGGER IF NOT EXISTS core_auditcheckpoint_no_replace "
    "BEFORE INSERT ON core_auditcheckpoint WHEN EXISTS (SELECT 1 FROM core_auditcheckpoint "
    f"WHERE id = NEW.id OR last_sequence = NEW.last_sequence) {_ABORT}",
]
SQLITE_REMOVE = [
    f"DROP TRIGGER IF EXISTS {table}_{name}"
    for table in ("core_auditentry", "core_auditcheckpoint")
    for name in ("no_update", "no_delete", "no_replace")
]

# What migration 0002 installed, before the chain existed (kept so that migration replays).
LEGACY_POSTGRES_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION '{APPEND_ONLY}';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
    "CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE OR DELETE ON core_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only()",
    "CREATE TRIGGER core_auditentry_no_truncate BEFORE TRUNCATE ON core_auditentry "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_auditentry_append_only()",
]
LEGACY_SQLITE_INSTALL = [
    f"CREATE TRIGGER IF NOT EXISTS core_auditentry_no_update BEFORE UPDATE ON core_auditentry "
    f"{_ABORT}",
    f"CREATE TRIGGER IF NOT EXISTS core_auditentry_no_delete BEFORE DELETE ON core_auditentry "
    f"{_ABORT}",
]
LEGACY_POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update ON core_auditentry",
    "DROP TRIGGER IF EXISTS core_auditentry_no_truncate ON core_auditentry",
]
LEGACY_SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS core_auditentry_no_update",
    "DROP TRIGGER IF EXISTS core_auditentry_no_delete",
]


def _run(connection: BaseDatabaseWrapper, statements: dict[str, list[str]]) -> None:
    with connection.cursor() as cursor:
        for statement in statements.get(connection.vendor, []):
            cursor.execute(statement)


def install_audit_triggers(connection: BaseDatabaseWrapper) -> None:
    _run(connection, {"postgresql": POSTGRES_INSTALL, "sqlite": SQLITE_INSTALL})


def remove_audit_triggers(connection: BaseDatabaseWrapper) -> None:
    """For migrations and for emptying a test database between tests; the application never
    calls this."""
    _run(connection, {"postgresql": POSTGRES_REMOVE, "sqlite": SQLITE_REMOVE})


def install_legacy_audit_triggers(connection: BaseDatabaseWrapper) -> None:
    _run(connection, {"postgresql": LEGACY_POSTGRES_INSTALL, "sqlite": LEGACY_SQLITE_INSTALL})


def remove_legacy_audit_triggers(connection: BaseDatabaseWrapper) -> None:
    _run(connection, {"postgresql": LEGACY_POSTGRES_REMOVE, "sqlite": LEGACY_SQLITE_REMOVE})
