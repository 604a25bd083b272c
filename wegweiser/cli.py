"""The `wegweiser` command: Django's manage.py with the project's own subcommands
(demo, generate, serve and everything the apps add)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    default = "config.settings.demo" if len(argv) > 1 and argv[1] == "demo" else None
    if default is None:
        default = os.environ.get("WEGWEISER_SETTINGS", "config.settings.base")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", default)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["wegweiser", *argv[1:]])


if __name__ == "__main__":
    main()
