"""Data-protection pages: the subject access report (Art. 15/20 GDPR), erasure (Art. 17 GDPR)
with its receipt, legal holds and the preview of the retention run."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.core.forms import apply_errors
from wegweiser.core.permissions import require_case_work
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest

from .exports import PdfUnavailable, withheld_note
from .forms import ErasureForm, LegalHoldForm
from .models import Erasure, LegalHold
from .selectors import (
    case_for_team_lead,
    erasure_counts_display,
    erasure_get_for_user,
    erasure_record_counts,
    person_for_erasure,
    retention_preview,
    subject_access,
    subject_access_export,
)
from .services import (
    erasure_is_done,
    erasure_refusal,
    legal_hold_lift,
    legal_hold_set,
    person_erase,
)


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


@require_GET
def retention_view(request: AuthedRequest) -> HttpResponse:
    preview = retention_preview(user=request.user)
    return render(
        request,
        "gdpr/retention.html",
        {"preview": preview, "hold_form": LegalHoldForm()},
    )


@require_POST
def legal_hold_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_for_team_lead(user=request.user, pk=pk)
    hold = LegalHold.objects.filter(case=case).first()
    if hold is not None:
        legal_hold_lift(actor=request.user, hold=hold)
        messages.success(request, _("The legal hold is lifted."))
        return redirect("gdpr:erase", pk=case.person_id)
    form = LegalHoldForm(request.POST)
    if form.is_valid():
        try:
            legal_hold_set(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The case is under a legal hold now."))
            return redirect("gdpr:erase", pk=case.person_id)
    return _erase_page(request, case.person_id, hold_form=form, status=422)


def _erase_page(
    request: AuthedRequest,
    pk: int,
    *,
    form: ErasureForm | None = None,
    hold_form: LegalHoldForm | None = None,
    status: int = 200,
) -> HttpResponse:
    person = person_for_erasure(user=request.user, pk=pk)
    case = getattr(person, "case", None)
    return render(
        request,
        "gdpr/erase.html",
        {
            "person": person,
            "case": case,
            "hold": LegalHold.objects.filter(case=case).first() if case else None,
            "erased": Erasure.objects.filter(person_number=person.pk).first(),
            "refusal": erasure_refusal(person),
            "counts": erasure_record_counts(person),
            "form": form or ErasureForm(),
            "hold_form": hold_form or LegalHoldForm(),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def erase_view(request: AuthedRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return _erase_page(request, pk)
    person = person_for_erasure(user=request.user, pk=pk)
    form = ErasureForm(request.POST)
    if form.is_valid() and not erasure_is_done(person):
        try:
            erasure = person_erase(actor=request.user, person=person, reason=Erasure.Reason.REQUEST)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("gdpr:erasure_receipt", pk=erasure.pk)
    return _erase_page(request, pk, form=form, status=422)


@require_GET
def erasure_receipt_view(request: AuthedRequest, pk: int) -> HttpResponse:
    erasure = erasure_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "gdpr/erasure_receipt.html",
        {"erasure": erasure, "counts": erasure_counts_display(erasure)},
    )
