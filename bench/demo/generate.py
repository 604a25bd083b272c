"""Time synthetic data generation into a fresh SQLite database under /tmp.

    uv run python bench/demo/generate.py                 # 10,000 and 100,000 persons
    uv run python bench/demo/generate.py --persons 1000000

Each size gets its own empty database: migrate first (not timed), then
`wegweiser generate --persons N`, whose own timing (the generator's wall clock from the
first query to the commit) and the command's total wall time are reported with the number
of rows written and the size of the database file.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(args: list[str], env: dict[str, str]) -> str:
    command = [sys.executable, "-m", "wegweiser.cli", *args]
    result = subprocess.run(  # noqa: S603 - our own command line
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(result.returncode)
    return result.stdout


def measure(persons: int, seed: int) -> dict[str, float | int]:
    var_dir = Path(tempfile.mkdtemp(prefix="wegweiser-bench-", dir="/tmp"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "WEGWEISER_VAR_DIR": str(var_dir),
    }
    env.pop("WEGWEISER_DATABASE_URL", None)
    try:
        run(["migrate", "-v", "0"], env)
        started = time.perf_counter()
        output = run(["generate", "--persons", str(persons), "--seed", str(seed)], env)
        wall = time.perf_counter() - started
        match = re.search(r"in ([0-9.]+) seconds", output)
        rows = sum(
            int(n.replace(",", "")) for n in re.findall(r"^\s+\S+\s+([0-9,]+)$", output, re.M)
        )
        size = (var_dir / "wegweiser.sqlite3").stat().st_size
        return {
            "persons": persons,
            "generator_seconds": float(match.group(1)) if match else float("nan"),
            "command_seconds": wall,
            "rows": rows,
            "megabytes": size / 1_000_000,
        }
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=2015)
    args = parser.parse_args()
    print(f"{'persons':>10} {'generator s':>12} {'command s':>10} {'rows':>11} {'MB':>8}")
    for persons in args.persons:
        r = measure(persons, args.seed)
        print(
            f"{r['persons']:>10,} {r['generator_seconds']:>12.1f} {r['command_seconds']:>10.1f} "
            f"{r['rows']:>11,} {r['megabytes']:>8.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
