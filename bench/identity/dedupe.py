"""Run time and quality of the duplicate-detection job on generated registers.

    uv run python -m bench.identity.dedupe                      # 10,000 and 100,000 persons
    uv run python -m bench.identity.dedupe --persons 1000000 --threads 2

For each size: a SQLite database under /tmp (``/tmp/wegweiser-dedupe-N.sqlite3``; migrated
and filled by `wegweiser generate --persons N` once, reused afterwards), then 1 % of the
persons get a planted second record (:mod:`bench.identity.planting`: another authority's
spelling or only the original script, swapped names, a placeholder birthday, a year off by
one, ...), then the job runs exactly as `wegweiser duplicates` runs it. Reported: seconds per
step (export from the database, u by random sampling, EM, prediction, storing the queue),
the pairs proposed, and how many of the planted pairs are among them (recall) and how many
proposed pairs are planted ones (precision; the generated data has no duplicates of its own,
so every other proposal is a false alarm). The planted rows are removed again afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def database(persons: int) -> Path:
    path = Path(f"/tmp/wegweiser-dedupe-{persons}.sqlite3")  # noqa: S108 - throwaway database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "WEGWEISER_DATABASE_URL": f"sqlite:///{path}",
    }
    if not path.exists():
        for args in (["migrate", "-v", "0"], ["generate", "--persons", str(persons), "-v", "0"]):
            subprocess.run(  # noqa: S603 - our own command line
                [sys.executable, "-m", "wegweiser.cli", *args], cwd=ROOT, env=env, check=True
            )
    else:
        subprocess.run(
            [sys.executable, "-m", "wegweiser.cli", "migrate", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
    return path


def measure(
    persons: int, share: float, seed: int, threads: int | None, table: Sequence[float] = ()
) -> dict[str, object]:
    path = database(persons)
    os.environ["WEGWEISER_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.db import connection

    from wegweiser.accounts.models import Organisation
    from wegweiser.identity import duplicate_model, duplicate_rescoring
    from wegweiser.people.duplicate_search import run_duplicate_detection
    from wegweiser.people.models import DuplicatePair

    from .dedupe_real import evaluate
    from .planting import plant_duplicates, remove_planted

    organisation = Organisation.objects.get(name="Migrationszentrum Landkreis Gießen")
    planted = plant_duplicates(organisation=organisation, share=share, seed=seed)
    try:
        if threads:
            duplicate_model.DUCKDB_THREADS = threads
        started = time.perf_counter()
        default = duplicate_rescoring.DEFAULT_THRESHOLD
        result = run_duplicate_detection(
            organisation=organisation, threshold=min([default, *table])
        )
        wall = time.perf_counter() - started
        scored = {
            (low, high): probability
            for low, high, probability in DuplicatePair.objects.filter(
                organisation=organisation
            ).values_list("person_low_id", "person_high_id", "probability")
        }
        rows = [(t, *evaluate(scored, planted, t)) for t in table]
        proposed, recall, precision = evaluate(scored, planted, default)
        return {
            "table": rows,
            "persons": result.persons,
            "planted": len(planted),
            "proposed": proposed,
            "recall": recall,
            "precision": precision,
            "seconds": {k: round(v, 1) for k, v in result.seconds.items()},
            "wall": round(wall, 1),
            "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        }
    finally:
        remove_planted(organisation=organisation, planted_ids={high for _, high in planted})
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--persons", type=int, action="append")
    parser.add_argument("--share", type=float, default=0.01, help="planted duplicates")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    parser.add_argument(
        "--table", type=float, nargs="*", default=[], help="also count at these thresholds"
    )
    args = parser.parse_args()
    sizes = args.persons or [10_000, 100_000]
    if len(sizes) > 1:
        for size in sizes:  # one process per size: each has its own database connection
            command = [sys.executable, "-m", "bench.identity.dedupe", "--persons", str(size)]
            command += ["--share", str(args.share), "--seed", str(args.seed)]
            if args.threads:
                command += ["--threads", str(args.threads)]
            if args.table:
                command += ["--table", *map(str, args.table)]
            subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
        return
    row = measure(sizes[0], args.share, args.seed, args.threads, args.table)
    print(
        f"persons={row['persons']} planted={row['planted']} proposed={row['proposed']} "
        f"recall={row['recall']:.3f} precision={row['precision']:.3f} wall={row['wall']}s "
        f"steps={row['seconds']} max_rss_mb={row['max_rss_mb']}"
    )
    for threshold, proposed, recall, precision in row["table"]:  # type: ignore[attr-defined]
        print(f"{threshold:9.2f}  {proposed:8d}  {recall:6.3f}  {precision:9.3f}")


if __name__ == "__main__":
    main()
