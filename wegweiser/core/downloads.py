"""File downloads of reports and lists: the formats offered and the attachment response.

A view keeps its own table of renderers (format to function) and its own audit entry; what
every download shares lives here: which formats exist, their content types, the 404 for any
other format and a file name that says the day it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TypeVar

from django.http import Http404, HttpResponse
from django.utils import timezone

CONTENT_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Renderer = TypeVar("Renderer")


def renderer_for(renderers: Mapping[str, Renderer], fmt: str) -> Renderer:
    """The renderer of a format the view offers; 404 for any other (nothing leaks a 500)."""
    if fmt not in renderers or fmt not in CONTENT_TYPES:
        raise Http404
    return renderers[fmt]


def attachment(content: bytes, *, name: str, fmt: str, on: dt.date | None = None) -> HttpResponse:
    """`content` as a download named `<name>-<YYYY-MM-DD>.<fmt>` (today unless `on`)."""
    day = on or timezone.localdate()
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}-{day:%Y-%m-%d}.{fmt}"'
    return response
