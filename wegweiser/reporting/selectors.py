"""Read-only figures across the centre. Counts only: no names, nothing that points at a person.

Supply and demand by occupation: the open positions of the county's vacancies against the
persons with an open case who bring that occupation along (coded work experience, training or
wish; a qualification; the reference occupation of a recognition procedure), by municipality.
It shows where people wait for jobs and where employers wait for people.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, QuerySet, Sum
from django.db.models.functions import Substr
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case
from wegweiser.core.models import Municipality
from wegweiser.courses.models import level_rank
from wegweiser.courses.selectors import SMALL_CELL, current_levels
from wegweiser.jobs.models import (
    SUSTAINED_MONTHS,
    Experience,
    FollowUp,
    Placement,
    Vacancy,
)
from wegweiser.jobs.selectors import sustained_outcome
from wegweiser.occupations.models import KldbGroup, Occupation
from wegweiser.recognition.models import Qualification, RecognitionProcedure

__all__ = [
    "SMALL_CELL",
    "Grouping",
    "PlacementYear",
    "SupplyDemand",
    "SupplyDemandFilters",
    "SupplyDemandRow",
    "municipalities_for_choice",
    "placement_outcomes",
    "supply_demand",
]

OPEN_CASE = [status for status in Case.Status.values if status != Case.Status.CLOSED]
KLDB_GROUP_DIGITS = 3  # the KldB 2010 occupational group (Berufsgruppe)
GAP_RATIO = 2  # one side waits when it is more than twice the other
TOP = 10  # rows in each of the two short lists


class Grouping:
    OCCUPATION = "occupation"
    KLDB_GROUP = "kldb_group"
    CHOICES = (
        (OCCUPATION, gettext_lazy("ESCO occupation")),
        (KLDB_GROUP, gettext_lazy("KldB occupational group (first three digits)")),
    )


class Side:
    PEOPLE_WAIT = "people_wait"
    EMPLOYERS_WAIT = "employers_wait"
    BALANCED = "balanced"


@dataclass(frozen=True)
class SupplyDemandFilters:
    grouping: str = Grouping.OCCUPATION
    municipality: int | None = None
    only_open_vacancies: bool = False


@dataclass(frozen=True)
class SupplyDemandRow:
    key: str  # occupation id, or the three-digit KldB group
    label: str
    isco_code: str
    kldb_code: str
    municipality: str
    positions: int  # open positions (sum over the open vacancies)
    persons: int  # persons with an open case, each counted once
    basic: int  # of them: no German, A1 or A2
    b1: int
    b2_plus: int

    @property
    def side(self) -> str:
        if self.persons > GAP_RATIO * self.positions:
            return Side.PEOPLE_WAIT
        if self.positions > GAP_RATIO * self.persons:
            return Side.EMPLOYERS_WAIT
        return Side.BALANCED

    @property
    def gap(self) -> int:
        return abs(self.persons - self.positions)


@dataclass
class SupplyDemand:
    filters: SupplyDemandFilters
    rows: list[SupplyDemandRow] = field(default_factory=list)
    positions: int = 0  # open positions in the rows shown
    persons: int = 0  # distinct persons counted in at least one row

    @property
    def people_wait(self) -> list[SupplyDemandRow]:
        """Where people wait for jobs: most persons beyond the open positions first."""
        rows = [r for r in self.rows if r.side == Side.PEOPLE_WAIT]
        return sorted(rows, key=lambda r: (-(r.persons - r.positions), r.label))[:TOP]

    @property
    def employers_wait(self) -> list[SupplyDemandRow]:
        """Where employers wait for people: most open positions beyond the persons first."""
        rows = [r for r in self.rows if r.side == Side.EMPLOYERS_WAIT]
        return sorted(rows, key=lambda r: (-(r.positions - r.persons), r.label))[:TOP]


def municipalities_for_choice() -> QuerySet[Municipality]:
    return Municipality.objects.order_by("name")


# ---------------------------------------------------------------------------------------------
# The two sides, aggregated in the database


def _group_key(path: str, grouping: str) -> F | Substr:
    """The group of an occupation reached by `path`: its id, or its KldB group."""
    if grouping == Grouping.KLDB_GROUP:
        return Substr(F(f"{path}__kldb_code"), 1, KLDB_GROUP_DIGITS)
    return F(f"{path}_id")


def _open_positions(filters: SupplyDemandFilters) -> dict[tuple[str, int | None], int]:
    vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN)
    if filters.municipality is not None:
        vacancies = vacancies.filter(municipality_id=filters.municipality)
    totals = (
        vacancies.annotate(occupation_group=_group_key("occupation", filters.grouping))
        .values("occupation_group", "municipality_id")
        .annotate(total=Sum("positions"))
        .order_by()
        .values_list("occupation_group", "municipality_id", "total")
    )
    return {(str(group or ""), place): total for group, place, total in totals}


def _person_groups(
    *, organisation_id: int, filters: SupplyDemandFilters
) -> Iterator[tuple[int, str, int | None]]:
    """(person, group, municipality of residence), once each: UNION drops the repeats of a
    person who has the same occupation (or group) more than once."""
    scope = {"person__organisation_id": organisation_id, "person__case__status__in": OPEN_CASE}
    if filters.municipality is not None:
        scope["person__municipality_id"] = filters.municipality
    sources: list[tuple[QuerySet[Any], str]] = [
        (Experience.objects.all(), "occupation"),
        (Qualification.objects.filter(occupation__isnull=False), "occupation"),
        (
            RecognitionProcedure.objects.filter(reference_occupation__isnull=False),
            "reference_occupation",
        ),
    ]
    selects = [
        queryset.filter(**scope)
        .annotate(
            who=F("person_id"),
            occupation_group=_group_key(path, filters.grouping),
            place=F("person__municipality_id"),
        )
        .order_by()
        .values_list("who", "occupation_group", "place")
        for queryset, path in sources
    ]
    union = selects[0].union(*selects[1:])
    yield from union.iterator(chunk_size=10_000)


def _levels(person_ids: Iterable[int]) -> dict[int, str]:
    return current_levels(sorted(set(person_ids)))  # read in batches there


def _band(level: str) -> int:
    """0: no German, A1 or A2; 1: B1; 2: B2 and above."""
    rank = level_rank(level)
    return 0 if rank < level_rank("B1") else 1 if rank == level_rank("B1") else 2


# ---------------------------------------------------------------------------------------------
# Labels


def _occupation_labels(keys: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    """label, ISCO code and KldB code per occupation id (as text)."""
    ids = [int(key) for key in keys if key.isdigit()]
    german = (translation.get_language() or "de").startswith("de")
    labels = {}
    for pk, label_de, label_en, isco, kldb in Occupation.objects.filter(pk__in=ids).values_list(
        "pk", "preferred_label_de", "preferred_label_en", "isco_code", "kldb_code"
    ):
        labels[str(pk)] = ((label_de if german else label_en) or label_en, isco, kldb)
    return labels


def _kldb_labels(keys: Iterable[str]) -> dict[str, tuple[str, str, str]]:
    codes = [key for key in keys if key]
    titles = dict(KldbGroup.objects.filter(code__in=codes).values_list("code", "title"))
    labels = {
        code: (titles.get(code) or _("KldB group %(code)s") % {"code": code}, "", code)
        for code in codes
    }
    labels[""] = (_("occupations without a KldB code"), "", "")
    return labels


# ---------------------------------------------------------------------------------------------
# The report


def supply_demand(*, user: User, filters: SupplyDemandFilters) -> SupplyDemand:
    """Open positions against persons with an open case, by occupation (or KldB group) and
    municipality, over the whole centre of the user. Counts, not persons."""
    report = SupplyDemand(filters=filters)
    if not user.works_cases or user.organisation_id is None:
        return report
    positions = _open_positions(filters)
    members: dict[tuple[str, int | None], list[int]] = defaultdict(list)
    for person_id, group, place in _person_groups(
        organisation_id=user.organisation_id, filters=filters
    ):
        members[(str(group or ""), place)].append(person_id)
    bands = {
        pid: _band(level)
        for pid, level in _levels(itertools.chain.from_iterable(members.values())).items()
    }

    keys = set(positions) | set(members)
    if filters.only_open_vacancies:
        keys = {key for key in keys if positions.get(key, 0) > 0}
    groups = {group for group, _place in keys}
    labels = (
        _kldb_labels(groups)
        if filters.grouping == Grouping.KLDB_GROUP
        else _occupation_labels(groups)
    )
    places = dict(municipalities_for_choice().values_list("pk", "name"))
    counted: set[int] = set()
    for group, place in keys:
        persons = members.get((group, place), [])
        counted.update(persons)
        per_band = Counter(bands.get(pid, 0) for pid in persons)
        label, isco, kldb = labels.get(group, (group, "", ""))
        report.rows.append(
            SupplyDemandRow(
                key=group,
                label=label,
                isco_code=isco,
                kldb_code=kldb,
                municipality=(
                    places.get(place, "") if place is not None else _("municipality not recorded")
                ),
                positions=positions.get((group, place), 0),
                persons=len(persons),
                basic=per_band[0],
                b1=per_band[1],
                b2_plus=per_band[2],
            )
        )
    report.rows.sort(key=lambda r: (-r.gap, r.label, r.municipality))
    report.positions = sum(r.positions for r in report.rows)
    report.persons = len(counted)
    return report


# ---------------------------------------------------------------------------------------------
# Placements and sustained employment by year of start


@dataclass(frozen=True)
class PlacementYear:
    year: int
    started: int
    known_6: int  # placements whose 6-month outcome is known
    sustained_6: int
    known_12: int
    sustained_12: int

    @property
    def rate_6(self) -> float | None:
        return self.sustained_6 / self.known_6 if self.known_6 else None

    @property
    def rate_12(self) -> float | None:
        return self.sustained_12 / self.known_12 if self.known_12 else None


def placement_outcomes(*, user: User) -> list[PlacementYear]:
    """Placements of the user's centre by year of start, with employment sustained 6 and 12
    months after the start as the follow-up contacts recorded it (any employer counts; an
    end of employment before the mark counts as not sustained). Counts, not persons."""
    if not user.works_cases or user.organisation_id is None:
        return []
    placements = Placement.objects.filter(person__organisation_id=user.organisation_id)
    contacts: dict[tuple[int, int], bool] = {
        (placement_id, month): bool(employed)
        for placement_id, month, employed in FollowUp.objects.filter(
            placement__in=placements, contacted_on__isnull=False, month__in=SUSTAINED_MONTHS
        ).values_list("placement_id", "month", "still_employed")
    }
    years: dict[int, Counter[str]] = defaultdict(Counter)
    for pk, starts_on, ended_on in placements.values_list("pk", "starts_on", "ended_on"):
        counts = years[starts_on.year]
        counts["started"] += 1
        for months in SUSTAINED_MONTHS:
            outcome = sustained_outcome(
                contact=contacts.get((pk, months)),
                starts_on=starts_on,
                ended_on=ended_on,
                months=months,
            )
            if outcome is not None:
                counts[f"known_{months}"] += 1
                counts[f"sustained_{months}"] += int(outcome)
    return [
        PlacementYear(
            year=year,
            started=c["started"],
            known_6=c["known_6"],
            sustained_6=c["sustained_6"],
            known_12=c["known_12"],
            sustained_12=c["sustained_12"],
        )
        for year, c in sorted(years.items(), reverse=True)
    ]
