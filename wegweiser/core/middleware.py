"""Request-wide concerns: session lifetime, the audit context, security headers and input that
no view should see."""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .audit import batched_reads, client_address, request_user
from .refusals import record_refusal

Handler = Callable[[HttpRequest], HttpResponse]

SESSION_STARTED_KEY = "wegweiser_session_started"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _trusted(address: str, networks: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, unless that is a trusted reverse proxy
    (`WEGWEISER_TRUSTED_PROXIES`); then X-Forwarded-For is read from the right, skipping
    trusted proxies, and the first other address is the client. Anyone can send the header,
    so only the part that trusted proxies appended counts; an entry that is not an address
    ends the walk at the proxy that passed it on."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "WEGWEISER_TRUSTED_PROXIES", ())))
    if remote is None or not networks or not _trusted(remote, networks):
        return remote
    client = remote
    hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    for hop in reversed([hop.strip() for hop in hops if hop.strip()]):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return client
        client = hop
        if not _trusted(hop, networks):
            return client
    return client


# Browser features no page of Wegweiser uses are switched off for it and anything it embeds.
# Passkeys (publickey-credentials-*) keep their default, this site only.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "screen-wake-lock",
        "xr-spatial-tracking",
    )
)


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after login however active it was (idle timeout: cookie age)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = time.time()
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - float(started) > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return redirect(settings.LOGIN_URL)
        return self.get_response(request)


class AuditContextMiddleware:
    """Makes the client address available to every audit entry written during the request, and
    appends the request's read and list entries to the audit chain together at its end."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with (
            client_address(client_ip(request)),
            request_user(lambda: request.user),
            batched_reads(),
        ):
            response = self.get_response(request)
            if response.status_code in (403, 404):
                record_refusal(request, response.status_code)
            return response


class SecurityHeadersMiddleware:
    """CSP without inline script, and no caching of pages that may show personal data."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if not request.path.startswith(settings.STATIC_URL):
            response["Cache-Control"] = "no-store"
        return response


class NullCharacterMiddleware:
    """A NUL character in the query string answers 400 with a clear message. Forms refuse it
    field by field already; query parameters reach filters directly, and PostgreSQL cannot
    store or compare text with NUL. Placed after the login check, so anonymous requests are
    sent to the login page first."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: object, args: object, kwargs: object
    ) -> HttpResponse | None:
        if not any(
            "\x00" in key or "\x00" in "".join(values) for key, values in request.GET.lists()
        ):
            return None
        message = _("The address contains a character that is not allowed (NUL).")
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": str(message)}, status=400)
        return render(request, "core/bad_request.html", {"message": message}, status=400)
