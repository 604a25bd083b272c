"""The bridge between person records and the identity library: index keys and candidates."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from wegweiser.identity.dates import BirthDate, DatePrecision
from wegweiser.identity.keys import SOUND_KINDS, lookup_keys, name_keys, person_keys
from wegweiser.identity.reconciliation import date_keys, query_date_keys
from wegweiser.identity.scorer import (
    MatchResult,
    NameSpelling,
    PersonRecord,
    compare_many,
    prior_for_registry,
)

from .models import NameKey, Person

MAX_CANDIDATES = 100  # taken from the key hits
MAX_SCORED = 25  # of those, the best by key hits and birth year go to the scorer
PER_KEY_LIMIT = 400  # persons fetched per key: bounds the cost of very common names
POSTINGS_PER_QUERY = 100  # keys per query (SQLite allows 500 SELECTs in one compound)
YEAR_SEPARATOR = "@"


def with_birth_year(keys: Iterable[str], year: int | None) -> frozenset[str]:
    """The keys, and each again qualified by the birth year (``p:ahmadi@1988``).

    A common name has a long posting list; qualified by the year it stays short, so a query
    with a date of birth reaches the right person among thousands of namesakes."""
    keys = frozenset(keys)
    if year is None:
        return keys
    # The sound keys (c:, cl:) stay unqualified: they are looked up together in one query.
    return keys | {
        f"{key[:58]}{YEAR_SEPARATOR}{year}" for key in keys if not key.startswith(SOUND_KINDS)
    }


def birth_date_of(person: Person) -> BirthDate | None:
    if person.date_of_birth is None:
        return None
    return BirthDate(
        person.date_of_birth, DatePrecision(person.dob_precision), person.dob_placeholder
    )


def record_of(person: Person, spellings: Iterable[tuple[str, str]] = ()) -> PersonRecord:
    others = []
    if person.given_names_original or person.family_name_original:
        others.append(NameSpelling(person.given_names_original, person.family_name_original))
    others.extend(NameSpelling(given, family) for given, family in spellings)
    return PersonRecord(
        given_names=person.given_names_latin,
        family_name=person.family_name_latin,
        other_spellings=tuple(others),
        birth_date=birth_date_of(person),
        nationalities=tuple(str(getattr(c, "code", c)) for c in person.nationalities),
        place_of_birth=person.place_of_birth,
    )


def keys_of_names(spellings: Iterable[tuple[str, str]]) -> frozenset[str]:
    """Index keys of every (given names, family name) spelling of one person."""
    pairs = [(given, family) for given, family in spellings if given or family]
    if not pairs:
        return frozenset()
    (given, family), *rest = pairs
    return person_keys(PersonRecord(given, family, tuple(NameSpelling(g, f) for g, f in rest)))


def keys_for(person: Person) -> frozenset[str]:
    spellings = person.spellings.values_list("given_names", "family_name") if person.pk else []
    names = keys_of_names(
        [
            (person.given_names_latin, person.family_name_latin),
            (person.given_names_original, person.family_name_original),
            *spellings,
        ]
    )
    return stored_keys(
        names, person.date_of_birth, str(person.dob_precision), bool(person.dob_placeholder)
    )


def stored_keys(
    names: frozenset[str], date_of_birth: dt.date | None, precision: str, placeholder: bool
) -> frozenset[str]:
    """The name keys, qualified by the birth year, and the date-of-birth keys of a person."""
    keys = with_birth_year(names, birth_year(date_of_birth, precision))
    if date_of_birth is None:
        return keys
    birth = BirthDate(date_of_birth, DatePrecision(precision), placeholder)
    # Only the full date: the database looks persons up by the day (see candidate_hits).
    return keys | frozenset(key for key in date_keys(birth) if key.startswith("d:"))


def birth_year(date_of_birth: dt.date | None, precision: str = "exact") -> int | None:
    return date_of_birth.year if date_of_birth and precision != "unknown" else None


def refresh_name_keys(person: Person) -> None:
    """Rebuild the person's keys; called by the person services inside their transaction."""
    wanted = keys_for(person)
    existing = set(person.name_keys.values_list("key", flat=True))
    person.name_keys.filter(key__in=existing - wanted).delete()
    NameKey.objects.bulk_create([NameKey(person=person, key=k) for k in wanted - existing])


@dataclass(frozen=True)
class Candidate:
    person: Person
    result: MatchResult


def query_record(
    *,
    given_names: str = "",
    family_name: str = "",
    given_names_original: str = "",
    family_name_original: str = "",
    date_of_birth: dt.date | None = None,
    dob_precision: str = "exact",
    dob_placeholder: bool = False,
) -> PersonRecord:
    """What a caseworker typed, in one or two scripts, as a record for the scorer."""
    birth = (
        BirthDate(date_of_birth, DatePrecision(dob_precision), dob_placeholder)
        if date_of_birth
        else None
    )
    others: tuple[NameSpelling, ...] = ()
    if given_names_original or family_name_original:
        others = (NameSpelling(given_names_original, family_name_original),)
    if not (given_names or family_name) and others:
        given_names, family_name, others = given_names_original, family_name_original, ()
    return PersonRecord(
        given_names=given_names,
        family_name=family_name,
        other_spellings=others,
        birth_date=birth,
    )


DATE_WEIGHT = 6  # the same date of birth (or day and month swapped): rare, worth scoring


def candidate_hits(
    keys: Iterable[str], year: int | None = None, birth: BirthDate | None = None
) -> Counter[int]:
    """Persons sharing keys with the query, weighted: the selective kinds count more.

    With a birth year, the year-qualified keys of that year and its neighbours come first;
    they reach namesakes of a common name that a capped plain posting list would miss. With a
    full date of birth, persons born that day (or with day and month swapped) are candidates
    even when both names are spelled differently."""
    # The same visiting order in every process (sets follow the hash seed). A Cyrillic name's
    # sound key is looked up among the Latin ones and back (lookup_keys); they go in one query.
    looked_up = lookup_keys(keys)
    sound = sorted(key for key in looked_up if key.startswith(SOUND_KINDS))
    keys = sorted(key for key in looked_up if not key.startswith(SOUND_KINDS))
    hits: Counter[int] = Counter()
    strong = sorted(key for key, exact in query_date_keys(birth) if exact)
    if strong:
        rows = NameKey.objects.filter(key__in=strong).values_list("person_id", flat=True)
        for person_id in rows[:PER_KEY_LIMIT]:
            hits[person_id] += DATE_WEIGHT
    if year is not None:
        for offset in (0, -1, 1):
            qualified = [f"{key[:58]}{YEAR_SEPARATOR}{year + offset}" for key in keys]
            rows = NameKey.objects.filter(key__in=qualified).values_list("person_id", flat=True)
            for person_id in rows[: PER_KEY_LIMIT * 4]:
                hits[person_id] += 2 if offset == 0 else 1
    if len(hits) >= MAX_SCORED:
        # Enough namesakes of the right age: the plain keys of the common kinds add cost, not
        # candidates; the selective kinds still catch a wrongly registered birth year. The
        # sound keys of a common name reach many persons, so they go too.
        keys = [key for key in keys if key.startswith(("ps:", "o:"))]
        sound = []
    for key, person_id in postings(keys, PER_KEY_LIMIT):
        hits[person_id] += 3 if key.startswith(("ps:", "o:")) else 1
    if sound:
        heard = NameKey.objects.filter(key__in=sound).order_by("key", "person_id")
        for person_id in heard.values_list("person_id", flat=True)[:PER_KEY_LIMIT]:
            hits[person_id] += 3
    return hits


def postings(keys: Iterable[str], limit: int) -> list[tuple[str, int]]:
    """(key, person id) for each of the keys and at most `limit` persons a key, the lowest
    ids (the order of the index on key and person), in one query instead of one per key.

    One limited index range per key, joined by UNION ALL: each stops after `limit` entries of
    the index, where a window over all keys (ROW_NUMBER per key) read and sorted every entry
    of a common name first (19,000 for "Mohamad Al-Hamawi", 59 ms against 8 on PostgreSQL)."""
    keys = sorted(set(keys))
    found: list[tuple[str, int]] = []
    quote = connection.ops.quote_name
    table, key_, person = (quote(NameKey._meta.db_table), quote("key"), quote("person_id"))
    for start in range(0, len(keys), POSTINGS_PER_QUERY):
        chunk = keys[start : start + POSTINGS_PER_QUERY]
        # Each limited SELECT in a subquery of its own: SQLite allows LIMIT only there.
        sql = " UNION ALL ".join(
            f"SELECT * FROM (SELECT {key_}, {person} FROM {table} "  # noqa: S608
            f"WHERE {key_} = %s ORDER BY {person} LIMIT %s) AS k{i}"
            for i in range(len(chunk))
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [value for key in chunk for value in (key, limit)])
            found.extend((key, int(person_id)) for key, person_id in cursor.fetchall())
    return found


def candidate_ids(keys: Iterable[str], birth: BirthDate | None = None) -> list[int]:
    """Persons sharing the most keys (and the date of birth) with the query."""
    year = birth.value.year if birth is not None and birth.known and birth.value else None
    hits = candidate_hits(keys, year, birth)
    ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
    return [person_id for person_id, _ in ranked[:MAX_CANDIDATES]]


def shortlist_ids(
    births: Iterable[tuple[int, dt.date | None]], hits: Counter[int], query: PersonRecord
) -> list[int]:
    """The candidates worth the scorer's time, from (person id, date of birth) pairs: most key
    hits, a fitting birth year first."""
    year = query.birth_date.value.year if query.birth_date and query.birth_date.value else None

    def cheap(row: tuple[int, dt.date | None]) -> int:
        pk, born = row
        fits = year is None or born is None or abs(born.year - year) <= 1
        return hits[pk] + (6 if fits else 0)

    return [pk for pk, _born in sorted(births, key=cheap, reverse=True)[:MAX_SCORED]]


def find_candidates(
    *,
    persons: Iterable[Person],
    query: PersonRecord,
    registry_size: int,
) -> list[Candidate]:
    """Score the candidates against the query, best first (namesakes among them counted)."""
    persons = list(persons)
    prior = prior_for_registry(max(registry_size, 1))
    results = compare_many(query, [record_of(person) for person in persons], prior=prior)
    scored = [Candidate(person, result) for person, result in zip(persons, results, strict=True)]
    scored.sort(key=lambda c: c.result.probability, reverse=True)
    return scored


def query_keys(record: PersonRecord) -> frozenset[str]:
    keys: set[str] = set()
    for spelling in record.spellings:
        keys |= name_keys(f"{spelling.given_names} {spelling.family_name}".strip())
    return frozenset(keys)
