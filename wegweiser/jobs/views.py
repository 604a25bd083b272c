"""Labour-market pages: employers, vacancies with ranked candidates, a person's matching
vacancies, proposals, placements and follow-up contacts. An employer's staff reach their own
vacancies and the proposals made to them; everything else is for case work."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.core.forms import apply_errors
from wegweiser.core.paging import CappedPaginator
from wegweiser.core.permissions import require_case_work
from wegweiser.core.types import AuthedRequest
from wegweiser.people.selectors import person_get_for_user

from . import explanations, imports, services
from .forms import (
    ContactForm,
    EmployerForm,
    ExperienceForm,
    FollowUpForm,
    ImportForm,
    PlacementForm,
    ProposalForm,
    ProposalStepForm,
    SiteForm,
    VacancyFilterForm,
    VacancyForm,
    VacancyStatusForm,
)
from .models import EmployerSite, JobProposal, Vacancy
from .selectors import (
    VacancyFilters,
    employer_get_for_user,
    employers_for_choice,
    employers_visible_to,
    follow_up_get_for_user,
    matches_for_person,
    matches_for_vacancy,
    own_employer,
    person_jobs,
    placement_get_for_user,
    proposal_get_for_user,
    proposals_for_vacancy,
    proposals_page,
    proposals_visible_to,
    shared_profile,
    sustained,
    vacancies_visible_to,
    vacancy_get_for_user,
    vacancy_list,
)

View = Callable[..., HttpResponse]

PAGE_SIZE = 25  # rows per page of the vacancy and employer lists


def require_jobs_access(view: View) -> View:
    """Pages for case workers and for the staff of an employer."""

    @wraps(view)
    def wrapper(request: AuthedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not (request.user.works_cases or request.user.is_employer):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _status(*forms: BaseForm | None) -> int:
    return 422 if any(form is not None and form.errors for form in forms) else 200


def _shown(request: AuthedRequest) -> int:
    """How many matches a page shows: 10, or 20 or 50 on request."""
    value = request.GET.get("shown", "")
    return int(value) if value in ("20", "50") else 10


def _explained(
    matches: list[Any], objects: dict[int, Any], sources: Callable[[int], Any]
) -> list[dict[str, Any]]:
    """Rows for the match list; `sources` gives the occupation sources for a match's id."""
    return [
        {
            "match": m,
            "object": objects[m.id],
            "band": m.band,
            "band_text": str(explanations.BANDS[m.band]),
            "factors": explanations.explain(m, sources(m.id)),
            "constraints": explanations.constraint_texts(m),
            "flags": explanations.flag_texts(m),
        }
        for m in matches
        if m.id in objects
    ]


# ---------------------------------------------------------------------------------------------
# Employers


@require_http_methods(["GET", "POST"])
@require_case_work
def employers_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = EmployerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            employer = services.employer_create(
                actor=user,
                name=form.cleaned_data["name"],
                **{k: v for k, v in form.cleaned_data.items() if k != "name"},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The employer was saved."))
            return redirect("jobs:employer", pk=employer.pk)
    employers = employers_visible_to(user).order_by("organisation__name", "pk")
    page = CappedPaginator(employers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "jobs/employers.html",
        {"employers": page, "page": page, "form": form},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_jobs_access
def employer_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    employer = employer_get_for_user(user=user, pk=pk)
    section = request.POST.get("section", "")
    site_form = SiteForm(request.POST if section == "site" else None, prefix="site")
    contact_form = ContactForm(request.POST if section == "contact" else None, prefix="contact")
    if request.method == "POST":
        if not user.works_cases:
            raise PermissionDenied
        form = site_form if section == "site" else contact_form
        if section in ("site", "contact") and form.is_valid():
            add = services.site_add if section == "site" else services.contact_add
            try:
                add(actor=user, employer=employer, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("jobs:employer", pk=employer.pk)
    return render(
        request,
        "jobs/employer.html",
        {
            "employer": employer,
            "sites": employer.sites.select_related("municipality"),
            "contacts": employer.contacts.all() if user.works_cases else [],
            "vacancies": vacancies_visible_to(user).filter(employer=employer),
            "site_form": site_form,
            "contact_form": contact_form,
        },
        status=_status(site_form, contact_form),
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def employer_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    employer = employer_get_for_user(user=user, pk=pk)
    form = EmployerForm(request.POST or None, instance=employer)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_update(
                actor=user,
                employer=employer,
                data={k: form.cleaned_data[k] for k in form.changed_data if k != "name"},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The employer was saved."))
            return redirect("jobs:employer", pk=employer.pk)
    return render(
        request,
        "jobs/form.html",
        {"form": form, "title": employer, "back": reverse("jobs:employer", args=[employer.pk])},
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# Vacancies


@require_GET
@require_jobs_access
def vacancies_view(request: AuthedRequest) -> HttpResponse:
    form = VacancyFilterForm(
        request.GET or None,
        employers=None if request.user.is_employer else employers_for_choice(),
    )
    filters = VacancyFilters()
    if form.is_valid():
        data = form.cleaned_data
        employer = data.get("employer")
        filters = VacancyFilters(
            status=data["status"] if "status" in request.GET else Vacancy.Status.OPEN,
            employer=employer.pk if employer else None,
            municipality=data["municipality"].pk if data["municipality"] else None,
            text=data["text"] or "",
        )
    page = CappedPaginator(vacancy_list(user=request.user, filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobs/vacancies.html",
        {"form": form, "vacancies": page, "page": page, "query": query.urlencode()},
    )


def _vacancy_form(request: AuthedRequest, **kwargs: Any) -> VacancyForm:
    user = request.user
    employer = own_employer(user)
    instance = kwargs.get("instance")
    if employer is not None:
        sites = EmployerSite.objects.filter(employer=employer)
    elif instance is not None:
        sites = EmployerSite.objects.filter(employer=instance.employer)
    else:
        sites = EmployerSite.objects.select_related("employer__organisation")
    return VacancyForm(
        request.POST or None,
        employers=None if user.is_employer else employers_for_choice(),
        sites=sites,
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
@require_jobs_access
def vacancy_create_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = _vacancy_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The vacancy was saved."))
            return redirect("jobs:vacancy", pk=vacancy.pk)
    return render(
        request,
        "jobs/form.html",
        {"form": form, "title": _("New vacancy"), "back": reverse("jobs:vacancies")},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_jobs_access
def vacancy_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    vacancy = vacancy_get_for_user(user=user, pk=pk)
    form = _vacancy_form(request, instance=vacancy)
    if "employer" in form.fields:
        form.fields["employer"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(
                actor=user,
                vacancy=vacancy,
                data={k: form.cleaned_data[k] for k in form.changed_data},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The vacancy was saved."))
            return redirect("jobs:vacancy", pk=vacancy.pk)
    return render(
        request,
        "jobs/form.html",
        {"form": form, "title": vacancy.title, "back": reverse("jobs:vacancy", args=[vacancy.pk])},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_jobs_access
def vacancy_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    vacancy = vacancy_get_for_user(user=user, pk=pk)
    status_form = VacancyStatusForm(
        request.POST or None, initial={"status": vacancy.status}, prefix="status"
    )
    if request.method == "POST" and status_form.is_valid():
        services.vacancy_set_status(
            actor=user, vacancy=vacancy, status=status_form.cleaned_data["status"]
        )
        messages.success(request, _("The status was changed."))
        return redirect("jobs:vacancy", pk=vacancy.pk)
    context: dict[str, Any] = {
        "vacancy": vacancy,
        "status_form": status_form,
        "proposals": proposals_for_vacancy(user=user, vacancy=vacancy),
    }
    if user.works_cases and vacancy.status == Vacancy.Status.OPEN:
        shown = _shown(request)
        result = matches_for_vacancy(user=user, vacancy=vacancy, k=shown)
        by_person = result.sources.get
        context.update(
            matches=_explained(result.ranking.matches, result.persons, by_person),
            held_back=_explained(result.ranking.held_back, result.persons, by_person),
            held_back_counts=explanations.counts_text(result.ranking.held_back_counts),
            considered=result.ranking.considered,
            shown=shown,
        )
    return render(request, "jobs/vacancy.html", context, status=_status(status_form))


# Reading and checking a file of thousands of rows takes seconds; on SQLite every other
# user's write waits for a write transaction, so only the service's writes run in one.
@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
@require_jobs_access
def vacancy_import_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        employers=None if user.is_employer else employers_for_choice(),
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = imports.vacancy_import(
            actor=user,
            data=upload.read(),
            filename=upload.name,
            employer=form.cleaned_data.get("employer"),
        )
        if report.ok:
            count = len(report.created)
            messages.success(
                request,
                ngettext(
                    "%(count)s vacancy was imported.", "%(count)s vacancies were imported.", count
                )
                % {"count": count},
            )
            return redirect("jobs:vacancies")
    status = 422 if form.errors or (report is not None and not report.ok) else 200
    return render(
        request, "jobs/vacancy_import.html", {"form": form, "report": report}, status=status
    )


# ---------------------------------------------------------------------------------------------
# A person's work: experience, matching vacancies, proposals, placements


@require_GET
@require_case_work
def person_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    data = person_jobs(user=user, pk=pk)
    shown = _shown(request)
    result = matches_for_person(user=user, person=data.person, k=shown)

    def own_sources(_vacancy_id: int) -> Any:
        return result.sources

    return render(
        request,
        "jobs/person.html",
        {
            "data": data,
            "person": data.person,
            "experience_form": ExperienceForm(prefix="experience"),
            "matches": _explained(result.ranking.matches, result.vacancies, own_sources),
            "held_back": _explained(result.ranking.held_back, result.vacancies, own_sources),
            "held_back_counts": explanations.counts_text(result.ranking.held_back_counts),
            "considered": result.ranking.considered,
            "shown": shown,
        },
    )


@require_POST
@require_case_work
def experience_add_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = person_get_for_user(user=user, pk=pk, purpose="experience_add")
    form = ExperienceForm(request.POST, prefix="experience")
    if form.is_valid():
        try:
            services.experience_add(actor=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The work experience was saved."))
            return redirect("jobs:person", pk=person.pk)
    return render(
        request,
        "jobs/form.html",
        {
            "form": form,
            "title": _("Add work experience"),
            "back": reverse("jobs:person", args=[person.pk]),
            "subtitle": person.latin_name,
        },
        status=422,
    )


@require_POST
@require_case_work
def experience_delete_view(request: AuthedRequest, pk: int, experience: int) -> HttpResponse:
    user = request.user
    person = person_get_for_user(user=user, pk=pk, purpose="experience_remove")
    record = get_object_or_404(person.experiences, pk=experience)
    services.experience_remove(actor=user, experience=record)
    messages.success(request, _("The work experience was removed."))
    return redirect("jobs:person", pk=person.pk)


@require_http_methods(["GET", "POST"])
@require_case_work
def propose_view(request: AuthedRequest, pk: int, vacancy: int) -> HttpResponse:
    user = request.user
    person = person_get_for_user(user=user, pk=pk, purpose="job_proposal_prepare")
    job = vacancy_get_for_user(user=user, pk=vacancy)
    form = ProposalForm(request.POST or None)
    problems = services.proposal_problems(person=person, vacancy=job)
    if request.method == "POST" and form.is_valid():
        try:
            proposal = services.proposal_create(
                actor=user, person=person, vacancy=job, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The proposal was sent to the employer."))
            return redirect("jobs:proposal", pk=proposal.pk)
    return render(
        request,
        "jobs/propose.html",
        {"person": person, "vacancy": job, "form": form, "problems": problems},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def placement_create_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    person = person_get_for_user(user=user, pk=pk, purpose="placement_create")
    proposal = None
    if request.GET.get("proposal", "").isdigit():
        proposal = (
            proposals_visible_to(user)
            .filter(pk=int(request.GET["proposal"]), person=person)
            .first()
        )
    initial: dict[str, Any] = {"starts_on": timezone.localdate()}
    if proposal is not None:
        initial.update(
            employer=proposal.employer_id,
            vacancy=proposal.vacancy_id,
            occupation=proposal.vacancy.occupation_id,
            hours=proposal.vacancy.hours,
            contract=proposal.vacancy.duration,
            wage_band=proposal.vacancy.wage_band,
        )
    employer_id = proposal.employer_id if proposal is not None else 0  # 0: no employer yet
    if request.method == "POST" and request.POST.get("employer", "").isdigit():
        employer_id = int(request.POST["employer"])
    vacancies = vacancies_visible_to(user).filter(
        employer_id=employer_id, status__in=[Vacancy.Status.OPEN, Vacancy.Status.FILLED]
    )
    if proposal is not None:
        vacancies = vacancies_visible_to(user).filter(pk=proposal.vacancy_id)
    form = PlacementForm(
        request.POST or None,
        initial=initial,
        employers=employers_for_choice(),
        vacancies=vacancies,
    )
    if request.method == "POST" and form.is_valid():
        try:
            placement = services.placement_create(
                actor=user, person=person, proposal=proposal, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The placement was saved; follow-ups are scheduled."))
            return redirect("jobs:placement", pk=placement.pk)
    return render(
        request,
        "jobs/form.html",
        {
            "form": form,
            "title": _("Record a placement"),
            "subtitle": person.latin_name,
            "back": reverse("jobs:person", args=[person.pk]),
        },
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# Proposals


@require_GET
@require_jobs_access
def proposals_view(request: AuthedRequest) -> HttpResponse:
    page = proposals_page(user=request.user, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "jobs/proposals.html",
        {"proposals": page, "page": page, "query": query.urlencode()},
    )


@require_http_methods(["GET", "POST"])
@require_jobs_access
def proposal_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    proposal = proposal_get_for_user(user=user, pk=pk)
    allowed = JobProposal.TRANSITIONS.get(proposal.status, set())
    if user.is_employer:
        allowed = allowed & services.EMPLOYER_STEPS
    labels = dict(JobProposal.Status.choices)
    steps = [(s, labels[s]) for s in JobProposal.Status.values if s in allowed]
    form = (
        ProposalStepForm(request.POST or None, steps=steps, initial={"on": timezone.localdate()})
        if steps
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                services.proposal_advance(actor=user, proposal=proposal, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("The step was recorded."))
                return redirect("jobs:proposal", pk=proposal.pk)
    return render(
        request,
        "jobs/proposal.html",
        {
            "proposal": proposal,
            "profile": shared_profile(proposal),
            "steps": proposal.steps.select_related("recorded_by") if user.works_cases else [],
            "form": form,
        },
        status=_status(form),
    )


# ---------------------------------------------------------------------------------------------
# Placements and follow-up


@require_GET
@require_case_work
def placement_view(request: AuthedRequest, pk: int) -> HttpResponse:
    placement = placement_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "jobs/placement.html",
        {
            "placement": placement,
            "follow_ups": placement.follow_ups.all(),
            "sustained_6": sustained(placement, 6),
            "sustained_12": sustained(placement, 12),
        },
    )


@require_http_methods(["GET", "POST"])
@require_case_work
def follow_up_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    follow_up = follow_up_get_for_user(user=user, pk=pk)
    initial: dict[str, Any] = {"contacted_on": timezone.localdate()}
    if follow_up.is_done:
        initial = {
            "contacted_on": follow_up.contacted_on,
            "still_employed": "1" if follow_up.still_employed else "0",
            "employer_now": follow_up.employer_now,
            "problems": follow_up.problems,
            "note": follow_up.note,
        }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(actor=user, follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The follow-up contact was recorded."))
            return redirect("jobs:placement", pk=follow_up.placement_id)
    return render(
        request,
        "jobs/follow_up.html",
        {"follow_up": follow_up, "placement": follow_up.placement, "form": form},
        status=_status(form),
    )
