"""Demo courses: a provider login, course locations, courses and a waiting list, and the
courses of the years before with their participants, exams and levels reached.

Small and written through the ORM after the persons exist (the current courses audited per
row as the system; the history in bulk with one audit entry stating what it created);
deterministic for a seed and a reference date.

The history follows the cases: every year since the first intake has its integration, job
and local courses (more in the years with more arrivals), filled with persons whose case was
open when the course started and who had come in the eighteen months before. Finished courses
end completed, dropped out or interrupted, followed by the DTZ and "Leben in Deutschland"
(integration courses) or a job-German certificate, and the level reached is recorded."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.courses.models import (
    KIND_RULES,
    AttendanceRecord,
    Childcare,
    Course,
    CourseKind,
    CourseLocation,
    Enrolment,
    Entitlement,
    Exam,
    ExamResult,
    LevelRecord,
    Programme,
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
        CourseHistory(rng, today).write()
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


# ---------------------------------------------------------------------------------------------
# The years before: past courses, their participants, exams and levels

HISTORY_PLAN = (  # kind, month of the first course day, seats
    (CourseKind.INTEGRATION_GENERAL, 2, 20),
    (CourseKind.INTEGRATION_WOMEN, 3, 15),
    (CourseKind.JOB_B2, 4, 20),
    (CourseKind.LOCAL_SMALL_GROUP, 5, 12),
    (CourseKind.INTEGRATION_LITERACY, 6, 12),
    (CourseKind.INTEGRATION_GENERAL, 9, 20),
    (CourseKind.JOB_SPECIAL_B1, 10, 18),
    (CourseKind.INTEGRATION_INTENSIVE, 11, 16),
)
HISTORY_RECRUITS_MONTHS = 18  # participants came in during the months before the start
HISTORY_LAST_START_WEEKS = 8  # the newest past course started this long before today
EXIT_WEIGHTS = (  # how a finished course ended for a participant
    (Enrolment.Status.COMPLETED, 72),
    (Enrolment.Status.DROPPED_OUT, 14),
    (Enrolment.Status.INTERRUPTED, 6),
    (Enrolment.Status.DECLINED, 8),  # offered, never taken up: no course entry
)
DROP_REASONS = (
    Enrolment.Reason.STARTED_WORK,
    Enrolment.Reason.MOVED_AWAY,
    Enrolment.Reason.CHILDCARE,
    Enrolment.Reason.ILLNESS,
    Enrolment.Reason.SCHEDULE,
)
HISTORY_TITLES = {
    CourseKind.INTEGRATION_GENERAL: "Integrationskurs",
    CourseKind.INTEGRATION_WOMEN: "Frauenintegrationskurs",
    CourseKind.INTEGRATION_LITERACY: "Alphabetisierungskurs",
    CourseKind.INTEGRATION_INTENSIVE: "Intensivkurs",
    CourseKind.JOB_B2: "Berufssprachkurs B2",
    CourseKind.JOB_SPECIAL_B1: "Berufssprachkurs B1 (Spezialkurs)",
    CourseKind.LOCAL_SMALL_GROUP: "Sprachcafé Kleingruppe",
}


def _weighted(rng: random.Random, weights: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([v for v, _w in weights], [w for _v, w in weights])[0]


class CourseHistory:
    """The courses of the years before today with their participants (one course per person
    and programme), exams and levels."""

    def __init__(self, rng: random.Random, today: dt.date) -> None:
        self.rng = rng
        self.today = today
        self.locations = list(CourseLocation.objects.order_by("pk"))
        self.cases = list(
            Case.objects.exclude(caseworker=None)
            .order_by("opened_on", "pk")
            .values_list("person_id", "opened_on", "closed_on", "caseworker_id")
        )
        self.home = dict(
            Case.objects.exclude(person__municipality=None).values_list(
                "person_id", "person__municipality_id"
            )
        )
        self.opened = {person: opened for person, opened, _c, _w in self.cases}
        taken = Enrolment.objects.values_list("person_id", "course__kind")
        self.taken = {(person, KIND_RULES[kind].programme) for person, kind in taken}
        self.levels: dict[int, str] = {}
        self.enrolments: list[Enrolment] = []
        self.waiting: list[WaitingEntry] = []
        self.exams: list[tuple[ExamResult, str]] = []  # with the level it records

    def write(self) -> dict[str, int]:
        if not self.cases or not self.locations:
            return {}
        courses = self._courses()
        for course in courses:
            self._participants(course)
        WaitingEntry.objects.bulk_create(self.waiting, batch_size=500)
        Enrolment.objects.bulk_create(self.enrolments, batch_size=500)
        ExamResult.objects.bulk_create([e for e, _l in self.exams], batch_size=500)
        LevelRecord.objects.bulk_create(
            [
                LevelRecord(
                    person_id=exam.person_id,
                    level=level,
                    assessed_on=exam.taken_on,
                    source=LevelRecord.Source.EXAM,
                    exam_result=exam,
                    recorded_by_id=exam.recorded_by_id,
                )
                for exam, level in self.exams
                if level
            ],
            batch_size=500,
        )
        counts = {
            "courses": len(courses),
            "enrolments": len(self.enrolments),
            "waiting_entries": len(self.waiting),
            "exam_results": len(self.exams),
        }
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.course_history",
            object_id=str(self.today.year),
            fields=sorted(counts),
            purpose="synthetic demo course history",
        )
        return counts

    def _courses(self) -> list[Course]:
        """The plan's courses of each year from the first intake on, started at least
        `HISTORY_LAST_START_WEEKS` before today; a second round in the busy years."""
        first_year = self.cases[0][1].year
        last_start = self.today - dt.timedelta(weeks=HISTORY_LAST_START_WEEKS)
        courses = []
        for year in range(first_year, self.today.year + 1):
            recruits = self._recruits_before(dt.date(year, 7, 1))
            rounds = 2 if recruits > 25 * len(HISTORY_PLAN) else 1  # the busy years
            for round_ in range(rounds):
                for number, (kind, month, seats) in enumerate(HISTORY_PLAN):
                    starts = dt.date(year, month, 1 + self.rng.randint(0, 20) + 7 * round_)
                    if starts > last_start:
                        continue
                    rule = KIND_RULES[kind]
                    location = self.locations[(number + round_) % len(self.locations)]
                    weeks = 40 if rule.max_units > 500 else 24
                    courses.append(
                        Course(
                            provider_id=location.provider_id,
                            location=location,
                            kind=kind,
                            title=HISTORY_TITLES[kind],
                            bamf_number=(
                                f"{300 + number + 10 * round_}/{year}"
                                if rule.programme != Programme.LOCAL
                                else ""
                            ),
                            starts_on=starts,
                            ends_on=starts + dt.timedelta(weeks=weeks),
                            time_of_day=self.rng.choice(("morning", "afternoon", "evening")),
                            weekdays="12345" if rule.max_units > 500 else "135",
                            units=rule.max_units,
                            seats=seats,
                            childcare=kind == CourseKind.INTEGRATION_WOMEN,
                            entry_level=rule.entry_level,
                            target_level=rule.target_level,
                        )
                    )
        created = Course.objects.bulk_create(courses, batch_size=200)
        return sorted(created, key=lambda c: (c.starts_on, c.pk))

    def _recruits_before(self, day: dt.date) -> int:
        since = day - dt.timedelta(days=365)
        return sum(1 for _p, opened, _c, _w in self.cases if since <= opened < day)

    def _participants(self, course: Course) -> None:
        rule = KIND_RULES[course.kind]
        since = course.starts_on - dt.timedelta(days=30 * HISTORY_RECRUITS_MONTHS)
        until = course.starts_on - dt.timedelta(days=14)
        candidates = [
            (person, worker)
            for person, opened, closed, worker in self.cases
            if since <= opened <= until
            and (closed is None or closed > course.starts_on)
            and (person, rule.programme) not in self.taken
            and (rule.programme != Programme.JOB or self.levels.get(person, "") >= rule.entry_level)
        ]
        self.rng.shuffle(candidates)
        filled = max(course.seats - self.rng.randint(0, 5), 0)
        finished = course.ends_on < self.today
        for person, worker in candidates[:filled]:
            self.taken.add((person, rule.programme))
            offered = max(
                course.starts_on - dt.timedelta(days=self.rng.randint(14, 40)), self.opened[person]
            )
            status = _weighted(self.rng, EXIT_WEIGHTS) if finished else Enrolment.Status.ATTENDING
            length = (course.ends_on - course.starts_on).days
            if status == Enrolment.Status.COMPLETED:
                changed = course.ends_on
            elif status == Enrolment.Status.DECLINED:
                changed = offered + dt.timedelta(days=self.rng.randint(2, 10))
            elif status == Enrolment.Status.ATTENDING:
                changed = course.starts_on
            else:
                changed = course.starts_on + dt.timedelta(days=self.rng.randint(20, length - 10))
            enrolment = Enrolment(
                person_id=person,
                course=course,
                status=status,
                reason=(
                    self.rng.choice(DROP_REASONS)
                    if status in (Enrolment.Status.DROPPED_OUT, Enrolment.Status.INTERRUPTED)
                    else ""
                ),
                offered_on=offered,
                status_changed_on=changed,
            )
            home = self.home.get(person)
            if rule.programme != Programme.LOCAL and home is not None:
                # Waited on the list for a course of this type until the seat was offered.
                registered = max(
                    self.opened[person], offered - dt.timedelta(days=self.rng.randint(20, 330))
                )
                entry = WaitingEntry(
                    person_id=person,
                    kind=course.kind,
                    municipality_id=home,
                    registered_on=registered,
                    status=WaitingEntry.Status.PLACED,
                    closed_on=offered,
                )
                self.waiting.append(entry)
                enrolment.waiting_entry = entry
            self.enrolments.append(enrolment)
            if status == Enrolment.Status.COMPLETED:
                self._exams(enrolment, rule.programme, course.target_level, worker)

    def _exams(self, enrolment: Enrolment, programme: str, target: str, worker: int) -> None:
        """The exams after a completed course, if their day has come: DTZ and "Leben in
        Deutschland" after an integration course, a job-German certificate after a job
        course (the local formats end without an exam)."""
        ends = enrolment.course.ends_on
        person = enrolment.person_id
        if programme == Programme.INTEGRATION:
            dtz_on = ends + dt.timedelta(days=self.rng.randint(7, 30))
            if dtz_on <= self.today:
                level = self.rng.choices(("B1", "A2", ""), (58, 33, 9))[0]
                self._exam(enrolment, Exam.DTZ, dtz_on, level, None, worker)
                if level:
                    self.levels[person] = max(level, self.levels.get(person, ""))
            lid_on = ends + dt.timedelta(days=self.rng.randint(14, 45))
            if lid_on <= self.today:
                points = min(33, max(8, round(self.rng.gauss(21, 5))))
                self._exam(enrolment, Exam.LID, lid_on, "", points, worker)
        elif programme == Programme.JOB:
            taken = ends + dt.timedelta(days=self.rng.randint(7, 30))
            if taken <= self.today:
                level = target if self.rng.random() < 0.7 else ""
                self._exam(enrolment, Exam.DTB, taken, level, None, worker)
                if level:
                    self.levels[person] = max(level, self.levels.get(person, ""))

    def _exam(
        self,
        enrolment: Enrolment,
        exam: str,
        taken_on: dt.date,
        level: str,
        points: int | None,
        worker: int,
    ) -> None:
        result = ExamResult(
            person_id=enrolment.person_id,
            enrolment=enrolment,
            exam=exam,
            taken_on=taken_on,
            level_reached=level,
            points=points,
            recorded_by_id=worker,
        )
        self.exams.append((result, level))
