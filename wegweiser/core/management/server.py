"""The production WSGI server, run in-process: gunicorn with the project's WSGI application.

Gunicorn's master process handles the signals: SIGTERM stops gracefully (workers finish
their requests), SIGINT and SIGQUIT stop at once; both end with exit status 0.
"""

from __future__ import annotations

import os
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


def serve(*, host: str, port: int, workers: int, access_log: bool = True) -> None:
    """Serve until a signal stops the server; returns nothing, exits with gunicorn's status."""
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
    }
    WegweiserServer(options).run()
