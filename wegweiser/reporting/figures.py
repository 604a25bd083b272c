"""The centre's figures, each defined once: what counts, from which records, at which date.

`figure(name, period, breakdown, scope)` computes one figure for one period, broken down by
one attribute of the persons counted, as a table of counts (rows: the breakdown's groups;
columns: the figure's categories; with row, column and grand totals). The same function feeds
the pages, the exports and the annual report; docs/reporting.md says the same in words, and
`FIGURES[name].definition` carries the words to the page.

Every count is a number of distinct persons, computed in the database (GROUP BY), never by a
loop over persons. The groups of every breakdown split the persons (each is an attribute of
the person, and a person has one case), so the column totals and the grand total are sums;
the row totals are counted again in the database only where a person can be in two
categories (a person in two categories is one person in the total). Cells are published only
through `reporting.suppression`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Case as When_
from django.db.models import (
    Count,
    Exists,
    Expression,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models import When as W
from django.db.models.functions import (
    Coalesce,
    ExtractYear,
    Greatest,
    Replace,
    Substr,
)
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wegweiser.accounts.models import Team, User
from wegweiser.cases.models import Case, CaseStatusPeriod
from wegweiser.core.models import Municipality
from wegweiser.courses.models import Enrolment, Exam, ExamResult, LevelRecord
from wegweiser.jobs.models import JobProposal, Placement
from wegweiser.partners.models import PartnerKind, Referral
from wegweiser.people.models import Person, ResidenceStatus
from wegweiser.recognition.models import Outcome, RecognitionProcedure

from . import regions
from .periods import Period
from .survival import Step, kaplan_meier, median_time

__all__ = [
    "FIGURES",
    "Breakdown",
    "FigureDefinition",
    "FigureResult",
    "FigureRow",
    "Scope",
    "TimeToJob",
    "caseload",
    "figure",
    "figure_result",
    "network_referrals",
    "scope_for_user",
    "time_to_first_job",
    "trend",
]

ALL = "all"  # the one group of a figure without breakdown, the one category of a plain count


# ---------------------------------------------------------------------------------------------
# Who is counted: the scope


@dataclass(frozen=True)
class Scope:
    """The persons a figure counts: one organisation, all its teams or only some."""

    organisation_id: int
    team_ids: tuple[int, ...] | None = None  # None: the whole centre


class NoReports(Exception):
    """The user's role sees no figures (auditors, course providers, employers)."""


WHOLE_CENTRE_ROLES = (User.Role.TEAM_LEAD, "management")


def scope_for_user(user: User) -> Scope:
    """Team leads and management see the whole centre; caseworkers (and administrators who
    work in a team) their own teams. Everyone else: `NoReports`."""
    if not user.is_active or user.organisation_id is None:
        raise NoReports
    if user.role in WHOLE_CENTRE_ROLES:
        return Scope(organisation_id=user.organisation_id)
    if user.works_cases:
        teams = tuple(sorted(user.teams.values_list("pk", flat=True)))
        return Scope(organisation_id=user.organisation_id, team_ids=teams)
    raise NoReports


# ---------------------------------------------------------------------------------------------
# Breakdowns


class Breakdown:
    NONE = "none"
    NATIONALITY = "nationality"
    REGION = "region"
    SEX = "sex"
    AGE_BAND = "age_band"
    RESIDENCE_TITLE = "residence_title"
    LEGAL_DOMAIN = "legal_domain"
    MUNICIPALITY = "municipality"
    TEAM = "team"
    CHOICES = (
        (NONE, _("no breakdown")),
        (NATIONALITY, _("nationality")),
        (REGION, _("region of origin")),
        (SEX, _("sex")),
        (AGE_BAND, _("age band")),
        (RESIDENCE_TITLE, _("residence title")),
        (LEGAL_DOMAIN, _("legal domain")),
        (MUNICIPALITY, _("municipality")),
        (TEAM, _("team")),
    )
    ALL = tuple(code for code, _label in CHOICES)


AGE_BANDS: tuple[tuple[str, int | None, Promise], ...] = (
    # (code, lower age bound, label): a person is in the first band whose bound they reach
    ("55+", 55, _("55 and over")),
    ("45-54", 45, _("45 to 54")),
    ("35-44", 35, _("35 to 44")),
    ("25-34", 25, _("25 to 34")),
    ("18-24", 18, _("18 to 24")),
    ("0-17", 0, _("under 18")),
)
UNKNOWN = "unknown"
UNKNOWN_LABEL = _("not recorded")


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _path(prefix: str, name: str) -> str:
    return f"{prefix}__{name}" if prefix else name


def _group_expression(
    breakdown: str, *, person: str, case: str, on: dt.date
) -> Expression | F | Value | Subquery:
    """The group of each row, computed in the database. `person` and `case` are the paths
    from the counted model to the person and to the case; `on` the day attributes that change
    over time (age, residence title) are read at."""
    if breakdown == Breakdown.NONE:
        return Value(ALL)
    if breakdown in (Breakdown.NATIONALITY, Breakdown.REGION):
        # The field keeps the codes sorted and comma-separated: the first one that is not
        # German, so that a dual national counts by the other nationality.
        codes = Replace(F(_path(person, "nationalities")), Value("DE,"), Value(""))
        return Substr(codes, 1, 2)
    if breakdown == Breakdown.SEX:
        return F(_path(person, "sex"))
    if breakdown == Breakdown.AGE_BAND:
        born = _path(person, "date_of_birth")
        whens = [
            W(**{f"{born}__lte": _years_before(on, bound)}, then=Value(code))
            for code, bound, _label in AGE_BANDS
            if bound
        ]
        return When_(
            W(**{f"{born}__isnull": True}, then=Value(UNKNOWN)),
            W(**{f"{born}__gt": on}, then=Value(UNKNOWN)),
            *whens,
            default=Value("0-17"),
        )
    if breakdown == Breakdown.RESIDENCE_TITLE:
        person_ref = OuterRef(_path(person, "id") if person else "id")
        return Coalesce(
            Subquery(
                ResidenceStatus.objects.filter(person=person_ref, valid_from__lte=on)
                .order_by("-valid_from", "-id")
                .values("title")[:1]
            ),
            Value(UNKNOWN),
        )
    if breakdown == Breakdown.LEGAL_DOMAIN:
        return Coalesce(F(_path(case, "legal_domain")), Value(UNKNOWN))
    if breakdown == Breakdown.MUNICIPALITY:
        return F(_path(person, "municipality_id"))
    if breakdown == Breakdown.TEAM:
        return F(_path(case, "team_id"))
    raise ValueError(breakdown)


def _group_labels(breakdown: str, keys: set[str]) -> dict[str, str]:
    if breakdown == Breakdown.NONE:
        return {ALL: str(_("all persons"))}
    if breakdown == Breakdown.NATIONALITY:
        return {key: (countries.name(key) or str(UNKNOWN_LABEL)) if key else "" for key in keys}
    if breakdown == Breakdown.REGION:
        return {key: str(REGION_LABELS.get(key, UNKNOWN_LABEL)) for key in keys}
    if breakdown == Breakdown.SEX:
        return {key: str(dict(Person.Sex.choices).get(key, UNKNOWN_LABEL)) for key in keys}
    if breakdown == Breakdown.AGE_BAND:
        labels = {code: label for code, _bound, label in AGE_BANDS}
        return {key: str(labels.get(key, UNKNOWN_LABEL)) for key in keys}
    if breakdown == Breakdown.RESIDENCE_TITLE:
        titles = dict(ResidenceStatus.Title.choices)
        return {key: str(titles.get(key, UNKNOWN_LABEL)) for key in keys}
    if breakdown == Breakdown.LEGAL_DOMAIN:
        domains = dict(Case.LegalDomain.choices)
        return {key: str(domains.get(key, UNKNOWN_LABEL)) for key in keys}
    model = Municipality if breakdown == Breakdown.MUNICIPALITY else Team
    names = {
        str(pk): name
        for pk, name in model.objects.filter(
            pk__in=[int(k) for k in keys if k.isdigit()]
        ).values_list("pk", "name")
    }
    return {key: names.get(key, str(UNKNOWN_LABEL)) for key in keys}


REGION_LABELS: dict[str, Promise] = {
    regions.EU_EFTA: _("EU and EFTA"),
    regions.OTHER_EUROPE: _("rest of Europe (incl. Ukraine and Türkiye)"),
    regions.MENA: _("Middle East and North Africa"),
    regions.SOUTH_CENTRAL_ASIA: _("South and Central Asia (incl. Afghanistan and Iran)"),
    regions.OTHER_ASIA: _("East and South-East Asia"),
    regions.SUB_SAHARAN_AFRICA: _("Africa south of the Sahara"),
    regions.AMERICAS_OCEANIA: _("Americas and Oceania"),
    regions.UNKNOWN: _("stateless or not recorded"),
}


def _group_order(breakdown: str, labels: dict[str, str]) -> list[str]:
    if breakdown == Breakdown.REGION:
        return [key for key in regions.REGION_ORDER if key in labels]
    if breakdown == Breakdown.AGE_BAND:
        order = [code for code, _b, _l in reversed(AGE_BANDS)] + [UNKNOWN]
        return [key for key in order if key in labels]
    return sorted(labels, key=lambda key: (key in ("", UNKNOWN), labels[key].casefold()))


# ---------------------------------------------------------------------------------------------
# Database helpers


class DaysBetween(Func):
    """Whole days from the second date to the first (end - start), in the database."""

    output_field = IntegerField()
    arity = 2

    template = "(CAST(%(expressions)s AS DATE))"
    arg_joiner = " AS DATE) - CAST("

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


class DayIndex(Func):
    """A date as (year·12 + month + `months_later`)·100 + day: comparable in the database
    without date arithmetic. A month later is the same day number (31 August + 6 months
    compares as 31 February, i.e. after 28 February). SQLite reads the parts from the ISO
    text it stores (natively, not through a Python function per row)."""

    output_field = IntegerField()
    arity = 1

    def __init__(self, expression: Any, months_later: int = 0) -> None:
        super().__init__(expression)
        self.months_later = int(months_later)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> Any:  # type: ignore[override]
        sql, params = compiler.compile(self.source_expressions[0])
        if connection.vendor == "sqlite":
            year, month, day = (
                f"CAST(substr({sql}, {start}, {length}) AS INTEGER)"
                for start, length in ((1, 4), (6, 2), (9, 2))
            )
        else:
            year, month, day = (f"EXTRACT({part} FROM {sql})" for part in ("YEAR", "MONTH", "DAY"))
        text = f"((({year}) * 12 + ({month}) + {self.months_later}) * 100 + ({day}))"
        return text, (*params, *params, *params)


def _day_index(path: str, months_later: int = 0) -> Any:
    return DayIndex(F(path), months_later)


@contextmanager
def plain_plans() -> Iterator[None]:
    """PostgreSQL compiles a query it estimates as costly to machine code first (JIT): about
    a second per report query, more than the query itself takes. Off for the reports'
    queries, within their transaction; nothing to do on SQLite."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


# ---------------------------------------------------------------------------------------------
# Definitions


@dataclass(frozen=True)
class FigureDefinition:
    name: str
    topic: str  # people, language, recognition, work, network
    title: Promise
    definition: Promise  # what counts, from which records, at which date
    categories: tuple[tuple[str, Promise], ...]
    rows: Callable[[Period], QuerySet[Any]]  # the records counted, filtered to the period
    category: Callable[[Period], Any]  # the column of each record (an expression)
    person: str = "person"  # path from the record to the person
    case: str = "person__case"  # path from the record to the case
    date_field: str = ""  # the date that places a record in a period (for trends)
    days: Callable[[], Any] | None = None  # a duration per record, for its median
    trend_ready: bool = True
    # A person is in at most one category (one case per person, or one category only): the
    # totals per group are then the sums of the cells, with no query of their own.
    exclusive: bool = False

    @property
    def one_category_per_person(self) -> bool:
        return self.exclusive or len(self.categories) == 1


ENTERED = (
    Enrolment.Status.ENROLLED,
    Enrolment.Status.ATTENDING,
    Enrolment.Status.INTERRUPTED,
    Enrolment.Status.COMPLETED,
    Enrolment.Status.DROPPED_OUT,
)
WAIT_BANDS: tuple[tuple[str, int | None, Promise], ...] = (
    ("0-3", 91, _("up to 3 months")),
    ("3-6", 183, _("3 to 6 months")),
    ("6-12", 365, _("6 to 12 months")),
    ("12+", None, _("more than 12 months")),
)
DECISION_PERIOD_MONTHS = 3


def _in(period: Period, path: str) -> Q:
    return Q(**{f"{path}__gte": period.start, f"{path}__lte": period.end})


def _one(_period: Period) -> Value:
    return Value(ALL)


def _open_at_end(period: Period) -> QuerySet[Case]:
    return Case.objects.filter(opened_on__lte=period.end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=period.end)
    )


def _day_after_starts(period: Period) -> dt.datetime:
    """The first moment after the period's last day, in the centre's time zone: a change
    before it was made on or before that day (a range on `changed_at` the index can seek,
    where a cast of each row to its date could not)."""
    after = period.end + dt.timedelta(days=1)
    return dt.datetime.combine(after, dt.time.min, tzinfo=timezone.get_current_timezone())


def _open_rows(period: Period) -> QuerySet[Case]:
    """Cases open at the end of the period with their status that day, read from the case's
    status periods (kept from the status changes, `cases.status_periods`): the period that
    covers the first moment after the day, one range join instead of a search through every
    case's changes. The closed ones among them (closed then, reopened since) are no category
    of the figure and drop out."""
    moment = _day_after_starts(period)
    if connection.vendor == "sqlite":
        # SQLite's planner reads every case's periods for the join below; looked up per open
        # case on the index of the periods' case, it reads two or three rows each.
        covering_status = (
            CaseStatusPeriod.objects.filter(case=OuterRef("pk"))
            .filter(Q(valid_from__lt=moment) | Q(valid_from__isnull=True))
            .filter(Q(valid_to__gte=moment) | Q(valid_to__isnull=True))
            .values("status")[:1]
        )
        return _open_at_end(period).annotate(status_then=Subquery(covering_status))
    covering = FilteredRelation(
        "status_periods",
        condition=(
            Q(status_periods__valid_from__lt=moment) | Q(status_periods__valid_from__isnull=True)
        )
        & (Q(status_periods__valid_to__gte=moment) | Q(status_periods__valid_to__isnull=True)),
    )
    return (
        _open_at_end(period)
        .annotate(_status_then=covering)
        .annotate(status_then=F("_status_then__status"))
    )


def _active_rows(period: Period) -> QuerySet[Case]:
    return _open_rows(period).exclude(Q(status_then=Case.Status.CLOSED))


def _level_gained_rows(period: Period) -> QuerySet[LevelRecord]:
    earlier_same_or_higher = LevelRecord.objects.filter(
        person=OuterRef("person"), level__gte=OuterRef("level")
    ).filter(
        Q(assessed_on__lt=OuterRef("assessed_on"))
        | Q(assessed_on=OuterRef("assessed_on"), pk__lt=OuterRef("pk"))
    )
    return LevelRecord.objects.filter(
        _in(period, "assessed_on"),
        source__in=[LevelRecord.Source.EXAM, LevelRecord.Source.PLACEMENT_TEST],
    ).exclude(Exists(earlier_same_or_higher))


def _waiting_days() -> Any:
    return DaysBetween(F("course__starts_on"), F("waiting_entry__registered_on"))


def _band_of_days(bands: tuple[tuple[str, int | None, Promise], ...]) -> Any:
    """The band of the record's `_days_value`, in the database: the first band whose bound
    it does not exceed, the last band otherwise."""
    whens = [W(_days_value__lte=bound, then=Value(code)) for code, bound, _label in bands if bound]
    return When_(*whens, default=Value(bands[-1][0]))


def _waiting_rows(period: Period) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(
        _in(period, "course__starts_on"),
        status__in=ENTERED,
        waiting_entry__isnull=False,
    ).annotate(_days_value=_waiting_days())


def _decision_period_start() -> Any:
    """The day the authority had the complete documents (as `period_starts_on` on the model):
    the day requested documents were supplied, else the later of submission and complete
    documents."""
    return When_(
        W(documents_requested_on__isnull=False, then=F("documents_supplied_on")),
        W(documents_complete_on__isnull=True, then=Value(None)),
        default=Greatest(F("application_submitted_on"), F("documents_complete_on")),
    )


def _decided_rows(period: Period) -> QuerySet[RecognitionProcedure]:
    return RecognitionProcedure.objects.filter(_in(period, "decision_on"))


def _duration_rows(period: Period) -> QuerySet[RecognitionProcedure]:
    return (
        _decided_rows(period)
        .filter(application_submitted_on__isnull=False)
        .annotate(period_start=_decision_period_start())
        .filter(period_start__isnull=False)
        .annotate(
            _days_value=DaysBetween(F("decision_on"), F("period_start")),
            _decided_index=_day_index("decision_on"),
            _due_index=_day_index("period_start", DECISION_PERIOD_MONTHS),
        )
    )


def _in_time(_period: Period) -> Any:
    return When_(
        W(_decided_index__lte=F("_due_index"), then=Value("in_time")),
        W(extended_until__isnull=False, decision_on__lte=F("extended_until"), then=Value("ext")),
        default=Value("late"),
    )


def _placement_rows(months: int) -> Callable[[Period], QuerySet[Placement]]:
    def rows(period: Period) -> QuerySet[Placement]:
        # The follow-up of that month joined once (one per placement and month), not looked up
        # per placement.
        contact = FilteredRelation(
            "follow_ups",
            condition=Q(follow_ups__month=months, follow_ups__contacted_on__isnull=False),
        )
        return (
            Placement.objects.filter(_in(period, "starts_on"))
            .annotate(**{f"_follow_up_{months}": contact})
            .annotate(
                **{
                    f"_contact_{months}": F(f"_follow_up_{months}__still_employed"),
                    "_ended_index": _day_index("ended_on"),
                    f"_mark_index_{months}": _day_index("starts_on", months),
                }
            )
        )

    return rows


def _sustained_category(months: int) -> Callable[[Period], Any]:
    def category(_period: Period) -> Any:
        return When_(
            W(Q(**{f"_contact_{months}": True}), then=Value("sustained")),
            W(Q(**{f"_contact_{months}": False}), then=Value("not_sustained")),
            W(
                Q(ended_on__isnull=False, _ended_index__lt=F(f"_mark_index_{months}")),
                then=Value("not_sustained"),
            ),
            default=Value("unknown"),
        )

    return category


def _exam_rows(exam: str) -> Callable[[Period], QuerySet[ExamResult]]:
    def rows(period: Period) -> QuerySet[ExamResult]:
        return ExamResult.objects.filter(_in(period, "taken_on"), exam=exam)

    return rows


def _dtz_category(_period: Period) -> Any:
    return When_(
        W(level_reached="B1", then=Value("b1")),
        W(level_reached="A2", then=Value("a2")),
        default=Value("below"),
    )


def _lid_category(_period: Period) -> Any:
    return When_(
        W(points__gte=17, then=Value("naturalisation")),
        W(points__gte=15, then=Value("orientation")),
        W(points__isnull=True, then=Value(UNKNOWN)),
        default=Value("not_passed"),
    )


def _programme(_period: Period) -> Any:
    return When_(
        W(course__kind__startswith="integration", then=Value("integration")),
        W(course__kind__startswith="job", then=Value("job")),
        default=Value("local"),
    )


CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")

_FIGURES: list[FigureDefinition] = [
    FigureDefinition(
        name="intakes",
        topic="people",
        title=_("Intakes"),
        definition=_(
            "Persons whose case was opened in the period (the case's opening date). A person "
            "has one case, so a reopened case is not a new intake."
        ),
        categories=((ALL, _("persons")),),
        rows=lambda p: Case.objects.filter(_in(p, "opened_on")),
        category=_one,
        case="",
        date_field="opened_on",
    ),
    FigureDefinition(
        name="active_cases",
        topic="people",
        title=_("Open cases by status"),
        definition=_(
            "Persons whose case was open on the last day of the period (opened on or before "
            "it, not closed by then), by the status the case had that day according to its "
            "status history."
        ),
        categories=tuple(
            (code, label) for code, label in Case.Status.choices if code != Case.Status.CLOSED
        ),
        rows=_open_rows,
        category=lambda p: F("status_then"),
        case="",
        trend_ready=False,
        exclusive=True,  # one case per person, one status on a day
    ),
    FigureDefinition(
        name="closures",
        topic="people",
        title=_("Closures by reason"),
        definition=_(
            "Persons whose case was closed in the period (the case's closing date; a case "
            "closed, reopened and closed again counts at its last closing), by closing reason."
        ),
        categories=(
            *Case.ClosingReason.choices,
            (UNKNOWN, UNKNOWN_LABEL),
        ),
        rows=lambda p: Case.objects.filter(_in(p, "closed_on"), status=Case.Status.CLOSED),
        category=lambda p: When_(
            W(closing_reason="", then=Value(UNKNOWN)), default=F("closing_reason")
        ),
        case="",
        exclusive=True,  # one case per person, one closing reason
        date_field="closed_on",
    ),
    FigureDefinition(
        name="course_entries",
        topic="language",
        title=_("Course entries"),
        definition=_(
            "Persons who entered a German course that started in the period (first course "
            "day), counted once per programme: enrolled, attending, interrupted, completed "
            "or dropped out; offers declined or never taken up do not count."
        ),
        categories=(
            ("integration", _("integration course (IntV)")),
            ("job", _("job-related German (DeuFöV)")),
            ("local", _("local format")),
        ),
        rows=lambda p: Enrolment.objects.filter(_in(p, "course__starts_on"), status__in=ENTERED),
        category=_programme,
        date_field="course__starts_on",
    ),
    FigureDefinition(
        name="course_exits",
        topic="language",
        title=_("Course completions and drop-outs"),
        definition=_(
            "Persons whose enrolment ended in the period as completed or dropped out (the "
            "date the enrolment reached that status)."
        ),
        categories=(
            (Enrolment.Status.COMPLETED, _("completed")),
            (Enrolment.Status.DROPPED_OUT, _("dropped out")),
        ),
        rows=lambda p: Enrolment.objects.filter(
            _in(p, "status_changed_on"),
            status__in=[Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT],
        ),
        category=lambda p: F("status"),
        date_field="status_changed_on",
    ),
    FigureDefinition(
        name="dtz_results",
        topic="language",
        title=_("DTZ results"),
        definition=_(
            "Persons who sat the Deutsch-Test für Zuwanderer in the period (exam date), by the "
            "level reached: B1, A2, or below A2. A person with two results in the period "
            "appears in both columns and once in the total."
        ),
        categories=(("b1", _("B1")), ("a2", _("A2")), ("below", _("below A2"))),
        rows=_exam_rows(Exam.DTZ),
        category=_dtz_category,
        date_field="taken_on",
    ),
    FigureDefinition(
        name="lid_results",
        topic="language",
        title=_("“Leben in Deutschland” results"),
        definition=_(
            "Persons who sat the “Leben in Deutschland” test in the period (exam date), by "
            "points of 33: 17 or more (passed, counts as the naturalisation test), 15 or 16 "
            "(passed the orientation course), fewer (not passed)."
        ),
        categories=(
            ("naturalisation", _("17 or more points")),
            ("orientation", _("15 or 16 points")),
            ("not_passed", _("not passed")),
            (UNKNOWN, _("points not recorded")),
        ),
        rows=_exam_rows(Exam.LID),
        category=_lid_category,
        date_field="taken_on",
    ),
    FigureDefinition(
        name="levels_gained",
        topic="language",
        title=_("German levels gained"),
        definition=_(
            "Persons who reached a German level for the first time in the period: a level "
            "record from an exam or a placement test dated in the period, with no earlier "
            "record of the person (of any source) at that level or higher; by the level "
            "reached."
        ),
        categories=tuple((level, _(level)) for level in CEFR_LEVELS),
        rows=_level_gained_rows,
        category=lambda p: F("level"),
        date_field="assessed_on",
    ),
    FigureDefinition(
        name="waiting_time",
        topic="language",
        title=_("Waiting time for a course seat"),
        definition=_(
            "Persons who entered a course that started in the period from the waiting list, "
            "by the time from the day they were put on the waiting list to the first course "
            "day; with the median in days."
        ),
        categories=tuple((code, label) for code, _bound, label in WAIT_BANDS),
        rows=_waiting_rows,
        category=lambda p: _band_of_days(WAIT_BANDS),
        date_field="course__starts_on",
        days=lambda: F("_days_value"),
    ),
    FigureDefinition(
        name="recognition_started",
        topic="recognition",
        title=_("Recognition procedures started"),
        definition=_(
            "Persons whose application for recognition of a foreign qualification was "
            "submitted in the period (submission date), by whether the reference occupation "
            "is regulated."
        ),
        categories=(("regulated", _("regulated profession")), ("free", _("not regulated"))),
        rows=lambda p: RecognitionProcedure.objects.filter(_in(p, "application_submitted_on")),
        category=lambda p: When_(W(regulated=True, then=Value("regulated")), default=Value("free")),
        date_field="application_submitted_on",
    ),
    FigureDefinition(
        name="recognition_decided",
        topic="recognition",
        title=_("Recognition decisions by outcome"),
        definition=_(
            "Persons whose recognition procedure was decided in the period (decision date), "
            "by outcome: full, partial or no equivalence, or the application rejected."
        ),
        categories=(*Outcome.choices, (UNKNOWN, _("outcome not recorded"))),
        rows=_decided_rows,
        category=lambda p: When_(W(outcome="", then=Value(UNKNOWN)), default=F("outcome")),
        date_field="decision_on",
    ),
    FigureDefinition(
        name="recognition_duration",
        topic="recognition",
        title=_("Recognition decisions against the statutory period"),
        definition=_(
            "Persons whose recognition procedure was decided in the period, by whether the "
            "decision came within three months of the complete documents (the statutory "
            "period), within the one extension, or later; with the median days from complete "
            "documents to decision. Procedures without the date of complete documents are "
            "not counted."
        ),
        categories=(
            ("in_time", _("within the statutory period")),
            ("ext", _("within the extension")),
            ("late", _("later")),
        ),
        rows=_duration_rows,
        category=_in_time,
        date_field="decision_on",
        days=lambda: F("_days_value"),
    ),
    FigureDefinition(
        name="proposals",
        topic="work",
        title=_("Job proposals"),
        definition=_(
            "Persons proposed to an employer for a vacancy in the period (proposal date), by "
            "where the proposal stands today."
        ),
        categories=tuple(JobProposal.Status.choices),
        rows=lambda p: JobProposal.objects.filter(_in(p, "proposed_on")),
        category=lambda p: F("status"),
        date_field="proposed_on",
    ),
    FigureDefinition(
        name="placements",
        topic="work",
        title=_("Placements"),
        definition=_(
            "Persons who started work through the centre in the period (the placement's start "
            "of work). Since founding: every person placed since 2015, each once."
        ),
        categories=((ALL, _("persons")),),
        rows=lambda p: Placement.objects.filter(_in(p, "starts_on")),
        category=_one,
        date_field="starts_on",
    ),
    FigureDefinition(
        name="sustained_6",
        topic="work",
        title=_("Employment sustained at 6 months"),
        definition=_(
            "Persons whose placement started in the period, by whether they were still "
            "employed 6 months after the start: the 6-month follow-up contact says so; "
            "without it, an end of employment before the mark counts as not sustained; "
            "otherwise not yet known."
        ),
        categories=(
            ("sustained", _("still employed")),
            ("not_sustained", _("not employed")),
            ("unknown", _("not yet known")),
        ),
        rows=_placement_rows(6),
        category=_sustained_category(6),
        date_field="starts_on",
    ),
    FigureDefinition(
        name="sustained_12",
        topic="work",
        title=_("Employment sustained at 12 months"),
        definition=_("As at 6 months, with the 12-month follow-up contact and the 12-month mark."),
        categories=(
            ("sustained", _("still employed")),
            ("not_sustained", _("not employed")),
            ("unknown", _("not yet known")),
        ),
        rows=_placement_rows(12),
        category=_sustained_category(12),
        date_field="starts_on",
    ),
]
_FIGURES += [
    FigureDefinition(
        name="referrals_by_outcome",
        topic="network",
        title=_("Referrals by outcome"),
        definition=_(
            "Persons referred to a partner organisation in the period (the day the referral "
            "was sent; drafts do not count), by where the referral stands today: waiting for "
            "an answer, accepted, declined, in progress, completed or did not appear. A person "
            "with two referrals appears in both columns and once in the total."
        ),
        categories=tuple(
            (code, label)
            for code, label in Referral.Status.choices
            if code != Referral.Status.DRAFTED
        ),
        rows=lambda p: Referral.objects.filter(_in(p, "sent_on")),
        category=lambda p: F("status"),
        date_field="sent_on",
    ),
    FigureDefinition(
        name="referrals_by_partner",
        topic="network",
        title=_("Referrals by kind of partner"),
        definition=_(
            "Persons referred to a partner organisation in the period (the day the referral "
            "was sent; drafts do not count), by the kind of partner: immigration office, "
            "migration counselling, recognition advice and so on."
        ),
        categories=tuple(PartnerKind.choices),
        rows=lambda p: Referral.objects.filter(_in(p, "sent_on")),
        category=lambda p: F("partner__kind"),
        date_field="sent_on",
    ),
]

FIGURES: dict[str, FigureDefinition] = {definition.name: definition for definition in _FIGURES}
TOPICS: tuple[tuple[str, Promise], ...] = (
    ("people", _("People")),
    ("language", _("Language")),
    ("recognition", _("Recognition")),
    ("work", _("Work")),
    ("network", _("Network")),
)


# ---------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class FigureRow:
    group: str
    group_label: str
    category: str
    category_label: str
    count: int


@dataclass
class FigureResult:
    """One figure for one period: counts of persons by group (rows) and category (columns),
    with totals counted in the database. Not yet suppressed: publish through
    `suppression.suppress_table`."""

    definition: FigureDefinition
    period: Period
    breakdown: str
    groups: list[tuple[str, str]]  # (key, label), in display order
    categories: list[tuple[str, str]]
    cells: dict[tuple[str, str], int]
    group_totals: dict[str, int]
    category_totals: dict[str, int]
    total: int
    median_days: int | None = None
    days_histogram: list[tuple[int, int]] = field(default_factory=list)  # (days, persons)

    @property
    def rows(self) -> list[FigureRow]:
        return [
            FigureRow(g, g_label, c, c_label, self.cells.get((g, c), 0))
            for g, g_label in self.groups
            for c, c_label in self.categories
        ]

    def matrix(self) -> list[list[int]]:
        return [[self.cells.get((g, c), 0) for c, _l in self.categories] for g, _gl in self.groups]


def _scoped(queryset: QuerySet[Any], definition: FigureDefinition, scope: Scope) -> QuerySet[Any]:
    person = _path(definition.person, "organisation_id") if definition.person else "organisation_id"
    queryset = queryset.filter(**{person: scope.organisation_id})
    if scope.team_ids is not None:
        queryset = queryset.filter(**{f"{_path(definition.case, 'team_id')}__in": scope.team_ids})
    return queryset


def _person_id(definition: FigureDefinition) -> str:
    return _path(definition.person, "id") if definition.person else "id"


def _counts(queryset: QuerySet[Any], keys: list[str], person_id: str) -> list[tuple[Any, ...]]:
    return list(
        queryset.values(*keys)
        .annotate(n=Count(person_id, distinct=True))
        .order_by()
        .values_list(*keys, "n")
    )


def figure(
    name: str, period: Period, breakdown: str = Breakdown.NONE, *, scope: Scope
) -> FigureResult:
    """The figure `name` for `period`, by `breakdown`, over the persons of `scope`."""
    with plain_plans():
        return _figure(name, period, breakdown, scope=scope)


def _figure(name: str, period: Period, breakdown: str, *, scope: Scope) -> FigureResult:
    definition = FIGURES[name]
    if breakdown not in Breakdown.ALL:
        raise ValueError(breakdown)
    on = period.end
    base = _scoped(definition.rows(period), definition, scope).annotate(
        _g=_group_expression(breakdown, person=definition.person, case=definition.case, on=on),
        _c=definition.category(period),
    )
    category_keys = [code for code, _label in definition.categories]
    exclusive = definition.one_category_per_person
    if not exclusive:
        # A person counts in a group's total only through a category of the figure.
        base = base.filter(_c__in=category_keys)
    person_id = _person_id(definition)
    regional = breakdown == Breakdown.REGION

    def group_key(value: Any) -> str:
        key = "" if value is None else str(value)
        return regions.region_of(key) if regional else (key or UNKNOWN)

    # Every breakdown is an attribute of the person (a person has one case), so the groups
    # split the persons: a category's total is the sum of its cells and the grand total the
    # sum of the group totals. Only where a person can be in two categories (two enrolments,
    # two exams) does a group's total need its own count of distinct persons.
    cells: dict[tuple[str, str], int] = defaultdict(int)
    for g, c, n in _counts(base, ["_g", "_c"], person_id):
        if str(c) in category_keys:  # other values (a case closed that day) are no column
            cells[(group_key(g), str(c))] += n
    group_totals: dict[str, int] = defaultdict(int)
    if exclusive:
        for (g, _c), n in cells.items():
            group_totals[g] += n
    else:
        for g, n in _counts(base, ["_g"], person_id):
            group_totals[group_key(g)] += n
    category_totals: dict[str, int] = defaultdict(int)
    for (_g, c), n in cells.items():
        category_totals[c] += n
    result = figure_result(
        name,
        period,
        breakdown,
        cells=dict(cells),
        group_totals=dict(group_totals),
        category_totals=dict(category_totals),
    )
    if definition.days is not None:
        counted = base.filter(_c__in=category_keys) if exclusive else base
        histogram = sorted(
            (max(int(days), 0), n)
            for days, n in counted.annotate(_days=definition.days())
            .values("_days")
            .annotate(n=Count(person_id, distinct=True))
            .order_by()
            .values_list("_days", "n")
            if days is not None
        )
        result.days_histogram = histogram
        result.median_days = median_of_histogram(histogram)
    return result


def figure_result(
    name: str,
    period: Period,
    breakdown: str,
    *,
    cells: dict[tuple[str, str], int],
    group_totals: dict[str, int],
    category_totals: dict[str, int],
    days_histogram: list[tuple[int, int]] | None = None,
) -> FigureResult:
    """A figure's table from its counts, with the groups labelled and ordered in the active
    language (also for counts kept in a snapshot, `reporting.snapshots`)."""
    definition = FIGURES[name]
    labels = _group_labels(breakdown, set(group_totals) | ({ALL} if not group_totals else set()))
    if breakdown == Breakdown.NONE:
        labels = {ALL: labels[ALL]}
    groups = [(key, labels[key]) for key in _group_order(breakdown, labels)]
    result = FigureResult(
        definition=definition,
        period=period,
        breakdown=breakdown,
        groups=groups,
        categories=[(code, str(label)) for code, label in definition.categories],
        cells=cells,
        group_totals=group_totals,
        category_totals=category_totals,
        total=sum(group_totals.values()),
    )
    if days_histogram is not None:
        result.days_histogram = days_histogram
        result.median_days = median_of_histogram(days_histogram)
    return result


def median_of_histogram(histogram: list[tuple[int, int]]) -> int | None:
    """The median of values given as (value, how many) pairs; the lower middle for an even
    count. Over distinct values (a few hundred days), not over persons."""
    total = sum(n for _value, n in histogram)
    if not total:
        return None
    middle = (total + 1) // 2
    seen = 0
    for value, n in sorted(histogram):
        seen += n
        if seen >= middle:
            return value
    return None  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# Trends: a figure per calendar year, in one query


@dataclass(frozen=True)
class TrendPoint:
    year: int
    total: int
    cumulative: int
    by_category: dict[str, int]


@plain_plans()
def trend(name: str, *, scope: Scope, until: dt.date) -> list[TrendPoint]:
    """The figure `name` per calendar year from the founding to `until`, with the running
    total. Persons are counted once per year; `cumulative` adds the years up (a person placed
    in two years counts twice there — the anniversary count of placements)."""
    definition = FIGURES[name]
    if not definition.trend_ready:
        raise ValueError(f"{name} is a count on a day, not over a period")
    period = Period.since_founding(until)
    base = _scoped(definition.rows(period), definition, scope).annotate(
        _y=ExtractYear(definition.date_field), _c=definition.category(period)
    )
    base = base.filter(_c__in=[code for code, _label in definition.categories])
    person_id = _person_id(definition)
    per_category: dict[int, dict[str, int]] = defaultdict(dict)
    for year, c, n in _counts(base, ["_y", "_c"], person_id):
        per_category[int(year)][str(c)] = n
    totals = {int(year): n for year, n in _counts(base, ["_y"], person_id)}
    points = []
    running = 0
    for year in range(period.start.year, until.year + 1):
        running += totals.get(year, 0)
        points.append(TrendPoint(year, totals.get(year, 0), running, per_category.get(year, {})))
    return points


# ---------------------------------------------------------------------------------------------
# Caseload per caseworker


@dataclass(frozen=True)
class Caseload:
    group: str
    group_label: str
    open_cases: int
    caseworkers: int  # caseworkers with at least one open case in the group

    @property
    def per_caseworker(self) -> float | None:
        return self.open_cases / self.caseworkers if self.caseworkers else None


@plain_plans()
def caseload(period: Period, *, scope: Scope) -> list[Caseload]:
    """Open cases on the last day of the period per caseworker, by team: cases counted per
    (team, caseworker) in the database; cases without a caseworker count in the team's cases
    but add no caseworker."""
    definition = FIGURES["active_cases"]
    rows = _scoped(_active_rows(period), definition, scope)
    per_team: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for team, worker, n in (
        rows.values("team_id", "caseworker_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("team_id", "caseworker_id", "n")
    ):
        per_team[str(team)][0] += n
        per_team[str(team)][1] += 1 if worker is not None else 0
    labels = _group_labels(Breakdown.TEAM, set(per_team))
    return [
        Caseload(key, labels[key], cases, workers)
        for key, (cases, workers) in sorted(per_team.items(), key=lambda kv: labels[kv[0]])
    ]


# ---------------------------------------------------------------------------------------------
# Time from intake to first job (Kaplan-Meier)


@dataclass
class TimeToJob:
    group: str
    group_label: str
    persons: int
    placed: int
    steps: list[Step]

    @property
    def median_days(self) -> int | None:
        return median_time(self.steps)


@plain_plans()
def time_to_first_job(
    period: Period, breakdown: str = Breakdown.NONE, *, scope: Scope, today: dt.date
) -> list[TimeToJob]:
    """Persons whose case was opened in the period (the intake cohort), followed from the
    opening day to the start of their first placement on or after it. Those without one are
    censored: on the day the case was closed, or today while it is open. The product-limit
    (Kaplan-Meier) estimate per group, from (days, placed, censored) counts grouped in the
    database."""
    definition = FIGURES["intakes"]
    first_job = (
        Placement.objects.filter(person=OuterRef("person"), starts_on__gte=OuterRef("opened_on"))
        .order_by("starts_on")
        .values("starts_on")[:1]
    )
    cohort = (
        _scoped(Case.objects.filter(_in(period, "opened_on")), definition, scope)
        .annotate(
            _g=_group_expression(breakdown, person="person", case="", on=period.end),
            _job=Subquery(first_job),
        )
        .annotate(
            _placed=When_(
                W(_job__isnull=False, _job__lte=today, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            _end=When_(
                W(_job__isnull=False, _job__lte=today, then=F("_job")),
                W(closed_on__isnull=False, closed_on__lte=today, then=F("closed_on")),
                default=Value(today),
            ),
        )
        .annotate(_days=DaysBetween(F("_end"), F("opened_on")))
    )
    regional = breakdown == Breakdown.REGION
    counts: dict[str, dict[int, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for g, days, placed, n in (
        cohort.values("_g", "_days", "_placed")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("_g", "_days", "_placed", "n")
    ):
        key = "" if g is None else str(g)
        key = regions.region_of(key) if regional else (key or UNKNOWN)
        counts[key][max(int(days or 0), 0)][0 if placed else 1] += n
    labels = _group_labels(breakdown, set(counts))
    if breakdown == Breakdown.NONE:
        labels = {ALL: labels[ALL]}
    curves = []
    for key in _group_order(breakdown, labels):
        by_day = counts.get(key, {})
        rows = [(day, events, censored) for day, (events, censored) in by_day.items()]
        curves.append(
            TimeToJob(
                group=key,
                group_label=labels[key],
                persons=sum(e + c for _d, e, c in rows),
                placed=sum(e for _d, e, _c in rows),
                steps=kaplan_meier(rows),
            )
        )
    return curves


# ---------------------------------------------------------------------------------------------
# Network: referrals by partner and outcome


def network_referrals(
    period: Period, breakdown: str = Breakdown.NONE, *, scope: Scope
) -> FigureResult | None:
    """Referrals by outcome (the network topic's first figure; by kind of partner is the
    second, `referrals_by_partner`)."""
    return figure("referrals_by_outcome", period, breakdown, scope=scope)
