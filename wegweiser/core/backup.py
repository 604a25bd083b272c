"""Encrypted backups of the database (and of files under the data directory), and their restore.

A backup is a tar archive, encrypted as a whole:

- ``manifest.json``: format, database engine, time, row counts of every table;
- ``database.sqlite3`` (SQLite's online backup API, a consistent copy while the server runs)
  or ``database.pgdump`` (``pg_dump --format=custom``);
- ``files/<dir>/...``: the directories of `WEGWEISER_BACKUP_DIRS` under the data directory.

Encryption: AES-256-GCM in chunks of 1 MiB (a streaming AEAD in the manner of Tink's: each
chunk's nonce carries its number and a last-chunk flag, so reordering, truncation and any
changed byte are detected). The key is derived with scrypt from `WEGWEISER_BACKUP_KEY` and a
random salt stored in the file's header. Without the key a backup reveals only its size.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import struct
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from django.conf import settings
from django.db import connections

MAGIC = b"WEGWEISER-BACKUP-1\n"
SALT_BYTES = 16
PREFIX_BYTES = 7
CHUNK = 1 << 20
MIN_KEY_CHARS = 20
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


# --- encryption ---------------------------------------------------------------------------


def backup_key() -> str:
    key = os.environ.get("WEGWEISER_BACKUP_KEY", "")
    if len(key) < MIN_KEY_CHARS:
        raise BackupError(
            f"Set WEGWEISER_BACKUP_KEY to a secret of at least {MIN_KEY_CHARS} characters "
            "(for example `python -c 'import secrets; print(secrets.token_urlsafe(32))'`) "
            "and keep it apart from the backups."
        )
    return key


def _derive(key: str, salt: bytes) -> AESGCM:
    kdf = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1)
    return AESGCM(kdf.derive(key.encode()))


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", number) + (b"\x01" if last else b"\x00")


def encrypt_stream(source: IO[bytes], target: IO[bytes], key: str) -> None:
    salt, prefix = os.urandom(SALT_BYTES), os.urandom(PREFIX_BYTES)
    header = MAGIC + salt + prefix
    aead = _derive(key, salt)
    target.write(header)
    number = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        sealed = aead.encrypt(_nonce(prefix, number, last), chunk, header)
        target.write(struct.pack(">I", len(sealed)) + sealed)
        if last:
            return
        chunk, number = following, number + 1


def decrypt_stream(source: IO[bytes], target: IO[bytes], key: str) -> None:
    header = source.read(len(MAGIC) + SALT_BYTES + PREFIX_BYTES)
    if not header.startswith(MAGIC) or len(header) < len(MAGIC) + SALT_BYTES + PREFIX_BYTES:
        raise BackupError("This is not a Wegweiser backup.")
    salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    prefix = header[len(MAGIC) + SALT_BYTES :]
    aead = _derive(key, salt)
    number = 0
    while True:
        length = source.read(4)
        if len(length) < 4:
            raise BackupError("The backup is truncated.")
        sealed = source.read(struct.unpack(">I", length)[0])
        for last in (False, True):
            try:
                target.write(aead.decrypt(_nonce(prefix, number, last), sealed, header))
            except InvalidTag:
                continue
            if last:
                if source.read(1):
                    raise BackupError("The backup has data after its last part.")
                return
            break
        else:
            raise BackupError(
                "The backup cannot be decrypted: wrong WEGWEISER_BACKUP_KEY, or the file "
                "was changed."
            )
        number += 1


# --- the database ------------------------------------------------------------------------


def _connection(alias: str = "default") -> Any:
    return connections[alias]


def table_counts(alias: str = "default") -> dict[str, int]:
    """Rows per table of the database, every table the database has."""
    connection = _connection(alias)
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = int(cursor.fetchone()[0])
    return counts


def database_is_empty(alias: str = "default") -> bool:
    """No table holds a row (a new database, or a new SQLite file)."""
    cache_table = settings.CACHES["default"].get("LOCATION")
    return not any(count for table, count in table_counts(alias).items() if table != cache_table)


def _pg_env(connection: Any) -> tuple[list[str], dict[str, str]]:
    params = connection.settings_dict
    args = []
    if params.get("HOST"):
        args += ["--host", str(params["HOST"])]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", str(params["USER"])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not on the PATH (PostgreSQL's client programs).")
    return found


def _dump_database(connection: Any, directory: Path) -> str:
    if connection.vendor == "sqlite":
        target = directory / "database.sqlite3"
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        return target.name
    if connection.vendor == "postgresql":
        target = directory / "database.pgdump"
        args, env = _pg_env(connection)
        subprocess.run(  # noqa: S603 (pg_dump from the PATH, arguments from the settings)
            [
                _tool("pg_dump"),
                *args,
                "--format=custom",
                "--file",
                str(target),
                str(connection.settings_dict["NAME"]),
            ],
            env=env,
            check=True,
            capture_output=True,
        )
        return target.name
    raise BackupError(f"Backups of {connection.vendor} databases are not supported.")


def _restore_database(connection: Any, dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.close()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        return
    if connection.vendor == "postgresql":
        args, env = _pg_env(connection)
        connection.close()
        done = subprocess.run(  # noqa: S603 (pg_restore from the PATH, arguments from settings)
            [
                _tool("pg_restore"),
                *args,
                "--no-owner",
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--exit-on-error",
                "--dbname",
                str(connection.settings_dict["NAME"]),
                str(dump),
            ],
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()[-2000:]}")
        return
    raise BackupError(f"Restores into {connection.vendor} databases are not supported.")


# --- files under the data directory -------------------------------------------------------


def file_dirs() -> list[Path]:
    """Directories of uploaded and generated files under the data directory (if any)."""
    names = getattr(settings, "WEGWEISER_BACKUP_DIRS", ["media", "files", "letters"])
    return [settings.VAR_DIR / name for name in names]


def _iter_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path


# --- backup and restore ------------------------------------------------------------------


@dataclass
class BackupSummary:
    engine: str
    tables: dict[str, int]
    files: int
    bytes: int = 0
    created_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def backup_create(*, output: Path, alias: str = "default") -> BackupSummary:
    """Write an encrypted backup of the database and the data directory's files to `output`."""
    key = backup_key()
    connection = _connection(alias)
    with tempfile.TemporaryDirectory(prefix="wegweiser-backup-") as work:
        directory = Path(work)
        dump_name = _dump_database(connection, directory)
        files = [
            (path, f"files/{root.name}/{path.relative_to(root).as_posix()}")
            for root in file_dirs()
            if root.is_dir()
            for path in _iter_files(root)
        ]
        summary = BackupSummary(
            engine=connection.vendor,
            tables=table_counts(alias),
            files=len(files),
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        )
        manifest = {
            "format": FORMAT,
            "engine": summary.engine,
            "created_at": summary.created_at,
            "database": dump_name,
            "tables": summary.tables,
            "files": [name for _, name in files],
        }
        (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
        archive = directory / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(directory / "manifest.json", arcname="manifest.json")
            tar.add(directory / dump_name, arcname=dump_name)
            for path, name in files:
                tar.add(path, arcname=name)
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        with archive.open("rb") as source, partial.open("wb") as target:
            encrypt_stream(source, target, key)
        partial.chmod(0o600)
        partial.replace(output)
    summary.bytes = output.stat().st_size
    return summary


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile()):
            raise BackupError(f"Unexpected entry in the backup: {member.name!r}")
        members.append(member)
    return members


def backup_restore(*, input: Path, force: bool = False, alias: str = "default") -> BackupSummary:
    """Restore a backup into the database the settings point at (and its files into the data
    directory). Refuses a database that holds data unless `force`."""
    key = backup_key()
    connection = _connection(alias)
    if not force and not database_is_empty(alias):
        raise BackupError(
            "The database holds data already. Restore into an empty database (a new "
            "WEGWEISER_VAR_DIR, or a new PostgreSQL database), or overwrite it with --force."
        )
    with tempfile.TemporaryDirectory(prefix="wegweiser-restore-") as work:
        directory = Path(work)
        archive = directory / "backup.tar"
        with input.open("rb") as source, archive.open("wb") as target:
            decrypt_stream(source, target, key)
        with tarfile.open(archive, "r") as tar:
            members = _safe_members(tar)
            tar.extractall(directory / "content", members=members, filter="data")
        content = directory / "content"
        manifest = json.loads((content / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != connection.vendor:
            raise BackupError(
                f"This is a {manifest['engine']} backup; the settings point at a "
                f"{connection.vendor} database."
            )
        _restore_database(connection, content / manifest["database"])
        restored_files = 0
        for name in manifest["files"]:
            relative = Path(name).relative_to("files")
            target_path = settings.VAR_DIR / relative
            target_path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(content / name, target_path)
            restored_files += 1
    return BackupSummary(
        engine=manifest["engine"],
        tables=manifest["tables"],
        files=restored_files,
        created_at=manifest["created_at"],
    )
