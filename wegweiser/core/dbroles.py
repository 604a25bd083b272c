"""Database roles on PostgreSQL: the application runs as a role that does not own the tables.

The migration role (the owner, used only for `wegweiser migrate`) creates the tables and the
audit triggers. The application role gets read and write access to the ordinary tables, but
only SELECT and INSERT on the audit tables: it cannot change or delete entries, truncate the
tables or disable their triggers (only an owner may `ALTER TABLE`). The retention purge runs
through `core_audit_purge()`, a SECURITY DEFINER function that deletes only entries covered by a
checkpoint. Run the grants as the migration role after every `migrate`.
"""

from __future__ import annotations

import re

AUDIT_TABLES = ("core_auditentry", "core_auditcheckpoint")
_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def app_role_grants(role: str, *, schema: str = "public") -> list[str]:
    """The SQL that gives `role` what the application needs and no more (idempotent)."""
    for name in (role, schema):
        if not _NAME.match(name):
            raise ValueError(f"not a plain role or schema name: {name!r}")
    audit = ", ".join(f"{schema}.{t}" for t in AUDIT_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {audit} FROM {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
        f"GRANT EXECUTE ON FUNCTION {schema}.core_audit_purge() TO {role}",
    ]
