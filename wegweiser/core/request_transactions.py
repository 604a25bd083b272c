"""A request's transaction: one per request, as Django's ATOMIC_REQUESTS gives, except a reading
request on SQLite.

On SQLite a transaction that may write takes the database's write lock at its start
(`transaction_mode` IMMEDIATE, so that two writers never deadlock on an upgrade). A request in
one transaction held that lock until its view returned, so the server's workers answered one
page at a time, reads included (docs/benchmarks.md, "SQLite under wrk"). A GET, HEAD or OPTIONS
request therefore runs its view without a transaction there: every statement reads the latest
committed state (WAL) and waits for no writer, and what such a request does write (its audit
entries at its end, a rate-limit count, a service's change) takes the lock in a transaction of
its own and waits for it. A change to audited data outside a transaction of its own is refused
(`in_own_transaction`, core/audit.py), so no reading view changes a person's data half-way.
On PostgreSQL, where readers never wait for writers, every request keeps its transaction.

Applied to every view of the URLconf (`run_views_in_transactions`); a view marked with
Django's `transaction.non_atomic_requests` is left as it is, as ATOMIC_REQUESTS leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import URLPattern, URLResolver

READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# How many transactions were open when the current reading request began (a test's own).
_outer_depth: ContextVar[int] = ContextVar("wegweiser_outer_transactions", default=0)


def in_transaction(request: HttpRequest) -> bool:
    """Whether `request` runs in one transaction."""
    return request.method not in READING_METHODS or connection.vendor != "sqlite"


def in_own_transaction() -> bool:
    """Whether the running code is inside a transaction of the request or of a service: not
    only one that was open around a reading request (a test's), which in production is none."""
    return len(transaction.get_connection().atomic_blocks) > _outer_depth.get()


@contextmanager
def _reading() -> Iterator[None]:
    token = _outer_depth.set(len(connection.atomic_blocks))
    try:
        yield
    finally:
        _outer_depth.reset(token)


def per_request(view: Callable[..., Any]) -> Callable[..., Any]:
    """`view` in its request's transaction, or in none for a reading request on SQLite."""
    if "default" in getattr(view, "_non_atomic_requests", set()):
        return view

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if in_transaction(request):
            with transaction.atomic():
                return view(request, *args, **kwargs)
        with _reading():
            return view(request, *args, **kwargs)

    return transaction.non_atomic_requests(wrapper)


def run_views_in_transactions(patterns: Iterable[URLPattern | URLResolver]) -> None:
    """Wrap the view of every pattern, included ones too, in `per_request` (once each)."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            run_views_in_transactions(entry.url_patterns)
        else:
            entry.callback = per_request(entry.callback)
