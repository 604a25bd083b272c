"""Account lockout per account and address pair, growing with each repeat, and unlocking by
e-mail (finding: anyone could lock any account by five wrong passwords).

django-axes counts failures per (user name, client address): an attacker elsewhere locks only
their own pair, and the user still logs in from their own desk. The first lockout of a pair
lasts 30 minutes; each further lockout of the same pair within a day doubles it (up to a
day). The user can end a lockout at once with a link sent to their e-mail address: signed,
valid for an hour and good for one use; it removes the failures recorded for their name.
"""

from __future__ import annotations

import datetime as dt
import secrets
import time
from typing import Any

from axes.helpers import get_client_username
from axes.signals import user_locked_out
from axes.utils import reset as axes_reset
from django.core import signing
from django.core.cache import cache
from django.dispatch import receiver
from django.http import HttpRequest

from wegweiser.core.middleware import client_ip

FIRST_COOL_OFF = dt.timedelta(minutes=30)
LONGEST_COOL_OFF = dt.timedelta(hours=24)
REMEMBER_LOCKOUTS = 24 * 60 * 60  # seconds: repeats within a day lengthen the lockout
UNLOCK_MAX_AGE = 60 * 60  # seconds an unlock link is valid
UNLOCK_SALT = "wegweiser.accounts.unlock"


def _pair_key(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    username = get_client_username(request) or ""
    address = getattr(request, "axes_ip_address", None) or client_ip(request) or ""
    return f"lockouts:{username.lower()}:{address}"


def _history(key: str) -> dict[str, Any]:
    """The pair's lockouts within a day, and when axes last refused or locked it."""
    now = time.time()
    history = cache.get(key) or {"lockouts": [], "last": 0.0}
    history["lockouts"] = [t for t in history["lockouts"] if now - t < REMEMBER_LOCKOUTS]
    return history


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    """AXES_COOLOFF_TIME: 30 minutes for a pair's first lockout in a day, then 60, 120 ..."""
    key = _pair_key(request)
    earlier = max(len(_history(key)["lockouts"]) - 1, 0) if key else 0
    return min(FIRST_COOL_OFF * (2**earlier), LONGEST_COOL_OFF)


@receiver(user_locked_out)
def _remember_lockout(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    """Axes signals the failure that locks and every attempt refused during the lockout (each
    of which starts the lockout time again). A new lockout is one after a quiet gap longer
    than the lockout then in force."""
    key = _pair_key(request)
    if key is None:
        return
    history = _history(key)
    now = time.time()
    if now - history["last"] >= cool_off(request).total_seconds():
        history["lockouts"].append(now)
    history["last"] = now
    cache.set(key, history, timeout=REMEMBER_LOCKOUTS)


def unlock_token(*, username: str) -> str:
    """A signed, one-use token for the unlock link of `username`."""
    nonce = secrets.token_urlsafe(16)
    cache.set(f"unlock:{nonce}", username, timeout=UNLOCK_MAX_AGE)
    return signing.dumps({"u": username, "n": nonce}, salt=UNLOCK_SALT, compress=True)


def unlock_with_token(token: str) -> str | None:
    """End the lockouts of the token's user: their name, or None if the link is invalid,
    expired or already used."""
    try:
        data = signing.loads(token, salt=UNLOCK_SALT, max_age=UNLOCK_MAX_AGE)
    except signing.BadSignature:
        return None
    key = f"unlock:{data.get('n', '')}"
    username = cache.get(key)
    # The delete decides who used the link first, if two requests bring it at once.
    if username is None or username != data.get("u") or not cache.delete(key):
        return None
    axes_reset(username=username)
    return str(username)
