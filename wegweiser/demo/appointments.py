"""Demo appointments: rooms and interpreters of the centre, each caseworker's past weeks (kept,
cancelled and some missed) and the coming two weeks, some with an interpreter, one group
information session, and consent to be contacted by e-mail or SMS for part of the persons.

Deterministic for a seed and a reference date; no appointment is double-booked (caseworker,
room and interpreter each hold a slot once). Written in one transaction with bulk inserts and
one audit entry, like the rest of the demo data. The interpreters are invented names.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, User
from wegweiser.appointments.models import (
    Appointment,
    AppointmentPerson,
    ContactConsent,
    Interpreter,
    Room,
)
from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import PersonLanguage

ROOMS = ("Beratungsraum 1.01", "Beratungsraum 1.02", "Beratungsraum 1.03", "Gruppenraum EG")
INTERPRETERS: tuple[tuple[str, list[str], str], ...] = (
    ("Rana Al-Khatib", ["ar"], "+49 641 555 0111"),
    ("Yonas Tesfay", ["ti"], "+49 641 555 0112"),
    ("Farid Ahmadi", ["fa", "ps"], "+49 641 555 0113"),
    ("Oksana Melnyk", ["uk", "ru"], "+49 641 555 0114"),
    ("Dilan Aydin", ["ku", "tr"], "+49 641 555 0115"),
    ("Nadia Haddad", ["ar", "fr"], "dolmetschen.haddad@example.org"),
)
HOURS = (9, 10, 11, 13, 14, 15)
KINDS = (
    (Appointment.Kind.CONSULTATION, 60),
    (Appointment.Kind.CONSULTATION, 60),
    (Appointment.Kind.PLAN_REVIEW, 20),
    (Appointment.Kind.FOLLOW_UP, 10),
    (Appointment.Kind.INTAKE, 10),
)
PLACES = (
    (Appointment.Place.ROOM, 70),
    (Appointment.Place.PHONE, 20),
    (Appointment.Place.VIDEO, 10),
)
OUTCOMES = (
    (Appointment.Outcome.KEPT, 72),
    (Appointment.Outcome.MISSED, 14),
    (Appointment.Outcome.CANCELLED_BY_PERSON, 9),
    (Appointment.Outcome.CANCELLED_BY_CENTRE, 5),
)
PAST_WEEKS = 4
PER_DAY = 2  # appointments per caseworker and working day, on average


def _weighted(rng: random.Random, options: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([o for o, _ in options], weights=[w for _, w in options])[0]


def _working_days(first: dt.date, last: dt.date) -> list[dt.date]:
    days, day = [], first
    while day <= last:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def ensure_demo_appointments(*, seed: int, today: dt.date) -> bool:
    """Creates the demo appointments unless some exist. Returns whether it created them."""
    if Appointment.objects.exists():
        return False
    centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).order_by("pk").first()
    if centre is None:
        return False
    rng = random.Random(seed * 7919 + 11)
    with transaction.atomic(), acting_as(None):
        rooms, by_language = _centre_resources(centre)
        native = dict(
            PersonLanguage.objects.filter(level="native")
            .exclude(language="de")
            .values_list("person_id", "language")
        )
        # one set of held slots for the whole centre, so nobody is booked twice
        busy: set[tuple[str, int, dt.datetime]] = set()
        invited: list[tuple[Appointment, int]] = []
        staff = (
            User.objects.filter(role__in=[User.Role.CASEWORKER, User.Role.TEAM_LEAD])
            .exclude(teams=None)
            .order_by("pk")
        )
        first_day = today - dt.timedelta(days=today.weekday() + 7 * PAST_WEEKS)
        last_day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=11)
        days = _working_days(first_day, last_day)
        for user in staff:
            cases = list(
                Case.objects.filter(caseworker=user)
                .exclude(status=Case.Status.CLOSED)
                .order_by("pk")
                .values_list("pk", "person_id", "team_id")
            )
            if cases:
                slots = _Slots(rng=rng, rooms=rooms, by_language=by_language, busy=busy)
                invited.extend(_caseworker_weeks(slots, user, cases, days, native))
        appointments = [appointment for appointment, _ in invited]
        group = _group_session(rng, today, rooms, centre)
        if group is not None:
            appointment, person_ids = group
            appointments.append(appointment)
            invited.extend((appointment, pk) for pk in person_ids)
        Appointment.objects.bulk_create(appointments, batch_size=500)
        AppointmentPerson.objects.bulk_create(
            [AppointmentPerson(appointment=a, person_id=pk) for a, pk in invited],
            batch_size=1000,
        )
        consents = _contact_consents(rng, today, invited)
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.appointments",
            object_id=f"seed={seed}",
            fields=["appointment", "appointmentperson", "contactconsent", "interpreter", "room"],
            purpose=f"synthetic demo appointments: {len(appointments)}, consents: {consents}",
        )
    return True


def _centre_resources(
    centre: Organisation,
) -> tuple[list[Room], dict[str, list[Interpreter]]]:
    """The centre's rooms, and its interpreters by the languages they speak."""
    rooms = [Room.objects.create(organisation=centre, name=name) for name in ROOMS]
    by_language: dict[str, list[Interpreter]] = defaultdict(list)
    for name, languages, contact in INTERPRETERS:
        listed = Interpreter.objects.create(
            organisation=centre, name=name, languages=languages, contact=contact
        )
        for code in listed.languages:
            by_language[code].append(listed)
    return rooms, by_language


@dataclass
class _Slots:
    """The random source and the centre's held slots, shared by every caseworker's weeks."""

    rng: random.Random
    rooms: list[Room]
    by_language: dict[str, list[Interpreter]]
    busy: set[tuple[str, int, dt.datetime]]

    def room(self, start: dt.datetime) -> Room | None:
        """A free consultation room at start (held from now on), or None."""
        free = [r for r in self.rooms[:3] if ("room", r.pk, start) not in self.busy]
        if not free:
            return None
        room = self.rng.choice(free)
        self.busy.add(("room", room.pk, start))
        return room

    def interpreter(self, language: str, start: dt.datetime) -> Interpreter | None:
        """A free interpreter for language at start, booked four times out of five."""
        free = [
            i for i in self.by_language.get(language, []) if ("int", i.pk, start) not in self.busy
        ]
        if not (free and self.rng.random() < 0.8):
            return None
        interpreter = self.rng.choice(free)
        self.busy.add(("int", interpreter.pk, start))
        return interpreter


def _caseworker_weeks(
    slots: _Slots,
    user: User,
    cases: list[tuple[int, int, int]],
    days: list[dt.date],
    native: dict[int, str],
) -> list[tuple[Appointment, int]]:
    """One caseworker's appointments over the days, each with the person invited."""
    rng = slots.rng
    rng.shuffle(cases)
    invited: list[tuple[Appointment, int]] = []
    turn = 0
    for day in days:
        for hour in rng.sample(HOURS, k=min(len(HOURS), rng.randint(0, 2 * PER_DAY))):
            # round the caseload, so each person comes every few weeks, not daily
            case_pk, person_pk, team_pk = cases[turn % len(cases)]
            turn += 1
            start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
            if ("cw", user.pk, start) in slots.busy:
                continue
            slots.busy.add(("cw", user.pk, start))
            kind = _weighted(rng, KINDS)
            place = _weighted(rng, PLACES)
            room = None
            if place == Appointment.Place.ROOM:
                room = slots.room(start)
                if room is None:
                    place = Appointment.Place.PHONE
            language = native.get(person_pk, "")
            needs = bool(language) and place != Appointment.Place.PHONE and rng.random() < 0.6
            interpreter = slots.interpreter(language, start) if needs else None
            past = start < timezone.now()
            appointment = Appointment(
                team_id=team_pk,
                caseworker=user,
                case_id=case_pk,
                kind=kind,
                starts_at=start,
                ends_at=start + dt.timedelta(minutes=60 if kind == "intake" else 45),
                place=place,
                room=room,
                video_link=(
                    f"https://video.example.org/beratung-{user.pk}-{day:%m%d}-{hour}"
                    if place == Appointment.Place.VIDEO
                    else ""
                ),
                interpreter_language=language if needs else "",
                interpreter=interpreter,
                outcome=_weighted(rng, OUTCOMES) if past else "",
                created_by=user,
            )
            invited.append((appointment, person_pk))
    return invited


def _group_session(
    rng: random.Random, today: dt.date, rooms: list[Room], centre: Organisation
) -> tuple[Appointment, list[int]] | None:
    """Next week's information session on courses and work for ten persons of team A's lead."""
    lead = User.objects.filter(role=User.Role.TEAM_LEAD, username="teamlead.a").first()
    if lead is None or not lead.teams.exists():
        return None
    team = lead.teams.order_by("pk")[0]
    person_ids = list(
        Case.objects.filter(team=team, status=Case.Status.ACTIVE)
        .order_by("pk")
        .values_list("person_id", flat=True)[:40]
    )
    if not person_ids:
        return None
    day = today - dt.timedelta(days=today.weekday()) + dt.timedelta(days=9)  # Wednesday
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(17)))
    appointment = Appointment(
        team=team,
        caseworker=lead,
        case=None,
        kind=Appointment.Kind.GROUP_SESSION,
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        place=Appointment.Place.ROOM,
        room=rooms[-1],
        interpreter_language="ar",
        created_by=lead,
    )
    return appointment, rng.sample(person_ids, k=min(10, len(person_ids)))


def _contact_consents(
    rng: random.Random, today: dt.date, invited: list[tuple[Appointment, int]]
) -> int:
    """E-mail consent for about half of the invited persons who have an address, SMS consent
    for a fifth of those with a phone number; recorded by their caseworker."""
    from wegweiser.people.models import Person

    person_ids = sorted({pk for _a, pk in invited})
    caseworker_of = {pk: a.caseworker_id for a, pk in invited}
    rows: list[ContactConsent] = []
    for pk, email, phone in Person.objects.filter(pk__in=person_ids).values_list(
        "pk", "email", "phone"
    ):
        given_on = today - dt.timedelta(days=rng.randint(10, 400))
        if email and rng.random() < 0.5:
            rows.append(
                ContactConsent(
                    person_id=pk,
                    channel="email",
                    given_on=given_on,
                    recorded_by_id=caseworker_of[pk],
                )
            )
        if phone and rng.random() < 0.2:
            rows.append(
                ContactConsent(
                    person_id=pk, channel="sms", given_on=given_on, recorded_by_id=caseworker_of[pk]
                )
            )
    ContactConsent.objects.bulk_create(rows, batch_size=1000)
    return len(rows)
