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

import contextlib
import datetime as dt
import functools
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case, CaseStatusChange, NextStep, Note, Orientation
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
from wegweiser.people.name_keys import birth_year as year_of_birth
from wegweiser.people.name_keys import keys_of_names, with_birth_year

from .accounts import DemoAccounts, ensure_demo_accounts
from .data import county, names, origins, texts
from .data.names import Name
from .data.translit import without_diacritics
from .inserts import Table, date_adapter, reset_sequences, timestamp_adapter
from .naming import Names, PersonName, pick, randint, sample, weighted

DEFAULT_SEED = 2015
FAMILIES_PER_BATCH = 2000

Title = ResidenceStatus.Title
Work = ResidenceStatus.WorkPermission
Status = Case.Status
Reason = Case.ClosingReason
Relation = HouseholdLink.Relation

# A residence title while it is being built: title, from, until, work, obligation?, note.
TitleRow = tuple[str, dt.date, dt.date | None, str, bool, str]

# Share of each nationality among the centre's clients, and in which years they came.
NATIONALITY_WEIGHTS: dict[str, int] = {
    "SY": 27,
    "UA": 20,
    "AF": 18,
    "IQ": 7,
    "ER": 6,
    "TR": 6,
    "RO": 6,
    "BG": 5,
    "PL": 5,
}
_YEARS = range(2016, 2027)
INTAKE_YEAR_WEIGHTS: dict[str, dict[int, int]] = {
    "SY": dict(zip(_YEARS, (18, 16, 12, 9, 6, 6, 7, 8, 7, 6, 6), strict=True)),
    "AF": dict(zip(_YEARS, (15, 14, 9, 7, 5, 7, 12, 12, 9, 6, 6), strict=True)),
    "IQ": dict(zip(_YEARS, (16, 14, 11, 9, 6, 7, 8, 8, 8, 7, 7), strict=True)),
    "ER": dict(zip(_YEARS, (12, 14, 12, 10, 6, 7, 9, 9, 8, 7, 7), strict=True)),
    "UA": {2022: 40, 2023: 25, 2024: 15, 2025: 12, 2026: 10},
    "TR": dict(zip(_YEARS, (6, 7, 7, 7, 5, 6, 10, 14, 12, 10, 9), strict=True)),
    "RO": dict(zip(_YEARS, (9, 9, 10, 10, 8, 8, 9, 9, 9, 9, 9), strict=True)),
    "BG": dict(zip(_YEARS, (9, 9, 10, 10, 8, 8, 9, 9, 9, 9, 9), strict=True)),
    "PL": dict(zip(_YEARS, (12, 11, 10, 9, 8, 8, 8, 7, 7, 6, 6), strict=True)),
}
UKRAINE_WAR = dt.date(2022, 2, 24)
# §24 titles were extended by ordinance; the current ones run until 4 March 2027.
TEMPORARY_PROTECTION_END = dt.date(2027, 3, 4)
EU_COUNTRIES = ("RO", "BG", "PL")

# How a person's native language is chosen: (language, weight, second language or "").
NATIVE_LANGUAGES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "SY": (("ar", 85, ""), ("ku", 15, "ar")),
    "IQ": (("ar", 65, ""), ("ku", 35, "ar")),
    "AF": (("fa", 70, ""), ("ps", 30, "fa")),
    "ER": (("ti", 100, ""),),
    "UA": (("uk", 100, "ru"),),
    "TR": (("tr", 80, ""), ("ku", 20, "tr")),
    "RO": (("ro", 100, ""),),
    "BG": (("bg", 80, ""), ("tr", 20, "bg")),
    "PL": (("pl", 100, ""),),
}
LANGUAGE_NAMES_DE: dict[str, str] = {
    "ar": "Arabisch",
    "fa": "Dari",
    "ps": "Paschtu",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "ti": "Tigrinya",
    "tr": "Türkisch",
    "ku": "Kurdisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "pl": "Polnisch",
    "en": "Englisch",
}
INTERPRETED_LANGUAGES = ("ar", "fa", "ps", "ti", "ku", "uk")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


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
class GenerationResult:
    persons: int
    seed: int
    seconds: float
    counts: dict[str, int]


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


class Generator:
    """Builds families with everything the centre records about them, as rows to insert."""

    def __init__(self, *, seed: int, today: dt.date, accounts: DemoAccounts) -> None:
        self.rng = random.Random(seed)
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
        self.team_ids = {zone: team.pk for zone, team in accounts.teams.items()}
        # Who takes a team's cases; team leads carry a smaller caseload.
        self.staff = {
            team_id: (
                [u.pk for u in users],
                [1 if u.role == User.Role.TEAM_LEAD else 3 for u in users],
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

    def _intake_years(self, nationality: str) -> list[int]:
        return [y for y in INTAKE_YEAR_WEIGHTS[nationality] if y <= self.today.year]

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
        team_id = self.team_ids[self.zone[place.name]]
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

    def _name_family(self, nationality: str, members: list[Member], native: str) -> None:
        family_key = self.names.family_key(nationality, native)
        father_given: Name | None = None
        for member in members:
            key = family_key
            if member.role == "spouse" and nationality in ("SY", "IQ", "AF", "ER"):
                key = self.names.family_key(nationality, native)  # wives keep their own name
            if member.role == "child" and nationality == "ER" and father_given is not None:
                key = father_given  # an Eritrean child's family name is the father's name
            member.name = self.names.person(nationality, member.sex, key, native)
            if member.role == "head" and nationality == "ER" and member.sex == "m":
                father_given = next(
                    n for n in names.TIGRINYA_MALE if n.original == member.name.given_original
                )

    def _members(self, nationality: str, remaining: int) -> list[Member]:
        rng = self.rng
        shapes = ("single", "couple", "couple_children", "single_parent", "siblings")
        weights = {
            "UA": (40, 10, 8, 38, 4),
            "SY": (50, 22, 15, 7, 6),
            "AF": (58, 17, 12, 5, 8),
        }.get(nationality, (55, 24, 10, 7, 4))
        shape = weighted(rng, shapes, weights)
        male_share = {"UA": 0.25, "SY": 0.7, "AF": 0.78, "IQ": 0.65, "ER": 0.7}.get(
            nationality, 0.55
        )
        head_sex = "m" if rng.random() < male_share else "f"
        head_age = randint(rng, 19, 58)
        members = [Member("head", head_sex, head_age, _blank_name())]
        if shape in ("couple", "couple_children"):
            spouse_sex = "f" if head_sex == "m" else "m"
            spouse_age = max(18, head_age + randint(rng, -8, 4))
            members.append(Member("spouse", spouse_sex, spouse_age, _blank_name()))
        if shape in ("couple_children", "single_parent") and head_age >= 36:
            # Children of 16 and over are clients themselves (school, training, work).
            for _ in range(randint(rng, 1, 2)):
                age = randint(rng, 16, min(25, head_age - 18))
                members.append(Member("child", pick(rng, "mf"), age, _blank_name()))
        if shape == "siblings" and head_age <= 35:
            age = max(18, head_age + randint(rng, -6, 6))
            members.append(Member("sibling", pick(rng, "mf"), age, _blank_name()))
        return members[:remaining]

    def _minor_children(self, members: list[Member]) -> list[int]:
        """Ages of children under 16 in the household: they appear in the orientation only."""
        head = members[0]
        if head.age < 20 or head.age > 50 or self.rng.random() < 0.45:
            return []
        count = weighted(self.rng, (1, 2, 3, 4, 5), (30, 32, 22, 11, 5))
        oldest = min(15, head.age - 18)
        return sorted((randint(self.rng, 0, oldest) for _ in range(count)), reverse=True)

    def _intake_date(self, nationality: str) -> dt.date:
        rng = self.rng
        years = self._intake_years(nationality)
        weights = INTAKE_YEAR_WEIGHTS[nationality]
        year = weighted(rng, years, [weights[y] for y in years])
        start = dt.date(year, 1, 1)
        if nationality == "UA" and year == 2022:
            start = dt.date(2022, 3, 1)
        end = min(dt.date(year, 12, 31), self.today)
        return start + _days(randint(rng, 0, max(0, (end - start).days)))

    def _arrival(self, nationality: str, intake: dt.date) -> dt.date:
        rng = self.rng
        if nationality == "UA":
            return max(UKRAINE_WAR + _days(7), intake - _days(randint(rng, 0, 150)))
        if nationality in EU_COUNTRIES:
            return intake - _days(randint(rng, 0, 1500))
        return max(dt.date(2014, 6, 1), intake - _days(randint(rng, 10, 900)))

    # -- the person ------------------------------------------------------------------------

    def _person(
        self,
        *,
        nationality: str,
        member: Member,
        opened: dt.date,
        place_id: int,
        street: str,
        postal_code: str,
        phone: str,
        native: str,
    ) -> int:
        rng = self.rng
        name = member.name
        birth_year = opened.year - member.age
        born = dt.date(birth_year, 1, 1) + _days(randint(rng, 0, 364))
        precision, placeholder = Person.DobPrecision.EXACT, False
        placeholder_share = {"AF": 0.45, "SY": 0.22, "IQ": 0.15, "ER": 0.1}.get(nationality, 0)
        year_only_share = {"AF": 0.08, "ER": 0.06, "SY": 0.03, "IQ": 0.03}.get(nationality, 0)
        draw = rng.random()
        if draw < placeholder_share:  # registered as 1 January by the authorities
            born, placeholder = dt.date(birth_year, 1, 1), True
        elif draw < placeholder_share + year_only_share:
            born, precision = dt.date(birth_year, 1, 1), Person.DobPrecision.YEAR
        country_of_birth = nationality
        if nationality == "AF" and rng.random() < 0.25:
            country_of_birth = "IR"
        elif nationality == "ER" and rng.random() < 0.2:
            country_of_birth = pick(rng, ("ET", "SD"))
        nationality_status = Person.NationalityStatus.KNOWN
        nationalities = nationality
        if nationality == "SY" and rng.random() < 0.04:
            nationality_status, nationalities = Person.NationalityStatus.STATELESS, ""
        elif nationality in ("IQ", "AF") and rng.random() < 0.02:
            nationality_status, nationalities = Person.NationalityStatus.UNCLEAR, ""
        elif nationality == "BG" and native == "tr" and rng.random() < 0.3:
            nationalities = "BG,TR"
        email = ""
        if rng.random() < 0.55:
            local = _email_local(name.given_latin, name.family_latin)
            suffix = str(randint(rng, 1, 99)) if rng.random() < 0.5 else ""
            email = f"{local}{suffix}@{pick(rng, county.EMAIL_DOMAINS)}"
        letter_language = native if native != "ku" else pick(rng, ("ar", "tr", "de"))
        created = self._stamp(opened)
        person_id = self.tables[Person].add(
            self.centre_id,
            name.given_original,
            name.family_original,
            name.given_latin,
            name.family_latin,
            self.date(born),
            precision,
            placeholder,
            member.sex,
            pick(rng, origins.PLACES_OF_BIRTH[country_of_birth]),
            country_of_birth,
            nationality_status,
            nationalities,
            phone if rng.random() < 0.9 else "",
            email,
            street,
            postal_code,
            place_id,
            letter_language,
            name.script,
            created,
        )
        for given, family_name, script, source in name.spellings:
            self.tables[NameSpelling].add(person_id, given, family_name, source, script, created)
        spellings = [(given, family_name) for given, family_name, _, _ in name.spellings]
        names = keys_of_names(
            [
                (name.given_latin, name.family_latin),
                (name.given_original, name.family_original),
                *spellings,
            ]
        )
        for key in with_birth_year(names, year_of_birth(born, precision)):
            self.tables[NameKey].add(person_id, key)
        return person_id

    def _phone(self) -> str:
        return f"{pick(self.rng, county.DRAMA_NUMBER_PREFIXES)}{randint(self.rng, 0, 999):03d}"

    def _german_level_at_intake(self, nationality: str, age: int) -> str:
        options = ("", "A1", "A2", "B1", "B2", "C1")
        if nationality in EU_COUNTRIES or nationality == "TR":
            weights: tuple[int, ...] = (40, 22, 15, 12, 8, 3)
        else:
            weights = (34, 30, 20, 10, 5, 1)
        if age < 25:
            weights = (weights[0] // 2, *weights[1:])
        return weighted(self.rng, options, weights)

    def _german_level_now(self, at_intake: str, opened: dt.date, history: CaseHistory) -> str:
        """Languages improve while the case runs: about one level per year and a half."""
        end = history.closed_on or self.today
        steps = int((end - opened).days / self.rng.uniform(400, 800))
        level = (LEVELS.index(at_intake) + 1 if at_intake else 0) + steps  # 1 is A1
        return LEVELS[min(level, 5) - 1] if level > 0 else ""

    def _languages(
        self,
        person_id: int,
        nationality: str,
        native: str,
        second: str,
        german: str,
        member: Member,
    ) -> list[tuple[str, str]]:
        rng = self.rng
        spoken = [(native, "native")]
        if second and (nationality != "UA" or rng.random() < 0.8):
            spoken.append(
                (second, "native" if nationality == "UA" and rng.random() < 0.4 else "C1")
            )
        if german:
            spoken.append(("de", german))
        if rng.random() < (0.45 if member.age < 35 else 0.2):
            level = weighted(rng, ("A1", "A2", "B1", "B2", "C1"), (15, 30, 30, 18, 7))
            spoken.append(("en", level))
        for language, level in spoken:
            self.tables[PersonLanguage].add(person_id, language, level)
        return spoken

    # -- residence -------------------------------------------------------------------------

    def _residence(
        self,
        person_id: int,
        nationality: str,
        arrival: dt.date,
        history: CaseHistory,
        place_id: int,
    ) -> list[TitleRow]:
        rng = self.rng
        rows: list[TitleRow]
        if nationality in EU_COUNTRIES:
            rows = [(Title.EU_FREEDOM, arrival, None, Work.ALLOWED, False, "")]
        elif nationality == "UA":
            rows = self._titles_ukraine(arrival)
        elif nationality == "TR":
            kind = weighted(rng, ("asylum", "family", "blue_card", "settled"), (35, 30, 10, 25))
            rows = self._titles_turkey(kind, arrival)
        else:
            rows = self._titles_asylum(nationality, arrival)

        if history.status != Status.CLOSED and rows[-1][2] is not None:
            title, start, until, work, obligation, note = rows[-1]
            if until is not None and until < self.today:  # renewed in time
                start = max(until, self.today - _days(randint(rng, 0, 150)))
                until = self.today + _days(randint(rng, 10, 180))
                rows.append((title, start, until, work, obligation and start < until, note))
            if rng.random() < 0.12:  # expires within the next eight weeks
                title, start, _, work, obligation, note = rows[-1]
                until = self.today + _days(randint(rng, 0, 55))
                rows[-1] = (title, start, until, work, obligation, note)

        clamped: list[TitleRow] = []
        for title, start, until, work, obligation, note in rows:
            start = min(start, self.today)  # a decision due any day now: no later titles yet
            until = max(until, start) if until is not None else None
            clamped.append((title, start, until, work, obligation, note))
            self.tables[ResidenceStatus].add(
                person_id,
                title,
                self.date(start),
                self.date(until),
                work,
                place_id if obligation else None,
                note,
                self._stamp(start),
            )
        return clamped

    def _titles_ukraine(self, arrival: dt.date) -> list[TitleRow]:
        rng = self.rng
        start = min(self.today, arrival + _days(randint(rng, 7, 60)))
        until = (
            TEMPORARY_PROTECTION_END
            if self.today < TEMPORARY_PROTECTION_END
            else _add_years(self.today, 1)
        )
        note = "Aufenthaltserlaubnis nach § 24 AufenthG"
        rows: list[TitleRow] = [
            (Title.TEMPORARY_PROTECTION, start, until, Work.ALLOWED, rng.random() < 0.15, note)
        ]
        change = start + _days(randint(rng, 500, 1100))
        if change < self.today and rng.random() < 0.1:  # moved on to a title for work
            title = Title.BLUE_CARD if rng.random() < 0.2 else Title.OTHER
            note = "§ 18g AufenthG" if title == Title.BLUE_CARD else "§ 18a AufenthG (Fachkraft)"
            first = rows[0]
            rows[0] = (first[0], first[1], change - _days(1), first[3], first[4], first[5])
            rows.append((title, change, _add_years(change, 3), Work.ALLOWED, False, note))
        return rows

    def _titles_turkey(self, kind: str, arrival: dt.date) -> list[TitleRow]:
        rng = self.rng
        if kind == "asylum":
            return self._titles_asylum("TR", arrival)
        start = arrival + _days(randint(rng, 0, 60))
        if kind == "blue_card":
            note = "§ 18g AufenthG"
            return [(Title.BLUE_CARD, start, _add_years(start, 4), Work.ALLOWED, False, note)]
        note = "§ 30 AufenthG (Ehegattennachzug)"
        if kind == "settled":
            return [
                (Title.OTHER, _add_years(start, -4), start, Work.ALLOWED, False, note),
                (Title.SETTLEMENT, start, None, Work.ALLOWED, False, "§ 9 AufenthG"),
            ]
        return [(Title.OTHER, start, _add_years(start, 3), Work.ALLOWED, False, note)]

    def _titles_asylum(self, nationality: str, arrival: dt.date) -> list[TitleRow]:
        """Aufenthaltsgestattung during the procedure, then protection or toleration."""
        rng = self.rng
        today = self.today
        start = arrival + _days(randint(rng, 3, 40))
        decision = start + _days(randint(rng, 90, 600))
        if nationality == "SY" and arrival >= dt.date(2024, 6, 1):
            decision = today + _days(365)  # decisions on Syrian applications were paused
        work = Work.NOT_ALLOWED if rng.random() < 0.3 else Work.APPROVAL
        if decision > today:
            until = max(start + _days(90), today + _days(randint(rng, 10, 180)))
            return [(Title.GESTATTUNG, start, until, work, rng.random() < 0.5, "")]
        rows: list[TitleRow] = [(Title.GESTATTUNG, start, decision, work, rng.random() < 0.5, "")]
        protection_share = {"SY": 0.95, "ER": 0.85, "AF": 0.62, "IQ": 0.45, "TR": 0.3}
        if rng.random() < protection_share[nationality]:
            refugee = rng.random() < (0.55 if nationality == "SY" else 0.7)
            issued = decision + _days(randint(rng, 14, 90))
            years = 3 if refugee else 1
            kind = "Flüchtlingseigenschaft" if refugee else "subsidiärer Schutz"
            note = f"§ 25 Abs. 2 AufenthG, {kind}"
            obligation = rng.random() < 0.6  # § 12a for three years after recognition
            until = _add_years(issued, years)
            rows.append((Title.PROTECTION, issued, until, Work.ALLOWED, obligation, note))
            renewal = until
            while renewal <= today and len(rows) < 5:
                if renewal >= _add_years(arrival, 5) and rng.random() < 0.45:
                    note = "Niederlassungserlaubnis § 26 Abs. 3 AufenthG"
                    rows.append((Title.SETTLEMENT, renewal, None, Work.ALLOWED, False, note))
                    break
                years = 3 if refugee else 2
                obligation = renewal < _add_years(issued, 3) and rng.random() < 0.5
                until = _add_years(renewal, years)
                rows.append((Title.PROTECTION, renewal, until, Work.ALLOWED, obligation, note))
                renewal = until
            return rows
        tolerated = decision + _days(randint(rng, 30, 200))
        work = Work.NOT_ALLOWED if rng.random() < 0.25 else Work.APPROVAL
        obligation = rng.random() < 0.3
        until = tolerated + _days(randint(rng, 90, 180))
        rows.append((Title.DULDUNG, tolerated, until, work, obligation, ""))
        current = today - _days(randint(rng, 0, 150))
        if current > tolerated + _days(540):
            if current >= dt.date(2023, 1, 1) and rng.random() < 0.2:
                note = "§ 104c AufenthG, Chancen-Aufenthaltsrecht"
                until = current + _days(540)
                rows.append((Title.OTHER, current, until, Work.ALLOWED, False, note))
            else:
                until = current + _days(randint(rng, 90, 180))
                note = f"Duldung, fortlaufend verlängert seit {tolerated:%m/%Y}"
                rows.append((Title.DULDUNG, current, until, work, obligation, note))
        return rows

    def _legal_domain(self, titles: list[TitleRow], on: dt.date, arrival: dt.date) -> str:
        """Who pays, by the residence title the person held on `on`."""
        title = titles[0][0]
        for row in titles:
            if row[1] <= on:
                title = row[0]
        domain = Case.LegalDomain
        if title in (Title.GESTATTUNG, Title.DULDUNG):
            return domain.ASYLBLG
        if title == Title.TEMPORARY_PROTECTION:
            # Bürgergeld from June 2022; arrivals from April 2025 stay under the AsylbLG.
            if on < dt.date(2022, 6, 1) or arrival >= dt.date(2025, 4, 1):
                return domain.ASYLBLG
            return domain.SGB_II
        options = (domain.SGB_II, domain.SGB_III, domain.NONE)
        weights = {
            Title.PROTECTION: (90, 10, 0),
            Title.SETTLEMENT: (60, 25, 15),
            Title.EU_FREEDOM: (45, 30, 25),
            Title.BLUE_CARD: (0, 30, 70),
        }.get(Title(title), (50, 20, 30))
        return weighted(self.rng, options, weights)

    # -- the case --------------------------------------------------------------------------

    def _case_history(self, opened: dt.date) -> CaseHistory:
        """Walks a case through its statuses from the intake up to today."""
        rng = self.rng
        today = self.today
        changes: list[tuple[str, str, str, dt.date]] = [("", Status.INTAKE, "", opened)]
        status: str = Status.INTAKE
        on, reopened = opened, False

        def move(to: str, day: dt.date, reason: str = "") -> None:
            nonlocal status, on
            changes.append((status, to, reason, day))
            status, on = to, day

        while True:
            if status == Status.INTAKE:
                nxt = on + _days(randint(rng, 14, 120))
                if nxt > today:
                    break
                if rng.random() < 0.06:
                    early = (Reason.NO_CONTACT, Reason.DECLINED, Reason.MOVED_AWAY)
                    move(Status.CLOSED, nxt, weighted(rng, early, (5, 3, 2)))
                else:
                    move(Status.ACTIVE, nxt)
            elif status == Status.ACTIVE:
                nxt = on + _days(60 + int(rng.expovariate(1 / 540)))
                if nxt > today:
                    break
                if rng.random() < 0.5:
                    move(Status.PLACED, nxt)
                else:
                    reasons = (
                        Reason.NO_CONTACT,
                        Reason.MOVED_AWAY,
                        Reason.OTHER_SERVICE,
                        Reason.DECLINED,
                        Reason.LEFT_GERMANY,
                        Reason.OTHER,
                        Reason.DECEASED,
                    )
                    move(Status.CLOSED, nxt, weighted(rng, reasons, (30, 25, 18, 10, 10, 6, 1)))
            elif status == Status.PLACED:
                # Placed during the probation period, then follow-up up to twelve months.
                nxt = on + _days(randint(rng, 60, 180))
                if nxt > today:
                    break
                move(Status.FOLLOW_UP, nxt)
            elif status == Status.FOLLOW_UP:
                nxt = on + _days(randint(rng, 120, 240))
                if nxt > today:
                    break
                draw = rng.random()
                if draw < 0.78:
                    move(Status.CLOSED, nxt, Reason.SUSTAINED_EMPLOYMENT)
                elif draw < 0.95:
                    move(Status.ACTIVE, nxt)  # the job did not last
                else:
                    move(Status.CLOSED, nxt, Reason.MOVED_AWAY)
            else:  # closed: a few come back once
                nxt = on + _days(randint(rng, 90, 720))
                if reopened or nxt > today or rng.random() >= 0.05:
                    break
                reopened = True
                move(Status.ACTIVE, nxt)
        reason = changes[-1][2] if status == Status.CLOSED else ""
        closed_on = on if status == Status.CLOSED else None
        return CaseHistory(status, reason, closed_on, changes)

    def _stamp(self, day: dt.date) -> Any:
        """A time during office hours on `day` (7:00 to 15:30 UTC), ready for the database."""
        return self.timestamp(day, randint(self.rng, 7 * 60, 15 * 60 + 30))

    def _orientation(
        self,
        case_id: int,
        opened: dt.date,
        member: Member,
        members: list[Member],
        minors: list[int],
        german: str,
        spoken: list[tuple[str, str]],
    ) -> None:
        rng = self.rng
        if opened > self.today - _days(60) and rng.random() < 0.5:
            return  # a recent intake: the situation analysis is not done yet
        sex = member.sex
        occupation, schooling, certificate, vocational, higher, work_experience = self._education(
            member
        )

        source, exam = "", ""
        if german:
            german_source = Orientation.GermanSource
            source = weighted(
                rng,
                (german_source.TESTED, german_source.SELF_ASSESSED, german_source.CASEWORKER),
                (40, 40, 20) if german != "A1" else (15, 55, 30),
            )
            if source == german_source.TESTED:
                exam = pick(rng, texts.GERMAN_EXAMS[german])
        caring = member.role in ("head", "spouse") and any(age < 6 for age in minors)
        childcare_needed = caring and (sex == "f" or len(members) == 1 or rng.random() < 0.3)
        licence = Orientation.DrivingLicence
        if sex == "m":
            driving = weighted(
                rng,
                (licence.NONE, licence.B, licence.B_FOREIGN, licence.TRUCK),
                (45, 15, 32, 8) if occupation.title_m != "Lkw-Fahrer" else (0, 10, 30, 60),
            )
        else:
            driving = weighted(rng, (licence.NONE, licence.B, licence.B_FOREIGN), (80, 8, 12))
        other = ", ".join(
            f"{LANGUAGE_NAMES_DE[language]} ({'Muttersprache' if level == 'native' else level})"
            for language, level in spoken[1:]
            if language != "de"
        )
        assessed = min(self.today, opened + _days(randint(rng, 0, 30)))
        self.tables[Orientation].add(
            case_id,
            self._family_situation(member, members, minors),
            childcare_needed,
            pick(rng, texts.CHILDCARE_NOTES) if childcare_needed else "",
            pick(rng, texts.HEALTH_LIMITATIONS) if rng.random() < 0.08 else "",
            schooling,
            certificate,
            vocational,
            higher,
            work_experience,
            None,  # the occupation is coded by hand, not generated
            german,
            source,
            exam,
            other,
            driving,
            f"{pick(rng, texts.GOALS)} Ziel: {occupation.target}.",
            " ".join(sample(rng, texts.OBSTACLES, randint(rng, 0, 2))),
            self.date(assessed),
            self._stamp(assessed),
        )

    def _education(self, member: Member) -> tuple[texts.Occupation, int, str, str, str, str]:
        """The occupation learnt or practised, schooling, training and work experience."""
        rng = self.rng
        sex = member.sex
        weights = self.occupation_weights_m if sex == "m" else self.occupation_weights_f
        if member.age < 21:
            occupation = texts.OCCUPATIONS[-1]
        else:
            occupation = weighted(rng, texts.OCCUPATIONS, weights)
        title = occupation.title_m if sex == "m" else occupation.title_f
        if occupation.skill == 2:
            schooling, certificate = 12, texts.SCHOOL_CERTIFICATES[5][1]
            higher = f"{occupation.training}, Universität im Herkunftsland"
            vocational = ""
        else:
            schooling, certificate = pick(rng, texts.SCHOOL_CERTIFICATES[:5])
            higher = ""
            vocational = occupation.training if occupation.skill == 1 else ""
        years = randint(rng, 1, max(1, min(20, member.age - 17)))
        if occupation.skill == 0 and rng.random() < 0.3:
            work_experience = title
        else:
            work_experience = f"{title}, {years} Jahre"
        return occupation, schooling, certificate, vocational, higher, work_experience

    def _family_situation(self, member: Member, members: list[Member], minors: list[int]) -> str:
        roles = {m.role for m in members}
        if member.role == "child":
            return "Lebt mit den Eltern im gemeinsamen Haushalt."
        if member.role == "sibling" or (member.role == "head" and "sibling" in roles):
            return "Ledig, lebt mit einem Geschwister zusammen."
        if "spouse" in roles:
            text = "Verheiratet, Ehepartner ebenfalls in Beratung."
        elif "child" in roles or minors:
            text = "Alleinerziehend."
        elif self.rng.random() < 0.25:
            text = "Verheiratet; Ehepartner lebt noch im Herkunftsland, Familiennachzug beantragt."
        else:
            text = "Ledig, lebt allein."
        if minors:
            ages = ", ".join(str(a) for a in minors)
            text += f" {len(minors)} Kind(er) unter 16 im Haushalt (Alter: {ages})."
        return text

    def _notes(
        self,
        case_id: int,
        opened: dt.date,
        caseworker_id: int,
        native: str,
        german: str,
        history: CaseHistory,
    ) -> None:
        rng = self.rng
        end = history.closed_on or self.today
        open_case = history.status != Status.CLOSED
        span = max(0, (end - opened).days)
        count = max(1, min(8, 1 + int(span / rng.uniform(200, 500))))
        dates = sorted(opened + _days(randint(rng, 0, span)) for _ in range(count))
        dates[0] = opened
        if open_case and len(dates) > 1:  # open cases were seen recently
            dates[-1] = max(dates[-2], self.today - _days(randint(rng, 0, 60)))
        interpreter_language = native if native in INTERPRETED_LANGUAGES else ""
        needs_interpreter = german in ("", "A1", "A2") and bool(interpreter_language)
        channel = Note.Channel
        for index, day in enumerate(dates):
            phase = self._phase(history.status_on(day), index)
            interpreter = needs_interpreter and rng.random() < 0.65
            sentences = texts.NOTE_SENTENCES[phase]
            summary = " ".join(sample(rng, sentences, min(len(sentences), randint(rng, 1, 3))))
            note_id = self.tables[Note].add(
                case_id,
                self.date(day),
                weighted(
                    rng,
                    (channel.IN_PERSON, channel.PHONE, channel.VIDEO, channel.HOME_VISIT),
                    (62, 25, 6, 7),
                ),
                interpreter,
                interpreter_language if interpreter else "",
                ", ".join(texts.NOTE_TOPICS[phase][: randint(rng, 1, 2)]),
                summary,
                caseworker_id,
                self._stamp(day),
            )
            last = index == len(dates) - 1
            pending = last and open_case  # the open case's current next step
            if not pending and rng.random() < 0.5:
                continue
            due = day + _days(randint(rng, 7, 42))
            done: dt.date | None = None
            if pending:  # some overdue, some due within two weeks, the rest later
                offset = weighted(rng, ((-30, -1), (0, 14), (15, 60)), (25, 35, 40))
                due = max(day + _days(1), self.today + _days(randint(rng, *offset)))
            else:
                done = max(day, min(end, due + _days(randint(rng, -5, 10))))
            self.tables[NextStep].add(
                case_id,
                note_id,
                pick(rng, texts.NEXT_STEPS[phase]),
                self.date(due),
                caseworker_id,
                self.date(done),
            )

    def _phase(self, status: str, index: int) -> str:
        if index == 0 or status == Status.INTAKE:
            return "intake"
        if status == Status.PLACED:
            return "job"
        if status == Status.FOLLOW_UP:
            return "follow_up"
        return weighted(
            self.rng,
            ("language", "recognition", "job", "residence", "family"),
            (35, 12, 25, 14, 14),
        )

    def _consents(
        self,
        person_id: int,
        opened: dt.date,
        legal_domain: str,
        caseworker_id: int,
        history: CaseHistory,
        titles: list[TitleRow],
    ) -> None:
        rng = self.rng
        end = history.closed_on or self.today
        purpose = Consent.Purpose
        basis = Consent.LegalBasis
        partners = self.partner_ids
        wanted: list[tuple[str, int, str, dt.date]] = []
        if history.status != Status.INTAKE or rng.random() < 0.5:
            if rng.random() < 0.75:
                provider = pick(rng, partners[Organisation.Kind.COURSE_PROVIDER])
                wanted.append((purpose.COURSE_REFERRAL, provider, basis.CONSENT, opened))
            if rng.random() < 0.4 or titles[-1][0] in (Title.DULDUNG, Title.GESTATTUNG):
                office = partners[Organisation.Kind.IMMIGRATION_OFFICE][0]
                wanted.append((purpose.IMMIGRATION_OFFICE, office, basis.CONSENT, opened))
            if legal_domain == Case.LegalDomain.SGB_II and rng.random() < 0.5:
                job_centre = partners[Organisation.Kind.JOB_CENTRE][0]
                wanted.append((purpose.OTHER, job_centre, basis.SGB_X_69, opened))
            if rng.random() < 0.15:
                charity = pick(rng, partners[Organisation.Kind.CHARITY])
                wanted.append((purpose.COUNSELLING, charity, basis.CONSENT, opened))
        placed = [on for _, to, _, on in history.changes if to == Status.PLACED]
        if placed and rng.random() < 0.9:  # proposed to the employer before the start
            employer = pick(rng, partners[Organisation.Kind.EMPLOYER])
            on = max(opened, placed[0] - _days(randint(rng, 14, 90)))
            wanted.append((purpose.JOB_PLACEMENT, employer, basis.CONSENT, on))
        for purpose_value, recipient, legal_basis, given in wanted:
            given_on = min(self.today, given + _days(randint(rng, 0, 14)))
            withdrawn = None
            if rng.random() < 0.04 and given_on < end:
                withdrawn = given_on + _days(randint(rng, 1, max(1, (end - given_on).days)))
            self.tables[Consent].add(
                person_id,
                purpose_value,
                texts.CONSENT_SCOPES[purpose_value],
                recipient,
                legal_basis,
                self.date(given_on),
                self.date(withdrawn),
                caseworker_id,
                self._stamp(given_on),
            )

    def _household(self, members: list[Member]) -> None:
        """Links in both directions: spouses, parents and their children, siblings."""
        links: list[tuple[Member, Member, str]] = []
        head = members[0]
        parents = [m for m in members if m.role in ("head", "spouse")]
        children = [m for m in members if m.role == "child"]
        for member in members[1:]:
            if member.role == "spouse":
                links += [(head, member, Relation.SPOUSE), (member, head, Relation.SPOUSE)]
            elif member.role == "sibling":
                links += [(head, member, Relation.SIBLING), (member, head, Relation.SIBLING)]
        for child in children:
            for parent in parents:
                links += [(parent, child, Relation.CHILD), (child, parent, Relation.PARENT)]
            links += [(child, other, Relation.SIBLING) for other in children if other is not child]
        table = self.tables[HouseholdLink]
        for person, relative, relation in links:
            table.add(person.person_id, relative.person_id, relation)


@functools.cache
def _ascii_lower(text: str) -> str:
    return "".join(c for c in without_diacritics(text).lower() if c.isascii() and c.isalnum())


def _email_local(given: str, family: str) -> str:
    return f"{_ascii_lower(given.split(' ')[0])}.{_ascii_lower(family)}"


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


@contextlib.contextmanager
def _name_key_index_deferred(enabled: bool) -> Iterator[None]:
    """Bulk loading: drop the unique (key, person) index of the name keys and build it once at
    the end, instead of inserting millions of random keys into it one by one."""
    if not enabled or connection.vendor not in ("sqlite", "postgresql"):
        yield
        return
    table = NameKey._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP INDEX IF EXISTS name_key_unique")
        else:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS name_key_unique")
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"CREATE UNIQUE INDEX name_key_unique ON {table} (key, person_id)")
        else:
            # Deferred foreign-key checks must run before the table can be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
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
) -> GenerationResult:
    """Create `persons` synthetic persons with cases; one transaction, one audit entry."""
    if persons < 0:
        raise ValueError("The number of persons cannot be negative.")
    started = time.perf_counter()
    today = today or timezone.localdate()
    with transaction.atomic(), acting_as(None):
        municipalities_before = Municipality.objects.count()
        with accounts_in_one_entry():  # the run's own entry names accounts.user
            accounts = ensure_demo_accounts()
        generator = Generator(seed=seed, today=today, accounts=accounts)
        counts: dict[str, int] = {}
        new_municipalities = Municipality.objects.count() - municipalities_before
        if new_municipalities:
            counts["core.municipality"] = new_municipalities
        done = 0
        with _name_key_index_deferred(persons >= DEFER_INDEX_FROM):
            while done < persons:
                families = 0
                while done < persons and families < FAMILIES_PER_BATCH:
                    done += generator.family(persons - done)
                    families += 1
                generator.flush()
                if progress is not None:
                    progress(done, persons)
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
