"""Reads of appointments: scoped to the user's teams and audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Team, User
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.request_memo import once
from wegweiser.people.models import Person

from .models import Appointment, AppointmentPerson, ContactConsent, Interpreter, Room


def _with_details(qs: QuerySet[Appointment]) -> QuerySet[Appointment]:
    return qs.select_related("case__person", "caseworker", "room", "interpreter").prefetch_related(
        Prefetch(
            "participants",
            queryset=AppointmentPerson.objects.select_related("person").order_by("person_id"),
        )
    )


MAX_RANGE_DAYS = 366


def _day_bounds(day_from: dt.date, day_to: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Aware bounds from the start of `day_from` to the end of `day_to`, at most a year apart
    and within the calendar's range."""
    day_from = min(
        max(day_from, dt.date.min + dt.timedelta(days=1)), dt.date.max - dt.timedelta(days=2)
    )
    day_to = min(
        day_to, day_from + dt.timedelta(days=MAX_RANGE_DAYS), dt.date.max - dt.timedelta(days=2)
    )
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(day_from, dt.time.min, tzinfo=zone)
    end = dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    return start, end


def appointment_get_for_user(
    *, user: User, pk: int, purpose: str = "appointment_view"
) -> Appointment:
    appointment = get_object_or_404(_with_details(Appointment.objects.visible_to(user)), pk=pk)
    audit_read(actor=user, obj=appointment, purpose=purpose)
    return appointment


def appointments_for_dashboard(
    *, user: User, day_from: dt.date, day_to: dt.date
) -> list[Appointment]:
    """The user's own appointments from `day_from` to `day_to` (both included)."""
    start, end = _day_bounds(day_from, day_to)
    rows = list(
        _with_details(
            Appointment.objects.visible_to(user).filter(
                caseworker=user, starts_at__gte=start, starts_at__lt=end
            )
        ).order_by("starts_at", "id")
    )
    audit_list(actor=user, model=Appointment, ids=[a.pk for a in rows], purpose="dashboard")
    return rows


@dataclass(frozen=True)
class DashboardAppointments:
    """The start page's appointments panel."""

    today: list[Appointment]
    tomorrow: list[Appointment]
    missed: list[Appointment]  # newest first


def appointments_on_dashboard(
    *, user: User, today: dt.date, missed_days: int = 30
) -> DashboardAppointments:
    """The user's own appointments of today and tomorrow, and those missed in the last
    `missed_days` days: the rows of `appointments_for_dashboard` and `missed_recently` read in
    one query (one with its participants), each list recorded as they record it."""
    tomorrow = today + dt.timedelta(days=1)
    start, end = _day_bounds(today, tomorrow)
    since = timezone.now() - dt.timedelta(days=missed_days)
    missed_q = Q(outcome=Appointment.Outcome.MISSED, starts_at__gte=since)
    rows = list(
        _with_details(
            Appointment.objects.visible_to(user).filter(
                Q(starts_at__gte=start, starts_at__lt=end) | missed_q, caseworker=user
            )
        ).order_by("starts_at", "id")
    )
    upcoming = [a for a in rows if start <= a.starts_at < end]
    missed = sorted(
        (a for a in rows if a.outcome == Appointment.Outcome.MISSED and a.starts_at >= since),
        key=lambda a: a.starts_at,
        reverse=True,
    )
    audit_list(actor=user, model=Appointment, ids=[a.pk for a in upcoming], purpose="dashboard")
    audit_list(
        actor=user, model=Appointment, ids=[a.pk for a in missed], purpose="dashboard_missed"
    )
    return DashboardAppointments(
        today=[a for a in upcoming if timezone.localdate(a.starts_at) == today],
        tomorrow=[a for a in upcoming if timezone.localdate(a.starts_at) == tomorrow],
        missed=missed,
    )


def appointments_for_person(*, user: User, person: Person) -> list[Appointment]:
    """Every appointment of the person in the user's scope, newest first (read once per page:
    the person page's timeline and appointments panel both show them)."""

    def read() -> list[Appointment]:
        # The room for the place's label; the page shows nothing else of the related rows.
        rows = list(
            Appointment.objects.visible_to(user)
            .filter(participants__person=person)
            .select_related("room")
            .order_by("-starts_at", "-id")
        )
        audit_list(actor=user, model=Appointment, ids=[a.pk for a in rows], purpose="person_page")
        return rows

    return once(f"appointments.for_person:{user.pk}:{person.pk}", read)


PAST_SHOWN = 8  # past appointments listed on the person page; the missed count covers all


@dataclass(frozen=True)
class PersonAppointments:
    """The person page's appointments section."""

    appointments: list[Appointment]  # the coming ones and the latest PAST_SHOWN past ones
    earlier: int  # past appointments not listed
    missed: int
    consents: list[ContactConsent]
    now: dt.datetime


def person_appointments(*, user: User, person: Person) -> PersonAppointments:
    """The person's appointments in the user's scope (their list read recorded), how many they
    missed, and their consents to be contacted."""
    now = timezone.now()
    appointments = appointments_for_person(user=user, person=person)
    upcoming = [a for a in appointments if a.starts_at >= now]
    past = [a for a in appointments if a.starts_at < now]
    return PersonAppointments(
        appointments=upcoming + past[:PAST_SHOWN],
        earlier=max(len(past) - PAST_SHOWN, 0),
        missed=missed_count(person=person),
        consents=list(contact_consents_for_person(person=person)),
        now=now,
    )


def missed_count(*, person: Person) -> int:
    """How many appointments the person missed (without cancelling)."""
    return Appointment.objects.filter(
        participants__person=person, outcome=Appointment.Outcome.MISSED
    ).count()


def missed_recently(*, user: User, days: int = 30) -> list[Appointment]:
    """The user's own appointments missed in the last `days` days, for the dashboard."""
    since = timezone.now() - dt.timedelta(days=days)
    rows = list(
        _with_details(
            Appointment.objects.visible_to(user).filter(
                caseworker=user, outcome=Appointment.Outcome.MISSED, starts_at__gte=since
            )
        ).order_by("-starts_at")
    )
    audit_list(actor=user, model=Appointment, ids=[a.pk for a in rows], purpose="dashboard_missed")
    return rows


def missed_counts(*, person_ids: list[int]) -> dict[int, int]:
    rows = (
        AppointmentPerson.objects.filter(
            person_id__in=person_ids, appointment__outcome=Appointment.Outcome.MISSED
        )
        .values("person_id")
        .annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}


# --- week view ----------------------------------------------------------------------------


@dataclass(frozen=True)
class WeekDay:
    day: dt.date
    appointments: list[Appointment]


@dataclass(frozen=True)
class WeekRow:
    """One caseworker's week."""

    caseworker: User
    days: list[WeekDay]


@dataclass(frozen=True)
class Week:
    monday: dt.date
    days: list[dt.date]
    rows: list[WeekRow]

    @property
    def previous(self) -> dt.date:
        return self.monday - dt.timedelta(days=7)

    @property
    def next(self) -> dt.date:
        return self.monday + dt.timedelta(days=7)

    @property
    def iso(self) -> str:
        return iso_week(self.monday)

    @property
    def previous_iso(self) -> str:
        return iso_week(self.previous)

    @property
    def next_iso(self) -> str:
        return iso_week(self.next)

    @property
    def number(self) -> int:
        return self.monday.isocalendar()[1]


def iso_week(day: dt.date) -> str:
    year, week, _day = day.isocalendar()
    return f"{year}-W{week:02d}"


def monday_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def current_week_monday(today: dt.date) -> dt.date:
    """The week a caseworker works in: the week view runs Monday to Saturday, so on a Sunday
    the week just ended is over and the coming week is shown."""
    if today.weekday() == 6:
        return today + dt.timedelta(days=1)
    return monday_of(today)


def parse_week(value: str | None, today: dt.date) -> dt.date:
    """'2026-W49' → Monday of that ISO week; anything unreadable is the current week (on a
    Sunday the coming one)."""
    if value:
        try:
            year, week = value.split("-W")
            return dt.date.fromisocalendar(int(year), int(week), 1)
        except ValueError:
            pass
    return current_week_monday(today)


def week_for_user(*, user: User, monday: dt.date, team: Team | None = None) -> Week:
    """The week of the user (caseworker), or of every member of `team` (team leads, their own
    teams only). Days Monday to Saturday."""
    days = [monday + dt.timedelta(days=i) for i in range(6)]
    start, end = _day_bounds(days[0], days[-1])
    qs = Appointment.objects.visible_to(user).filter(starts_at__gte=start, starts_at__lt=end)
    if team is not None:
        if not user.is_team_lead or not user.teams.filter(pk=team.pk).exists():
            raise PermissionError
        members = list(
            User.objects.filter(teams=team, is_active=True)
            .exclude(role__in=[User.Role.AUDITOR])
            .order_by("last_name", "first_name", "username")
        )
        qs = qs.filter(team=team)
    else:
        members = [user]
        qs = qs.filter(caseworker=user)
    appointments = list(_with_details(qs).order_by("starts_at", "id"))
    audit_list(actor=user, model=Appointment, ids=[a.pk for a in appointments], purpose="week")
    rows = []
    for member in members:
        own = [a for a in appointments if a.caseworker_id == member.pk]
        rows.append(
            WeekRow(
                caseworker=member,
                days=[
                    WeekDay(day, [a for a in own if timezone.localdate(a.starts_at) == day])
                    for day in days
                ],
            )
        )
    return Week(monday=monday, days=days, rows=rows)


def teams_led_by(*, user: User) -> QuerySet[Team]:
    if not user.is_team_lead:
        return Team.objects.none()
    return user.teams.all().order_by("name")


# --- conflicts ----------------------------------------------------------------------------


def isolate(text: str) -> str:
    """`text` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: a Latin name or a date
    inside an Arabic message keeps its order (the plain-text counterpart of <bdi>)."""
    return f"\u2068{text}\u2069"


def conflicts(
    *,
    caseworker: User,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Room | None,
    interpreter: Interpreter | None,
    exclude_pk: int | None = None,
) -> dict[str, str]:
    """Double bookings of the caseworker, the room or the interpreter, as messages per form
    field. Cancelled appointments free their time."""
    overlapping = Appointment.objects.active().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if exclude_pk is not None:
        overlapping = overlapping.exclude(pk=exclude_pk)
    found: dict[str, str] = {}

    def first(q: Q) -> Appointment | None:
        return overlapping.filter(q).order_by("starts_at").first()

    def when(other: Appointment) -> str:
        # In the interface language's date format, isolated like the names below.
        start = timezone.localtime(other.starts_at)
        end = timezone.localtime(other.ends_at)
        day = formats.date_format(start, "SHORT_DATE_FORMAT")
        return isolate(f"{day} {start:%H:%M}\u2013{end:%H:%M}")

    other = first(Q(caseworker=caseworker))
    if other:
        found["starts_at"] = _("%(name)s already has an appointment at this time (%(when)s).") % {
            "name": isolate(caseworker.get_full_name() or caseworker.get_username()),
            "when": when(other),
        }
    if room is not None:
        other = first(Q(room=room))
        if other:
            found["room"] = _("The room %(room)s is already booked at this time (%(when)s).") % {
                "room": isolate(room.name),
                "when": when(other),
            }
    if interpreter is not None:
        other = first(Q(interpreter=interpreter))
        if other:
            found["interpreter"] = _(
                "%(name)s is already booked as interpreter at this time (%(when)s)."
            ) % {"name": isolate(interpreter.name), "when": when(other)}
    return found


# --- contact consent ----------------------------------------------------------------------


def active_contact_channels(*, person: Person) -> set[str]:
    return set(
        ContactConsent.objects.filter(person=person, withdrawn_on__isnull=True).values_list(
            "channel", flat=True
        )
    )


def contact_consents_for_person(*, person: Person) -> QuerySet[ContactConsent]:
    return ContactConsent.objects.filter(person=person).select_related("recorded_by")


def rooms_for(*, user: User) -> QuerySet[Room]:
    if user.organisation_id is None:
        return Room.objects.none()
    return Room.objects.filter(organisation_id=user.organisation_id, is_active=True)


def interpreters_for(*, user: User) -> QuerySet[Interpreter]:
    if user.organisation_id is None:
        return Interpreter.objects.none()
    return Interpreter.objects.filter(organisation_id=user.organisation_id, is_active=True)
