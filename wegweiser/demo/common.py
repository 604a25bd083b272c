"""What the parts of the demo generator share: the rows being built, small date helpers and
the state every part draws from (one random generator, the tables being filled)."""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wegweiser.cases.models import Case
from wegweiser.core.models import Municipality
from wegweiser.people.models import (
    HouseholdLink,
    ResidenceStatus,
)

from .accounts import DemoAccounts
from .inserts import Table
from .naming import Names, PersonName, randint

Title = ResidenceStatus.Title
Work = ResidenceStatus.WorkPermission
Status = Case.Status
Reason = Case.ClosingReason
Relation = HouseholdLink.Relation

# A residence title while it is being built: title, from, until, work, obligation?, note.
TitleRow = tuple[str, dt.date, dt.date | None, str, bool, str]


@functools.cache
def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class Member:
    """One person of a family while it is being built."""

    role: str  # head, spouse, child, sibling
    sex: str
    age: int
    name: PersonName
    person_id: int = 0


@dataclass
class CaseHistory:
    status: str
    closing_reason: str
    closed_on: dt.date | None
    changes: list[tuple[str, str, str, dt.date]]  # from, to, reason, on

    def status_on(self, day: dt.date) -> str:
        current: str = Status.INTAKE
        for _, to_status, _, on in self.changes:
            if on <= day:
                current = to_status
        return current


def _blank_name() -> PersonName:
    return PersonName("", "", "", "", "")


class GeneratorBase:
    """The state the parts of the generator share; `Generator.__init__` sets it."""

    rng: random.Random
    today: dt.date
    accounts: DemoAccounts
    names: Names
    municipalities: dict[str, Municipality]
    places: list[Municipality]
    place_weights: list[int]
    zone: dict[str, str]
    postal_codes: dict[str, tuple[str, ...]]
    nationalities: list[str]
    nationality_weights: list[int]
    centre_id: Any
    zone_teams: dict[str, tuple[list[Any], list[float]]]
    team_rng: random.Random
    staff: dict[int, tuple[list[Any], list[int]]]
    partner_ids: dict[str, list[Any]]
    occupation_weights_m: list[int]
    occupation_weights_f: list[int]
    date: Callable[[dt.date | None], Any]
    timestamp: Callable[[dt.date, int], Any]
    tables: dict[type[Any], Table]

    def _stamp(self, day: dt.date) -> Any:
        """A time during office hours on `day` (7:00 to 15:30 UTC), ready for the database."""
        return self.timestamp(day, randint(self.rng, 7 * 60, 15 * 60 + 30))
