"""List reconciliation: which rows of a partner's list are persons already known?

Pure Python: reads rows (dicts) in any column order, reports bad rows by number and column
without stopping, and links the good ones against a register through the index keys and the
scorer. The Django side supplies the register (a CSV or the database) and writes the output.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from wegweiser.identity.analysis import analyse_name
from wegweiser.identity.dates import BirthDate, parse_date
from wegweiser.identity.keys import SOUND_KINDS, lookup_keys, person_keys
from wegweiser.identity.scorer import (
    MATCH_THRESHOLD,
    PersonRecord,
    compare_many,
    compare_name_strings,
    compare_persons,
    prior_for_registry,
)

ENCODINGS = ("utf-8-sig", "cp1252")
QUERY_COLUMNS = ("query_id", "given_name", "family_name")
REGISTRY_COLUMNS = ("id", "given_name", "family_name")
PAIR_COLUMNS = ("pair_id", "name1", "name2")
MAX_CANDIDATES = 60


@dataclass(frozen=True)
class RowProblem:
    """A bad row. `message` is the English text; `code` and `params` let the Django side say
    it in the user's language (wegweiser.people.list_messages)."""

    row: int  # 1-based line number in the file, the header being line 1
    column: str
    message: str
    code: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        where = f"row {self.row}, column {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class Table:
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    encoding: str = "utf-8"


class FileProblem(ValueError):
    """The file as a whole cannot be read (no header, required columns missing)."""

    def __init__(self, message: str, *, code: str = "", **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


def read_rows(rows: Iterable[Sequence[object]], required: Sequence[str]) -> Table:
    iterator: Iterator[Sequence[object]] = iter(rows)
    try:
        header = [str(h or "").strip().lower() for h in next(iterator)]
    except StopIteration as error:
        raise FileProblem("The file is empty.", code="empty") from error
    missing = [name for name in required if name not in header]
    if missing:
        raise FileProblem(
            f"Required columns missing: {', '.join(missing)}.",
            code="columns_missing",
            columns=", ".join(missing),
        )
    table = Table()
    for number, values in enumerate(iterator, start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        table.rows.append((number, dict(zip(header, cells, strict=False))))
    return table


@dataclass(frozen=True)
class Entry:
    ident: str
    record: PersonRecord


def entries(table: Table, id_column: str) -> tuple[list[Entry], list[RowProblem]]:
    """Person records of the good rows; every bad row named with its column."""
    good: list[Entry] = []
    problems: list[RowProblem] = list(table.problems)
    seen: Counter[str] = Counter()
    for number, row in table.rows:
        ident = row.get(id_column, "")
        given, family = row.get("given_name", ""), row.get("family_name", "")
        if not ident:
            problems.append(RowProblem(number, id_column, "empty id", "empty_id"))
            continue
        seen[ident] += 1
        if seen[ident] > 1:
            problems.append(
                RowProblem(
                    number, id_column, f"id {ident} appears twice", "duplicate_id", (("id", ident),)
                )
            )
            continue
        if not (given or family):
            problems.append(RowProblem(number, "given_name", "no name given", "no_name"))
            continue
        try:
            born = parse_date(row.get("date_of_birth", ""))
        except ValueError:
            value = row.get("date_of_birth", "")
            problems.append(
                RowProblem(
                    number,
                    "date_of_birth",
                    f"'{value}' is not a date (YYYY-MM-DD)",
                    "not_a_date",
                    (("value", value),),
                )
            )
            continue
        nationality = row.get("nationality", "").upper()
        record = PersonRecord(
            given_names=given,
            family_name=family,
            birth_date=BirthDate(born) if born else None,
            nationalities=(nationality,) if nationality else (),
        )
        good.append(Entry(ident, record))
    return good, problems


@dataclass(frozen=True)
class Link:
    query_id: str
    rank: int
    registry_id: str
    score: float


class Register:
    """A searchable register: index keys to ids, dates of birth to ids, and the records."""

    def __init__(self, records: Iterable[Entry]) -> None:
        self.records: dict[str, PersonRecord] = {}
        self.index: dict[str, list[str]] = defaultdict(list)
        self.dates: dict[str, list[str]] = defaultdict(list)
        self._plain_names: dict[str, str] = {}
        for entry in records:
            self.records[entry.ident] = entry.record
            for key in person_keys(entry.record):
                self.index[key].append(entry.ident)
            for key in date_keys(entry.record.birth_date):
                self.dates[key].append(entry.ident)

    def candidates(self, record: PersonRecord) -> list[str]:
        """The register ids worth scoring, the same in every process.

        Persons sharing name keys, and persons sharing the date of birth: an exact date (or
        day and month swapped) is rare among thousands, so such persons are scored even when
        both names are spelled differently; where one side has the 1 January placeholder,
        persons of that year are added when there are not too many. Keys are visited in
        sorted order and ties are broken by id, so the result does not depend on the
        iteration order of sets (which changes with PYTHONHASHSEED)."""
        hits: Counter[str] = Counter()
        for key in sorted(lookup_keys(person_keys(record))):
            posting = self.index.get(key, ())
            if len(posting) > 2000:  # too common to tell anything alone
                continue
            weight = 3 if key.startswith(("ps:", "o:", *SOUND_KINDS)) else 1
            for ident in posting:
                hits[ident] += weight
        chosen = top_by_hits(hits, MAX_CANDIDATES)
        seen = set(chosen)
        by_date: list[str] = []
        same_year: list[tuple[float, str]] = []
        typed = ""
        for key, strong in query_date_keys(record.birth_date):
            posting = self.dates.get(key, ())
            if len(posting) > (MAX_DATE_POSTING if strong else MAX_YEAR_POSTING):
                continue
            for ident in posting:
                if ident in seen:
                    continue
                seen.add(ident)
                if strong:  # the same date, or day and month swapped: few persons share it
                    by_date.append(ident)
                    continue
                typed = typed or plain_name(record)
                likeness = fuzz.token_sort_ratio(typed, self._plain(ident))
                same_year.append((-(hits.get(ident, 0) * 100 + likeness), ident))
        same_year.sort()
        return chosen + sorted(by_date) + [i for _, i in same_year[:MAX_SAME_YEAR_CANDIDATES]]

    def _plain(self, ident: str) -> str:
        plain = self._plain_names.get(ident)
        if plain is None:
            plain = self._plain_names[ident] = plain_name(self.records[ident])
        return plain


def plain_name(record: PersonRecord) -> str:
    """One Latin reading of a record's names, lower case: for a cheap likeness only."""
    words = []
    for spelling in record.spellings[:1]:
        for text in (spelling.given_names, spelling.family_name):
            for part in analyse_name(text).parts:
                words.append(min(part.folds) if part.folds else part.source.core.lower())
    return " ".join(words)


MAX_SAME_YEAR_CANDIDATES = 20  # persons added for a placeholder year, by name likeness
MAX_DATE_POSTING = 400  # a date shared by more persons says too little to retrieve by
MAX_YEAR_POSTING = 5000  # persons of one year compared by a cheap likeness of the names


def date_keys(birth: BirthDate | None) -> list[str]:
    """What a register person's date of birth is found by: the date and its year (``a:``), or
    the placeholder year (``y:``)."""
    if birth is None or not birth.known or birth.value is None:
        return []
    if birth.is_placeholder:
        return [f"y:{birth.value.year}"]
    if birth.full:
        return [f"d:{birth.value.isoformat()}", f"a:{birth.value.year}"]
    return []


def query_date_keys(birth: BirthDate | None) -> list[tuple[str, bool]]:
    """Date keys a query looks up, with their strength: the exact date, day and month
    swapped, and the placeholder year on either side."""
    if birth is None or not birth.known or birth.value is None:
        return []
    value = birth.value
    if birth.is_placeholder:  # a placeholder on this side: anyone born that year
        return [(f"y:{value.year}", False), (f"a:{value.year}", False)]
    if not birth.full:
        return []
    keys = [(f"d:{value.isoformat()}", True), (f"y:{value.year}", False)]
    if value.day <= 12 and value.day != value.month:
        swapped = dt.date(value.year, value.day, value.month)
        keys.append((f"d:{swapped.isoformat()}", True))
    return keys


def top_by_hits(hits: Counter[str], limit: int) -> list[str]:
    """The ``limit`` ids with most hits; among equal hits the smaller id first."""
    return [ident for ident, _ in sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]


def link(queries: Sequence[Entry], register: Register, top: int = 10) -> list[Link]:
    """For each query the best `top` register ids with the calibrated match probability
    (:attr:`~wegweiser.identity.scorer.MatchResult.calibrated`, as the intake search shows
    it: namesakes among the candidates share the name's evidence)."""
    prior = prior_for_registry(max(len(register.records), 1))
    links: list[Link] = []
    for query in queries:
        ids = register.candidates(query.record)
        results = compare_many(query.record, [register.records[i] for i in ids], prior=prior)
        scored = sorted(
            zip(results, ids, strict=True), key=lambda item: (-item[0].probability, item[1])
        )
        for rank, (result, ident) in enumerate(scored[:top], start=1):
            links.append(Link(query.ident, rank, ident, result.calibrated))
    return links


@dataclass(frozen=True)
class PairScore:
    pair_id: str
    score: float

    @property
    def match(self) -> bool:
        return self.score >= MATCH_THRESHOLD


def compare_pairs(table: Table) -> tuple[list[PairScore], list[RowProblem]]:
    """Score name pairs; with both dates of birth the dates count too."""
    results: list[PairScore] = []
    problems: list[RowProblem] = list(table.problems)
    for number, row in table.rows:
        pair_id, name1, name2 = row.get("pair_id", ""), row.get("name1", ""), row.get("name2", "")
        if not pair_id:
            problems.append(RowProblem(number, "pair_id", "empty id", "empty_id"))
            continue
        empty = "name1" if not name1 else "name2" if not name2 else ""
        if empty:
            problems.append(RowProblem(number, empty, "no name given", "no_name"))
            continue
        try:
            dob1, dob2 = parse_date(row.get("dob1", "")), parse_date(row.get("dob2", ""))
        except ValueError:
            problems.append(
                RowProblem(number, "dob1/dob2", "not a date (YYYY-MM-DD)", "dates_invalid")
            )
            continue
        if dob1 and dob2:
            result = compare_persons(
                PersonRecord(name1, "", birth_date=BirthDate(dob1)),
                PersonRecord(name2, "", birth_date=BirthDate(dob2)),
                prior=0.5,
            )
        else:
            result = compare_name_strings(name1, name2)
        results.append(PairScore(pair_id, result.probability))
    return results, problems
