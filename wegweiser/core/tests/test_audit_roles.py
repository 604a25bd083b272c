"""On PostgreSQL the application runs as a role that does not own the audit tables: as such a
role (created here, with the grants of `wegweiser audit grant-app-role`) it writes and reads
entries and purges through the checkpoint, but cannot change, delete, truncate or switch off
the triggers. SQLite has no roles; its counterpart is test_audit_chain.py (INSERT OR REPLACE,
triggers, and the chain that reveals any change made with the database file)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from wegweiser.core.audit import audit_event, audit_purge_before, audit_verify
from wegweiser.core.dbroles import app_role_grants
from wegweiser.core.models import AuditEntry

ON_POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def _refused(statement: str, expected: str) -> None:
    with (
        pytest.raises(DatabaseError, match=expected),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


if ON_POSTGRES:  # collected only there; .ci/run runs the suite on both databases

    @pytest.mark.django_db
    def test_the_application_role_cannot_tamper_with_the_audit_log(db):
        from freezegun import freeze_time

        with freeze_time(timezone.now() - dt.timedelta(days=800)):
            audit_event(actor=None, action="read", object_type="people.person")
        role = f"wegweiser_app_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE ROLE {role} NOLOGIN")
            for statement in app_role_grants(role):
                cursor.execute(statement)
            cursor.execute(f"SET ROLE {role}")
        try:
            audit_event(actor=None, action="read", object_type="people.person")
            assert AuditEntry.objects.count() == 2
            _refused("UPDATE core_auditentry SET purpose = 'x'", "permission denied")
            _refused("DELETE FROM core_auditentry", "permission denied")
            _refused("TRUNCATE core_auditentry", "permission denied")
            _refused("ALTER TABLE core_auditentry DISABLE TRIGGER ALL", "must be owner")
            _refused(
                "ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_no_update",
                "must be owner",
            )
            _refused("DROP TRIGGER core_auditentry_no_update ON core_auditentry", "must be owner")
            _refused("DELETE FROM core_auditcheckpoint", "permission denied")
            # The retention purge works for the application role, through the checkpoint only.
            purged = audit_purge_before(cutoff=timezone.now() - dt.timedelta(days=730), actor=None)
            assert purged == 1
            report = audit_verify()
            assert report.intact and report.problems == []
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET ROLE")

    @pytest.mark.django_db(transaction=True)
    def test_concurrent_writers_keep_one_unbroken_chain():
        """Four connections write at once; the advisory lock gives each entry its own position
        (without it two writers read the same head and one fails on the unique position)."""
        import threading
        import time

        from django.db import connections

        errors: list[BaseException] = []

        def writer(n: int) -> None:
            try:
                for i in range(15):
                    with transaction.atomic():
                        audit_event(actor=None, action="read", object_type="t", object_id=n)
                        time.sleep(0.002)  # hold the transaction open while others wait
                        audit_event(actor=None, action="read", object_type="t", object_id=i)
            except BaseException as error:
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert AuditEntry.objects.filter(object_type="t").count() == 120
        report = audit_verify()
        assert report.intact and report.problems == [], report.problems
