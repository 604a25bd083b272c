"""Letter pages: make a letter for a case, download it again, and the administrators'
pages for the letter texts and the letterhead."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.accounts.models import User
from wegweiser.cases.selectors import case_get_for_user
from wegweiser.core.forms import apply_errors
from wegweiser.core.permissions import require_case_work, require_role
from wegweiser.core.types import AuthedRequest

from . import selectors, services
from .forms import LetterheadForm, LetterMakeForm, LetterTextForm, default_language
from .merge import FIELDS
from .models import RTL_LANGUAGES, Kind, Language, LetterText


@require_http_methods(["GET", "POST"])
@require_case_work
def letter_make_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="letter_make")
    appointments = selectors.appointments_for_letter(user=request.user, case=case)
    language = default_language(case.person.letter_language)
    form = LetterMakeForm(
        request.POST or None, appointments=appointments, initial={"language": language}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        kind = data["kind"]
        try:
            letter = services.letter_create(
                actor=request.user,
                case=case,
                kind=kind,
                language=data["language"],
                appointment=data["appointment"] if kind in services.NEEDS_APPOINTMENT else None,
                plan=selectors.agreed_plan(case=case) if kind in services.NEEDS_PLAN else None,
                details={"documents": data["documents"], "reply_by": data["reply_by"]},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if letter.from_draft:
                messages.warning(request, services.draft_warning())
            else:
                messages.success(request, _("The letter was made and stored with the case."))
            return redirect(reverse("people:detail", args=[case.person_id]) + "#letters")
    languages = [Language.DE.value] + ([language] if language != Language.DE else [])
    return render(
        request,
        "letters/make.html",
        {
            "case": case,
            "person": case.person,
            "form": form,
            "states": selectors.review_states(languages=languages),
            "state_languages": [(code, Language(code).label) for code in languages],
        },
        status=422 if form.errors else 200,
    )


@require_GET
@require_case_work
def letter_download_view(request: AuthedRequest, pk: int) -> HttpResponse:
    letter = selectors.letter_download(user=request.user, pk=pk)
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@require_GET
@require_role(User.Role.ADMINISTRATOR)
def texts_view(request: AuthedRequest) -> HttpResponse:
    texts = {(t.kind, t.language): t for t in selectors.letter_texts_overview(user=request.user)}
    rows = [
        {
            "kind": kind,
            "label": label,
            "cells": [(code, texts.get((kind, code))) for code in Language.values],
        }
        for kind, label in Kind.choices
    ]
    return render(
        request,
        "letters/texts.html",
        {"rows": rows, "letter_languages": Language.choices},
    )


def _kind_and_language(kind: str, language: str) -> tuple[str, str]:
    if kind not in Kind.values or language not in Language.values:
        raise Http404
    return kind, language


@require_http_methods(["GET", "POST"])
@require_role(User.Role.ADMINISTRATOR)
def text_edit_view(request: AuthedRequest, kind: str, language: str) -> HttpResponse:
    kind, language = _kind_and_language(kind, language)
    text = selectors.letter_text_for(user=request.user, kind=kind, language=language)
    direction = "rtl" if language in RTL_LANGUAGES else "ltr"
    form = LetterTextForm(
        request.POST or None,
        instance=text or LetterText(kind=kind, language=language),
        direction=direction,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_text_save(
                actor=request.user,
                kind=kind,
                language=language,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The text was saved as a draft."))
            return redirect("letters:text_edit", kind=kind, language=language)
    german = (
        None
        if language == Language.DE
        else selectors.letter_text_for(user=request.user, kind=kind, language=Language.DE)
    )
    return render(
        request,
        "letters/text_edit.html",
        {
            "form": form,
            "text": text,
            "german": german,
            "kind_label": Kind(kind).label,
            "language_label": Language(language).label,
            "kind": kind,
            "language": language,
            "direction": direction,
            "fields": ["{" + name + "}" for name in FIELDS],
        },
        status=422 if form.errors else 200,
    )


@require_POST
@require_role(User.Role.ADMINISTRATOR)
def text_review_view(request: AuthedRequest, kind: str, language: str) -> HttpResponse:
    kind, language = _kind_and_language(kind, language)
    text = selectors.letter_text_for(user=request.user, kind=kind, language=language)
    if text is None:
        raise Http404
    services.letter_text_review(actor=request.user, text=text)
    messages.success(request, _("The text is marked as reviewed by you."))
    return redirect("letters:text_edit", kind=kind, language=language)


@require_http_methods(["GET", "POST"])
@require_role(User.Role.ADMINISTRATOR)
def letterhead_view(request: AuthedRequest) -> HttpResponse:
    organisation = request.user.organisation
    if organisation is None:
        raise Http404
    instance = selectors.letterhead_of(user=request.user, organisation=organisation)
    form = LetterheadForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.letterhead_save(
                actor=request.user,
                organisation=organisation,
                data={name: form.cleaned_data[name] for name in form.fields},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The letterhead was saved."))
            return redirect("letters:letterhead")
    return render(
        request,
        "letters/letterhead.html",
        {"form": form, "organisation": organisation},
        status=422 if form.errors else 200,
    )
