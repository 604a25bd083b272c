"""Appointment pages: the week view, booking, the appointment page with outcome, rescheduling,
invitation by e-mail and letter, contact consent, interpreters, and the calendar feed."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wegweiser.accounts.models import User
from wegweiser.cases.selectors import case_get_for_user
from wegweiser.core.audit import audit_event, audit_list
from wegweiser.core.forms import apply_errors
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work, require_role
from wegweiser.core.types import AuthedRequest
from wegweiser.letters import services as letters
from wegweiser.letters.models import Language as LetterLanguage
from wegweiser.people.models import Person
from wegweiser.people.selectors import person_get_for_user, persons_visible_to

from . import ics, notify, selectors, services
from .forms import (
    AppointmentForm,
    ContactConsentForm,
    InterpreterForm,
    LetterSendForm,
    OutcomeForm,
    RescheduleForm,
    SendForm,
)
from .models import Appointment, CalendarFeed, Channel, Interpreter

FEED_DAYS_BACK = 30
FEED_DAYS_AHEAD = 365


def _members(user: User, team_ids: list[int]) -> QuerySet[User]:
    return (
        User.objects.filter(teams__in=team_ids, is_active=True)
        .filter(role__in=[User.Role.CASEWORKER, User.Role.TEAM_LEAD])
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _service_errors(form: Any, error: ValidationError, renames: dict[str, str]) -> None:
    """A service's errors at the form's fields (ends_at is chosen as the duration)."""
    if hasattr(error, "error_dict"):
        error = ValidationError(
            {renames.get(field, field): texts for field, texts in error.message_dict.items()}
        )
    apply_errors(form, error)


# --- week view -------------------------------------------------------------------------------


@require_GET
@require_case_work
def week_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    monday = selectors.parse_week(request.GET.get("week"), today)
    led = selectors.teams_led_by(user=user)
    team = None
    if request.GET.get("team"):
        try:
            team = get_object_or_404(led, pk=int(request.GET["team"]))
        except ValueError as error:
            raise Http404 from error
    week = selectors.week_for_user(user=user, monday=monday, team=team)
    return render(
        request,
        "appointments/week.html",
        {"week": week, "team": team, "teams": led, "today": today},
    )


# --- booking -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_case_work
def create_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    case = None
    if request.GET.get("case"):
        try:
            case_pk = int(request.GET["case"])
        except ValueError as error:
            raise Http404 from error
        case = case_get_for_user(user=user, pk=case_pk, purpose="appointment_book")
    team_ids = [case.team_id] if case else list(user.teams.values_list("pk", flat=True))
    caseworkers = _members(user, team_ids)
    initial: dict[str, Any] = {}
    if caseworkers.filter(pk=user.pk).exists():
        initial["caseworker"] = user.pk
    elif case and case.caseworker_id:
        initial["caseworker"] = case.caseworker_id
    form = AppointmentForm(
        request.POST or None,
        initial=initial,
        caseworkers=caseworkers,
        rooms=selectors.rooms_for(user=user),
        interpreters=selectors.interpreters_for(user=user),
        group=case is None,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        persons: list[Person] = []
        if case is None:
            numbers = data["persons"]
            persons = list(persons_visible_to(user).filter(pk__in=numbers))
            unknown = sorted(set(numbers) - {p.pk for p in persons})
            if unknown:
                form.add_error(
                    "persons",
                    _("No person of your teams has the number %(numbers)s.")
                    % {"numbers": ", ".join(str(n) for n in unknown)},
                )
        if not form.errors:
            try:
                appointment = services.appointment_create(
                    actor=user,
                    caseworker=data["caseworker"],
                    kind=data["kind"],
                    starts_at=data["starts_at"],
                    ends_at=form.ends_at(),
                    place=data["place"],
                    case=case,
                    persons=persons,
                    room=data["room"],
                    place_detail=data["place_detail"],
                    video_link=data["video_link"],
                    interpreter_language=data["interpreter_language"],
                    interpreter=data["interpreter"],
                )
            except ValidationError as error:
                _service_errors(form, error, {"ends_at": "duration", "case": "kind"})
            else:
                messages.success(request, _("The appointment was booked."))
                return redirect("appointments:detail", pk=appointment.pk)
    return render(
        request,
        "appointments/create.html",
        {"form": form, "case": case},
        status=422 if form.errors else 200,
    )


# --- one appointment ---------------------------------------------------------------------


def _detail_context(
    request: AuthedRequest, appointment: Appointment, **forms: Any
) -> dict[str, Any]:
    participants = [p.person for p in appointment.participants.all()]
    missed = selectors.missed_counts(person_ids=[p.pk for p in participants])
    persons = Person.objects.filter(pk__in=[p.pk for p in participants])
    return {
        "appointment": appointment,
        "participants": [(p, missed.get(p.pk, 0)) for p in participants],
        "reschedules": appointment.reschedules.select_related("changed_by"),
        "reminders": appointment.reminders.order_by("-created_at"),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(initial={"outcome": appointment.outcome}),
        "send_form": forms.get("send_form") or SendForm(persons=persons),
        "letter_form": forms.get("letter_form") or _letter_form(persons, None),
        "in_future": appointment.starts_at > timezone.now(),
    }


def _letter_form(persons: Any, data: Any) -> LetterSendForm:
    return LetterSendForm(data, persons=persons, languages=LetterLanguage.choices, prefix="letter")


@require_GET
@require_case_work
def detail_view(request: AuthedRequest, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_user(user=request.user, pk=pk)
    return render(request, "appointments/detail.html", _detail_context(request, appointment))


@require_http_methods(["GET", "POST"])
@require_case_work
def reschedule_view(request: AuthedRequest, pk: int) -> HttpResponse:
    user = request.user
    appointment = selectors.appointment_get_for_user(
        user=user, pk=pk, purpose="appointment_reschedule"
    )
    form = RescheduleForm(
        request.POST or None,
        initial={
            "starts_at": timezone.localtime(appointment.starts_at),
            "duration": appointment.duration_minutes,
            "room": appointment.room_id,
            "interpreter": appointment.interpreter_id,
        },
        rooms=selectors.rooms_for(user=user),
        interpreters=selectors.interpreters_for(user=user),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_reschedule(
                actor=user,
                appointment=appointment,
                starts_at=data["starts_at"],
                ends_at=form.ends_at(),
                room=data["room"],
                interpreter=data["interpreter"],
                reason=data["reason"],
            )
        except ValidationError as error:
            _service_errors(form, error, {"ends_at": "duration"})
        else:
            messages.success(request, _("The appointment was moved."))
            return redirect("appointments:detail", pk=appointment.pk)
    return render(
        request,
        "appointments/reschedule.html",
        {"form": form, "appointment": appointment},
        status=422 if form.errors else 200,
    )


@require_POST
@require_case_work
def outcome_view(request: AuthedRequest, pk: int) -> HttpResponse:
    appointment = selectors.appointment_get_for_user(
        user=request.user, pk=pk, purpose="appointment_outcome"
    )
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.appointment_set_outcome(
                actor=request.user, appointment=appointment, outcome=form.cleaned_data["outcome"]
            )
        except ValidationError as error:
            appointment.refresh_from_db()
            apply_errors(form, error)
        else:
            messages.success(request, _("The outcome was saved."))
            return redirect("appointments:detail", pk=appointment.pk)
    return render(
        request,
        "appointments/detail.html",
        _detail_context(request, appointment, outcome_form=form),
        status=422,
    )


def _participant_form(appointment: Appointment, data: Any, prefix: str | None = None) -> SendForm:
    ids = [p.person_id for p in appointment.participants.all()]
    return SendForm(data, persons=Person.objects.filter(pk__in=ids), prefix=prefix)


@require_POST
@require_case_work
def send_email_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The invitation with an .ics attachment, by e-mail, to a person who agreed to e-mail."""
    appointment = selectors.appointment_get_for_user(
        user=request.user, pk=pk, purpose="appointment_send_email"
    )
    form = _participant_form(appointment, request.POST)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            notify.check_reachable(person=person, channel=Channel.EMAIL)
            notify.appointment_mail("invitation", appointment, person).send()
        except ValidationError as error:
            apply_errors(form, error)
        except OSError:
            form.add_error(None, _("The mail server could not be reached. Try again later."))
        else:
            audit_event(
                actor=request.user,
                action=AuditEntry.Action.EXPORT,
                object_type="appointments.appointment",
                object_id=appointment.pk,
                person_id=person.pk,
                purpose="invitation_email",
            )
            messages.success(request, _("The invitation was sent by e-mail."))
            return redirect("appointments:detail", pk=appointment.pk)
    return render(
        request,
        "appointments/detail.html",
        _detail_context(request, appointment, send_form=form),
        status=422,
    )


@require_POST
@require_case_work
def letter_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The invitation as a letter in the person's language (and German), stored with the case."""
    appointment = selectors.appointment_get_for_user(
        user=request.user, pk=pk, purpose="appointment_letter"
    )
    ids = [p.person_id for p in appointment.participants.all()]
    form = _letter_form(Person.objects.filter(pk__in=ids), request.POST)
    if form.is_valid():
        person = form.cleaned_data["person"]
        try:
            letter = letters.letter_create(
                actor=request.user,
                case=person.case,
                kind="invitation",
                language=form.cleaned_data["language"] or notify.letter_language(person),
                appointment=appointment,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The invitation letter was made."))
            if letter.from_draft:
                messages.warning(request, letters.draft_warning())
            return redirect("letters:download", pk=letter.pk)
    return render(
        request,
        "appointments/detail.html",
        _detail_context(request, appointment, letter_form=form),
        status=422,
    )


# --- contact consent ---------------------------------------------------------------------


@require_POST
@require_case_work
def consent_add_view(request: AuthedRequest, pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=pk, purpose="contact_consent")
    form = ContactConsentForm(request.POST)
    if form.is_valid():
        try:
            services.contact_consent_record(
                actor=request.user,
                person=person,
                channel=form.cleaned_data["channel"],
                given_on=form.cleaned_data["given_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The consent to be contacted was recorded."))
            return redirect(reverse("people:detail", args=[person.pk]) + "#h-appointments")
    return render(
        request,
        "appointments/consent.html",
        {"form": form, "person": person},
        status=422,
    )


@require_POST
@require_case_work
def consent_withdraw_view(request: AuthedRequest, pk: int, consent_pk: int) -> HttpResponse:
    person = person_get_for_user(user=request.user, pk=pk, purpose="contact_consent_withdraw")
    consent = get_object_or_404(person.contact_consents, pk=consent_pk)
    services.contact_consent_withdraw(actor=request.user, consent=consent)
    messages.success(request, _("The consent was withdrawn."))
    return redirect(reverse("people:detail", args=[person.pk]) + "#h-appointments")


# --- interpreters ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_role(User.Role.TEAM_LEAD, User.Role.ADMINISTRATOR)
def interpreters_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.organisation_id is None:
        raise PermissionDenied
    form = InterpreterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interpreter_create(
                actor=user,
                name=form.cleaned_data["name"],
                languages=form.cleaned_data["languages"],
                contact=form.cleaned_data["contact"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The interpreter was added."))
            return redirect("appointments:interpreters")
    interpreters = Interpreter.objects.filter(organisation_id=user.organisation_id)
    return render(
        request,
        "appointments/interpreters.html",
        {"form": form, "interpreters": interpreters},
        status=422 if form.errors else 200,
    )


# --- calendar feed -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require_case_work
def feed_settings_view(request: AuthedRequest) -> HttpResponse:
    """The user's own feed: whether it exists, and a button to make or renew its address."""
    feed_url = None
    if request.method == "POST":
        token = services.calendar_feed_renew(actor=request.user)
        feed_url = request.build_absolute_uri(reverse("appointments:feed", args=[token]))
        messages.success(request, _("The new calendar address is ready; the old one is void."))
    feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(request, "appointments/feed_settings.html", {"feed": feed, "feed_url": feed_url})


@login_not_required
@require_GET
def feed_view(request: Any, token: str) -> HttpResponse:
    """The personal calendar feed under its secret address: no login (calendar programs cannot
    log in), the token compared in constant time, only the kind, time, place and person
    numbers in it."""
    digest = hashlib.sha256(token.encode()).hexdigest()
    feed = CalendarFeed.objects.filter(token_hash=digest).select_related("user").first()
    if feed is None or not hmac.compare_digest(feed.token_hash, digest):
        raise Http404
    user = feed.user
    if not user.is_active or not user.works_cases:
        raise Http404
    now = timezone.now()
    appointments = list(
        Appointment.objects.visible_to(user)
        .filter(
            caseworker=user,
            starts_at__gte=now - dt.timedelta(days=FEED_DAYS_BACK),
            starts_at__lte=now + dt.timedelta(days=FEED_DAYS_AHEAD),
        )
        .select_related("room")
        .prefetch_related("participants", "reschedules")
        .order_by("starts_at")
    )
    audit_list(
        actor=user, model=Appointment, ids=[a.pk for a in appointments], purpose="calendar_feed"
    )
    response = HttpResponse(
        ics.staff_feed(appointments), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="wegweiser.ics"'
    return response
