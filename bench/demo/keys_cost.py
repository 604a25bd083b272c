"""Generation time of 20,000 persons with and without the name keys, in one machine state.

uv run python bench/demo/keys_cost.py nokeys
uv run python bench/demo/keys_cost.py keys
"""

from __future__ import annotations

import os
import sys
import tempfile
import time


def main() -> None:
    directory = tempfile.mkdtemp(dir="/tmp")
    os.environ["WEGWEISER_DATABASE_URL"] = f"sqlite:///{directory}/db.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    import django

    django.setup()
    from django.core.management import call_command

    import wegweiser.demo.generator as generator
    import wegweiser.demo.people as people

    call_command("migrate", verbosity=0)
    if sys.argv[1:] == ["nokeys"]:
        people.keys_of_names = lambda names: frozenset()  # type: ignore[assignment]
    started = time.perf_counter()
    generator.generate(persons=20_000, seed=1)
    print(sys.argv[1:], round(time.perf_counter() - started, 1), "s")


if __name__ == "__main__":
    main()
