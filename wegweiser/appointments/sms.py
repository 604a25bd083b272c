"""Pluggable SMS sending. `WEGWEISER_SMS_BACKEND` names the backend class; the default sends
nothing. The HTTP gateway posts JSON to a URL with a bearer token and needs both settings."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


class SmsError(RuntimeError):
    """The gateway refused or could not be reached."""


class SmsBackend(Protocol):
    @property
    def configured(self) -> bool: ...

    def send(self, *, to: str, text: str) -> None: ...


class NullBackend:
    """No SMS gateway: reminders by SMS are not attempted."""

    configured = False

    def send(self, *, to: str, text: str) -> None:
        raise SmsError("No SMS gateway is configured.")


class HttpGatewayBackend:
    """POSTs {"to": ..., "text": ...} as JSON to WEGWEISER_SMS_GATEWAY_URL with
    `Authorization: Bearer WEGWEISER_SMS_GATEWAY_TOKEN`; any 2xx answer counts as accepted."""

    def __init__(self) -> None:
        self.url: str = getattr(settings, "WEGWEISER_SMS_GATEWAY_URL", "")
        self.token: str = getattr(settings, "WEGWEISER_SMS_GATEWAY_TOKEN", "")
        self.timeout: float = getattr(settings, "WEGWEISER_SMS_GATEWAY_TIMEOUT", 10.0)

    @property
    def configured(self) -> bool:
        return bool(self.url and self.token)

    def send(self, *, to: str, text: str) -> None:
        if not self.configured:
            raise SmsError("The SMS gateway needs a URL and a token.")
        if not self.url.startswith(("https://", "http://")):
            raise SmsError("The SMS gateway URL must be http(s).")
        request = urllib.request.Request(  # noqa: S310 - scheme checked above
            self.url,
            data=json.dumps({"to": to, "text": text}).encode(),
            headers={
                "Authorization": f"Bearer {self.token}",
                "Content-Type": "application/json",
            },
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            raise SmsError(f"SMS gateway answered {error.code}") from error
        except OSError as error:
            raise SmsError(f"SMS gateway not reachable: {type(error).__name__}") from error
        if not 200 <= status < 300:
            raise SmsError(f"SMS gateway answered {status}")


def sms_backend() -> SmsBackend:
    backend_class = import_string(settings.WEGWEISER_SMS_BACKEND)
    return backend_class()
