"""Request type for views behind login: the user is a staff User, htmx details are attached."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from wegweiser.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
