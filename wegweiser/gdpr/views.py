"""Data-protection pages: the subject access report of a person (Art. 15/20 GDPR)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wegweiser.core.permissions import require_case_work
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest

from .exports import PdfUnavailable, withheld_note
from .selectors import subject_access, subject_access_export


@require_GET
@require_case_work
def subject_access_view(request: AuthedRequest, pk: int) -> HttpResponse:
    report = subject_access(user=request.user, pk=pk)
    return render(
        request,
        "gdpr/subject_access.html",
        {"report": report, "withheld_note": withheld_note()},
    )


@require_GET
@require_case_work
@rate_limit("export")
def subject_access_download_view(request: AuthedRequest, pk: int, fmt: str) -> HttpResponse:
    try:
        export = subject_access_export(user=request.user, pk=pk, fmt=fmt)
    except PdfUnavailable:
        return render(request, "gdpr/pdf_unavailable.html", {"pk": pk}, status=503)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response
