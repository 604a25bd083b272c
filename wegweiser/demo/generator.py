"""Synthetic people, cases and their history for a migration centre in Landkreis Gießen.

Everything is drawn from one `random.Random(seed)` and Faker instances seeded from the same
seed, in a fixed order, so a seed and a reference date always give the same data. Rows are
written in batches of families (see `inserts`); bulk writes bypass the audit signals, so each
run writes one audit entry of its own that states what it created.

No record describes a real person: names are random combinations from name lists, phone
numbers come from the ranges the Bundesnetzagentur keeps unassigned, e-mail addresses use
the documentation domains.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import itertools
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from wegweiser.cases.models import (
    Case,
    CaseStatusChange,
    CaseStatusPeriod,
    NextStep,
    Note,
    Orientation,
)
from wegweiser.cases.status_periods import status_periods_rebuild
from wegweiser.core.audit import accounts_in_one_entry, acting_as, audit_event
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.people.models import (
    Consent,
    HouseholdLink,
    NameKey,
    NameSpelling,
    Person,
    PersonLanguage,
    ResidenceStatus,
)

from .accounts import (
    PERSONS_PER_CASEWORKER,
    DemoAccounts,
    case_share,
    caseworker_capacity,
    ensure_demo_accounts,
    ensure_staffing,
)
from .cases import CasesMixin
from .common import _days
from .data import county, texts
from .inserts import Table, date_adapter, reset_sequences, timestamp_adapter
from .naming import Names, pick, randint, weighted
from .people import NATIONALITY_WEIGHTS, NATIVE_LANGUAGES, PeopleMixin

DEFAULT_SEED = 2015
FAMILIES_PER_BATCH = 2000


def _writable(model: type[Any]) -> tuple[str, ...]:
    """The columns of what a model declares writable (its ``WRITABLE``, as the forms and
    services use it): the generator fills the same fields a caseworker would."""
    return tuple(model._meta.get_field(name).attname for name in model.WRITABLE)


# The columns the generator fills, per model (attribute names; the id comes first).
COLUMNS: dict[type[Any], tuple[str, ...]] = {
    Person: ("organisation_id", *_writable(Person), "original_script", "created_at"),
    NameSpelling: ("person_id", *_writable(NameSpelling), "script", "created_at"),
    NameKey: ("person_id", "key"),
    PersonLanguage: ("person_id", *_writable(PersonLanguage)),
    HouseholdLink: ("person_id", "relative_id", "relation"),
    ResidenceStatus: ("person_id", *_writable(ResidenceStatus), "created_at"),
    Consent: ("person_id", *_writable(Consent), "withdrawn_on", "recorded_by_id", "created_at"),
    Case: (
        "person_id",
        "status",
        "closing_reason",
        *_writable(Case),
        "team_id",
        "opened_on",
        "closed_on",
    ),
    CaseStatusChange: (
        "case_id",
        "from_status",
        "to_status",
        "closing_reason",
        "changed_by_id",
        "changed_at",
    ),
    Orientation: ("case_id", *_writable(Orientation), "updated_at"),
    Note: ("case_id", *_writable(Note), "author_id", "created_at"),
    NextStep: ("case_id", "note_id", "description", "due_on", "owner_id", "done_on"),
}


@dataclass
class GenerationResult:
    persons: int
    seed: int
    seconds: float
    counts: dict[str, int]


class Generator(PeopleMixin, CasesMixin):
    """Builds families with everything the centre records about them, as rows to insert."""

    def __init__(self, *, seed: int, today: dt.date, accounts: DemoAccounts) -> None:
        self.rng = random.Random(seed)
        self.team_rng = random.Random(f"teams:{seed}")
        self.today = today
        self.accounts = accounts
        self.names = Names(self.rng, seed)
        self.municipalities = ensure_municipalities()
        self.places = list(self.municipalities.values())
        self.place_weights = [county.RESIDENCE_WEIGHTS[m.name] for m in self.places]
        self.zone = {p.name: p.zone for p in county.MUNICIPALITIES}
        self.postal_codes = {p.name: p.postal_codes for p in county.MUNICIPALITIES}
        self.nationalities = [n for n in NATIONALITY_WEIGHTS if self._intake_years(n)]
        self.nationality_weights = [NATIONALITY_WEIGHTS[n] for n in self.nationalities]
        self.centre_id = accounts.centre.pk
        # Which team of a zone takes a family (by its size) and who in it; team leads carry a
        # smaller caseload.
        self.zone_teams = {
            zone: (
                [team.pk for team in teams],
                list(
                    itertools.accumulate(
                        caseworker_capacity(accounts.caseworkers[team.pk]) for team in teams
                    )
                ),
            )
            for zone, teams in accounts.zone_teams.items()
        }
        self.staff = {
            team_id: (
                [u.pk for u in users],
                [case_share(u) for u in users],
            )
            for team_id, users in accounts.caseworkers.items()
        }
        self.partner_ids = {
            kind: [o.pk for o in organisations] for kind, organisations in accounts.partners.items()
        }
        self.occupation_weights_m = [o.weight_m for o in texts.OCCUPATIONS]
        self.occupation_weights_f = [o.weight_f for o in texts.OCCUPATIONS]
        self.date = date_adapter()
        self.timestamp = timestamp_adapter()
        now = timezone.now()
        self.tables = {model: Table(model, columns, now) for model, columns in COLUMNS.items()}

    def flush(self) -> None:
        """Write the queued rows, parents before children."""
        for table in self.tables.values():
            table.flush()

    def counts(self) -> dict[str, int]:
        return {
            model._meta.label_lower: table.written
            for model, table in self.tables.items()
            if table.written
        }

    # -- families --------------------------------------------------------------------------

    def family(self, remaining: int) -> int:
        """Queues one family (at most `remaining` persons); returns its size."""
        rng = self.rng
        nationality = weighted(rng, self.nationalities, self.nationality_weights)
        members = self._members(nationality, remaining)
        intake = self._intake_date(nationality)
        place = weighted(rng, self.places, self.place_weights)
        team_id = self._team(self.zone[place.name])
        staff_ids, staff_weights = self.staff[team_id]
        caseworker_id = weighted(rng, staff_ids, staff_weights)
        place_id = place.pk
        street = f"{pick(rng, county.STREETS)} {randint(rng, 1, 120)}"
        postal_code = pick(rng, self.postal_codes[place.name])
        phone = self._phone()
        native_options = NATIVE_LANGUAGES[nationality]
        native, _, second = weighted(rng, native_options, [w for _, w, _ in native_options])
        minors = self._minor_children(members)
        self._name_family(nationality, members, native)
        arrival = self._arrival(nationality, intake)

        for member in members:
            opened = min(self.today, intake + _days(randint(rng, 0, 30)))
            history = self._case_history(opened)
            german_then = self._german_level_at_intake(nationality, member.age)
            german_now = self._german_level_now(german_then, opened, history)
            person_id = self._person(
                nationality=nationality,
                member=member,
                opened=opened,
                place_id=place_id,
                street=street,
                postal_code=postal_code,
                phone=phone if member.role == "head" else self._phone(),
                native=native,
            )
            member.person_id = person_id
            spoken = self._languages(person_id, nationality, native, second, german_now, member)
            titles = self._residence(person_id, nationality, arrival, history, place_id)
            legal_domain = self._legal_domain(titles, history.closed_on or self.today, arrival)
            case_id = self.tables[Case].add(
                person_id,
                history.status,
                history.closing_reason,
                legal_domain,
                caseworker_id,
                team_id,
                self.date(opened),
                self.date(history.closed_on),
            )
            for from_status, to_status, reason, on in history.changes:
                self.tables[CaseStatusChange].add(
                    case_id,
                    from_status,
                    to_status,
                    reason,
                    caseworker_id,
                    self._stamp(on),
                )
            self._orientation(case_id, opened, member, members, minors, german_then, spoken)
            self._notes(case_id, opened, caseworker_id, native, german_then, history)
            self._consents(person_id, opened, legal_domain, caseworker_id, history, titles)

        self._household(members)
        return len(members)

    def _team(self, zone: str) -> Any:
        """The team of the zone that takes a family, drawn by its size. The draw has its own
        random sequence, so that added teams change who serves a family, not the families."""
        team_ids, cumulative = self.zone_teams[zone]
        if len(team_ids) == 1:
            return team_ids[0]
        draw = self.team_rng.random() * cumulative[-1]
        return team_ids[bisect.bisect_right(cumulative, draw)]


def ensure_municipalities() -> dict[str, Municipality]:
    """The county's towns and municipalities, created where missing (by name)."""
    existing = {m.name: m for m in Municipality.objects.all()}
    missing = [
        Municipality(
            name=place.name,
            official_key=place.official_key,
            latitude=place.latitude,
            longitude=place.longitude,
        )
        for place in county.MUNICIPALITIES
        if place.name not in existing
    ]
    if missing:
        Municipality.objects.bulk_create(missing)
        existing = {m.name: m for m in Municipality.objects.all()}
    return {place.name: existing[place.name] for place in county.MUNICIPALITIES}


DEFER_INDEX_FROM = 5_000  # persons: from here on, building the key index once is cheaper
SQLITE_CACHE_KIB = 256 * 1024  # page cache while loading: the indexes' hot pages stay in memory


def _foreign_keys(cursor: Any, tables: Iterable[str]) -> list[tuple[str, str, str]]:
    """(table, constraint, definition) of every foreign key leaving one of `tables`."""
    cursor.execute(
        "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) ORDER BY 1, 2",
        [list(tables)],
    )
    return [(str(t), str(n), str(d)) for t, n, d in cursor.fetchall()]


@contextlib.contextmanager
def _bulk_load(persons: int, tables: Iterable[str] = ()) -> Iterator[None]:
    """Settings for loading many rows at once, undone at the end.

    SQLite: a larger page cache. Its default (2 MB) is far smaller than the indexes of a
    100,000-person register, so rows with random keys (the name keys) would make most inserts
    read index pages back from the file. The unique (key, person) index is part of the table
    definition there and cannot be dropped.

    PostgreSQL: the unique (key, person) index of the name keys is dropped and built once at
    the end, instead of inserting millions of random keys into it one by one. The foreign
    keys of the tables the generator fills are dropped too and added again at the end, in the
    same transaction: adding one checks every row in one join, where the deferred checks
    queued one trigger event per row and ran them one by one at the end (at 1,000,000 persons,
    tens of millions of single-row look-ups).
    """
    table = NameKey._meta.db_table
    sqlite = connection.vendor == "sqlite"
    defer = persons >= DEFER_INDEX_FROM and connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if sqlite:
            cursor.execute("PRAGMA cache_size")
            cache_size = int(cursor.fetchone()[0])
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB:d}")
        foreign_keys: list[tuple[str, str, str]] = []
        if defer:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS name_key_unique")
            foreign_keys = _foreign_keys(cursor, tables)
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no checks pending on them
            for owner, name, _definition in foreign_keys:
                cursor.execute(f'ALTER TABLE {owner} DROP CONSTRAINT "{name}"')
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    try:
        yield
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {cache_size:d}")
    if defer:
        with connection.cursor() as cursor:
            # Deferred foreign-key checks must run before the table can be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for owner, name, definition in foreign_keys:
                cursor.execute(f'ALTER TABLE {owner} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT name_key_unique UNIQUE (key, person_id)"
            )
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def generate(
    *,
    persons: int,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    persons_per_caseworker: int = PERSONS_PER_CASEWORKER,
) -> GenerationResult:
    """Create `persons` synthetic persons with cases; one transaction, one audit entry.

    When the register would outgrow the staff at `persons_per_caseworker` persons per
    full-time caseworker, teams are added first (`accounts.ensure_staffing`; 0: never)."""
    if persons < 0:
        raise ValueError("The number of persons cannot be negative.")
    started = time.perf_counter()
    today = today or timezone.localdate()
    with transaction.atomic(), acting_as(None):
        municipalities_before = Municipality.objects.count()
        with accounts_in_one_entry():  # the run's own entry names accounts.user
            accounts = ensure_demo_accounts()
            register = Person.objects.filter(organisation=accounts.centre).count() + persons
            ensure_staffing(accounts, persons=register, per_caseworker=persons_per_caseworker)
        generator = Generator(seed=seed, today=today, accounts=accounts)
        counts: dict[str, int] = {}
        new_municipalities = Municipality.objects.count() - municipalities_before
        if new_municipalities:
            counts["core.municipality"] = new_municipalities
        done = 0
        tables = [model._meta.db_table for model in generator.tables]
        tables.append(CaseStatusPeriod._meta.db_table)
        with _bulk_load(persons, tables):
            while done < persons:
                families = 0
                while done < persons and families < FAMILIES_PER_BATCH:
                    done += generator.family(persons - done)
                    families += 1
                generator.flush()
                if progress is not None:
                    progress(done, persons)
            # The rows went in past the ORM: the status periods the reports read are computed
            # from the status changes in one statement (inside the load, so that their foreign
            # key is checked once at the end, not row by row).
            status_periods_rebuild()
        reset_sequences(generator.tables.values())
        counts.update(generator.counts())
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.generation",
            object_id=f"seed={seed}",
            fields=sorted({*counts, *accounts.created}),
            purpose=f"synthetic demo data: {persons} persons, seed {seed}",
        )
    return GenerationResult(
        persons=persons, seed=seed, seconds=time.perf_counter() - started, counts=counts
    )
