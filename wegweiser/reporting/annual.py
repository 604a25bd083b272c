"""The annual report's figures for one organisation and one calendar year: counts only.

Every figure is one aggregate query (GROUP BY or conditional counts in the database), so the
time does not grow with what Python has to walk. A figure counts persons, cases, notes,
enrolments, exams, placements or recognition procedures as its label says; the definitions
are the `DEFINITIONS` below, printed in the report and the exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case, Note
from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import Enrolment, Exam, ExamResult
from wegweiser.jobs.models import Duration, FollowUp, Hours, Placement
from wegweiser.people.models import Person
from wegweiser.recognition.models import Outcome, RecognitionProcedure

from .published import Cell, published_cell, published_column

MANAGEMENT = "management"  # the role that may read and export the centre's reports
FIRST_YEAR = 2015  # the centre opened in 2015


def may_report(user: User) -> bool:
    """The centre's management (and nobody else) reads and exports the annual report."""
    return bool(user.is_active and user.role == MANAGEMENT and user.organisation_id)


@dataclass(frozen=True)
class Row:
    label: str | Promise
    value: int


@dataclass(frozen=True)
class Table:
    key: str
    title: str | Promise
    rows: list[Row]
    with_total: bool = True

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    def cells(self) -> list[Cell]:
        """The published cells: small cells suppressed, the total kept."""
        return published_column([row.value for row in self.rows], with_total=self.with_total)

    def published_rows(self) -> list[tuple[str, Cell]]:
        return [(str(r.label), c) for r, c in zip(self.rows, self.cells(), strict=True)]

    def published_total(self) -> Cell:
        return published_cell(self.total)

    def bars(self) -> list[tuple[str, Cell, int]]:
        """(label, cell, width in percent of the largest published row) for the charts; a
        suppressed row has no bar."""
        shown = [
            r.value for r, c in zip(self.rows, self.cells(), strict=True) if isinstance(c, int)
        ]
        top = max(shown, default=0) or 1
        return [
            (label, cell, round(100 * cell / top) if isinstance(cell, int) else 0)
            for label, cell in self.published_rows()
        ]


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str | Promise
    value: int

    @property
    def cell(self) -> Cell:
        return published_cell(self.value)


@dataclass
class Topic:
    key: str
    title: str | Promise
    figures: list[KeyFigure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


@dataclass
class AnnualFigures:
    year: int | None  # None: all years
    organisation: str
    topics: list[Topic]

    @property
    def key_figures(self) -> list[KeyFigure]:
        return [topic.figures[0] for topic in self.topics if topic.figures]


DEFINITIONS: list[tuple[str | Promise, str | Promise]] = [
    (
        _("Persons supported"),
        _(
            "Persons whose case was open on at least one day of the year: opened on or before "
            "31 December and not closed before 1 January."
        ),
    ),
    (_("New cases"), _("Cases opened in the year.")),
    (_("Cases closed"), _("Cases closed in the year, by the reason recorded at closing.")),
    (_("Consultations"), _("Notes of consultations dated in the year, on any channel.")),
    (
        _("Course places"),
        _(
            "Enrolments in a course that starts in the year, by their status at the time of "
            "the report."
        ),
    ),
    (
        _("Exams passed"),
        _(
            "Exam results dated in the year that reached a level (Leben in Deutschland: at least "
            "15 of 33 points)."
        ),
    ),
    (_("Placements"), _("Placements in work that started in the year.")),
    (
        _("Sustained after 6 months"),
        _(
            "Of the placements that started in the year: those where the follow-up after 6 "
            "months found the person still employed. Not yet known for recent placements."
        ),
    ),
    (_("Recognition decisions"), _("Recognition procedures decided in the year, by outcome.")),
]


def _bounds(year: int | None) -> tuple[dt.date, dt.date]:
    """The calendar year, or with None every year since the centre opened."""
    if year is None:
        return dt.date(FIRST_YEAR, 1, 1), dt.date(9999, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _cases(organisation_id: int) -> QuerySet[Case]:
    return Case.objects.filter(person__organisation_id=organisation_id)


def _choice_rows(counts: dict[str, int], choices: list[tuple[str, str]]) -> list[Row]:
    return [Row(label, counts.get(value, 0)) for value, label in choices]


def _grouped(queryset: QuerySet, column: str) -> dict[str, int]:  # type: ignore[type-arg]
    return {key: n for key, n in queryset.values_list(column).annotate(n=Count("pk")).order_by()}


def _persons_topic(organisation_id: int, year: int | None) -> Topic:
    start, end = _bounds(year)
    cases = _cases(organisation_id)
    supported = cases.filter(opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    counts = supported.aggregate(
        supported=Count("pk"),
        new=Count("pk", filter=Q(opened_on__gte=start)),
        closed=Count("pk", filter=Q(closed_on__lte=end)),
    )
    domains = _grouped(supported, "legal_domain")
    sexes = _grouped(supported, "person__sex")
    reasons = _grouped(supported.filter(closed_on__lte=end), "closing_reason")
    notes = Note.objects.filter(
        case__person__organisation_id=organisation_id, date__gte=start, date__lte=end
    ).aggregate(notes=Count("pk"), persons=Count("case_id", distinct=True))
    return Topic(
        "persons",
        _("Persons and cases"),
        figures=[
            KeyFigure("persons_supported", _("Persons supported"), counts["supported"]),
            KeyFigure("new_cases", _("New cases"), counts["new"]),
            KeyFigure("cases_closed", _("Cases closed"), counts["closed"]),
            KeyFigure("consultations", _("Consultations"), notes["notes"]),
        ],
        tables=[
            Table(
                "legal_domain",
                _("Persons supported by legal domain"),
                _choice_rows(domains, Case.LegalDomain.choices),
            ),
            Table("sex", _("Persons supported by sex"), _choice_rows(sexes, Person.Sex.choices)),
            Table(
                "closing_reason",
                _("Cases closed by reason"),
                _choice_rows(reasons, Case.ClosingReason.choices),
            ),
        ],
    )


def _language_topic(organisation_id: int, year: int | None) -> Topic:
    start, end = _bounds(year)
    enrolments = Enrolment.objects.filter(
        person__organisation_id=organisation_id,
        course__starts_on__gte=start,
        course__starts_on__lte=end,
    )
    statuses = _grouped(enrolments, "status")
    exams = ExamResult.objects.filter(
        person__organisation_id=organisation_id, taken_on__gte=start, taken_on__lte=end
    )
    passed = exams.filter(
        (~Q(exam=Exam.LID) & ~Q(level_reached="")) | Q(exam=Exam.LID, points__gte=15)
    )
    by_exam = _grouped(passed, "exam")
    levels = _grouped(passed.exclude(level_reached=""), "level_reached")
    return Topic(
        "language",
        _("German courses and exams"),
        figures=[
            KeyFigure("course_places", _("Course places"), sum(statuses.values())),
            KeyFigure("exams_passed", _("Exams passed"), sum(by_exam.values())),
        ],
        tables=[
            Table(
                "enrolment_status",
                _("Course places by status"),
                _choice_rows(statuses, Enrolment.Status.choices),
            ),
            Table("exam", _("Exams passed by exam"), _choice_rows(by_exam, Exam.choices)),
            Table(
                "level",
                _("German level certified"),
                [
                    Row(level, levels.get(level, 0))
                    for level in ("A1", "A2", "B1", "B2", "C1", "C2")
                ],
            ),
        ],
    )


def _work_topic(organisation_id: int, year: int | None) -> Topic:
    start, end = _bounds(year)
    placements = Placement.objects.filter(
        person__organisation_id=organisation_id, starts_on__gte=start, starts_on__lte=end
    )
    contract = _grouped(placements, "contract")
    hours = _grouped(placements, "hours")
    sustained = FollowUp.objects.filter(
        placement__in=placements, month=6, still_employed=True
    ).aggregate(n=Count("placement_id", distinct=True))["n"]
    return Topic(
        "work",
        _("Work"),
        figures=[
            KeyFigure("placements", _("Placements"), sum(contract.values())),
            KeyFigure("sustained_6", _("Sustained after 6 months"), sustained),
        ],
        tables=[
            Table(
                "contract", _("Placements by contract"), _choice_rows(contract, Duration.choices)
            ),
            Table("hours", _("Placements by working hours"), _choice_rows(hours, Hours.choices)),
        ],
    )


def _recognition_topic(organisation_id: int, year: int | None) -> Topic:
    start, end = _bounds(year)
    decided = RecognitionProcedure.objects.filter(
        person__organisation_id=organisation_id, decision_on__gte=start, decision_on__lte=end
    )
    outcomes = _grouped(decided, "outcome")
    return Topic(
        "recognition",
        _("Recognition of qualifications"),
        figures=[
            KeyFigure("recognition_decisions", _("Recognition decisions"), sum(outcomes.values()))
        ],
        tables=[
            Table(
                "outcome",
                _("Recognition decisions by outcome"),
                _choice_rows(outcomes, Outcome.choices),
            )
        ],
    )


def annual_figures(*, organisation_id: int, organisation: str, year: int | None) -> AnnualFigures:
    return AnnualFigures(
        year=year,
        organisation=organisation,
        topics=[
            _persons_topic(organisation_id, year),
            _language_topic(organisation_id, year),
            _work_topic(organisation_id, year),
            _recognition_topic(organisation_id, year),
        ],
    )


def report_years(*, today: dt.date) -> list[int]:
    """The years a report can be made for, newest first."""
    return list(range(today.year, FIRST_YEAR - 1, -1))


def annual_for_user(*, user: User, year: int) -> AnnualFigures:
    """The annual figures of the user's organisation; PermissionDenied for anyone but the
    management. The caller writes the audit entry for what it hands out (`audit_report`)."""
    if not may_report(user):
        raise PermissionDenied
    organisation = user.organisation
    assert organisation is not None
    return annual_figures(
        organisation_id=organisation.pk, organisation=organisation.name, year=year
    )


def audit_report(
    *, user: User, report: str, year: int, fmt: str, language: str, purpose: str
) -> None:
    """One export entry per report handed out, from the page or the command line alike."""
    audit_event(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        object_type=f"reporting.{report}",
        object_id=year,
        fields=[fmt, language] if language else [fmt],
        purpose=purpose,
    )
