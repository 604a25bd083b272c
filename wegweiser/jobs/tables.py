"""The matching tables kept warm per server process, so a page ranks in milliseconds instead
of reading every vacancy or every person again.

* Open vacancies: one table, rebuilt when its key moves — the number of open vacancies, the
  newest id, the newest change of an open vacancy or of an employer (`updated_at`), and the
  occupation data.
* Persons with an open case: one table per organisation with each row's team, built once a
  day (residence titles and courses run out) and otherwise brought up to date from the audit
  log: every change of a person's data writes an entry with the person's id in the same
  transaction, so the entries since the last look name exactly the persons to read again.
  A change that names no person but can move many (a course's times, a merge) rebuilds the
  table, as does a flood of changes. Writes that bypass the services (bulk loads) show after
  the next day's rebuild or a restart.

The callers filter the person table to the user's teams with `scope`; nothing here decides
who may see what.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, Max, Q
from django.utils import timezone

from wegweiser.cases.models import Case
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person

from . import matching
from .features import occupation_space, person_table, vacancy_table
from .models import Employer, Vacancy

CHANGES = (AuditEntry.Action.CREATE, AuditEntry.Action.UPDATE, AuditEntry.Action.DELETE)
# Changes without a person's id that may move the features of many persons at once.
REBUILD_ON = frozenset({"courses.course", "people.personmerge", "core.municipality"})
REFRESH_LIMIT = 50_000  # audit entries to read since the last look; beyond that, rebuild
LATE_COMMIT = dt.timedelta(minutes=2)


@dataclass
class _Vacancies:
    key: tuple[Any, ...]
    table: matching.VacancyTable


@dataclass
class PersonSnapshot:
    key: tuple[Any, ...]
    seen: int  # the newest audit entry taken into account
    table: matching.PersonTable
    teams: np.ndarray  # the team of each row's case


_lock = threading.Lock()
_vacancies: dict[str, _Vacancies] = {}
_persons: dict[int, PersonSnapshot] = {}


def clear() -> None:
    """Forget every table (tests; after a bulk load in a running process)."""
    with _lock:
        _vacancies.clear()
        _persons.clear()


# ---------------------------------------------------------------------------------------------
# Open vacancies


def _vacancy_key(space_key: tuple[Any, ...]) -> tuple[Any, ...]:
    open_vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN).aggregate(
        count=Count("pk"), newest=Max("pk"), changed=Max("updated_at")
    )
    employers = Employer.objects.aggregate(changed=Max("updated_at"), count=Count("pk"))
    return (
        space_key,
        open_vacancies["count"],
        open_vacancies["newest"],
        open_vacancies["changed"],
        employers["changed"],
        employers["count"],
    )


def open_vacancy_table() -> matching.VacancyTable:

    key = _vacancy_key(occupation_space().key)
    with _lock:
        cached = _vacancies.get("open")
        if cached is not None and cached.key == key:
            return cached.table
        table = vacancy_table(Vacancy.objects.filter(status=Vacancy.Status.OPEN))
        _vacancies["open"] = _Vacancies(key=key, table=table)
        return table


def warm_up() -> None:
    """Build the open-vacancy table now (a server worker calls this when it starts, see
    `WEGWEISER_WARM_UP`), so the first matching page of a worker does not pay for it."""
    open_vacancy_table()


# ---------------------------------------------------------------------------------------------
# Persons with an open case


def _open_persons(organisation_id: int) -> Any:
    return Person.objects.filter(organisation_id=organisation_id, case__isnull=False).exclude(
        case__status=Case.Status.CLOSED
    )


def _teams(persons: Any, ids: np.ndarray) -> np.ndarray:
    team_of = dict(persons.values_list("pk", "case__team_id"))
    return np.array([team_of.get(int(pk), -1) or -1 for pk in ids], dtype=np.int64)


def _build(organisation_id: int, key: tuple[Any, ...]) -> PersonSnapshot:

    seen = AuditEntry.objects.aggregate(newest=Max("id"))["newest"] or 0
    persons = _open_persons(organisation_id)
    table = person_table(persons)
    return PersonSnapshot(key=key, seen=seen, table=table, teams=_teams(persons, table.ids))


def _take(table: matching.PersonTable, keep: np.ndarray) -> matching.PersonTable:
    """The rows of `keep` (a boolean per row), recognition rows renumbered."""
    new_row = np.cumsum(keep) - 1
    kept = keep[table.recognition_rows] if len(table.recognition_rows) else np.zeros(0, bool)
    return dataclasses.replace(
        table,
        ids=table.ids[keep],
        occupations=table.occupations[keep],
        german=table.german[keep],
        latitude=table.latitude[keep],
        longitude=table.longitude[keep],
        permission=table.permission[keep],
        driving_licence=table.driving_licence[keep],
        childcare_needed=table.childcare_needed[keep],
        course_time=table.course_time[keep],
        recognition_rows=new_row[table.recognition_rows[kept]].astype(np.int64),
        recognition_occupations=table.recognition_occupations[kept],
        recognition_states=table.recognition_states[kept],
    )


def _pad(occupations: np.ndarray, width: int) -> np.ndarray:
    if occupations.shape[1] >= width:
        return occupations
    padding = np.full((occupations.shape[0], width - occupations.shape[1]), -1, dtype=np.int64)
    return np.hstack([occupations, padding])


def _concat(a: matching.PersonTable, b: matching.PersonTable) -> matching.PersonTable:
    width = max(a.occupations.shape[1], b.occupations.shape[1])
    return matching.PersonTable(
        ids=np.concatenate([a.ids, b.ids]),
        occupations=np.vstack([_pad(a.occupations, width), _pad(b.occupations, width)]),
        german=np.concatenate([a.german, b.german]),
        latitude=np.concatenate([a.latitude, b.latitude]),
        longitude=np.concatenate([a.longitude, b.longitude]),
        permission=np.concatenate([a.permission, b.permission]),
        driving_licence=np.concatenate([a.driving_licence, b.driving_licence]),
        childcare_needed=np.concatenate([a.childcare_needed, b.childcare_needed]),
        course_time=np.concatenate([a.course_time, b.course_time]),
        recognition_rows=np.concatenate([a.recognition_rows, b.recognition_rows + len(a.ids)]),
        recognition_occupations=np.concatenate(
            [a.recognition_occupations, b.recognition_occupations]
        ),
        recognition_states=np.concatenate([a.recognition_states, b.recognition_states]),
    )


def _refresh(snapshot: PersonSnapshot, organisation_id: int) -> PersonSnapshot | None:
    """The snapshot with the persons changed since it was taken read again; None when it
    must be rebuilt."""

    # Entries of the last minutes are read again: a transaction that commits late may hold an
    # entry with a smaller id than one already seen.
    recent = timezone.now() - LATE_COMMIT
    entries = list(
        AuditEntry.objects.filter(Q(id__gt=snapshot.seen) | Q(at__gte=recent, action__in=CHANGES))
        .order_by("id")
        .values_list("id", "action", "person_id", "object_type")[: REFRESH_LIMIT + 1]
    )
    if not entries:
        return snapshot
    if len(entries) > REFRESH_LIMIT:
        return None
    changed: set[int] = set()
    for _id, action, person_id, object_type in entries:
        if action not in CHANGES:
            continue
        if person_id is not None:
            changed.add(person_id)
        elif object_type in REBUILD_ON:
            return None
    seen = max(snapshot.seen, entries[-1][0])
    if not changed:
        return dataclasses.replace(snapshot, seen=seen)
    keep = ~np.isin(snapshot.table.ids, np.fromiter(changed, dtype=np.int64))
    persons = _open_persons(organisation_id).filter(pk__in=changed)
    fresh = person_table(persons)
    return PersonSnapshot(
        key=snapshot.key,
        seen=seen,
        table=_concat(_take(snapshot.table, keep), fresh),
        teams=np.concatenate([snapshot.teams[keep], _teams(persons, fresh.ids)]),
    )


def person_snapshot(organisation_id: int, today: dt.date | None = None) -> PersonSnapshot:
    """Every person of the organisation with an open case, with the team of the case."""

    key = (organisation_id, today or timezone.localdate(), occupation_space().key)
    with _lock:
        snapshot = _persons.get(organisation_id)
        if snapshot is not None and snapshot.key == key:
            refreshed = _refresh(snapshot, organisation_id)
            if refreshed is not None:
                _persons[organisation_id] = refreshed
                return refreshed
        snapshot = _build(organisation_id, key)
        _persons[organisation_id] = snapshot
        return snapshot
