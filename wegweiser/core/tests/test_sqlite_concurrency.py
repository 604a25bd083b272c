"""The embedded SQLite database under concurrent writes: while one request holds the write lock
for longer than SQLite's default five seconds (a large import), another user's write waits and
succeeds instead of failing with "database is locked", and reads are not blocked at all."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import json, threading, time
import django
django.setup()
from django.db import connection, transaction

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, who TEXT)")
    cursor.execute("INSERT INTO probe (who) VALUES ('setup')")
mode = connection.cursor().execute("PRAGMA journal_mode").fetchone()[0]
connection.close()
result = {"journal_mode": mode}
holding = threading.Event()

def long_write():
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO probe (who) VALUES ('import')")
        holding.set()
        time.sleep(6.5)
    connection.close()

def other_write():
    holding.wait()
    started = time.monotonic()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("INSERT INTO probe (who) VALUES ('colleague')")
        result["write"] = "ok"
    except Exception as error:
        result["write"] = str(error)
    result["write_waited"] = time.monotonic() - started
    connection.close()

def read():
    holding.wait()
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM probe")
        result["read_rows"] = cursor.fetchone()[0]
    result["read_seconds"] = time.monotonic() - started
    connection.close()

threads = [threading.Thread(target=f) for f in (long_write, other_write, read)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(json.dumps(result))
"""


def test_a_write_waits_for_a_long_import_instead_of_failing(tmp_path):
    env = {key: value for key, value in os.environ.items() if key != "WEGWEISER_DATABASE_URL"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.base", "WEGWEISER_VAR_DIR": str(tmp_path)}
    done = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SCRIPT],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["journal_mode"] == "wal"
    assert result["write"] == "ok"
    assert result["write_waited"] > 5  # it really waited for the import to commit
    # Readers see the last committed state at once (WAL), without the import's row.
    assert result["read_rows"] == 1
    assert result["read_seconds"] < 1
