"""Values computed once per request: a function that several parts of one page call (the
occupation space of the matching page, asked by the person's features, the vacancy table and
the ranking) reads the database for it once, not once per caller.

`RequestMemoMiddleware` opens a memo around every GET and HEAD request, which change
nothing; a POST computes every time, so a page that records something and then shows it never
shows what it read before. Outside a request (commands, jobs, tests calling selectors
directly) `once` simply computes. The key names everything the value depends on (the user,
the person).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

T = TypeVar("T")

_memo: ContextVar[dict[str, Any] | None] = ContextVar("wegweiser_request_memo", default=None)


@contextmanager
def request_memo() -> Iterator[None]:
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def once(name: str, compute: Callable[[], T]) -> T:
    """`compute()` the first time `name` is asked for in this request, the same value after."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if name not in memo:
        memo[name] = compute()
    return memo[name]


class RequestMemoMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        with request_memo():
            return self.get_response(request)
