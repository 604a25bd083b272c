"""File downloads of reports, lists and kept files: the formats offered and the responses.

A view keeps its own table of renderers (format to function) and its own audit entry; what
every download shares lives here: which formats exist, their content types, the 404 for any
other format and a file name that says the day it was made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import IO, TypeVar

from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

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


def stored_file(
    handle: IO[bytes], *, filename: str, content_type: str, inline: bool = False
) -> HttpResponse:
    """A kept file (a person's document, its preview) read from its storage and closed: the
    type checked at upload, never sniffed by the browser, never cached, an attachment unless
    `inline` (a preview shown in the page). Kept files are small (20 MB at most)."""
    with handle:
        response = HttpResponse(handle.read(), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(not inline, filename) or ""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response
