"""Course pages: catalogue, a person's courses, enrolments, waiting list, seat assignment and
the unmet-demand report. Course providers reach the catalogue (their own courses) and the
attendance and exam pages of their participants; everything else is for case work."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.core.audit import audit_event
from wegweiser.core.downloads import attachment, renderer_for
from wegweiser.core.forms import apply_errors
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest
from wegweiser.people.models import Consent

from . import exports, services
from .forms import (
    AttendanceForm,
    CourseFilterForm,
    CourseForm,
    EnrolmentStatusForm,
    EntitlementForm,
    ExamForm,
    LevelRecordForm,
    LocationForm,
    OfferForm,
    WaitingCloseForm,
    WaitingEntryForm,
    WaitingFilterForm,
)
from .models import CourseKind
from .selectors import (
    CourseFilters,
    Period,
    WaitingFilters,
    course_catalogue,
    course_get_for_user,
    course_participants,
    course_providers,
    demand_by_municipality,
    enrolment_get_for_user,
    latest_run,
    locations_visible_to,
    offerable_courses,
    person_courses,
    run_details,
    run_get_for_user,
    unmet_demand,
    waiting_entry_get_for_user,
    waiting_list,
)

View = Callable[..., HttpResponse]


def require_course_access(view: View) -> View:
    """Pages for case workers and for the staff of a course provider."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.works_cases or request.user.is_course_provider):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _status(form: BaseForm | None) -> int:
    return 422 if form is not None and form.errors else 200


# ---------------------------------------------------------------------------------------------
# Catalogue


@require_GET
@require_course_access
def catalogue_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    # A provider looks after the courses it runs; case work looks for seats in new ones.
    default_period = Period.CURRENT if user.is_course_provider else Period.UPCOMING
    form = CourseFilterForm(
        request.GET or None, providers=course_providers(), initial={"period": default_period}
    )
    filters = CourseFilters(period=default_period)
    if form.is_valid():
        data = form.cleaned_data
        filters = CourseFilters(
            kind=data["kind"] or "",
            municipality=data["municipality"].pk if data["municipality"] else None,
            provider=data["provider"].pk if data["provider"] else None,
            starting_from=data["starting_from"],
            free_seats_only=bool(data["free_seats_only"]),
            period=data["period"] or "",
        )
    page = course_catalogue(user=user, filters=filters, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request, "courses/catalogue.html", {"form": form, "page": page, "query": query.urlencode()}
    )


@require_http_methods(["GET", "POST"])
@require_course_access
def course_create_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = CourseForm(
        request.POST or None,
        user=user,
        providers=course_providers(),
        locations=locations_visible_to(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:detail", pk=course.pk)
    return render(request, "courses/course_form.html", {"form": form}, status=_status(form))


@require_GET
@require_course_access
def course_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    course = course_get_for_user(user=request.user, pk=pk)
    participants = course_participants(user=request.user, course=course)
    return render(
        request, "courses/course_detail.html", {"course": course, "participants": participants}
    )


@require_http_methods(["GET", "POST"])
@require_course_access
def course_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    course = course_get_for_user(user=user, pk=pk)
    form = CourseForm(
        request.POST or None,
        instance=course,
        user=user,
        providers=course_providers(),
        locations=locations_visible_to(user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.course_update(
                actor=user,
                course=course,
                data={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The course was saved."))
            return redirect("courses:detail", pk=course.pk)
    return render(
        request,
        "courses/course_form.html",
        {"form": form, "course": course},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_course_access
def locations_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = LocationForm(request.POST or None, user=user, providers=course_providers())
    if request.method == "POST" and form.is_valid():
        try:
            services.location_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The location was saved."))
            return redirect("courses:locations")
    return render(
        request,
        "courses/locations.html",
        {"form": form, "locations": locations_visible_to(user)},
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# A person's courses


def _person_context(request: AuthedRequest, pk: int) -> dict[str, Any]:
    return {"data": person_courses(user=request.user, pk=pk), "form": None, "section": ""}


@require_GET
@require_case_work
def person_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return render(request, "courses/person.html", _person_context(request, pk))


SECTIONS = ("entitlement", "waiting", "level", "offer", "exam")


def _section_form(section: str, request: AuthedRequest) -> BaseForm:
    data = request.POST or None
    if section == "entitlement":
        return EntitlementForm(data)
    if section == "waiting":
        return WaitingEntryForm(data)
    if section == "level":
        return LevelRecordForm(data)
    if section == "offer":
        return OfferForm(data, courses=offerable_courses(on=timezone.localdate()))
    return ExamForm(data)


def _save_section(request: AuthedRequest, section: str, context: dict[str, Any]) -> None:
    actor, person = request.user, context["data"].person
    form = context["form"]
    data = form.cleaned_data
    if section == "entitlement":
        services.entitlement_add(actor=actor, person=person, **data)
    elif section == "waiting":
        services.waiting_entry_add(actor=actor, person=person, **data)
    elif section == "level":
        services.level_record_add(actor=actor, person=person, **data)
    elif section == "offer":
        services.enrolment_offer(actor=actor, person=person, course=data["course"])
    else:
        services.exam_result_record(actor=actor, person=person, **data)


@require_http_methods(["GET", "POST"])
@require_case_work
def person_section_view(request: AuthedRequest, pk: int, section: str) -> HttpResponse:
    """An inline form on the person's courses: GET opens it, POST saves it."""
    if section not in SECTIONS:
        raise Http404
    context = _person_context(request, pk)
    form = _section_form(section, request)
    if section == "waiting" and not request.POST:
        form.initial.setdefault("municipality", context["data"].person.municipality_id)
    context.update(form=form, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            _save_section(request, section, context)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if not request.htmx:
                messages.success(request, _("Saved."))
                return redirect("courses:person", pk=pk)
            context = _person_context(request, pk)
    status = _status(context["form"])
    template = "courses/partials/person_courses.html" if request.htmx else "courses/person.html"
    return render(request, template, context, status=status)


@require_POST
@require_case_work
def waiting_close_view(request: AuthedRequest, pk: int) -> HttpResponse:
    entry = waiting_entry_get_for_user(user=request.user, pk=pk)
    form = WaitingCloseForm(request.POST)
    if form.is_valid():
        try:
            services.waiting_entry_close(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The waiting-list entry was closed."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("courses:person", pk=entry.person_id)


# ---------------------------------------------------------------------------------------------
# Enrolments


def _back_to(request: AuthedRequest, enrolment: Any) -> HttpResponse:
    if request.user.is_course_provider:
        return redirect("courses:detail", pk=enrolment.course_id)
    return redirect("courses:person", pk=enrolment.person_id)


@require_http_methods(["GET", "POST"])
@require_case_work
def enrolment_status_view(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get_for_user(user=request.user, pk=pk, purpose="enrolment_status")
    form = EnrolmentStatusForm(request.POST or None, enrolment=enrolment)
    consent_url = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.enrolment_change_status(
                actor=request.user,
                enrolment=enrolment,
                status=form.cleaned_data["status"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_errors(form, error)
            status_errors = getattr(error, "error_dict", {}).get("status", [])
            if any(e.code == services.CONSENT_MISSING for e in status_errors):
                consent_url = _consent_form_url(request, enrolment)
        else:
            messages.success(request, _("The enrolment was updated."))
            return _back_to(request, enrolment)
    return render(
        request,
        "courses/enrolment_form.html",
        {
            "enrolment": enrolment,
            "form": form,
            "title": _("Change the enrolment"),
            "consent_url": consent_url,
        },
        status=_status(form),
    )


def _consent_form_url(request: AuthedRequest, enrolment: Any) -> str:
    """The person's consent form for the referral to the course's provider, returning here."""
    query = urlencode(
        {
            "purpose": Consent.Purpose.COURSE_REFERRAL,
            "recipient": enrolment.course.provider_id,
            "next": request.get_full_path(),
        }
    )
    return f"{reverse('people:section', args=[enrolment.person_id, 'consents'])}?{query}"


@require_http_methods(["GET", "POST"])
@require_course_access
def attendance_view(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get_for_user(user=request.user, pk=pk, purpose="attendance")
    form = AttendanceForm(request.POST or None, course=enrolment.course, today=timezone.localdate())
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(actor=request.user, enrolment=enrolment, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The attendance was saved."))
            return _back_to(request, enrolment)
    return render(
        request,
        "courses/enrolment_form.html",
        {"enrolment": enrolment, "form": form, "title": _("Record monthly attendance")},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_course_access
def exam_view(request: AuthedRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get_for_user(user=request.user, pk=pk, purpose="exam_result")
    form = ExamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.exam_result_record(
                actor=request.user,
                person=enrolment.person,
                enrolment=enrolment,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The exam result was saved."))
            return _back_to(request, enrolment)
    return render(
        request,
        "courses/enrolment_form.html",
        {"enrolment": enrolment, "form": form, "title": _("Record an exam result")},
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# Waiting list and seat assignment


@require_GET
@require_case_work
def waiting_list_view(request: AuthedRequest) -> HttpResponse:
    form = WaitingFilterForm(request.GET or None)
    filters = WaitingFilters()
    if form.is_valid():
        municipality = form.cleaned_data["municipality"]
        filters = WaitingFilters(
            kind=form.cleaned_data["kind"] or "",
            municipality=municipality.pk if municipality else None,
        )
    rows = waiting_list(user=request.user, filters=filters)
    return render(request, "courses/waiting_list.html", {"form": form, "rows": rows})


@require_http_methods(["GET", "POST"])
@require_case_work
def assignment_view(request: AuthedRequest) -> HttpResponse:
    """The latest proposal; POST computes a new one (nothing is offered until confirmed)."""
    if request.method == "POST":
        try:
            run = services.assignment_propose(actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("courses:assignment")
        return redirect("courses:run", pk=run.pk)
    latest = latest_run(user=request.user)
    if latest is not None:
        return redirect("courses:run", pk=latest.pk)
    return render(request, "courses/assignment.html", {"view": None})


@require_GET
@require_case_work
def run_view(request: AuthedRequest, pk: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "courses/assignment.html",
        {"view": run_details(user=request.user, run=run), "kinds": dict(CourseKind.choices)},
    )


@require_POST
@require_case_work
def run_confirm_view(request: AuthedRequest, pk: int) -> HttpResponse:
    run = run_get_for_user(user=request.user, pk=pk)
    try:
        enrolments = services.assignment_confirm(actor=request.user, run=run)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(count)s seat offers were made. Record each person's answer on their page.")
            % {"count": len(enrolments)},
        )
    return redirect("courses:run", pk=run.pk)


# ---------------------------------------------------------------------------------------------
# Unmet demand


@require_GET
@require_case_work
def demand_view(request: AuthedRequest) -> HttpResponse:
    rows = unmet_demand(user=request.user)
    bars = demand_by_municipality(rows)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.READ,
        object_type="courses.demand",
        purpose="course_demand_view",
    )
    return render(
        request,
        "courses/demand.html",
        {"rows": rows, "bars": bars, "bar_max": max((b.waiting for b in bars), default=0)},
    )


EXPORTS = {"csv": exports.as_csv, "xlsx": exports.as_xlsx}


@require_GET
@require_case_work
@rate_limit("export")
def demand_export_view(request: AuthedRequest, fmt: str) -> HttpResponse:
    render_rows = renderer_for(EXPORTS, fmt)
    rows = unmet_demand(user=request.user)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="courses.unmet_demand",
        fields=[fmt],
        purpose="unmet_demand_export",
    )
    return attachment(render_rows(rows), name="unmet-demand", fmt=fmt)
