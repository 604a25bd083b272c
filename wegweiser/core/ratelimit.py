"""Rate limits on login, search, export and the JSON API: too many requests in a window answer
HTTP 429.

Fixed windows counted in Django's cache, per user (or per client address before login, see
`core.middleware.client_ip`). The limits are settings (`WEGWEISER_RATE_LIMITS`: scope ->
(requests, seconds)). The cache is shared by every server process (a table in the database,
or Redis), and the count is increased atomically, so two workers do not each allow the limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.throttling import BaseThrottle

from .middleware import client_ip
from .request_transactions import per_request

ViewT = TypeVar("ViewT", bound=Callable[..., Any])

DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "login": (20, 300),  # attempts per client address in five minutes (lockout is separate)
    "search": (120, 60),  # searches per user and minute (the autocomplete asks per keystroke)
    "export": (20, 600),  # exports and downloads per user in ten minutes
    "api": (600, 60),  # JSON API calls per user and minute (searches count as "search" too)
}


def _limit(scope: str) -> tuple[int, int]:
    limits = {**DEFAULT_LIMITS, **getattr(settings, "WEGWEISER_RATE_LIMITS", {})}
    return limits[scope]


def _who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"address:{client_ip(request) or ''}"


def over_limit(request: HttpRequest, scope: str) -> int:
    """0 while the request is within the limit, else the seconds until the window ends."""
    requests, seconds = _limit(scope)
    now = time.time()
    window = int(now // seconds)
    key = f"ratelimit:{scope}:{_who(request)}:{window}"
    count_up = getattr(cache, "count_up", None)
    if count_up is not None:  # the database's cache table: one statement (own key prefix, so
        count = count_up(f"counter:{key}", seconds)  # no row an `add` wrote can meet it)
    else:  # Redis: add and incr, each atomic there
        cache.add(key, 0, timeout=seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=seconds)
            count = 1
    if count <= requests:
        return 0
    return max(1, int((window + 1) * seconds - now))


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    response = render(request, "core/too_many.html", {"retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limit(
    scope: str, *, methods: tuple[str, ...] = ("GET", "POST")
) -> Callable[[ViewT], ViewT]:
    """Answer 429 when the user (or client address) exceeds the scope's limit.

    The count is taken outside the request's transaction and the view then runs in its own
    (core/request_transactions.py): counted in the request's transaction, the counter row
    stayed locked until the page was rendered, so a user's parallel searches (several tabs, the
    autocomplete) waited for each other."""

    def decorator(view: ViewT) -> ViewT:
        in_request_transaction = per_request(view)

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method in methods:
                retry_after = over_limit(request, scope)
                if retry_after:
                    return too_many(request, retry_after)
            return in_request_transaction(request, *args, **kwargs)

        return cast(ViewT, transaction.non_atomic_requests(wrapper))

    return decorator


class RateLimitThrottle(BaseThrottle):
    """The same limiter for Ninja operations. With ``when_given``, only requests that carry
    one of these query parameters count (a search, not every list page)."""

    def __init__(self, scope: str, *, when_given: tuple[str, ...] = ()) -> None:
        self.scope = scope
        self.when_given = when_given
        self._retry_after = threading.local()

    def allow_request(self, request: HttpRequest) -> bool:
        self._retry_after.seconds = 0
        if self.when_given and not any(request.GET.get(name) for name in self.when_given):
            return True
        self._retry_after.seconds = over_limit(request, self.scope)
        return not self._retry_after.seconds

    def wait(self) -> float | None:
        return getattr(self._retry_after, "seconds", 0) or None
