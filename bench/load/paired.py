"""Before and after in turn: two source trees serve the same pages of the load benchmark
in-process (Django's test client, as `bench.load.single`), one request each in alternation
(ABBA), so both meet the same load of a shared machine. p50/p95 of each and the queries.

    git archive main | tar -x -C /tmp/before
    uv run python -m bench.load.paired --before /tmp/before --database postgres --db-name scale6

The "before" tree is run with this virtual environment (its own `wegweiser` and `bench` first on
the path); both use the database the load benchmark built.
"""

# It runs this file again as the worker of each tree.
# ruff: noqa: S603

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve()
ROOT = HERE.parents[2]


def options() -> argparse.ArgumentParser:
    # The same options as `bench.load.__main__.in_process_options`, written out here: the
    # worker parses them with the other tree's `bench` first on the path, which may predate it.
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", help="the source tree to compare with (required)")
    parser.add_argument("--database", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db-name", default="scaleweb_bench")
    parser.add_argument("--sqlite-path", default=None)
    parser.add_argument("--pages", default="login,name_search,intake_search")
    parser.add_argument("--requests", type=int, default=40, help="per page and tree")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--redis-url", default="")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser


def worker(args: argparse.Namespace) -> None:
    """Answer "page index" lines with "ms queries" for this tree's code."""
    import time

    from bench.load.__main__ import env_for, samples, setup_django

    setup_django(env_for(args))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wegweiser.accounts.models import User

    pages = samples(args)
    clients = {}
    for page in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        if page != "login":
            name = "teamlead.a" if page == "workload" else "caseworker.a"
            client.force_login(User.objects.get(username=name))
        clients[page] = client
    print("READY", flush=True)
    for line in sys.stdin:
        page, index = line.split()
        paths = pages[page]
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = clients[page].get(paths[int(index) % len(paths)])
            elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, (page, response.status_code)
        print(json.dumps([elapsed, len(ctx.captured_queries)]), flush=True)


def start(tree: Path, argv: list[str]) -> subprocess.Popen[str]:
    env = os.environ.copy()
    env["PYTHONPATH"] = str(tree) + os.pathsep + env.get("PYTHONPATH", "")
    process = subprocess.Popen(
        [sys.executable, str(HERE), "--worker", *argv],
        cwd=tree,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == "READY":
            return process
    raise RuntimeError(f"the worker of {tree} ended before it was ready")


def ask(process: subprocess.Popen[str], page: str, index: int) -> tuple[float, int]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(f"{page} {index}\n")
    process.stdin.flush()
    elapsed, queries = json.loads(process.stdout.readline())
    return float(elapsed), int(queries)


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[
        min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))
    ]


def main() -> None:
    args = options().parse_args()
    args.sqlite_path = args.sqlite_path or str(ROOT / "var" / f"bench_load_{args.persons}.sqlite3")
    if args.worker:
        # This file's folder is first on the path when run as a script; the trees come next.
        sys.path.remove(str(HERE.parent))
        worker(args)
        return
    if not args.before:
        sys.exit("--before: the source tree to compare with")
    argv = [
        *("--database", args.database, "--persons", str(args.persons)),
        *("--db-name", args.db_name, "--sqlite-path", args.sqlite_path),
        *("--samples", str(args.samples), "--seed", str(args.seed)),
        *("--redis-url", args.redis_url),
    ]
    trees = {"before": start(Path(args.before).resolve(), argv), "after": start(ROOT, argv)}
    results: dict[str, dict[str, Any]] = {}
    try:
        for page in args.pages.split(","):
            for process in trees.values():
                ask(process, page, 0)  # warm
            runs: dict[str, list[tuple[float, int]]] = {"before": [], "after": []}
            for i in range(args.requests):
                order = ["before", "after"] if i % 2 == 0 else ["after", "before"]
                for name in order:
                    runs[name].append(ask(trees[name], page, i))
            results[page] = runs
    finally:
        for process in trees.values():
            if process.stdin is not None:
                process.stdin.close()
            process.wait(timeout=60)
    print("| page | before p50 ms | before p95 ms | after p50 ms | after p95 ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for page, runs in results.items():
        before = summary([t for t, _ in runs["before"]])
        after = summary([t for t, _ in runs["after"]])
        queries = (
            statistics.median(q for _, q in runs["before"]),
            statistics.median(q for _, q in runs["after"]),
        )
        print(
            f"| {page} | {before[0]:.0f} | {before[1]:.0f} | {after[0]:.0f} | {after[1]:.0f} | "
            f"{queries[0]:.0f} → {queries[1]:.0f} |"
        )
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
