"""Tamper evidence: the hash chain, `wegweiser audit verify`, the purge with its checkpoint,
and the SQLite `INSERT OR REPLACE` hole. Tampering is simulated by removing the triggers inside
the test's transaction, as someone with the database file or the owner role could."""

from __future__ import annotations

import datetime as dt
import itertools
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.audit import audit_event, audit_purge_before, audit_verify
from wegweiser.core.chain import GENESIS
from wegweiser.core.models import AuditCheckpoint, AuditEntry
from wegweiser.core.triggers import install_audit_triggers, remove_audit_triggers


def _write(n: int, actor=None) -> None:
    for i in range(n):
        audit_event(actor=actor, action="read", object_type="people.person", object_id=i)


def _raw(*statements: tuple[str, list]) -> None:
    """Run statements past the append-only triggers, as a tamperer would."""
    remove_audit_triggers(connection)
    with connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
    install_audit_triggers(connection)


def _problems(kind: str) -> list[int]:
    return [p.sequence for p in audit_verify().problems if p.kind == kind]


@pytest.mark.django_db
def test_entries_form_a_chain_that_verifies(caseworker):
    _write(5, caseworker)
    entries = list(AuditEntry.objects.order_by("sequence"))
    assert [e.sequence for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].previous_hash == GENESIS
    for before, after in itertools.pairwise(entries):
        assert after.previous_hash == before.entry_hash
    report = audit_verify()
    assert report.intact and report.checked == len(entries)
    assert report.head_hash == entries[-1].entry_hash


@pytest.mark.django_db
def test_verify_finds_a_changed_entry(caseworker):
    _write(4, caseworker)
    third = AuditEntry.objects.get(sequence=3)
    _raw(("UPDATE core_auditentry SET object_id = 'x' WHERE id = %s", [third.pk]))
    assert _problems("changed") == [3]
    assert not audit_verify().intact


@pytest.mark.django_db
def test_verify_finds_a_removed_entry(caseworker):
    _write(4, caseworker)
    _raw(("DELETE FROM core_auditentry WHERE sequence = 2", []))
    assert _problems("gap") == [3]


@pytest.mark.django_db
def test_verify_finds_swapped_entries(caseworker):
    _write(4, caseworker)
    a, b = AuditEntry.objects.get(sequence=2), AuditEntry.objects.get(sequence=3)
    _raw(
        ("UPDATE core_auditentry SET sequence = 1000000 WHERE id = %s", [a.pk]),
        ("UPDATE core_auditentry SET sequence = 2 WHERE id = %s", [b.pk]),
        ("UPDATE core_auditentry SET sequence = 3 WHERE id = %s", [a.pk]),
    )
    report = audit_verify()
    assert not report.intact
    assert {2, 3} <= {p.sequence for p in report.problems}


@pytest.mark.django_db
def test_verify_finds_a_rehashed_entry_that_breaks_the_link(caseworker):
    """Recomputing one entry's hash after changing it still breaks the next link."""
    from wegweiser.core.chain import HASHED_FIELDS, entry_digest

    _write(3, caseworker)
    second = AuditEntry.objects.filter(sequence=2).values("id", *HASHED_FIELDS).get()
    second["object_id"] = "forged"
    _raw(
        (
            "UPDATE core_auditentry SET object_id = 'forged', entry_hash = %s WHERE id = %s",
            [entry_digest(second), second["id"]],
        )
    )
    assert _problems("changed") == []
    assert _problems("gap") == [3]


@pytest.mark.django_db
def test_insert_or_replace_cannot_rewrite_an_entry_on_sqlite(caseworker):
    if connection.vendor != "sqlite":
        # PostgreSQL has no INSERT OR REPLACE; its upsert fires the update trigger.
        _write(1, caseworker)
        entry = AuditEntry.objects.order_by("sequence").first()
        assert entry is not None
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO core_auditentry (id, at, actor_username, actor_role, action,"
                " object_type, object_id, fields, object_ids, purpose, sequence, previous_hash,"
                " entry_hash) VALUES (%s, now(), 'x', 'x', 'read', 'x', 'x', '[]', '[]', '',"
                " 99, '', '') ON CONFLICT (id) DO UPDATE SET purpose = 'forged'",
                [entry.pk],
            )
        assert not AuditEntry.objects.filter(purpose="forged").exists()
        return
    _write(2, caseworker)
    first = AuditEntry.objects.get(sequence=1)
    columns = (
        "at, actor_username, actor_role, action, object_type, object_id, fields, object_ids,"
        " purpose, previous_hash, entry_hash"
    )
    for key, value in (("id", first.pk), ("sequence", 1)):
        other = "sequence" if key == "id" else "id"
        other_value = 1000
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"INSERT OR REPLACE INTO core_auditentry ({key}, {other}, {columns}) "  # noqa: S608
                f"SELECT %s, %s, {columns} FROM core_auditentry WHERE id = %s",
                [value, other_value, first.pk],
            )
    assert AuditEntry.objects.get(sequence=1).pk == first.pk
    assert audit_verify().intact


@pytest.mark.django_db
def test_purge_leaves_a_checkpoint_and_the_rest_still_verifies(db):
    from wegweiser.accounts.tests.factories import TeamFactory

    old = timezone.now() - dt.timedelta(days=800)
    with _clock(old):
        _write(3)
    team = TeamFactory()
    caseworker = UserFactory(username="cw", role=User.Role.CASEWORKER, teams=[team])
    team_lead = UserFactory(username="lead", role=User.Role.TEAM_LEAD, teams=[team])
    _write(2, caseworker)
    purged = audit_purge_before(cutoff=timezone.now() - dt.timedelta(days=730), actor=team_lead)
    assert purged == 3
    assert not AuditEntry.objects.filter(sequence__lte=3).exists()
    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.last_sequence == 3 and checkpoint.actor_username == "lead"
    report = audit_verify()
    assert report.intact, report.problems
    assert report.problems == []
    purge = AuditEntry.objects.get(action="purge")
    assert purge.actor == team_lead and purge.object_id == str(checkpoint.pk)
    # The chain goes on after the purge, and a later gap is still found.
    _write(2, caseworker)
    assert audit_verify().intact
    head = audit_verify().head_sequence
    _raw(("DELETE FROM core_auditentry WHERE sequence = %s", [head - 1]))
    assert _problems("gap") == [head]


@pytest.mark.django_db
def test_purge_removes_refusal_counts_older_than_the_cutoff_and_keeps_newer(db):
    from wegweiser.core.models import AccessRefusal

    user = UserFactory(username="guesser", role=User.Role.CASEWORKER)
    for days in (800, 10):
        AccessRefusal.objects.create(
            user=user,
            username=user.username,
            reason=AccessRefusal.Reason.NOT_FOUND,
            view_name="people:detail",
            minute=timezone.now() - dt.timedelta(days=days),
            count=7,
        )
    audit_purge_before(cutoff=timezone.now() - dt.timedelta(days=730), actor=None)
    kept = AccessRefusal.objects.values_list("minute", flat=True)
    assert len(kept) == 1
    assert kept[0] > timezone.now() - dt.timedelta(days=11)


@pytest.mark.django_db
def test_entries_newer_than_a_checkpoint_and_checkpoints_cannot_be_deleted(db):
    with _clock(timezone.now() - dt.timedelta(days=800)):
        _write(2)
    _write(2)
    audit_purge_before(cutoff=timezone.now() - dt.timedelta(days=730), actor=None)
    for statement in (
        "DELETE FROM core_auditentry WHERE sequence = 3",
        "DELETE FROM core_auditcheckpoint",
        "UPDATE core_auditcheckpoint SET last_sequence = 4",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditEntry.objects.filter(sequence=3).exists()
    assert AuditCheckpoint.objects.get().last_sequence == 2


@pytest.mark.django_db
def test_a_purge_inside_the_retention_period_is_reported(caseworker, settings):
    settings.WEGWEISER_AUDIT_RETENTION_DAYS = 730
    _write(3, caseworker)
    audit_purge_before(cutoff=timezone.now() + dt.timedelta(seconds=1), actor=None)
    report = audit_verify()
    assert report.intact  # the chain itself is whole ...
    assert [p.kind for p in report.problems] == ["early_purge"]  # ... but the purge is flagged


@pytest.mark.django_db
def test_audit_verify_command(caseworker):
    _write(3, caseworker)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "intact" in out.getvalue()
    _raw(("UPDATE core_auditentry SET purpose = 'x' WHERE sequence = 2", []))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("audit", "verify", stdout=out)
    assert "2" in out.getvalue() and "changed" in out.getvalue()


class _clock:
    """Freeze the audit writer's clock (only the timestamps; the database is real)."""

    def __init__(self, at: dt.datetime) -> None:
        from freezegun import freeze_time

        self._freezer = freeze_time(at)

    def __enter__(self) -> None:
        self._freezer.start()

    def __exit__(self, *exc: object) -> None:
        self._freezer.stop()
