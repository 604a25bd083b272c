"""Role checks for whole pages. Object scope is the selectors' job (404 outside scope)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def require_role(*roles: str) -> Callable[[View], View]:
    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def require_case_work(view: View) -> View:
    """Pages with case content: only users who work cases (never the auditor)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "works_cases", False):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


INTAKE_ROLES = ("caseworker", "team_lead")


def may_search_register(user: Any) -> bool:
    """The organisation-wide intake search is for case work only: caseworkers and team leads.
    Administrators manage accounts and read no case content; auditors read the log."""
    return bool(getattr(user, "is_active", False) and getattr(user, "role", None) in INTAKE_ROLES)


def require_intake_search(view: View) -> View:
    """Pages that search the whole register (intake, identity search)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not may_search_register(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
