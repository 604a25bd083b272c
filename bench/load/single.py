"""One request at a time: each page of the load benchmark served in-process by Django's test
client (no server, no concurrency), p50/p95 over --requests requests and the queries per
request. Less sensitive to a busy machine than the load run, since nothing queues.

    uv run python -m bench.load.single --database postgres --requests 20

Uses the database the load benchmark built (run `python -m bench.load` first).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from bench.load.__main__ import (
    env_for,
    in_process_options,
    parse_in_process,
    samples,
    setup_django,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    in_process_options(parser, requests=20)
    parser.add_argument("--skip", default="", help="comma-separated pages not to measure")
    parser.add_argument("--budget", type=float, default=60, help="seconds per page at most")
    args = parse_in_process(parser)
    setup_django(env_for(args))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from wegweiser.accounts.models import User

    pages = samples(args)
    users = {name: User.objects.get(username=name) for name in ("caseworker.a", "teamlead.a")}
    print("| page | requests | p50 ms | p95 ms | queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    skip = set(args.skip.split(","))
    for page, paths in pages.items():
        if page in skip:
            print(f"| {page} | skipped | | | |")
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        if page == "workload":
            client.force_login(users["teamlead.a"])
        elif page != "login":
            client.force_login(users["caseworker.a"])
        client.get(paths[0])  # warm
        times, queries = [], []
        deadline = time.monotonic() + args.budget
        for i in range(args.requests):
            if time.monotonic() > deadline:
                break
            with CaptureQueriesContext(connection) as ctx:
                started = time.perf_counter()
                response = client.get(paths[i % len(paths)])
                times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (page, response.status_code)
            queries.append(len(ctx.captured_queries))
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        print(
            f"| {page} | {len(times)} | {statistics.median(times):.0f} | {p95:.0f} | "
            f"{statistics.median(queries):.0f} |"
        )
    load = os.getloadavg()
    print(f"\nload average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")


if __name__ == "__main__":
    main()
