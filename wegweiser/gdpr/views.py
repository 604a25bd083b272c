"""Data-protection pages: the subject access report of a person (Art. 15/20 GDPR)."""

from __future__ import annotations

from django.http import Http404, HttpResponse

from wegweiser.core.types import AuthedRequest


def subject_access_view(request: AuthedRequest, pk: int) -> HttpResponse:
    raise Http404


def subject_access_download_view(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    raise Http404
