"""Case pages: my cases, the intake flow, status, orientation, notes and next steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.accounts.models import User
from wegweiser.appointments.notify import letter_language
from wegweiser.core.audit import audit_event
from wegweiser.core.forms import apply_errors
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work, require_intake_search, require_role
from wegweiser.core.types import AuthedRequest
from wegweiser.letters.services import draft_warning, letter_create
from wegweiser.people.explanations import explained
from wegweiser.people.forms import PersonForm
from wegweiser.people.name_keys import query_record
from wegweiser.people.selectors import identity_search

from . import services
from .forms import (
    CaseEditForm,
    CaseOpenForm,
    CaseStatusForm,
    NoteForm,
    OrientationForm,
    PlanAgreeForm,
    PlanDisagreementForm,
    PlanForm,
    PlanGoalForm,
    PlanReviewForm,
    PlanStepForm,
    PlanStepStatusForm,
)
from .models import Plan, plan_name
from .selectors import (
    case_get_for_user,
    case_timeline,
    dashboard,
    may_see_health_data,
    open_steps,
    plan_current_for_case,
    plan_get_for_user,
    plan_goals,
    plan_in_force,
    plan_link_choices,
    plan_link_resolve,
    plan_step_get,
    plan_versions,
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
        expiring_page=request.GET.get("expiring"),
        reviews_page=request.GET.get("reviews"),
    )
    return render(
        request,
        "cases/my_cases.html",
        {
            "board": board,
            "cases_query": _query_without(request, "page"),
            "steps_query": _query_without(request, "steps"),
            "expiring_query": _query_without(request, "expiring"),
            "reviews_query": _query_without(request, "reviews"),
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
@require_intake_search
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
        # The candidates the search page would show as "likely the same person": the same
        # calibrated percentage decides here, so the form never stops at a candidate the page
        # calls "probably another person", nor lets one through that it calls likely.
        strong = [
            row
            for row in explained(_intake_candidates(user, person_form.cleaned_data))
            if row["strong"]
        ]
        confirmed = request.POST.get("confirm_new_person") == "yes"
        if strong and not confirmed:
            candidates = strong
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
                        object_ids=[row["hit"].person.pk for row in strong],
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
                {
                    "case": case,
                    "form": None,
                    "timeline": case_timeline(case=case, user=request.user),
                },
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
                        "timeline": case_timeline(case=case, user=request.user),
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
            {
                "case": case,
                "timeline": case_timeline(case=case, user=request.user),
                "note_form": form,
            },
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


# The plan ---------------------------------------------------------------------------------------


def _plan_context(request: AuthedRequest, plan: Plan, **extra: Any) -> dict[str, Any]:
    case = plan.case
    return {
        "plan": plan,
        "case": case,
        "goals": plan_goals(plan=plan),
        "in_force": plan_in_force(case=case),
        "show_health": may_see_health_data(user=request.user, case=case),
        **extra,
    }


def _service_call(form: Any, call: Any) -> bool:
    """Runs a service; its validation errors land at the form's fields."""
    try:
        call()
    except ValidationError as error:
        apply_errors(form, error)
        return False
    return True


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The case's plan: the newest version, or the form that draws up the first one."""
    case = case_get_for_user(user=request.user, pk=pk, purpose="plan_view")
    plan = plan_current_for_case(user=request.user, case=case)
    if plan is not None:
        return render(
            request,
            "cases/plan.html",
            _plan_context(
                request,
                plan,
                goal_form=PlanGoalForm() if plan.status != Plan.Status.SUPERSEDED else None,
                step_form=_step_form(plan, None) if plan.goals.exists() else None,
            ),
        )
    form = PlanForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form,
            lambda: services.plan_create(
                actor=request.user,
                case=case,
                integration_goal=form.cleaned_data["integration_goal"],
            ),
        )
    ):
        messages.success(request, _("The plan was drawn up. Add the goals next."))
        return redirect("cases:plan", pk=case.pk)
    return render(
        request,
        "cases/plan_create.html",
        {"form": form, "case": case, "plan_name": plan_name(case.legal_domain)},
        status=422 if form.errors else 200,
    )


def _step_form(plan: Plan, data: Any) -> PlanStepForm:
    return PlanStepForm(data, plan=plan, link_choices=plan_link_choices(case=plan.case))


@require_GET
@require_case_work
def plan_version_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    """One version as it was agreed, read-only."""
    plan = plan_get_for_user(user=request.user, pk=plan_pk)
    return render(request, "cases/plan_version.html", _plan_context(request, plan))


@require_GET
@require_case_work
def plan_versions_view(request: AuthedRequest, pk: int) -> HttpResponse:
    case = case_get_for_user(user=request.user, pk=pk, purpose="plan_versions")
    return render(
        request,
        "cases/plan_versions.html",
        {
            "case": case,
            "plans": plan_versions(user=request.user, case=case),
            "plan_name": plan_name(case.legal_domain),
        },
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_edit_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_edit")
    form = PlanForm(
        request.POST or None, instance=None, initial={"integration_goal": plan.integration_goal}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form,
            lambda: services.plan_update(
                actor=request.user,
                plan=plan,
                integration_goal=form.cleaned_data["integration_goal"],
            ),
        )
    ):
        messages.success(request, _("The plan was saved."))
        return redirect("cases:plan", pk=plan.case_id)
    return _plan_form_page(request, plan, form, _("Integration goal"))


def _plan_form_page(
    request: AuthedRequest, plan: Plan, form: Any, title: str, **extra: Any
) -> HttpResponse:
    return render(
        request,
        "cases/plan_form.html",
        {"plan": plan, "case": plan.case, "form": form, "title": title, **extra},
        status=422 if form is not None and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_goal_add_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_goal_add")
    form = PlanGoalForm(request.POST or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form,
            lambda: services.plan_goal_add(
                actor=request.user,
                plan=plan,
                area=form.cleaned_data["area"],
                description=form.cleaned_data["description"],
            ),
        )
    ):
        messages.success(request, _("The goal was added."))
        return redirect("cases:plan", pk=plan.case_id)
    return _plan_form_page(request, plan, form, _("Add goal"))


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_step_add_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_step_add")
    form = _step_form(plan, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _service_call(
            form,
            lambda: services.plan_step_add(
                actor=request.user,
                goal=data["goal"],
                description=data["description"],
                who=data["who"],
                partner_name=data["partner_name"],
                due_on=data["due_on"],
                link=plan_link_resolve(data["link"]),
            ),
        ):
            if request.htmx:
                fresh = plan_current_for_case(user=request.user, case=plan.case)
                assert fresh is not None
                return render(
                    request,
                    "cases/partials/plan_goals.html",
                    _plan_context(request, fresh, step_form=_step_form(fresh, None)),
                )
            messages.success(request, _("The step was added."))
            return redirect("cases:plan", pk=plan.case_id)
    if request.htmx:
        return render(
            request,
            "cases/partials/plan_goals.html",
            _plan_context(request, plan, step_form=form),
            status=422 if form.errors else 200,
        )
    return _plan_form_page(request, plan, form, _("Add step"))


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_step_status_view(request: AuthedRequest, plan_pk: int, step_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_step_status")
    step = plan_step_get(plan=plan, pk=step_pk)
    form = PlanStepStatusForm(request.POST or None, initial={"status": step.status})
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form,
            lambda: services.plan_step_set_status(
                actor=request.user,
                step=step,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            ),
        )
    ):
        messages.success(request, _("The step was updated."))
        return redirect("cases:plan", pk=plan.case_id)
    return _plan_form_page(request, plan, form, _("Step status"), step=step)


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_agree_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_agree")
    form = PlanAgreeForm(request.POST or None, initial={"agreed_on": timezone.localdate()})
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form, lambda: services.plan_agree(actor=request.user, plan=plan, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The agreement was recorded."))
        return redirect("cases:plan", pk=plan.case_id)
    return _plan_form_page(request, plan, form, _("Record the agreement"))


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_disagreement_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_disagreement")
    form = PlanDisagreementForm(
        request.POST or None, initial={"disagreement_reason": plan.disagreement_reason}
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _service_call(
            form,
            lambda: services.plan_disagreement_record(
                actor=request.user, plan=plan, reason=form.cleaned_data["disagreement_reason"]
            ),
        )
    ):
        messages.success(request, _("The disagreement was recorded. The work goes on."))
        return redirect("cases:plan", pk=plan.case_id)
    return _plan_form_page(request, plan, form, _("Record a disagreement"))


@require_http_methods(["GET", "POST"])
@require_case_work
def plan_review_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_review")
    goals = plan_goals(plan=plan)
    form = PlanReviewForm(
        request.POST or None, goals=goals, initial={"reviewed_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if _service_call(
            form,
            lambda: services.plan_review_create(
                actor=request.user,
                plan=plan,
                reviewed_on=data["reviewed_on"],
                comment=data["comment"],
                next_review_on=data["next_review_on"],
                outcomes=form.outcomes(),
                new_version=data["new_version"],
            ),
        ):
            messages.success(request, _("The review was recorded."))
            return redirect("cases:plan", pk=plan.case_id)
    return render(
        request,
        "cases/plan_review.html",
        _plan_context(request, plan, form=form, reviewable=plan.status == Plan.Status.AGREED),
        status=422 if form.errors else 200,
    )


@require_POST
@require_case_work
def plan_revise_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_revise")
    try:
        services.plan_revise(actor=request.user, plan=plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("A new version was started from the agreed plan."))
    return redirect("cases:plan", pk=plan.case_id)


@require_POST
@require_case_work
def plan_letter_view(request: AuthedRequest, plan_pk: int) -> HttpResponse:
    """The agreed plan as a letter in the person's language and German, stored with the case;
    the PDF is returned at once."""
    plan = plan_get_for_user(user=request.user, pk=plan_pk, purpose="plan_letter")
    if plan.status != Plan.Status.AGREED:
        messages.error(request, _("Only the agreed plan in force can be printed as a letter."))
        return redirect("cases:plan", pk=plan.case_id)
    try:
        letter = letter_create(
            actor=request.user,
            case=plan.case,
            kind="plan",
            language=letter_language(plan.case.person),
            plan=plan,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("cases:plan", pk=plan.case_id)
    if letter.from_draft:  # shown on the next page the caseworker opens
        messages.warning(request, draft_warning())
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="plan-{plan.case_id}-{letter.pk}.pdf"'
    return response
