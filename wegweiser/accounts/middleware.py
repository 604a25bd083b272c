"""After the password, nothing but the second-factor pages until the factor is confirmed."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .mfa import has_second_factor, is_verified, required_for

OPEN_PREFIXES = ("/accounts/mfa/", "/accounts/logout/", "/i18n/")
SEEN_KEY = "wegweiser_session_seen"  # when the session was last written for its activity
SEEN_FOR_KEY = "wegweiser_session_seen_for"  # under which session key (it changes at MFA)


class SessionActivityMiddleware:
    """Keeps a signed-in session alive for the idle timeout (`SESSION_COOKIE_AGE`) and its
    "last seen" in the list of the user's sessions current, with at most one write of each per
    `SESSION_ACTIVITY_SECONDS` (a minute) instead of two on every request.

    Marking the session changed makes Django's session middleware save it with a new expiry
    and send the cookie again; between two such saves the session is only read. A session
    therefore ends between 29 and 30 minutes after its last request, not at exactly 30.

    A session whose key changed (a new key after the second factor) is recorded at once:
    ending the user's sessions (an administrator's reset of the second factor, "log out
    elsewhere") finds them through these records."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None:
            now = time.time()
            seen = float(session.get(SEEN_KEY) or 0)
            moved = session.get(SEEN_FOR_KEY) != session.session_key
            if moved or not 0 <= now - seen < settings.SESSION_ACTIVITY_SECONDS:
                session[SEEN_KEY] = now
                if session.session_key:
                    session[SEEN_FOR_KEY] = session.session_key
                    UserSession.objects.create_from_request(request, user=user, session=session)
        return self.get_response(request)


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not is_verified(request.session)
            and not request.path_info.startswith((*OPEN_PREFIXES, settings.STATIC_URL))
        ):
            if has_second_factor(user):
                return self._to("accounts:mfa_verify", request)
            if required_for(user):
                return self._to("accounts:mfa_setup", request)
        return self.get_response(request)

    @staticmethod
    def _to(name: str, request: HttpRequest) -> HttpResponse:
        target = reverse(name)
        if request.method == "GET" and not request.path_info.startswith("/api/"):
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
