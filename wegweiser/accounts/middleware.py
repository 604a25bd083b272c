"""After the password, nothing but the second-factor pages until the factor is confirmed."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from .mfa import has_second_factor, is_verified, required_for

OPEN_PREFIXES = ("/accounts/mfa/", "/accounts/logout/", "/i18n/")


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
