"""The ESF Plus common indicators on participants (Regulation (EU) 2021/1057, Annex I), as far
as Wegweiser's data answers them, and the ones it cannot answer, with the reason.

Participants are the persons whose case was opened in the year (entries); the results at exit
count the persons whose case was closed in the year (leavers). Each indicator is one
conditional count over the cases, computed in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case as DbCase
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import ExtractYear
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case
from wegweiser.courses.models import Enrolment, Exam, ExamResult
from wegweiser.jobs.models import Placement
from wegweiser.people.models import Person
from wegweiser.recognition.models import Qualification

from .annual import may_report
from .figures import plain_plans
from .published import HIDDEN
from .suppression import SMALL_CELL, suppress

Cell = int | str

LID_PASS = 15  # Leben in Deutschland: points of 33 that pass


@dataclass(frozen=True)
class Indicator:
    code: str  # our key; the Annex I wording is the label
    group: str | Promise
    label: str | Promise
    value: int
    note: str | Promise = ""
    partition: str = ""  # indicators of one partition add up to the total


def published_indicators(indicators: list[Indicator]) -> list[tuple[Indicator, Cell]]:
    """Each indicator with its published cell, suppressed as the dashboard suppresses
    (`reporting.suppression`): a partition that adds up to the total participants is one
    column with that total, so a hidden number cannot be worked out from the others."""
    cells: dict[int, Cell] = {}
    partitions: dict[str, list[int]] = {}
    total = next((i.value for i in indicators if i.code == "total"), 0)
    for i, indicator in enumerate(indicators):
        if indicator.partition:
            partitions.setdefault(indicator.partition, []).append(i)
        else:
            cells[i] = HIDDEN if 0 < indicator.value < SMALL_CELL else indicator.value
    for members in partitions.values():
        values = [indicators[i].value for i in members]
        table = suppress([[v] for v in values], values, [total], total)
        for row, i in enumerate(members):
            published = table.cell(row, 0)
            cells[i] = HIDDEN if published is None else published
    return [(indicator, cells[i]) for i, indicator in enumerate(indicators)]


@dataclass(frozen=True)
class Unanswered:
    label: str | Promise
    reason: str | Promise


@dataclass
class EsfIndicators:
    year: int
    organisation: str
    indicators: list[Indicator]
    unanswered: list[Unanswered]


PARTICIPANTS = _("Participants at entry")
AGE = _("Age at entry")
EDUCATION = _("Education at entry (highest ISCED level recorded)")
BACKGROUND = _("Background")
RESULTS = _("Results at exit")

UNANSWERED: list[Unanswered] = [
    Unanswered(
        _("Unemployed, including long-term unemployed"),
        _(
            "Wegweiser records the legal domain (SGB II, SGB III, AsylbLG) but not whether a "
            "person was registered as unemployed at entry."
        ),
    ),
    Unanswered(
        _("Long-term unemployed"),
        _("The length of unemployment before entry is not recorded."),
    ),
    Unanswered(
        _("Inactive persons"),
        _(
            "Without the registration as unemployed, persons not in work cannot be divided into "
            "unemployed and inactive; they are given together as “not employed at entry”."
        ),
    ),
    Unanswered(
        _("Participants with disabilities"),
        _(
            "Health limitations are free text (special category data) and are not coded as a "
            "disability."
        ),
    ),
    Unanswered(
        _("Minorities (including marginalised communities such as the Roma)"),
        _("Ethnic origin is not recorded, and should not be."),
    ),
    Unanswered(
        _("Homeless or affected by housing exclusion"),
        _("The housing situation is not recorded as a coded field."),
    ),
    Unanswered(
        _("Participants from rural areas"),
        _(
            "The municipality of residence is recorded, but not its degree of urbanisation "
            "(DEGURBA)."
        ),
    ),
    Unanswered(
        _("Participants engaged in job searching upon leaving"),
        _("Job searching is not recorded at the closing of a case."),
    ),
    Unanswered(
        _("Participants in employment six months after leaving"),
        _(
            "Follow-ups are made 1, 3, 6 and 12 months after the start of work, not after the "
            "closing of the case; the dashboard shows employment sustained after the start."
        ),
    ),
    Unanswered(
        _("Participants with an improved labour market situation six months after leaving"),
        _("There is no contact with a person six months after the case was closed."),
    ),
]

EU_COUNTRIES = [
    "AT",
    "BE",
    "BG",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GR",
    "HR",
    "HU",
    "IE",
    "IT",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]
# nationalities are stored as comma-separated country codes: EU citizens have only EU codes
EU_ONLY = Q(
    person__nationalities__regex=rf"^({'|'.join(EU_COUNTRIES)})(,({'|'.join(EU_COUNTRIES)}))*$"
)


ENTRY_KEYS = (
    "total", "female", "male", "diverse", "sex_unknown", "employed",
    "under_18", "age_18_29", "age_30_54", "age_55", "age_unknown",
    "isced_02", "isced_34", "isced_58", "isced_unknown",
    "third_country", "eu", "nationality_unknown",
)  # fmt: skip
SEX_KEYS = {
    Person.Sex.FEMALE: "female",
    Person.Sex.MALE: "male",
    Person.Sex.DIVERSE: "diverse",
    Person.Sex.UNKNOWN: "sex_unknown",
}
ISCED_KEYS = {"0": "isced_02", "1": "isced_02", "2": "isced_02", "3": "isced_34", "4": "isced_34"}
NATIONALITY_KEYS = {"third": "third_country", "eu": "eu", "": "nationality_unknown"}


def _age_key(born: int | None, year: int) -> str:
    """The age group by the year of birth in the year of entry (many dates of birth are
    placeholders on 1 January; the year is what is known)."""
    if born is None:
        return "age_unknown"
    age = year - born
    if age < 18:
        return "under_18"
    if age < 30:
        return "age_18_29"
    if age < 55:
        return "age_30_54"
    return "age_55"


def _entry_keys(group: dict[str, Any], year: int) -> list[str]:
    isced = group["isced"] or ""
    keys = [
        "total",
        SEX_KEYS.get(group["sex"], "sex_unknown"),
        _age_key(group["born"], year),
        ISCED_KEYS.get(isced, "isced_58" if isced else "isced_unknown"),
        NATIONALITY_KEYS[group["nationality"]],
    ]
    if group["employed"]:
        keys.append("employed")
    return keys


def _cases(organisation_id: int) -> QuerySet[Case]:
    return Case.objects.filter(person__organisation_id=organisation_id)


@plain_plans()
def esf_indicators(*, organisation_id: int, organisation: str, year: int) -> EsfIndicators:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    entries = _cases(organisation_id).filter(opened_on__gte=start, opened_on__lte=end)
    employed_at_entry = Placement.objects.filter(
        person_id=OuterRef("person_id"), starts_on__lte=OuterRef("opened_on")
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("opened_on")))
    isced = (
        Qualification.objects.filter(person_id=OuterRef("person_id"))
        .exclude(isced_level="")
        .order_by("-isced_level")
        .values("isced_level")[:1]
    )
    nationality = DbCase(
        When(person__nationality_status=Person.NationalityStatus.STATELESS, then=Value("third")),
        When(EU_ONLY, then=Value("eu")),
        When(person__nationalities="", then=Value("")),
        default=Value("third"),
    )
    # one pass over the entries, grouped by every dimension at once; the groups are few
    groups = (
        entries.annotate(
            employed=Exists(employed_at_entry),
            isced=Subquery(isced),
            nationality=nationality,
            born=ExtractYear("person__date_of_birth"),
            sex=F("person__sex"),
        )
        .values("employed", "isced", "nationality", "born", "sex")
        .annotate(n=Count("pk"))
        .order_by()
    )
    c = dict.fromkeys(ENTRY_KEYS, 0)
    for group in groups:
        for key in _entry_keys(dict(group), year):
            c[key] += group["n"]

    leavers = _cases(organisation_id).filter(closed_on__gte=start, closed_on__lte=end)
    in_work = Placement.objects.filter(
        person_id=OuterRef("person_id"), starts_on__lte=OuterRef("closed_on")
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("closed_on")))
    in_course = Enrolment.objects.filter(
        person_id=OuterRef("person_id"),
        course__starts_on__lte=OuterRef("closed_on"),
        course__ends_on__gte=OuterRef("closed_on"),
    ).exclude(
        status__in=[
            Enrolment.Status.OFFERED,
            Enrolment.Status.DECLINED,
            Enrolment.Status.DROPPED_OUT,
            Enrolment.Status.INTERRUPTED,
        ]
    )
    qualified = ExamResult.objects.filter(
        person_id=OuterRef("person_id"),
        taken_on__gte=OuterRef("opened_on"),
        taken_on__lte=OuterRef("closed_on"),
    ).filter((~Q(exam=Exam.LID) & ~Q(level_reached="")) | Q(exam=Exam.LID, points__gte=LID_PASS))
    exits = (
        leavers.annotate(
            in_work=Exists(in_work), in_course=Exists(in_course), qualified=Exists(qualified)
        )
        .values("in_work", "in_course", "qualified", "closing_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    r = dict.fromkeys(("total", "employed", "education", "qualification"), 0)
    for exit_group in exits:
        n = exit_group["n"]
        r["total"] += n
        employment = exit_group["closing_reason"] == Case.ClosingReason.SUSTAINED_EMPLOYMENT
        r["employed"] += n if exit_group["in_work"] or employment else 0
        r["education"] += n if exit_group["in_course"] else 0
        r["qualification"] += n if exit_group["qualified"] else 0

    partition_of = {
        "women": "sex", "men": "sex", "non_binary": "sex", "sex_unknown": "sex",
        "employed": "employment", "not_employed": "employment",
        "under_18": "age", "age_18_29": "age", "age_30_54": "age", "age_55": "age",
        "age_unknown": "age",
        "isced_0_2": "isced", "isced_3_4": "isced", "isced_5_8": "isced",
        "isced_unknown": "isced",
        "third_country": "nationality", "eu": "nationality", "nationality_unknown": "nationality",
    }  # fmt: skip

    def ind(
        code: str, group: str | Promise, label: str | Promise, value: int, note: str | Promise = ""
    ) -> Indicator:
        return Indicator(code, group, label, value, note, partition_of.get(code, ""))

    indicators = [
        ind("total", PARTICIPANTS, _("Total participants"), c["total"]),
        ind("women", PARTICIPANTS, _("Women"), c["female"]),
        ind("men", PARTICIPANTS, _("Men"), c["male"]),
        ind("non_binary", PARTICIPANTS, _("Non-binary"), c["diverse"]),
        ind("sex_unknown", PARTICIPANTS, _("Sex not recorded"), c["sex_unknown"]),
        ind(
            "employed",
            PARTICIPANTS,
            _("Employed, including self-employed"),
            c["employed"],
            _("A placement in work that had started and not ended on the day the case opened."),
        ),
        ind(
            "not_employed",
            PARTICIPANTS,
            _("Not employed at entry (unemployed or inactive)"),
            c["total"] - c["employed"],
        ),
        ind("under_18", AGE, _("Children below 18 years of age"), c["under_18"]),
        ind("age_18_29", AGE, _("Young people between 18 and 29 years"), c["age_18_29"]),
        ind("age_30_54", AGE, _("Participants between 30 and 54 years"), c["age_30_54"]),
        ind("age_55", AGE, _("Participants 55 years and above"), c["age_55"]),
        ind("age_unknown", AGE, _("Date of birth not recorded"), c["age_unknown"]),
        ind("isced_0_2", EDUCATION, _("Participants with ISCED 0 to 2"), c["isced_02"]),
        ind("isced_3_4", EDUCATION, _("Participants with ISCED 3 or 4"), c["isced_34"]),
        ind("isced_5_8", EDUCATION, _("Participants with ISCED 5 to 8"), c["isced_58"]),
        ind(
            "isced_unknown",
            EDUCATION,
            _("No qualification with an ISCED level recorded"),
            c["isced_unknown"],
        ),
        ind(
            "foreign_origin",
            BACKGROUND,
            _("Participants of foreign origin"),
            c["total"],
            _("The centre serves persons with a migration history only: every participant."),
        ),
        ind(
            "third_country",
            BACKGROUND,
            _("Third-country nationals"),
            c["third_country"],
            _("A nationality outside the EU is recorded, or the person is stateless."),
        ),
        ind("eu", BACKGROUND, _("EU citizens"), c["eu"]),
        ind(
            "nationality_unknown",
            BACKGROUND,
            _("Nationality not recorded"),
            c["nationality_unknown"],
        ),
        ind("leavers", RESULTS, _("Participants leaving (cases closed)"), r["total"]),
        ind(
            "employed_upon_leaving",
            RESULTS,
            _("In employment, including self-employment, upon leaving"),
            r["employed"],
            _("A placement running on the day of closing, or closed for sustained employment."),
        ),
        ind(
            "education_upon_leaving",
            RESULTS,
            _("In education or training upon leaving"),
            r["education"],
            _("Enrolled in a course that was running on the day of closing."),
        ),
        ind(
            "qualification_upon_leaving",
            RESULTS,
            _("Gaining a qualification upon leaving"),
            r["qualification"],
            _("An exam passed between the opening and the closing of the case."),
        ),
    ]
    return EsfIndicators(
        year=year, organisation=organisation, indicators=indicators, unanswered=UNANSWERED
    )


def esf_for_user(*, user: User, year: int) -> EsfIndicators:
    """The ESF Plus indicators of the user's organisation; PermissionDenied for anyone but the
    management."""
    if not may_report(user):
        raise PermissionDenied
    organisation = user.organisation
    assert organisation is not None
    return esf_indicators(
        organisation_id=organisation.pk, organisation=organisation.name, year=year
    )
