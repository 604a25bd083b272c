"""Person pages: search, the person and case page, and the inline sections on it."""

from __future__ import annotations

import csv
import io
import re
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.accounts.models import User
from wegweiser.appointments.forms import ContactConsentForm
from wegweiser.core.audit import audit_event
from wegweiser.core.forms import apply_errors
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work, require_intake_search, require_role
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest
from wegweiser.identity.reconciliation import (
    QUERY_COLUMNS,
    FileProblem,
    entries,
)
from wegweiser.identity.scorer import MATCH_THRESHOLD
from wegweiser.letters.forms import LetterMakeForm, default_language
from wegweiser.letters.selectors import appointments_for_letter
from wegweiser.people.list_files import links_csv, read_upload
from wegweiser.people.list_messages import file_problem_text, row_problem_text

from . import merging, review, services
from .duplicate_search import duplicate_search_start
from .explanations import explained, several_likely
from .forms import (
    ConsentForm,
    ConsentWithdrawForm,
    HouseholdLinkForm,
    IdentitySearchForm,
    MergeForm,
    NameSpellingForm,
    PersonForm,
    PersonLanguageForm,
    PersonReferenceForm,
    PersonSearchForm,
    ReconcileForm,
    ResidenceStatusForm,
)
from .models import DuplicateSearch, Person
from .name_keys import query_record
from .page import PersonPage, person_page, person_sections
from .reconcile import link_against_register
from .selectors import (
    IdentityHit,
    PersonFilters,
    identity_search,
    person_find_visible,
    person_get_for_user,
    person_pick,
    person_search,
)
from .templatetags.people_tags import birth_date


@require_GET
@require_case_work
@rate_limit("search")
def person_search_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    form = PersonSearchForm(request.GET or None, teams=user.teams.all())
    filters = PersonFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = PersonFilters(
            q=data["q"] or "",
            status=data["status"] or "",
            team=data["team"],
            nationality=data["nationality"] or "",
            municipality=data["municipality"].pk if data["municipality"] else None,
        )
    page = person_search(user=user, filters=filters, page=request.GET.get("page"))
    template = "people/partials/results.html" if request.htmx else "people/search.html"
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    if filters.q and not page.paginator.count:
        context["intake_query"] = intake_query_from_text(filters.q)
    return render(request, template, context)


INTAKE_NAME_FIELDS = (
    "given_names_latin",
    "family_name_latin",
    "given_names_original",
    "family_name_original",
)


def intake_query_from_text(text: str) -> str:
    """The intake's prefill for a searched name: "Family, Given" or "Given … Family"."""
    if "," in text:
        family, given = (part.strip() for part in text.split(",", 1))
    else:
        *given_words, family = text.split() or [""]
        given = " ".join(given_words)
    latin = not any(ord(char) > 0x24F for char in text)
    suffix = "latin" if latin else "original"
    names = {f"person-given_names_{suffix}": given, f"person-family_name_{suffix}": family}
    return urlencode({key: value for key, value in names.items() if value})


def intake_query_from_search(form: IdentitySearchForm) -> str:
    """The intake's prefill for what the identity search held."""
    if not form.is_valid():
        return ""
    data = form.cleaned_data
    fields = {f"person-{name}": data.get(name) for name in INTAKE_NAME_FIELDS}
    if data.get("date_of_birth"):
        fields["person-date_of_birth"] = data["date_of_birth"].isoformat()
    return urlencode({key: value for key, value in fields.items() if value})


def _page_context(page: PersonPage) -> dict[str, Any]:
    return {
        "page": page,
        "person": page.person,
        "case": page.case,
        "residence": page.residence,
        "residence_expiring": page.residence_expiring,
        "residence_expired": page.residence_expired,
        "household": page.household,
        "references": page.references,
    }


@require_GET
@require_case_work
def person_detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    page = person_page(user=request.user, pk=pk, timeline_page=request.GET.get("timeline"))
    context = _page_context(page)
    if page.case is not None and page.timeline is not None:
        query = request.GET.copy()
        query.pop("timeline", None)
        context |= {
            "orientation": page.orientation,
            "show_health": page.show_health,
            "steps": page.steps,
            "timeline": page.timeline.object_list,
            "timeline_page": page.timeline,
            "query": query.urlencode(),
            "consent_form": ContactConsentForm(auto_id="id_contact_%s"),
            "letter_form": LetterMakeForm(
                appointments=appointments_for_letter(user=request.user, case=page.case),
                initial={"language": default_language(page.person.letter_language)},
            ),
        }
    return render(request, "people/detail.html", context)


@require_http_methods(["GET", "POST"])
@require_case_work
def person_edit_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=pk, purpose="person_edit")
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                actor=request.user,
                person=person,
                data={name: form.cleaned_data[name] for name in form.changed_data},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The personal data were saved."))
            return redirect("people:detail", pk=person.pk)
    return render(request, "people/edit.html", {"form": form, "person": person})


SECTIONS: dict[str, tuple[type[BaseForm], str]] = {
    "residence": (ResidenceStatusForm, "people/partials/residence.html"),
    "spellings": (NameSpellingForm, "people/partials/spellings.html"),
    "languages": (PersonLanguageForm, "people/partials/languages.html"),
    "consents": (ConsentForm, "people/partials/consents.html"),
    "household": (HouseholdLinkForm, "people/partials/household.html"),
    "references": (PersonReferenceForm, "people/partials/references.html"),
}


def _save_section(request: AuthedRequest, section: str, person: Person, form: BaseForm) -> None:
    data = form.cleaned_data
    actor = request.user
    if section == "residence":
        services.residence_status_add(actor=actor, person=person, **data)
    elif section == "spellings":
        services.name_spelling_add(actor=actor, person=person, **data)
    elif section == "languages":
        services.person_language_set(actor=actor, person=person, **data)
    elif section == "consents":
        services.consent_record(actor=actor, person=person, **data)
    elif section == "references":
        services.person_reference_set(actor=actor, person=person, **data)
    elif section == "household":
        relative = person_find_visible(user=actor, pk=data["relative_number"])
        if relative is None:
            raise ValidationError(
                {"relative_number": _("There is no person with this number in your cases.")}
            )
        services.household_link_add(
            actor=actor, person=person, relative=relative, relation=data["relation"]
        )


SLUG = re.compile(r"[\w-]{1,64}")


def _safe_next(request: AuthedRequest) -> str:
    """Where to return after saving: a path on this site, or nothing."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if target and allowed else ""


def _section_initial(request: AuthedRequest) -> dict[str, str]:
    """A section form opened from elsewhere may come with its purpose and recipient chosen."""
    return {
        name: request.GET[name]
        for name in ("purpose", "recipient")
        if request.method == "GET" and SLUG.fullmatch(request.GET.get(name, ""))
    }


@require_http_methods(["GET", "POST"])
@require_case_work
def person_section_view(request: AuthedRequest, pk: int, section: str) -> HttpResponse:
    """An inline section of the person page: GET opens its form, POST adds an entry."""
    if section not in SECTIONS:
        raise Http404
    form_class, template = SECTIONS[section]
    person = person_get_for_user(user=request.user, pk=pk, purpose=f"person_{section}")
    form: BaseForm | None = form_class(request.POST or None, initial=_section_initial(request))
    next_url = _safe_next(request)
    status = 200
    if request.method == "POST":
        assert form is not None
        if form.is_valid():
            try:
                _save_section(request, section, person, form)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                if not request.htmx:
                    messages.success(request, _("Saved."))
                    return redirect(next_url or reverse("people:detail", args=[person.pk]))
                form = None
        if form is not None and form.errors:
            status = 422
    context = _page_context(person_sections(person=person)) | {
        "form": form,
        "section": section,
        "next": next_url,
    }
    if request.htmx:
        return render(request, template, context, status=status)
    return render(
        request, "people/section_page.html", context | {"section_template": template}, status=status
    )


@require_POST
@require_case_work
def consent_withdraw_view(request: AuthedRequest, pk: int, consent_pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=pk, purpose="consent_withdraw")
    consent = get_object_or_404(person.consents, pk=consent_pk)
    form = ConsentWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.consent_withdraw(
                actor=request.user, consent=consent, withdrawn_on=form.cleaned_data["withdrawn_on"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The consent was withdrawn."))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("people:detail", pk=person.pk)


@require_POST
@require_case_work
def reference_remove_view(request: AuthedRequest, pk: int, reference_pk: int) -> HttpResponse:
    """Remove a reference number recorded by mistake (a wrong kind); a wrong value of the
    right kind is corrected by entering it again."""
    person = person_get_for_user(user=request.user, pk=pk, purpose="reference_remove")
    reference = get_object_or_404(person.references, pk=reference_pk)
    services.person_reference_remove(actor=request.user, reference=reference)
    messages.success(request, _("The number was removed."))
    return redirect("people:detail", pk=person.pk)


def identity_hits(request: AuthedRequest, form: IdentitySearchForm) -> list[IdentityHit]:
    """Candidates for what the form holds (after is_valid); none without a name."""
    if not form.is_valid() or not form.has_name():
        return []
    data = form.cleaned_data
    record = query_record(
        given_names=data["given_names_latin"],
        family_name=data["family_name_latin"],
        given_names_original=data["given_names_original"],
        family_name_original=data["family_name_original"],
        date_of_birth=data["date_of_birth"],
        dob_precision=data.get("dob_precision") or "exact",
        dob_placeholder=bool(data.get("dob_placeholder")),
    )
    return identity_search(user=request.user, record=record)


@require_GET
@require_intake_search
@rate_limit("search")
def identity_search_view(request: AuthedRequest) -> HttpResponse:
    """Find a person in the whole organisation while typing, in any script."""
    prefix = "person" if "person-family_name_latin" in request.GET else None
    form = IdentitySearchForm(request.GET or None, prefix=prefix)
    rows = explained(identity_hits(request, form))
    context = {
        "form": form,
        "rows": rows,
        "searched": form.is_bound,
        "several_likely": several_likely(rows),
    }
    if form.is_bound and not rows:
        context["intake_query"] = intake_query_from_search(form)
    if request.htmx:
        return render(request, "people/partials/candidates.html", context)
    return render(request, "people/identity_search.html", context)


@require_GET
@require_case_work
@rate_limit("search")
def person_pick_view(request: AuthedRequest) -> HttpResponse:
    """Persons of one's own cases matching a name, as radio buttons (htmx autocomplete)."""
    name = request.GET.get("field", "relative_number")
    if not SLUG.fullmatch(name):
        name = "relative_number"
    query = request.GET.get(f"{name}_query", "").strip()[:100]
    persons = person_pick(user=request.user, query=query) if len(query) >= 2 else []
    return render(
        request,
        "people/partials/pick_results.html",
        {"persons": persons, "name": name, "query": query},
    )


RECONCILE_SESSION_KEY = "wegweiser_reconcile_csv"


@require_http_methods(["GET", "POST"])
@require_case_work
def reconcile_view(request: AuthedRequest) -> HttpResponse:
    """Upload a partner's list and see who of it is already a person of one's own cases."""
    form = ReconcileForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        try:
            table = read_upload(upload.read(), upload.name, QUERY_COLUMNS)
        except FileProblem as error:
            form.add_error(
                "upload",
                _("The file cannot be read: %(reason)s") % {"reason": file_problem_text(error)},
            )
        else:
            queries, problems = entries(table, "query_id")
            links = link_against_register(
                user=request.user, queries=queries, top=form.cleaned_data["top"]
            )
            request.session[RECONCILE_SESSION_KEY] = links_csv(links)
            best = [x for x in links if x.rank == 1 and x.score >= MATCH_THRESHOLD]
            context |= {
                "processed": len(queries),
                "problems": [row_problem_text(p) for p in problems],
                "matches": best,
                "candidates": len(links),
            }
    status = 422 if form.errors else 200
    return render(request, "people/reconcile.html", context, status=status)


@require_GET
@require_case_work
@rate_limit("export")
def reconcile_download_view(request: AuthedRequest) -> HttpResponse:
    text = request.session.get(RECONCILE_SESSION_KEY)
    if text is None:
        raise Http404
    registry_ids = sorted(
        {row["registry_id"] for row in csv.DictReader(io.StringIO(text)) if row["registry_id"]}
    )
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="people.person",
        object_ids=[int(i) if i.isdigit() else i for i in registry_ids],
        purpose="list_reconciliation_download",
    )
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="reconciliation.csv"'
    return response


# --- duplicate review --------------------------------------------------------------------


@require_GET
@require_case_work
def duplicate_queue_view(request: AuthedRequest) -> HttpResponse:
    """Possible duplicates of persons in the user's scope, most likely first."""
    page = review.duplicate_queue(user=request.user, page=request.GET.get("page"))
    return render(
        request,
        "people/duplicates.html",
        {
            "page": page,
            "search": review.latest_search(user=request.user),
            "merges": review.recent_merges(user=request.user),
            "query": "",
        },
    )


@require_POST
@require_role(User.Role.TEAM_LEAD)
def duplicate_run_view(request: AuthedRequest) -> HttpResponse:
    """Start the duplicate-detection job for the organisation (team leads)."""
    search, started = duplicate_search_start(actor=request.user)
    if started:
        messages.success(
            request,
            _("The search for duplicates has started. New pairs appear here when it is done."),
        )
    else:
        when = date_format(localtime(search.requested_at), "SHORT_DATETIME_FORMAT")
        if search.status == DuplicateSearch.Status.RUNNING:
            text = _("A search for duplicates is already running (requested %(when)s).")
        else:
            text = _("A search for duplicates is already queued (requested %(when)s).")
        messages.info(request, text % {"when": when})
    return redirect("people:duplicates")


def _merge_form(review_: review.PairReview, data: Any = None) -> MergeForm | None:
    if not review_.mergeable:
        return None
    a, b = (side.person for side in review_.sides)
    fields = [f.name for f in merging.differing_fields(a, b)]
    initial = {"seen": merging.fingerprint(a, b), "survivor": "a"}
    initial |= {f"value_{name}": "a" for name in fields}
    return MergeForm(data, fields=fields, initial=initial)


def _review_context(review_: review.PairReview, form: MergeForm | None) -> dict[str, Any]:
    rows = []
    if review_.complete:
        a, b = (side.person for side in review_.sides)
        differing = {f.name for f in merging.differing_fields(a, b)}
        for field in merging.MERGE_FIELDS:
            rows.append(
                {
                    "field": field,
                    "a": _display_value(a, field),
                    "b": _display_value(b, field),
                    "differs": field.name in differing,
                    "in_form": form is not None and field.name in differing,
                }
            )
    return {
        "review": review_,
        "pair": review_.pair,
        "weights": review.explained_weights(review_.pair),
        "rows": rows,
        "form": form,
        "merges": review.pair_merges(pair=review_.pair),
    }


def _display_value(person: Person, field: merging.MergeField) -> str:
    if field.name == "date_of_birth":
        return birth_date(person)
    if field.name == "original_name":
        return person.original_name
    if field.name == "nationality":
        codes = ", ".join(str(getattr(c, "name", c)) for c in person.nationalities)
        return codes or str(person.get_nationality_status_display())
    if field.name == "address":
        return ", ".join(
            str(v) for v in (person.street, person.postal_code, person.municipality) if v
        )
    if field.name == "sex":
        return str(person.get_sex_display())
    if field.name == "country_of_birth":
        country = person.country_of_birth
        return str(getattr(country, "name", country) or "")
    return str(getattr(person, field.attnames[0]) or "")


@require_GET
@require_case_work
def duplicate_review_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The two records side by side with Splink's weights; the decision forms."""
    review_ = review.duplicate_pair_get_for_user(user=request.user, pk=pk)
    return render(
        request, "people/duplicate_review.html", _review_context(review_, _merge_form(review_))
    )


@require_POST
@require_case_work
def duplicate_merge_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Same person": merge with the chosen values. Both persons must be in scope."""
    review_ = review.duplicate_pair_get_for_user(user=request.user, pk=pk)
    form = _merge_form(review_, request.POST)
    if form is None:
        messages.error(request, _("You cannot merge this pair: both persons must be yours."))
        return redirect("people:duplicate", pk=pk)
    if form.is_valid():
        a, b = (side.person for side in review_.sides)
        by_side = {"a": a, "b": b}
        values = {
            name: merging.field_value(by_side[side], merging.FIELDS_BY_NAME[name])
            for name, side in form.chosen_sides().items()
        }
        try:
            merge = merging.person_merge(
                actor=request.user,
                pair=review_.pair,
                survivor=by_side[form.cleaned_data["survivor"]],
                values=values,
                seen=form.cleaned_data["seen"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("people:duplicate", pk=pk)
        messages.success(request, _("The two records were merged. You can undo this below."))
        return redirect("people:duplicate", pk=merge.pair_id)
    messages.error(
        request,
        _("Choose which record remains and, for every differing field, one of the two values."),
    )
    return render(
        request, "people/duplicate_review.html", _review_context(review_, form), status=422
    )


@require_POST
@require_case_work
def duplicate_different_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """ "Different people": remembered for good, never proposed again."""
    review_ = review.duplicate_pair_get_for_user(user=request.user, pk=pk)
    if not review_.decidable:
        messages.error(request, _("This pair cannot be decided any more."))
        return redirect("people:duplicate", pk=pk)
    try:
        merging.duplicate_mark_different(actor=request.user, pair=review_.pair)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Marked as different people. This pair is not proposed again."))
    return redirect("people:duplicates")


@require_POST
@require_case_work
def merge_undo_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """Undo a merge: the merged person comes back with every moved record."""
    merge = review.merge_get_for_user(user=request.user, pk=pk)
    try:
        restored = merging.person_merge_undo(actor=request.user, merge=merge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("people:duplicates")
    messages.success(
        request,
        _("The merge was undone; %(name)s is a record of its own again.")
        % {"name": restored.display_name},
    )
    return redirect("people:duplicate", pk=merge.pair_id)
