"""Too many logins, searches or exports in a window answer 429 with a message, per user."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from freezegun import freeze_time

pytestmark = pytest.mark.django_db

LIMITS = {"search": (3, 60), "export": (2, 600), "login": (2, 300)}


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_search_beyond_the_limit_answers_429_until_the_window_ends(client, caseworker, colleague):
    client.cookies["django_language"] = "en"
    with freeze_time("2026-12-01 10:00:05"):
        client.force_login(caseworker)
        url = reverse("people:search")
        assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
        refused = client.get(url)
        assert refused.status_code == 429
        assert refused["Retry-After"] == "55"
        assert "Please wait 55 seconds before trying again." in refused.content.decode()

        client.force_login(colleague)  # counted per user
        assert client.get(url).status_code == 200
    with freeze_time("2026-12-01 10:01:01"):
        client.force_login(caseworker)
        assert client.get(url).status_code == 200


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_exports_are_limited(client, caseworker):
    client.force_login(caseworker)
    url = reverse("reporting:supply_demand_export", kwargs={"fmt": "csv"})
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_login_attempts_are_limited_per_address_and_the_page_still_shows(client, caseworker):
    url = reverse("accounts:login")
    statuses = [
        client.post(url, {"username": "nobody", "password": "wrong-password-123"}).status_code
        for _ in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert client.get(url).status_code == 200  # only attempts are counted


def test_nul_in_the_query_string_is_a_clear_400_not_a_server_error(client, caseworker):
    client.cookies["django_language"] = "en"
    client.force_login(caseworker)
    page = client.get(reverse("people:search"), {"q": "Ali\x00"})
    assert page.status_code == 400
    assert "not allowed (NUL)" in page.content.decode()
    api = client.get("/api/jobs/vacancies", {"text": "\x00"})
    assert api.status_code == 400
    assert "NUL" in api.json()["detail"]
    client.logout()
    assert client.get(reverse("people:search"), {"q": "\x00"}).status_code == 302  # login first


@override_settings(WEGWEISER_RATE_LIMITS={"search": (3, 60), "api": (5, 60)})
def test_the_json_api_is_limited_and_its_searches_count_as_searches(client, caseworker):
    client.force_login(caseworker)
    with freeze_time("2026-12-01 10:00:05"):
        statuses = [client.get("/api/people/", {"q": "a"}).status_code for _ in range(4)]
        assert statuses == [200, 200, 200, 429]
        refused = client.get("/api/people/", {"q": "a"})
        assert refused["Retry-After"] == "55"
        # A search on the page is counted in the same window as the API's.
        assert client.get(reverse("people:search"), {"q": "a"}).status_code == 429
    with freeze_time("2026-12-01 10:01:01"):
        # Without a search term only the API limit counts: 5 per minute.
        statuses = [client.get("/api/cases/mine").status_code for _ in range(6)]
        assert statuses == [200, 200, 200, 200, 200, 429]


@override_settings(WEGWEISER_RATE_LIMITS=LIMITS)
def test_the_admin_login_counts_against_the_login_limit(client, administrator):
    url = reverse("admin:login")
    statuses = [
        client.post(url, {"username": f"name{n}", "password": "wrong-password-123"}).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    # The staff login page shares the address's bucket.
    staff = client.post(reverse("accounts:login"), {"username": "x", "password": "y" * 12})
    assert staff.status_code == 429


COUNTER = """
import os, sys, threading
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.test import RequestFactory, override_settings
from wegweiser.core.ratelimit import over_limit

address, limit, threads, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
if threads == 0:
    call_command("createcachetable", verbosity=0)
    sys.exit(0)
allowed = []

def work():
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    for _ in range(calls):
        allowed.append(over_limit(request, "login") == 0)
    connection.close()

# One window of about 30 years: the test cannot straddle two windows.
with override_settings(WEGWEISER_RATE_LIMITS={"login": (limit, 10**9)}):
    workers = [threading.Thread(target=work) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
print(sum(allowed))
"""


REDIS_URL = os.environ.get("WEGWEISER_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def redis_client():
    """A client of the test Redis, or a skip when the package or the server is missing."""
    redis = pytest.importorskip("redis")
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    return client


@pytest.mark.parametrize("backend", ["database", "redis"])
def test_two_server_processes_share_one_count(tmp_path, backend):
    """Two processes with four threads each make 80 attempts against a limit of 30: exactly
    30 pass. A cache per process would let 60 through; a read-then-write increment loses
    counts and lets more than 30 through. Counted in the database's cache table by default,
    in Redis when WEGWEISER_REDIS_URL is set."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "WEGWEISER_VAR_DIR": str(tmp_path),
        "WEGWEISER_REDIS_URL": "",
    }
    address = f"192.0.2.{secrets.randbelow(250) + 1}"
    if backend == "redis":
        redis = redis_client()
        env["WEGWEISER_REDIS_URL"] = REDIS_URL
        pattern = f"*ratelimit:login:address:{address}:*"
        for key in redis.keys(pattern):
            redis.delete(key)
    run = [sys.executable, "-c", COUNTER, address, "30"]
    setup = [*run, "0", "0"]  # creates the cache table
    subprocess.run(setup, env=env, cwd=settings.BASE_DIR, check=True, timeout=120)  # noqa: S603
    processes = [
        subprocess.Popen(  # noqa: S603 (our own interpreter and script)
            [*run, "4", "10"], env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    allowed = [int(process.communicate(timeout=120)[0].strip()) for process in processes]
    assert all(process.returncode == 0 for process in processes)
    assert sum(allowed) == 30
    if backend == "redis":
        assert redis.keys(pattern)  # counted there, not in the table
        for key in redis.keys(pattern):
            redis.delete(key)


@pytest.mark.django_db(transaction=True)
def test_a_search_is_counted_in_one_statement_and_old_counters_are_removed(settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory
    from django.test.utils import CaptureQueriesContext

    from wegweiser.core.ratelimit import over_limit

    settings.WEGWEISER_RATE_LIMITS = {"search": (3, 60)}
    # A counter of a window long gone: removed when a new counter starts.
    cache.count_up("counter:ratelimit:search:user:old:1", -120)
    request = RequestFactory().get("/people/", REMOTE_ADDR="192.0.2.77")
    with CaptureQueriesContext(connection) as first:
        assert over_limit(request, "search") == 0
    with CaptureQueriesContext(connection) as later:
        assert over_limit(request, "search") == 0
    assert over_limit(request, "search") == 0
    assert over_limit(request, "search") > 0  # the fourth in the window
    # The window's first request also deletes expired counters; every later one is one upsert
    # (the stock add-then-incr counted the whole cache table each time).
    assert len(first.captured_queries) == 2
    assert len(later.captured_queries) == 1
    assert "COUNT(" not in later.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT cache_key FROM wegweiser_cache")
        keys = [row[0] for row in cursor.fetchall()]
    assert not any(":old:" in key for key in keys)
    assert any("ratelimit:search:address:192.0.2.77" in key for key in keys)
