"""The production WSGI server, run in-process: gunicorn with the project's WSGI application,
and beside it the background processes: the task worker (`db_worker` of django-tasks-db) and
the schedulers that enqueue the reminder job and the refresh of the report snapshots.

Gunicorn's master process handles the signals: SIGTERM stops gracefully (workers finish
their requests), SIGINT and SIGQUIT stop at once; both end with exit status 0. The background
processes are stopped when gunicorn returns, and die with the server if it is killed.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.db import connections
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    """Gunicorn's advice: two workers per core plus one."""
    return 2 * (os.cpu_count() or 1) + 1


class WegweiserServer(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from config.wsgi import application

        return application


BACKGROUND_COMMANDS = (
    ["db_worker", "--queue-name", "*", "--interval", "1", "--no-reload", "--no-startup-delay"],
    ["reminders", "schedule"],
    ["report", "schedule"],
)
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM when the server process ends, even by SIGKILL."""
    with suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def background_processes(*, enabled: bool = True) -> Iterator[list[subprocess.Popen[bytes]]]:
    """The task worker and the reminder scheduler as child processes of this one, under the
    same settings and environment; stopped (SIGTERM, then SIGKILL after 15 s) on the way out."""
    children: list[subprocess.Popen[bytes]] = []
    if enabled:
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        for command in BACKGROUND_COMMANDS:
            children.append(
                subprocess.Popen(  # noqa: S603 - our own interpreter and command
                    [sys.executable, "-m", "wegweiser.cli", *command],
                    env=os.environ.copy(),
                    preexec_fn=preexec,  # no threads exist yet
                )
            )
    try:
        yield children
    finally:
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=15)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def warm_worker(worker: Any) -> None:
    """Gunicorn's post_worker_init: run the warm-up functions of `WEGWEISER_WARM_UP` (dotted
    paths) in the new worker before it takes requests. A failure is logged, not fatal: the
    tables are then built by the first request that needs them."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path in getattr(settings, "WEGWEISER_WARM_UP", ()):
        try:
            import_string(path)()
        except Exception:
            worker.log.exception("Warm-up %s failed", path)
    connections.close_all()
    # What the warm-up built (URL modules, templates, catalogues, matching tables) lives as
    # long as the worker: moved out of the garbage collector's reach, a full collection checks
    # the request's own objects only (4 ms instead of 160 ms with the name tables loaded).
    gc.collect()
    gc.freeze()


def serve(
    *, host: str, port: int, workers: int, access_log: bool = True, background: bool = True
) -> None:
    """Serve until a signal stops the server; returns nothing, exits with gunicorn's status.
    With `background`, the task worker and the schedulers run beside it."""
    # Connections opened before forking (migrate, demo data) must not be shared by workers.
    connections.close_all()
    options: dict[str, Any] = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "sync",
        "timeout": 60,
        "graceful_timeout": 20,
        "errorlog": "-",
        "accesslog": "-" if access_log else None,
        "forwarded_allow_ips": "127.0.0.1",
        "control_socket_disable": True,  # no runtime control interface in ~/.gunicorn
        "post_worker_init": warm_worker,
    }
    with background_processes(enabled=background):
        WegweiserServer(options).run()
