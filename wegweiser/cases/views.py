"""Case pages: my cases, the intake flow, status, orientation, notes and next steps."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_event
from wegweiser.core.forms import apply_errors
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work, require_role
from wegweiser.core.types import AuthedRequest
from wegweiser.people.explanations import explained
from wegweiser.people.forms import PersonForm
from wegweiser.people.matching import query_record
from wegweiser.people.selectors import identity_search

from . import services
from .forms import CaseEditForm, CaseOpenForm, CaseStatusForm, NoteForm, OrientationForm
from .selectors import (
    case_get_for_user,
    case_timeline,
    dashboard,
    may_see_health_data,
    open_steps,
    team_workload,
    unassigned_count,
)


@require_GET
@require_case_work
def my_cases_view(request: AuthedRequest) -> HttpResponse:
    board = dashboard(
        user=request.user,
        cases_page=request.GET.get("page"),
        steps_page=request.GET.get("steps"),
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "board": board,
            "cases_query": _query_without(request, "page"),
            "steps_query": _query_without(request, "steps"),
        },
    )


def _query_without(request: AuthedRequest, name: str) -> str:
    """The page's query string without one parameter (a pager keeps the others)."""
    query = request.GET.copy()
    query.pop(name, None)
    return query.urlencode()


@require_GET
@require_role(User.Role.TEAM_LEAD)
def workload_view(request: AuthedRequest) -> HttpResponse:
    return render(
        request,
        "cases/workload.html",
        {
            "rows": team_workload(user=request.user),
            "unassigned": unassigned_count(user=request.user),
        },
    )


# Fields a search hands to a new intake (a search with no result offers one).
INTAKE_PREFILL_FIELDS = (
    "given_names_latin",
    "family_name_latin",
    "given_names_original",
    "family_name_original",
    "date_of_birth",
)


@require_http_methods(["GET", "POST"])
@require_case_work
def intake_view(request: AuthedRequest) -> HttpResponse:
    """Person, case and initial orientation in one form; all saved together or nothing."""
    user = request.user
    data = request.POST or None
    prefill = {
        name: request.GET[f"person-{name}"][:150]
        for name in INTAKE_PREFILL_FIELDS
        if request.GET.get(f"person-{name}")
    }
    person_form = PersonForm(data, prefix="person", initial=prefill)
    case_form = CaseOpenForm(data, prefix="case", user=user)
    orientation_form = OrientationForm(data, prefix="orientation")
    forms = (person_form, case_form, orientation_form)
    candidates: list = []
    if request.method == "POST" and all([f.is_valid() for f in forms]):
        strong = [
            hit
            for hit in _intake_candidates(user, person_form.cleaned_data)
            if hit.candidate.result.is_match
        ]
        confirmed = request.POST.get("confirm_new_person") == "yes"
        if strong and not confirmed:
            candidates = explained(strong)
        else:
            try:
                case = services.intake_create(
                    actor=user,
                    person_data=person_form.cleaned_data,
                    case_data=case_form.cleaned_data,
                    orientation_data=orientation_form.cleaned_data,
                )
            except ValidationError as error:
                _spread_errors(error, forms)
            else:
                if strong:
                    audit_event(
                        actor=user,
                        action=AuditEntry.Action.CONFIRM,
                        object_type="people.person",
                        object_id=case.person_id,
                        person_id=case.person_id,
                        purpose="new_person_despite_candidates",
                        object_ids=[hit.person.pk for hit in strong],
                    )
                messages.success(request, _("The intake was saved."))
                return redirect("people:detail", pk=case.person_id)
    status = 422 if any(f.errors for f in forms) or candidates else 200
    return render(
        request,
        "cases/intake.html",
        {
            "person_form": person_form,
            "case_form": case_form,
            "orientation_form": orientation_form,
            "rows": candidates,
            "needs_confirmation": bool(candidates),
        },
        status=status,
    )


def _intake_candidates(user: User, data: dict) -> list:
    record = query_record(
        given_names=data.get("given_names_latin", ""),
        family_name=data.get("family_name_latin", ""),
        given_names_original=data.get("given_names_original", ""),
        family_name_original=data.get("family_name_original", ""),
        date_of_birth=data.get("date_of_birth"),
        dob_precision=data.get("dob_precision") or "exact",
        dob_placeholder=bool(data.get("dob_placeholder")),
    )
    return identity_search(user=user, record=record)


def _spread_errors(error: ValidationError, forms: tuple) -> None:
    """A service error lands on the form that has the field, or on the first form."""
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error.messages)
        return
    for field, texts in error.message_dict.items():
        target = next((f for f in forms if field in f.fields), None)
        if target is None:
            forms[0].add_error(None, texts)
        else:
            target.add_error(field, texts)


@require_http_methods(["GET", "POST"])
@require_case_work
def case_status_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="case_status")
    form = CaseStatusForm(request.POST or None, initial={"status": case.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.case_change_status(
                actor=request.user,
                case=case,
                status=form.cleaned_data["status"],
                closing_reason=form.cleaned_data["closing_reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not request.htmx:
                return redirect("people:detail", pk=case.person_id)
            form = CaseStatusForm(initial={"status": case.status})
            return render(
                request,
                "cases/partials/status.html",
                {"case": case, "form": None, "timeline": case_timeline(case=case)},
            )
    status = 422 if form.errors else 200
    template = "cases/partials/status.html" if request.htmx else "cases/status_page.html"
    return render(request, template, {"case": case, "form": form}, status=status)


@require_http_methods(["GET", "POST"])
@require_case_work
def case_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="case_edit")
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(
                actor=request.user,
                case=case,
                data={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The case was saved."))
            return redirect("people:detail", pk=case.person_id)
    return render(
        request, "cases/edit.html", {"form": form, "case": case}, status=422 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def orientation_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="orientation_edit")
    show_health = may_see_health_data(user=request.user, case=case)
    orientation = getattr(case, "orientation", None)
    form = OrientationForm(request.POST or None, instance=orientation, show_health=show_health)
    if request.method == "POST" and form.is_valid():
        try:
            services.orientation_update(
                actor=request.user,
                case=case,
                data={name: form.cleaned_data[name] for name in form.fields},
                may_write_health=show_health,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The initial orientation was saved."))
            return redirect("people:detail", pk=case.person_id)
    return render(
        request,
        "cases/orientation.html",
        {"form": form, "case": case},
        status=422 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def note_create_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="note_create")
    form = NoteForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.note_create(
                actor=request.user,
                case=case,
                note_data={k: data[k] for k in NoteForm.Meta.fields},
                step_description=data["step_description"],
                step_due_on=data["step_due_on"],
                step_owner=data["step_owner"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "cases/partials/note_saved.html",
                    {
                        "case": case,
                        "timeline": case_timeline(case=case),
                        "note_form": None,
                        "steps": open_steps(case=case),
                    },
                )
            messages.success(request, _("The note was saved."))
            return redirect("people:detail", pk=case.person_id)
    status = 422 if form.errors else 200
    if request.htmx:
        return render(
            request,
            "cases/partials/timeline.html",
            {"case": case, "timeline": case_timeline(case=case), "note_form": form},
            status=status,
        )
    return render(request, "cases/note.html", {"form": form, "case": case}, status=status)


@require_POST
@require_case_work
def step_done_view(request: AuthedRequest, pk: int, step_pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="step_done")
    step = get_object_or_404(case.next_steps, pk=step_pk, done_on__isnull=True)
    if step.owner_id != request.user.pk and not request.user.is_team_lead:
        raise PermissionDenied
    services.next_step_complete(actor=request.user, step=step)
    messages.success(request, _("The next step is done."))
    return redirect("people:detail", pk=case.person_id)
