"""Where one page's time goes: the page of the load benchmark served in-process (Django's test
client, logged in as the benchmark's user) under pyinstrument, with the time spent in SQL.

    uv run --with pyinstrument python -m bench.load.profile --db-name scale4_bench my_cases

Prints the time per request, the queries and their time, and pyinstrument's call tree of all
requests together. Uses the database the load benchmark built.
"""

from __future__ import annotations

import argparse
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
    parser.add_argument("page", help="login, person, name_search, intake_search, my_cases, …")
    in_process_options(parser, requests=10)
    parser.add_argument("--queries", action="store_true", help="print every query with its time")
    parser.add_argument("--flat", action="store_true", help="self time per function, not a tree")
    args = parse_in_process(parser)
    setup_django(env_for(args))
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from pyinstrument import Profiler

    from wegweiser.accounts.models import User

    paths = samples(args)[args.page]
    client = Client(HTTP_HOST="127.0.0.1")
    if args.page != "login":
        name = "teamlead.a" if args.page == "workload" else "caseworker.a"
        client.force_login(User.objects.get(username=name))
    client.get(paths[0])  # warm
    profiler = Profiler(interval=0.0005)
    times, sql = [], []
    last = None
    for i in range(args.requests):
        with CaptureQueriesContext(connection) as ctx:
            profiler.start()
            started = time.perf_counter()
            response = client.get(paths[i % len(paths)])
            times.append((time.perf_counter() - started) * 1000)
            profiler.stop()
        assert response.status_code == 200, response.status_code
        sql.append(sum(float(q["time"]) for q in ctx.captured_queries) * 1000)
        last = ctx.captured_queries
    print(
        f"{args.page}: p50 {statistics.median(times):.0f} ms, SQL p50 {statistics.median(sql):.0f}"
        f" ms, {len(last or [])} queries"
    )
    if args.queries:
        for q in last or []:
            print(f"{float(q['time']) * 1000:7.1f} ms  {q['sql'][:300]}")
    print(profiler.output_text(unicode=True, color=False, show_all=False, flat=args.flat))


if __name__ == "__main__":
    main()
