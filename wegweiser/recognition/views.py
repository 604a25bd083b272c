"""Recognition pages: a person's qualifications and procedures, a procedure with its stages and
decision period, and the occupation autocomplete. All of it is case work."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wegweiser.core.forms import apply_errors
from wegweiser.core.permissions import require_case_work
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest

from . import services
from .forms import ProcedureForm, QualificationForm
from .selectors import (
    active_authorities,
    occupation_search,
    person_recognition,
    procedure_get_for_user,
    qualification_get_for_user,
)

SECTIONS = ("qualification", "procedure")
FIELD_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,60}$")


def _status(form: BaseForm | None) -> int:
    return 422 if form is not None and form.errors else 200


def _person_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    return {"data": person_recognition(user=request.user, pk=pk), "form": None, "section": ""}


def _procedure_form(request: AuthedRequest, person: Any, **kwargs: Any) -> ProcedureForm:
    return ProcedureForm(
        request.POST or None,
        qualifications=person.qualifications.all(),
        authorities=active_authorities(),
        **kwargs,
    )


@require_GET
@require_case_work
def person_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "recognition/person.html", _person_context(request, pk))


@require_http_methods(["GET", "POST"])
@require_case_work
def person_section_view(request: AuthedRequest, pk: int, section: str) -> HttpResponse:
    """An inline form on the person's recognition panel: GET opens it, POST saves it."""
    if section not in SECTIONS:
        raise Http404
    context = _person_context(request, pk)
    person = context["data"].person
    form: BaseForm
    if section == "qualification":
        form = QualificationForm(request.POST or None)
    else:
        form = _procedure_form(request, person)
        form.instance.person = person
    context.update(form=form, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            if section == "qualification":
                services.qualification_add(actor=request.user, person=person, **form.cleaned_data)
            else:
                services.procedure_start(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect("recognition:person", pk=pk)
            context = _person_context(request, pk)
    template = (
        "recognition/partials/person_recognition.html"
        if request.htmx
        else "recognition/person.html"
    )
    return render(request, template, context, status=_status(context["form"]))


@require_http_methods(["GET", "POST"])
@require_case_work
def qualification_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    qualification = qualification_get_for_user(user=request.user, pk=pk)
    form = QualificationForm(request.POST or None, instance=qualification)
    if request.method == "POST" and form.is_valid():
        try:
            services.qualification_update(
                actor=request.user, qualification=qualification, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The qualification was saved."))
            return redirect("recognition:person", pk=qualification.person_id)
    return render(
        request,
        "recognition/qualification_form.html",
        {"form": form, "qualification": qualification, "person": qualification.person},
        status=_status(form),
    )


@require_GET
@require_case_work
def procedure_view(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = procedure_get_for_user(user=request.user, pk=pk)
    return render(request, "recognition/procedure.html", {"procedure": procedure})


@require_http_methods(["GET", "POST"])
@require_case_work
def procedure_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    procedure = procedure_get_for_user(user=request.user, pk=pk)
    form = _procedure_form(request, procedure.person, instance=procedure)
    if request.method == "POST" and form.is_valid():
        try:
            services.procedure_update(
                actor=request.user, procedure=procedure, data=form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The recognition procedure was saved."))
            return redirect("recognition:procedure", pk=procedure.pk)
    return render(
        request,
        "recognition/procedure_form.html",
        {"form": form, "procedure": procedure, "person": procedure.person},
        status=_status(form),
    )


@require_GET
@rate_limit("search")
def occupation_search_view(request: AuthedRequest) -> HttpResponse:
    """Matches for the occupation autocomplete (an htmx partial of radio buttons). Reference
    data only: for case work and for employers' staff entering vacancies."""
    if not (request.user.works_cases or request.user.is_employer):
        raise PermissionDenied
    name = request.GET.get("field", "occupation")
    if not FIELD_NAME.match(name):
        name = "occupation"
    query = request.GET.get(f"{name}_query", request.GET.get("q", ""))[:200]
    occupations = occupation_search(title=query, language=(get_language() or "de")[:2])
    return render(
        request,
        "recognition/partials/occupation_results.html",
        {"occupations": occupations, "name": name, "query": query},
    )
