"""`wegweiser serve` starts the task worker: a job queued from a page is done without anything
else being started, and the worker ends with the server.

The real command runs in a subprocess on a free port with its own SQLite database in a
temporary var directory; the test logs in over HTTP as a team lead, starts the duplicate search
from its page and waits until the job has run."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

SETUP = """
import django
django.setup()
from django.core.management import call_command
call_command("migrate", interactive=False, verbosity=0)
from wegweiser.accounts.models import Organisation, Team, User
centre = Organisation.objects.create(name="Migrationszentrum Test")
team = Team.objects.create(organisation=centre, name="Team Nord")
lead = User.objects.create_user(
    username="lead", password="Ein-langes-Testpasswort-7", role="team_lead", organisation=centre
)
lead.teams.add(team)
"""

PASSWORD = "Ein-langes-Testpasswort-7"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _cmdline(pid: int) -> str:
    path = Path(f"/proc/{pid}/cmdline")
    return path.read_text().replace("\0", " ") if path.exists() else ""


def _alive(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def _csrf(jar: http.cookiejar.CookieJar) -> str:
    return next(str(c.value) for c in jar if c.name == settings.CSRF_COOKIE_NAME)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_job_queued_from_a_page_is_run_by_the_worker_that_serve_started(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("WEGWEISER_DATABASE_URL", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        {
            "WEGWEISER_VAR_DIR": str(tmp_path),
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "WEGWEISER_REMINDER_INTERVAL_SECONDS": "3600",
        }
    )
    subprocess.run([sys.executable, "-c", SETUP], env=env, check=True, timeout=120)  # noqa: S603
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - our own command
        [sys.executable, "-m", "wegweiser.cli", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        # Generous waits: on a busy machine the server's workers take long to start. They bound
        # the wait, they are not a speed requirement.
        deadline = time.monotonic() + 180
        while True:
            try:
                opener.open(f"{base}/accounts/login/", timeout=10)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

        def post(path: str, data: dict[str, str]) -> None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": _csrf(jar)}).encode()
            request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
                f"{base}{path}", data=body, headers={"Referer": f"{base}{path}"}
            )
            opener.open(request, timeout=60)

        post("/accounts/login/", {"username": "lead", "password": PASSWORD})
        page = opener.open(f"{base}/people/duplicates/", timeout=60).read().decode()
        assert re.search(r'action="/people/duplicates/run/"', page)
        post("/people/duplicates/run/", {})

        database = sqlite3.connect(tmp_path / "wegweiser.sqlite3", timeout=5)
        deadline = time.monotonic() + 180
        status = None
        while time.monotonic() < deadline:
            row = database.execute("SELECT status FROM people_duplicatesearch").fetchone()
            status = row[0] if row else None
            if status in ("done", "failed"):
                break
            time.sleep(0.5)
        task = database.execute(
            "SELECT status FROM django_tasks_database_dbtaskresult"
            " WHERE task_path LIKE '%duplicate_search%'"
        ).fetchone()
        database.close()
        assert status == "done"
        assert task == ("SUCCESSFUL",)
        commands = [_cmdline(pid) for pid in _children(server.pid)]
        assert any("db_worker" in c for c in commands), commands
        assert any("reminders schedule" in c for c in commands), commands
        assert any("report schedule" in c for c in commands), commands
    finally:
        children = _children(server.pid) if server.poll() is None else []
        server.terminate()
        server.wait(timeout=30)
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)], "background processes outlived serve"
