"""Demo courses: a provider login, course locations, courses and a waiting list.

Small and written through the ORM (audited per row as the system), after the persons exist;
deterministic for a seed and a reference date."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as
from wegweiser.core.models import Municipality
from wegweiser.courses.models import (
    KIND_RULES,
    AttendanceRecord,
    Childcare,
    Course,
    CourseKind,
    CourseLocation,
    Enrolment,
    Entitlement,
    WaitingEntry,
)
from wegweiser.people.models import Consent

PROVIDER_LOGIN = ("provider", "Kursraum-Anwesenheit-2026")
LOCATION_TOWNS = ("Gießen", "Grünberg", "Laubach", "Hungen", "Lich", "Pohlheim")
COURSE_PLAN = (  # kind, time of day, weekdays, seats, childcare, weeks from today to start
    (CourseKind.INTEGRATION_GENERAL, "morning", "12345", 20, True, -6),
    (CourseKind.INTEGRATION_GENERAL, "morning", "12345", 20, False, 3),
    (CourseKind.INTEGRATION_GENERAL, "afternoon", "1234", 18, True, 6),
    (CourseKind.INTEGRATION_WOMEN, "morning", "1234", 15, True, 4),
    (CourseKind.INTEGRATION_LITERACY, "morning", "12345", 12, True, 8),
    (CourseKind.INTEGRATION_INTENSIVE, "evening", "1234", 16, False, 5),
    (CourseKind.JOB_B2, "evening", "135", 20, False, 2),
    (CourseKind.JOB_SPECIAL_B1, "afternoon", "24", 18, False, 10),
    (CourseKind.JOB_C1, "evening", "24", 15, False, 12),
    (CourseKind.LOCAL_ONLINE, "evening", "25", 25, False, 1),
)

INTEGRATION_ENTITLEMENTS = (
    Entitlement.Kind.INTEGRATION_ENTITLED,
    Entitlement.Kind.INTEGRATION_OBLIGED,
)


@transaction.atomic
def ensure_demo_courses(*, seed: int, today: dt.date, waiting: int = 150) -> bool:
    """Creates the demo provider, its courses and a waiting list unless courses exist."""
    if Course.objects.exists():
        return False
    rng = random.Random(seed)
    providers = list(
        Organisation.objects.filter(kind=Organisation.Kind.COURSE_PROVIDER).order_by("pk")
    )
    if not providers:
        return False
    _provider_login(providers[0])
    with acting_as(None):
        _courses(providers, today)
        _waiting_list(rng, today, waiting)
    return True


def _provider_login(provider: Organisation) -> None:
    username, password = PROVIDER_LOGIN
    if not User.objects.filter(username=username).exists():
        user = User(
            username=username,
            first_name="Katrin",
            last_name="Vogel",
            role=User.Role.COURSE_PROVIDER,
            organisation=provider,
        )
        user.set_password(password)
        user.save()


def _courses(providers: list[Organisation], today: dt.date) -> None:
    """A course room in each town of `LOCATION_TOWNS` and the courses of `COURSE_PLAN`."""
    towns = {m.name: m for m in Municipality.objects.filter(name__in=LOCATION_TOWNS)}
    locations = [
        CourseLocation.objects.create(
            provider=providers[i % len(providers)],
            name=f"Kursraum {town}",
            municipality=towns[town],
        )
        for i, town in enumerate(sorted(towns))
    ]
    for number, (kind, time, days, seats, childcare, weeks) in enumerate(COURSE_PLAN):
        rule = KIND_RULES[kind]
        location = locations[number % len(locations)]
        starts = today + dt.timedelta(weeks=weeks)
        Course.objects.create(
            provider=location.provider,
            location=location,
            kind=kind,
            title=str(CourseKind(kind).label),
            bamf_number=f"{410 + number}/{today.year}" if rule.programme != "local" else "",
            starts_on=starts,
            ends_on=starts + dt.timedelta(weeks=40 if rule.max_units > 500 else 24),
            time_of_day=time,
            weekdays=days,
            units=rule.max_units,
            seats=seats,
            childcare=childcare,
            entry_level=rule.entry_level,
            target_level=rule.target_level,
        )


def _waiting_list(rng: random.Random, today: dt.date, waiting: int) -> None:
    """Participants of the running courses, then entitlements and waiting-list entries for
    `waiting` persons of the other open cases."""
    cases = list(
        Case.objects.filter(status__in=[Case.Status.INTAKE, Case.Status.ACTIVE])
        .exclude(person__municipality=None)
        .select_related("person", "orientation")
        .order_by("pk")
    )
    rng.shuffle(cases)
    # Participants first (at most half the open cases), the waiting list from the rest.
    used = _participants(rng=rng, today=today, cases=cases[: len(cases) // 2])
    for case in cases[used : used + waiting]:
        person = case.person
        if person.municipality is None:
            continue
        level = getattr(getattr(case, "orientation", None), "german_level", "")
        kind = CourseKind.JOB_B2 if level in ("B1",) else CourseKind.INTEGRATION_GENERAL
        registered = today - dt.timedelta(days=rng.randint(5, 300))
        Entitlement.objects.create(
            person=person,
            kind=(
                Entitlement.Kind.JOB_GERMAN
                if kind == CourseKind.JOB_B2
                else rng.choice(
                    [
                        Entitlement.Kind.INTEGRATION_ENTITLED,
                        Entitlement.Kind.INTEGRATION_OBLIGED,
                    ]
                )
            ),
            issuer=rng.choice(list(Entitlement.Issuer.values)),
            issued_on=registered,
            valid_until=registered + dt.timedelta(days=730),
        )
        needs_care = getattr(getattr(case, "orientation", None), "childcare_needed", False)
        WaitingEntry.objects.create(
            person=person,
            kind=kind,
            municipality=person.municipality,
            registered_on=registered,
            childcare=Childcare.NEEDED if needs_care else Childcare.NONE,
        )


def _participants(*, rng: random.Random, today: dt.date, cases: list[Case]) -> int:
    """Participants of the courses that have started, taken from the start of `cases`:
    each with an entitlement, the consent to refer them to the provider (so its staff see
    them), an enrolment attending since the start and the attendance of the months so far.
    Returns how many cases were used."""
    count = 0
    remaining = iter(cases)  # a case without a caseworker is skipped but still used
    for course in Course.objects.filter(starts_on__lte=today).order_by("pk"):
        seats = course.seats - rng.randint(2, 5)  # a few seats stay free
        for _seat, case in zip(range(seats), remaining, strict=False):  # range first: no extra
            person, caseworker = case.person, case.caseworker
            count += 1
            if caseworker is None:
                continue
            offered = course.starts_on - dt.timedelta(days=rng.randint(14, 40))
            Entitlement.objects.create(
                person=person,
                kind=rng.choice(INTEGRATION_ENTITLEMENTS),
                issuer=rng.choice(list(Entitlement.Issuer.values)),
                issued_on=offered - dt.timedelta(days=rng.randint(10, 90)),
                valid_until=offered + dt.timedelta(days=730),
            )
            Consent.objects.create(
                person=person,
                purpose=Consent.Purpose.COURSE_REFERRAL,
                scope="Name, Geburtsdatum, Kontaktdaten, Sprachstand",
                recipient=course.provider,
                legal_basis=Consent.LegalBasis.CONSENT,
                given_on=offered,
                recorded_by=caseworker,
            )
            enrolment = Enrolment.objects.create(
                person=person,
                course=course,
                status=Enrolment.Status.ATTENDING,
                offered_on=offered,
                status_changed_on=course.starts_on,
            )
            month = course.starts_on.replace(day=1)
            while month < today.replace(day=1):
                AttendanceRecord.objects.create(
                    enrolment=enrolment,
                    month=month,
                    percent=Decimal(rng.choice((72, 80, 85, 90, 95, 100))),
                    recorded_by=caseworker,
                )
                month = (month + dt.timedelta(days=32)).replace(day=1)
    return count
