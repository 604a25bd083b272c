"""The application's URLs plus views that fail, for the error-page tests."""

from __future__ import annotations

from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from config.urls import urlpatterns as application


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a programming error")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("tampered")


urlpatterns = [path("boom/", boom), path("suspicious/", suspicious), *application]
