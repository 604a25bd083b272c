"""Backup and restore: encrypted, refuses to overwrite data, and the restore drill: back up a
seeded database, restore it into an empty one, and the rows of every table, a sample of
records and the audit chain are the same."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wegweiser.core import backup
from wegweiser.core.backup import BackupError, decrypt_stream, encrypt_stream, table_counts
from wegweiser.core.models import AuditEntry
from wegweiser.demo.generator import generate

KEY = "drill-key-0123456789-abcdefghij"

SNAPSHOT = """
import json
import django
django.setup()
from wegweiser.core.backup import table_counts
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person
from wegweiser.cases.models import Case
print(json.dumps({
    "counts": table_counts(),
    "persons": list(Person.objects.order_by("pk").values()[:5]),
    "cases": list(Case.objects.order_by("pk").values()[:5]),
    "audit": list(AuditEntry.objects.order_by("pk").values()[:20]),
}, default=str))
"""


def snapshot_here() -> dict:
    from wegweiser.cases.models import Case
    from wegweiser.people.models import Person

    data = {
        "counts": table_counts(),
        "persons": list(Person.objects.order_by("pk").values()[:5]),
        "cases": list(Case.objects.order_by("pk").values()[:5]),
        "audit": list(AuditEntry.objects.order_by("pk").values()[:20]),
    }
    return json.loads(json.dumps(data, default=str))


@pytest.fixture
def target(tmp_path):
    """Settings of an empty database to restore into: a new data directory (SQLite), or a new
    database on the same PostgreSQL server."""
    env = {**os.environ, "WEGWEISER_BACKUP_KEY": KEY, "WEGWEISER_VAR_DIR": str(tmp_path / "new")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env["WEGWEISER_SETTINGS"] = "config.settings.base"
    if connection.vendor != "postgresql":
        env.pop("WEGWEISER_DATABASE_URL", None)
        yield env
        return
    name = f"ww_restore_{uuid.uuid4().hex[:10]}"
    params = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    env["WEGWEISER_DATABASE_URL"] = (
        f"postgres://{user}{password}@{params.get('HOST') or '127.0.0.1'}:"
        f"{params.get('PORT') or 5432}/{name}"
    )
    yield env
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def wegweiser(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own interpreter and command)
        [sys.executable, "-m", "wegweiser.cli", *args],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.django_db(transaction=True)
def test_restore_drill(tmp_path, target, monkeypatch):
    monkeypatch.setenv("WEGWEISER_BACKUP_KEY", KEY)
    generate(persons=6, seed=11)
    letters = tmp_path / "var" / "letters"
    letters.mkdir(parents=True)
    (letters / "invitation-1.pdf").write_bytes(b"%PDF-1.7 synthetic letter")
    before = snapshot_here()
    assert before["counts"]["people_person"] == 6 and before["persons"]

    archive = tmp_path / "centre.backup"
    with override_settings(VAR_DIR=tmp_path / "var"):
        call_command("backup", output=archive, stdout=io.StringIO())
    assert AuditEntry.objects.filter(purpose="backup").count() == 1
    raw = archive.read_bytes()
    assert b"SQLite format" not in raw and b"PGDMP" not in raw  # encrypted
    assert archive.stat().st_mode & 0o077 == 0

    restored = wegweiser(target, "restore", "--input", str(archive))
    assert restored.returncode == 0, restored.stderr
    verify = wegweiser(target, "audit", "verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "intact" in verify.stdout

    snapshot = subprocess.run(  # noqa: S603
        [sys.executable, "-c", SNAPSHOT],
        env={**target, "DJANGO_SETTINGS_MODULE": "config.settings.base"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    after = json.loads(snapshot.stdout.strip().splitlines()[-1])
    audit_table = AuditEntry._meta.db_table
    assert after["counts"][audit_table] == before["counts"][audit_table] + 1  # the restore
    after["counts"].pop(audit_table)
    before["counts"].pop(audit_table)
    assert after["counts"] == before["counts"]
    assert after["persons"] == before["persons"]
    assert after["cases"] == before["cases"]
    # the sample of the restored log is the original's, followed at most by the restore's entry
    assert after["audit"][: len(before["audit"])] == before["audit"]
    assert [e["purpose"] for e in after["audit"][len(before["audit"]) :]] in ([], ["restore"])
    restored_letter = Path(target["WEGWEISER_VAR_DIR"]) / "letters" / "invitation-1.pdf"
    assert restored_letter.read_bytes() == b"%PDF-1.7 synthetic letter"

    # A second restore would overwrite the data: refused without --force.
    again = wegweiser(target, "restore", "--input", str(archive))
    assert again.returncode != 0
    assert "holds data already" in again.stderr


def test_the_key_is_required_and_must_match(tmp_path, monkeypatch):
    monkeypatch.delenv("WEGWEISER_BACKUP_KEY", raising=False)
    with pytest.raises(BackupError, match="WEGWEISER_BACKUP_KEY"):
        backup.backup_key()
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(b"social data"), sealed, KEY)
    with pytest.raises(BackupError, match="wrong WEGWEISER_BACKUP_KEY"):
        decrypt_stream(io.BytesIO(sealed.getvalue()), io.BytesIO(), KEY + "x")


def test_any_change_truncation_or_reordering_is_detected(monkeypatch):
    monkeypatch.setattr(backup, "CHUNK", 16)
    plain = bytes(range(256)) * 3
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(plain), sealed, KEY)
    data = sealed.getvalue()
    opened = io.BytesIO()
    decrypt_stream(io.BytesIO(data), opened, KEY)
    assert opened.getvalue() == plain

    header = len(backup.MAGIC) + backup.SALT_BYTES + backup.PREFIX_BYTES
    frame = 4 + 16 + 16  # length, one chunk, tag
    changed = bytearray(data)
    changed[header + 10] ^= 1
    truncated = data[: header + 3 * frame]  # whole chunks, but not the last
    swapped = data[:header] + data[header + frame : header + 2 * frame] + data[header:]
    for damaged in (bytes(changed), truncated, swapped):
        with pytest.raises(BackupError):
            decrypt_stream(io.BytesIO(damaged), io.BytesIO(), KEY)
