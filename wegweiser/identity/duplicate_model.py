"""Duplicate detection over a whole register with Splink (Fellegi-Sunter, trained by EM).

Each person becomes one row of comparison columns built with this library: for the given
names and the family name separately, the folded spellings and original-script forms
(``*_fold``), those plus phonetic keys and variant groups (``*_var``) and the consonant
skeletons (``*_skel``) of every name part in every spelling; a canonical Latin rendering
(``*_canon``) for string similarity; the date of birth split by what is really known
(``dob_full`` only for a real day, ``dob_month`` only where the month is real, so a
placeholder 01.01. agrees on the year only); nationalities; place of birth; sex.

Splink then compares the rows of candidate pairs found by the blocking rules (shared name
pair keys and birth year, or the same full date of birth and one agreeing name), with
comparison levels that follow :mod:`wegweiser.identity.dates` and the name levels of the
scorer. ``u`` is estimated by random sampling, ``m`` by expectation maximisation on two
blocked samples (one on the name anchor, one on the full date of birth), so no labels are
needed. The settings are a plain dictionary of SQL snippets: the same model runs on
Spark (``SparkAPI``) for a state or the whole country.

No Django here: :func:`comparison_row` takes a :class:`~wegweiser.identity.scorer.PersonRecord`.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import math
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from wegweiser.identity.analysis import PartKeys, analyse_name
from wegweiser.identity.keys import MAX_KEY_LENGTH
from wegweiser.identity.scorer import PersonRecord

logger = logging.getLogger(__name__)

__all__ = [
    "BACKENDS",
    "COMPARISON_LEVELS",
    "DEFAULT_THRESHOLD",
    "LinkageResult",
    "PredictedPair",
    "build_settings",
    "comparison_row",
    "comparison_table",
    "find_duplicates",
    "spark_session",
]

DEFAULT_THRESHOLD = 0.5
"""Match probability from which a pair goes to the review queue."""

DUCKDB_THREADS: int | None = None
"""Threads for DuckDB (None: as many as cores)."""

FETCH_BATCH = 50_000
"""Predicted pairs read from the engine at a time."""

EXPECTED_DUPLICATE_SHARE = 0.02
"""Share of persons registered twice that the prior assumes (our choice; EM refines m, u)."""


# --- comparison columns ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _FieldKeys:
    """The comparison keys of one name field as written (cached: names repeat a lot)."""

    fold: frozenset[int]
    var: frozenset[int]
    skel: frozenset[int]
    first_var: frozenset[int]  # of the first part only: the given name people are called by
    anchors: tuple[tuple[str, ...], ...]  # per part: the keys pair keys are built from
    first_anchor: str | None
    canon: str | None
    loose: tuple[tuple[str, ...], ...] = ()  # per part: loose keys for blocking (see below)


def _part_anchor_keys(part: PartKeys) -> tuple[str, ...]:
    """As :mod:`wegweiser.identity.keys` builds pair keys: the groups, else the skeletons."""
    if part.groups:
        return tuple(f"g:{group}" for group in sorted(part.groups))
    return tuple(f"s:{s}" for s in sorted(part.skeletons) if len(s) >= 2)


def _anchor(part: PartKeys) -> str | None:
    """One stable key of a name part that its spellings in every script share."""
    keys = _part_anchor_keys(part)
    if keys:
        return keys[0]
    return f"f:{min(part.folds)}" if part.folds else None


def _loose_part_keys(part: PartKeys) -> tuple[str, ...]:
    """Coarse keys of a name part for blocking only: the first two and the last two
    consonants of each skeleton. A Latin spelling and the Arabic-script form of a name often
    differ in one consonant (Hartwig HRTWG, هارتفيغ HRTFG) or in a letter the Arabic analysis
    reads as an article; they still share one end."""
    keys: set[str] = set()
    for skeleton in part.skeletons:
        if len(skeleton) >= 2:
            keys.add(f"b:{skeleton[:2]}")
            keys.add(f"e:{skeleton[-2:]}")
        elif skeleton:
            keys.add(f"1:{skeleton}")
    if not keys and part.folds:
        keys.add(f"v:{min(part.folds)[:3]}")
    return tuple(sorted(keys))


@functools.lru_cache(maxsize=500_000)
def key_hash(key: str) -> int:
    """A stable signed 64-bit hash of a key: list comparisons on integers are much faster
    in the database than on strings, and a collision costs at most one extra candidate."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


@functools.lru_cache(maxsize=300_000)
def _field_keys(text: str) -> _FieldKeys:
    analysis = analyse_name(text)
    fold: set[str] = set()
    var: set[str] = set()
    skel: set[str] = set()
    for part in analysis.parts:
        folds = {f"f:{value}" for value in part.folds}
        if part.original:
            folds.add(f"o:{part.original}")
        fold |= folds
        var |= folds
        var.update(f"p:{key}" for key in part.phonetic)
        var.update(f"g:{group}" for group in part.groups)
        skel.update(f"s:{key}" for key in part.skeletons if len(key) >= 2)
    words = [min(part.folds) for part in analysis.parts if part.folds]
    first: set[str] = set()
    if analysis.parts:
        head = analysis.parts[0]
        first = {f"f:{value}" for value in head.folds} | {f"p:{k}" for k in head.phonetic}
        first |= {f"g:{group}" for group in head.groups}
        if head.original:
            first.add(f"o:{head.original}")
    return _FieldKeys(
        fold=frozenset(map(key_hash, fold)),
        var=frozenset(map(key_hash, var)),
        skel=frozenset(map(key_hash, skel)),
        first_var=frozenset(map(key_hash, first)),
        anchors=tuple(k for part in analysis.parts if (k := _part_anchor_keys(part))),
        first_anchor=_anchor(analysis.parts[0]) if analysis.parts else None,
        canon=" ".join(words) or None,
        loose=tuple(k for part in analysis.parts if (k := _loose_part_keys(part))),
    )


_MAX_PAIR_PARTS = 6


def _pair_keys(anchors: Iterable[tuple[str, ...]]) -> set[str]:
    """``ps:`` keys as :mod:`wegweiser.identity.keys` stores them, from part anchors."""
    unique = sorted(set(anchors))[:_MAX_PAIR_PARTS]
    keys: set[str] = set()
    for first, second in itertools.combinations(unique, 2):
        for a, b in itertools.product(first, second):
            if a != b:
                low, high = sorted((a, b))
                keys.add(f"ps:{low}|{high}"[:MAX_KEY_LENGTH])
    return keys


def _loose_pairs(fields: Iterable[_FieldKeys]) -> tuple[set[str], set[str]]:
    """Loose keys of two name parts together (in any order) and of single parts."""
    parts = sorted({keys for item in fields for keys in item.loose})[:_MAX_PAIR_PARTS]
    pairs: set[str] = set()
    for first, second in itertools.combinations(parts, 2):
        for a, b in itertools.product(first, second):
            if a != b:
                pairs.add("|".join(sorted((a, b))))
    return pairs, {key for keys in parts for key in keys}


def _loose_keys(
    fields: Sequence[_FieldKeys], years: Sequence[int], full: Any
) -> tuple[list[int] | None, list[int] | None, list[int] | None, list[int] | None]:
    """Blocking keys that also meet a spelling in the other script whose consonant
    skeletons differ: (loose name pair @ birth year, to meet a record that knows only the
    year), (for a real date of birth: loose name pair @ the date, @ day and month - a year
    off by one - and one loose name part @ the date - given and family name swapped, a
    married name -, each also with day and month swapped), (loose name pair alone, for
    records without a date of birth), (for a real date of birth: loose name pair @ year and
    month - a day off by one)."""
    pairs, singles = _loose_pairs(fields)
    year_keys = {key_hash(f"{p}@{y}") for p in pairs for y in years}
    date_keys: set[int] = set()
    month_keys: set[int] = set()
    if full is not None:
        month_keys = {key_hash(f"{p}@{full.year}-{full.month}") for p in pairs}
        dates = [full.isoformat()]
        days = [f"{full.month}-{full.day}"]
        if full.day <= 12 and full.day != full.month:
            dates.append(f"{full.year}-{full.day:02d}-{full.month:02d}")
            days.append(f"{full.day}-{full.month}")
        date_keys = {key_hash(f"{k}@{d}") for k in pairs | singles for d in dates}
        date_keys |= {key_hash(f"{p}@{d}") for p in pairs for d in days}
    pair_keys = {key_hash(p) for p in pairs}
    return (
        sorted(year_keys) or None,
        sorted(date_keys) or None,
        sorted(pair_keys) or None,
        sorted(month_keys) or None,
    )


def _union(fields: Sequence[_FieldKeys], name: str) -> list[int] | None:
    values: set[int] = set()
    for item in fields:
        values |= getattr(item, name)
    return sorted(values) or None


def _agrees(a: _FieldKeys, b: _FieldKeys) -> bool:
    return bool(a.var & b.var or a.skel & b.skel)


def _oriented_fields(record: PersonRecord) -> tuple[list[_FieldKeys], list[_FieldKeys]]:
    """The given-name and family-name keys of every spelling, each spelling turned the way
    the first one reads: registers hold spellings with given and family name swapped, and
    uniting those field by field would make every name part agree with both fields."""
    given: list[_FieldKeys] = []
    family: list[_FieldKeys] = []
    for spelling in record.spellings:
        g = _field_keys(spelling.given_names) if spelling.given_names.strip() else None
        f = _field_keys(spelling.family_name) if spelling.family_name.strip() else None
        if given and family and g is not None and f is not None:
            straight = _agrees(g, given[0]) + _agrees(f, family[0])
            swapped = _agrees(g, family[0]) + _agrees(f, given[0])
            if swapped > straight:
                g, f = f, g
        if g is not None:
            given.append(g)
        if f is not None:
            family.append(f)
    return given, family


def comparison_row(unique_id: int, record: PersonRecord, *, sex: str = "") -> dict[str, Any]:
    """The comparison columns of one person (see the module docstring)."""
    given, family = _oriented_fields(record)
    g_anchor = next((g.first_anchor for g in given if g.first_anchor), None)
    f_anchor = next((f.first_anchor for f in family if f.first_anchor), None)
    anchors = sorted(a for a in (g_anchor, f_anchor) if a)
    pair_keys = _pair_keys(a for item in (*given, *family) for a in item.anchors)
    if not pair_keys and anchors:
        pair_keys.add("|".join(anchors))

    birth = record.birth_date
    dob = dob_full = None
    year = month = day = None
    if birth is not None and birth.known and birth.value is not None:
        dob, year = birth.value, birth.value.year
        if birth.has_month:
            month = birth.value.month
        if birth.full:
            dob_full, day = birth.value, birth.value.day
    # Years a duplicate may carry: an estimated or placeholder year is often off by one.
    years = [] if year is None else [year] if dob_full is not None else [year - 1, year, year + 1]
    pair_year_keys = sorted({key_hash(f"{key}@{y}") for key in pair_keys for y in years})
    loose_year_keys, loose_date_keys, loose_pair_keys, loose_month_keys = _loose_keys(
        [*given, *family], years, dob_full
    )
    place = _field_keys(record.place_of_birth) if record.place_of_birth.strip() else None
    nationalities = sorted({c.strip().upper() for c in record.nationalities if c.strip()})
    return {
        "unique_id": unique_id,
        "name_anchor": "|".join(anchors) or None,
        "g_anchor": g_anchor,
        "f_anchor": f_anchor,
        "pair_keys": sorted(pair_keys) or None,
        "pair_year_keys": pair_year_keys or None,
        "loose_year_keys": loose_year_keys,
        "loose_date_keys": loose_date_keys,
        "loose_pair_keys": loose_pair_keys,
        "loose_month_keys": loose_month_keys,
        "g_fold": _union(given, "fold"),
        "g_var": _union(given, "var"),
        "g_skel": _union(given, "skel"),
        "g1_var": _union(given, "first_var"),
        "f_fold": _union(family, "fold"),
        "f_var": _union(family, "var"),
        "f_skel": _union(family, "skel"),
        "name_canon": " ".join(x.canon for x in (*given[:1], *family[:1]) if x.canon) or None,
        "g_canon": given[0].canon if given else None,
        "f_canon": family[0].canon if family else None,
        "dob": dob,
        "dob_full": dob_full,
        "dob_year": year,
        "dob_month": month,
        "dob_day": day,
        "nationalities": nationalities or None,
        "place_fold": sorted(place.fold) or None if place is not None else None,
        "place_canon": place.canon if place is not None else None,
        "sex": sex if sex in ("f", "m") else None,
    }


def comparison_table(rows: Iterable[dict[str, Any]], extra: Sequence[str] = ()) -> Any:
    """The rows as a pyarrow table with a fixed schema (``extra``: further string columns)."""
    import pyarrow as pa

    strings = pa.list_(pa.string())
    hashes = pa.list_(pa.int64())
    schema = pa.schema(
        [
            ("unique_id", pa.int64()),
            ("name_anchor", pa.string()),
            ("g_anchor", pa.string()),
            ("f_anchor", pa.string()),
            ("pair_keys", strings),
            ("pair_year_keys", hashes),
            ("loose_year_keys", hashes),
            ("loose_date_keys", hashes),
            ("loose_pair_keys", hashes),
            ("loose_month_keys", hashes),
            ("g_fold", hashes),
            ("g_var", hashes),
            ("g_skel", hashes),
            ("g1_var", hashes),
            ("f_fold", hashes),
            ("f_var", hashes),
            ("f_skel", hashes),
            ("name_canon", pa.string()),
            ("g_canon", pa.string()),
            ("f_canon", pa.string()),
            ("dob", pa.date32()),
            ("dob_full", pa.date32()),
            ("dob_year", pa.int32()),
            ("dob_month", pa.int32()),
            ("dob_day", pa.int32()),
            ("nationalities", strings),
            ("place_fold", hashes),
            ("place_canon", pa.string()),
            ("sex", pa.string()),
            *[(name, pa.string()) for name in extra],
        ]
    )
    batches = []
    chunk: list[dict[str, Any]] = []
    for row in rows:  # in batches, so a million rows never sit in memory as Python dicts
        chunk.append(row)
        if len(chunk) == 50_000:
            batches.append(pa.RecordBatch.from_pylist(chunk, schema=schema))
            chunk = []
    batches.append(pa.RecordBatch.from_pylist(chunk, schema=schema))
    return pa.Table.from_batches(batches, schema=schema)


# --- the model ---------------------------------------------------------------------------


def _any(column_a: str, column_b: str | None = None) -> str:
    return f"list_has_any({column_a}_l, {column_b or column_a}_r)"


def _jw(column: str, threshold: float) -> str:
    return f"jaro_winkler_similarity({column}_l, {column}_r) >= {threshold}"


def _both_full() -> str:
    return "dob_full_l IS NOT NULL AND dob_full_r IS NOT NULL"


# (output column, [(level code, SQL condition, is null level)]). The level codes are what
# the review page translates; the order is Splink's: the first true condition wins.
COMPARISON_LEVELS: dict[str, list[tuple[str, str, bool]]] = {
    "name": [
        ("missing", "name_anchor_l IS NULL OR name_anchor_r IS NULL", True),
        ("same_spelling", "name_canon_l = name_canon_r", False),
        ("exact", f"{_any('g_fold')} AND {_any('g1_var')} AND {_any('f_fold')}", False),
        ("spelling_variant", f"{_any('g1_var')} AND {_any('f_var')}", False),
        ("swapped", f"{_any('g_var', 'f_var')} AND {_any('f_var', 'g_var')}", False),
        ("consonants", f"{_any('g_skel')} AND {_any('f_skel')}", False),
        (
            "one_similar",
            f"({_any('f_var')} AND {_jw('g_canon', 0.88)}) "
            f"OR ({_any('g_var')} AND {_jw('f_canon', 0.88)})",
            False,
        ),
        ("family_only", f"{_any('f_var')} OR {_any('f_skel')}", False),
        ("given_only", _any("g_var"), False),
        ("different", "ELSE", False),
    ],
    "dob": [
        ("missing", "dob_l IS NULL OR dob_r IS NULL", True),
        ("exact", "dob_full_l = dob_full_r", False),
        (
            "day_month_swapped",
            f"{_both_full()} AND dob_year_l = dob_year_r "
            "AND dob_month_l = dob_day_r AND dob_day_l = dob_month_r",
            False,
        ),
        # A date converted from the Solar Hijri or Hijri calendar is often a day off, and a
        # year off where the conversion or an estimated age missed the new year.
        (
            "year_off_by_one",
            f"{_both_full()} AND dob_month_l = dob_month_r AND dob_day_l = dob_day_r "
            "AND abs(dob_year_l - dob_year_r) = 1",
            False,
        ),
        (
            "day_off_by_one",
            f"{_both_full()} AND dob_year_l = dob_year_r AND dob_month_l = dob_month_r "
            "AND abs(dob_day_l - dob_day_r) = 1",
            False,
        ),
        (
            "one_part_differs",
            f"{_both_full()} AND ("
            "(CAST(dob_year_l = dob_year_r AS INTEGER) + CAST(dob_month_l = dob_month_r AS INTEGER)"
            " + CAST(dob_day_l = dob_day_r AS INTEGER)) = 2)",
            False,
        ),
        (
            "same_month",
            "dob_month_l IS NOT NULL AND dob_month_r IS NOT NULL "
            "AND dob_year_l = dob_year_r AND dob_month_l = dob_month_r",
            False,
        ),
        (
            "placeholder_same_year",
            "(dob_full_l IS NULL OR dob_full_r IS NULL) AND dob_year_l = dob_year_r",
            False,
        ),
        (
            "near_year",
            "(dob_full_l IS NULL OR dob_full_r IS NULL) AND abs(dob_year_l - dob_year_r) = 1",
            False,
        ),
        ("different", "ELSE", False),
    ],
    "nationality": [
        ("missing", "nationalities_l IS NULL OR nationalities_r IS NULL", True),
        ("same", _any("nationalities"), False),
        ("different", "ELSE", False),
    ],
    "place_of_birth": [
        ("missing", "place_fold_l IS NULL OR place_fold_r IS NULL", True),
        ("same_spelling", "place_canon_l = place_canon_r", False),
        ("same", _any("place_fold"), False),
        ("similar", _jw("place_canon", 0.9), False),
        ("different", "ELSE", False),
    ],
    "sex": [
        ("missing", "sex_l IS NULL OR sex_r IS NULL", True),
        ("same", "sex_l = sex_r", False),
        ("different", "ELSE", False),
    ],
}

# Prior m per level: how often a true duplicate lands there. They mirror the scorer's
# hand-set values (wegweiser.identity.scorer.FIELD_LEVELS); EM starts from them and replaces
# them where its estimate is plausible (see _plausible).
M_PRIORS: dict[str, dict[str, float]] = {
    "name": {
        "same_spelling": 0.4,
        "exact": 0.15,
        "spelling_variant": 0.2,
        "swapped": 0.05,
        "consonants": 0.05,
        "one_similar": 0.05,
        "family_only": 0.04,
        "given_only": 0.04,
        "different": 0.02,
    },
    "dob": {
        "exact": 0.55,
        "day_month_swapped": 0.02,
        "year_off_by_one": 0.012,  # the scorer's
        "day_off_by_one": 0.012,  # as likely as the year off by one
        "one_part_differs": 0.03,
        "same_month": 0.02,
        "placeholder_same_year": 0.3,
        "near_year": 0.015,  # as likely for strangers (the scorer's assumption)
        "different": 0.065,
    },
    "nationality": {"same": 0.92, "different": 0.08},
    "place_of_birth": {"same_spelling": 0.5, "same": 0.1, "similar": 0.1, "different": 0.3},
    "sex": {"same": 0.98, "different": 0.02},
}

PREDICTION_BLOCKING: list[str | dict[str, Any]] = [
    # The same two name parts (in any spelling or script, in any order) and birth year; an
    # estimated or placeholder year also meets the years next to it.
    {
        "blocking_rule": "l.pair_year_keys = r.pair_year_keys",
        "arrays_to_explode": ["pair_year_keys"],
    },
    # no or another date of birth: the same first given and family name and place of birth
    "l.name_anchor = r.name_anchor AND l.place_canon = r.place_canon",
    # the same real date of birth and one agreeing name (married name, nickname)
    "l.dob_full = r.dob_full AND l.f_anchor = r.f_anchor",
    "l.dob_full = r.dob_full AND l.g_anchor = r.g_anchor",
    # the same names, day and month: a typing error in the year of a real date
    "l.name_anchor = r.name_anchor AND l.dob_month = r.dob_month AND l.dob_day = r.dob_day",
    # The same again with loose name keys (the ends of the consonant skeletons), which also
    # meet a spelling in the other script: with a real date of birth, the name pair and the
    # date (or its day and month) or one name part and the date, also with day and month
    # swapped ...
    {
        "blocking_rule": "l.loose_date_keys = r.loose_date_keys",
        "arrays_to_explode": ["loose_date_keys"],
    },
    # ... the name pair and the birth year where one record knows only the year (that side
    # is filtered before the join, so a common name's block stays small) ...
    {
        "blocking_rule": "l.loose_year_keys = r.loose_year_keys AND l.dob_full IS NULL",
        "arrays_to_explode": ["loose_year_keys"],
    },
    {
        "blocking_rule": "l.loose_year_keys = r.loose_year_keys AND r.dob_full IS NULL",
        "arrays_to_explode": ["loose_year_keys"],
    },
    # ... the name pair, birth year and month where both dates are real (a day off by one) ...
    {
        "blocking_rule": "l.loose_month_keys = r.loose_month_keys",
        "arrays_to_explode": ["loose_month_keys"],
    },
    # ... and the name pair alone where one record has no date of birth.
    {
        "blocking_rule": "l.loose_pair_keys = r.loose_pair_keys AND l.dob IS NULL",
        "arrays_to_explode": ["loose_pair_keys"],
    },
    {
        "blocking_rule": "l.loose_pair_keys = r.loose_pair_keys AND r.dob IS NULL",
        "arrays_to_explode": ["loose_pair_keys"],
    },
]
"""Blocking rules: which pairs are compared at all. Each is an equi-join, so it scales."""

EM_BLOCKING = [
    # Trains nationality, place of birth and sex on the pairs that agree on the name anchor
    # and a real date of birth: mostly duplicates, so EM can tell the two classes apart.
    # The comparisons whose columns a rule uses (names, date of birth) are not trained on
    # it and keep their prior m: samples blocked without them hold so few duplicates in a
    # register that EM converges to families and namesakes instead.
    "l.name_anchor = r.name_anchor AND l.dob_full = r.dob_full",
]
FULL_EM_BLOCKING = [
    *EM_BLOCKING,
    "l.dob_full = r.dob_full",  # names
    "l.name_anchor = r.name_anchor",  # date of birth
]
"""For data with many duplicates (the FEBRL benchmarks), every field is trained by EM."""


TF_LEVELS = {
    ("name", "same_spelling"): "name_canon",
    ("name", "exact"): "name_canon",
    ("name", "spelling_variant"): "name_canon",
    ("name", "swapped"): "name_canon",
    ("place_of_birth", "same_spelling"): "place_canon",
}
"""Levels adjusted by the frequency of the value (as the scorer does for names): agreeing on
Mohammad Ahmadi born in Kabul weighs less than agreeing on a rare name or village."""


SPARK_FUNCTIONS = {
    "list_has_any(": "arrays_overlap(",
    "jaro_winkler_similarity(": "jaro_winkler(",  # Splink's Spark UDF
}
"""The two DuckDB functions the conditions use, and their Spark equivalents."""


def _in_dialect(sql: str, dialect: str) -> str:
    if dialect == "spark":
        for duckdb_name, spark_name in SPARK_FUNCTIONS.items():
            sql = sql.replace(duckdb_name, spark_name)
    return sql


def _comparison(
    name: str, levels: list[tuple[str, str, bool]], dialect: str = "duckdb"
) -> dict[str, Any]:
    return {
        "output_column_name": name,
        "comparison_description": name,
        "comparison_levels": [
            {
                "sql_condition": _in_dialect(condition, dialect),
                "label_for_charts": code,
                **({"is_null_level": True} if null else {}),
                **({} if null else {"m_probability": M_PRIORS[name][code]}),
                **(
                    {"tf_adjustment_column": TF_LEVELS[name, code], "tf_adjustment_weight": 1.0}
                    if (name, code) in TF_LEVELS
                    else {}
                ),
            }
            for code, condition, null in levels
        ],
    }


def build_settings(
    *,
    records: int,
    extra_comparisons: Sequence[dict[str, Any]] = (),
    extra_blocking: Sequence[Any] = (),
    comparisons: Sequence[str] | None = None,
    dialect: str = "duckdb",
) -> dict[str, Any]:
    """Splink settings for a register of ``records`` persons (JSON-serialisable).

    ``dialect`` is "duckdb" (one centre, embedded) or "spark" (a state or the country:
    the same levels, blocking rules and priors, with Spark's function names).

    ``comparisons`` picks a subset of :data:`COMPARISON_LEVELS` (all by default);
    ``extra_comparisons`` and ``extra_blocking`` add register-specific fields (a benchmark
    data set's postcode, say).
    """
    chosen = comparisons if comparisons is not None else list(COMPARISON_LEVELS)
    pairs = max(records * (records - 1) / 2, 1.0)
    prior = min(0.5, EXPECTED_DUPLICATE_SHARE * records / pairs)
    return {
        "sql_dialect": dialect,
        "link_type": "dedupe_only",
        "unique_id_column_name": "unique_id",
        "probability_two_random_records_match": prior,
        "blocking_rules_to_generate_predictions": [*PREDICTION_BLOCKING, *extra_blocking],
        "comparisons": [
            *(_comparison(name, COMPARISON_LEVELS[name], dialect) for name in chosen),
            *extra_comparisons,
        ],
        "retain_matching_columns": False,
        "retain_intermediate_calculation_columns": True,
        "max_iterations": 20,
        "em_convergence": 0.001,
    }


# --- running it --------------------------------------------------------------------------


@dataclass(frozen=True)
class PredictedPair:
    """A candidate pair with Splink's probability and, per field, the level and its weight."""

    low_id: int
    high_id: int
    probability: float
    match_weight: float
    fields: dict[str, dict[str, Any]]


@dataclass
class LinkageResult:
    pairs: list[PredictedPair]
    settings: dict[str, Any]
    seconds: dict[str, float] = field(default_factory=dict)
    reverted: list[str] = field(default_factory=list)


def _level_weights(trained: dict[str, Any]) -> dict[str, list[tuple[str, float]]]:
    """Per comparison, the weight (log2 m/u) of each level of the trained model."""
    weights: dict[str, list[tuple[str, float]]] = {}
    for comparison in trained["comparisons"]:
        levels = []
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not m or not u:
                continue
            levels.append((level["label_for_charts"], math.log2(m / u)))
        weights[comparison["output_column_name"]] = levels
    return weights


def _field_weights(
    row: dict[str, Any], levels: dict[str, list[tuple[str, float]]]
) -> dict[str, dict[str, Any]]:
    """Splink's weight per field (``mw_<field>``) and the level it belongs to."""
    result: dict[str, dict[str, Any]] = {}
    for name, options in levels.items():
        weight = row.get(f"mw_{name}")
        if weight is None:
            continue
        code = "missing"
        if options and abs(weight) > 1e-9:
            code = min(options, key=lambda option: abs(option[1] - weight))[0]
        # the name's frequency adjusts its weight (a common name weighs less)
        total = weight + (row.get(f"mw_tf_adj_{name}") or 0.0)
        result[name] = {"level": code, "weight": round(float(total), 2)}
    return result


BACKENDS = ("duckdb", "spark")
"""Where Splink runs the model: DuckDB in the process (one centre), or Spark (a state or the
whole country, on a cluster; ``local[N]`` on one machine)."""


class _DuckDB:
    """DuckDB in the process, on ``threads`` threads (None: as many as cores)."""

    dialect = "duckdb"

    def __init__(self, threads: int | None) -> None:
        import duckdb
        from splink import DuckDBAPI

        self.threads = threads
        self.connection = duckdb.connect()
        if threads:
            self.connection.execute(f"SET threads TO {int(threads)}")
        self.db_api = DuckDBAPI(connection=self.connection)

    def for_training(self) -> None:
        # Training on one thread: Splink samples pairs by a hash of the record ids and the
        # seed, but sums over them in parallel add floating-point numbers in a varying order,
        # and three runs on the same 10,100 persons proposed 89, 90 and 91 pairs. On one
        # thread the same data and seed give the same model; the prediction (per pair, no
        # sums) stays parallel.
        self.connection.execute("SET threads TO 1")

    def for_prediction(self) -> None:
        if self.threads:
            self.connection.execute(f"SET threads TO {int(self.threads)}")
        else:
            self.connection.execute("RESET threads")

    def fetch(
        self, predictions: Any, columns: Sequence[str]
    ) -> tuple[list[str], Iterator[list[Any]]]:
        relation = predictions.as_duckdbpyrelation()
        names = [c for c in columns if c in set(relation.columns)]
        reader = relation.select(*names).to_arrow_reader(FETCH_BATCH)

        def batches() -> Iterator[list[Any]]:
            for batch in reader:
                columns = [batch.column(i).to_pylist() for i in range(batch.num_columns)]
                yield list(zip(*columns, strict=True))

        return names, batches()

    def close(self) -> None:
        self.connection.close()


def spark_session(*, cores: int | str = 1, memory: str = "2g") -> Any:
    """A local Spark session (``local[cores]``) with Splink's similarity functions on the
    classpath; on a cluster, build the session there with the same ``spark.jars``."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("wegweiser-duplicates")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.memory", memory)
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )


class _Spark:
    """Spark through ``session`` (a local one of one core if None). Splink keeps the
    intermediate tables cached in memory; a cluster session can set its own method."""

    dialect = "spark"

    def __init__(self, session: Any) -> None:
        from splink.backends.spark import SparkAPI

        self.session = session if session is not None else spark_session()
        self.db_api = SparkAPI(
            spark_session=self.session,
            break_lineage_method=None if session is not None else "persist",
            num_partitions_on_repartition=4 if session is None else None,
        )

    def for_training(self) -> None:
        pass

    def for_prediction(self) -> None:
        pass

    def fetch(
        self, predictions: Any, columns: Sequence[str]
    ) -> tuple[list[str], Iterator[list[Any]]]:
        frame = predictions.as_spark_dataframe()
        names = [c for c in columns if c in set(frame.columns)]
        rows = (tuple(row) for row in frame.select(*names).toLocalIterator())
        return names, iter(lambda: list(itertools.islice(rows, FETCH_BATCH)), [])

    def close(self) -> None:
        self.session.catalog.clearCache()


def find_duplicates(
    table: Any,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    seed: int = 42,
    u_pairs: float = 1e6,
    em_pairs: float = 2e6,
    settings: dict[str, Any] | None = None,
    em_blocking: Sequence[str] = EM_BLOCKING,
    threads: int | None = None,
    deterministic_rules: Sequence[str] = (),
    deterministic_recall: float = 0.8,
    backend: str = "duckdb",
    spark: Any = None,
    keep: Callable[[list[PredictedPair]], list[PredictedPair]] | None = None,
) -> LinkageResult:
    """Train the model on ``table`` (from :func:`comparison_table`) without labels and
    return the pairs at or above ``threshold``, with per-field match weights.

    The prior (probability that two records match) comes from the settings; with
    ``deterministic_rules`` it is estimated from the pairs those rules find (as in Splink's
    examples), which needs data that has duplicates.

    ``backend`` is one of :data:`BACKENDS`: the same model (:func:`build_settings` in that
    backend's dialect) and the same training steps run on either. ``spark`` is the Spark
    session to use (a local one if None); ``threads`` applies to DuckDB.

    ``keep``, if given, receives the predicted pairs in batches of :data:`FETCH_BATCH` as
    they are read and returns the pairs to keep (rescored, say): a low ``threshold`` then
    costs the memory of what is kept, not of every pair predicted. Its time is
    ``seconds["keep"]``."""
    from splink import Linker
    from splink.internals.exceptions import SplinkException

    if backend not in BACKENDS:
        raise ValueError(f"Unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}.")
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    engine: _DuckDB | _Spark = (
        _DuckDB(threads or DUCKDB_THREADS) if backend == "duckdb" else _Spark(spark)
    )
    settings = settings or build_settings(records=table.num_rows, dialect=engine.dialect)
    db_api = engine.db_api
    frame = db_api.register(table, table_name="persons")
    linker = Linker(frame, settings, log_level=logging.ERROR)
    engine.for_training()
    if deterministic_rules:
        linker.training.estimate_probability_two_random_records_match(
            list(deterministic_rules), recall=deterministic_recall
        )
    linker.training.estimate_u_using_random_sampling(max_pairs=u_pairs, seed=seed)
    seconds["u"] = time.perf_counter() - started
    for rule in em_blocking:
        before = linker.misc.save_model_to_json()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                rule, estimate_without_term_frequencies=True, max_pairs=em_pairs
            )
        except SplinkException as error:  # too few pairs in a small register: keep the start
            logger.warning("EM on %s skipped: %s", rule, str(error).splitlines()[0][:200])
            linker = Linker(frame, before, log_level=logging.ERROR)
    trained, reverted = _plausible(linker.misc.save_model_to_json(), 10 / u_pairs)
    if reverted:
        logger.warning("EM estimates not plausible, prior m kept for: %s", ", ".join(reverted))
    linker = Linker(frame, trained, log_level=logging.ERROR)
    seconds["em"] = time.perf_counter() - started - seconds["u"]
    engine.for_prediction()
    mark = time.perf_counter()
    predictions = linker.inference.predict(
        threshold_match_probability=threshold, warning_mode="never"
    )
    levels = _level_weights(trained)
    columns = ["unique_id_l", "unique_id_r", "match_probability", "match_weight"]
    columns += [f"{prefix}{name}" for name in levels for prefix in ("mw_", "mw_tf_adj_")]
    names, batches = engine.fetch(predictions, columns)
    pairs: list[PredictedPair] = []
    kept = 0.0
    for batch in batches:
        predicted = []
        for values in batch:
            row = dict(zip(names, values, strict=True))
            low, high = sorted((int(row["unique_id_l"]), int(row["unique_id_r"])))
            predicted.append(
                PredictedPair(
                    low_id=low,
                    high_id=high,
                    probability=float(row["match_probability"]),
                    match_weight=float(row["match_weight"]),
                    fields=_field_weights(row, levels),
                )
            )
        if keep is None:
            pairs.extend(predicted)
        else:
            started_keep = time.perf_counter()
            pairs.extend(keep(predicted))
            kept += time.perf_counter() - started_keep
    seconds["predict"] = time.perf_counter() - mark - kept
    if keep is not None:
        seconds["keep"] = kept
    engine.close()
    pairs.sort(key=lambda p: (-p.probability, p.low_id, p.high_id))
    return LinkageResult(pairs=pairs, settings=trained, seconds=seconds, reverted=reverted)


def _plausible(trained: dict[str, Any], u_floor: float = 1e-5) -> tuple[dict[str, Any], list[str]]:
    """The trained settings, with the prior m restored where EM's estimate is implausible.

    EM without labels finds the two classes that best explain the sample; in a register
    with few duplicates those can be families rather than duplicates. An estimate is kept
    only if agreeing on the field's best level is evidence for a match and disagreeing is
    evidence against (the weights have the expected signs); levels EM did not see get
    their prior; disagreeing keeps at least half its prior m. A ``u`` below ``u_floor``
    (fewer than about ten sampled pairs) is noise and raised to it; a name level never
    weighs more than the exact agreement (strangers share a name in another spelling about
    as often as in the same spelling)."""
    reverted = []
    for comparison in trained["comparisons"]:
        name = comparison["output_column_name"]
        priors = M_PRIORS.get(name)
        if priors is None:
            continue
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]

        def weight(level: dict[str, Any]) -> float:
            m, u = level.get("m_probability"), level.get("u_probability")
            return math.log2(m / u) if m and u else 0.0

        ok = len(levels) >= 2 and weight(levels[0]) > 0 and weight(levels[-1]) < 0
        if not ok:
            reverted.append(name)
        for level in levels:
            code = level["label_for_charts"]
            if not ok or not level.get("m_probability"):
                level["m_probability"] = priors.get(code, 0.01)
            level["u_probability"] = max(level.get("u_probability") or 0.0, u_floor)
        # A duplicate disagrees on any field now and then (a clerk's slip, another
        # authority's record): EM on a sample without such pairs sets m of "different" near
        # zero, and one wrong sex would then outweigh everything else (-260 bits seen).
        last = levels[-1] if levels else None
        if last is not None and last["label_for_charts"] == "different":
            floor = priors.get("different", 0.02) / 2
            last["m_probability"] = max(last.get("m_probability") or 0.0, floor)
        if name == "name":
            exact = levels[0]
            ceiling = exact["m_probability"] / exact["u_probability"]
            for level in levels[1:-1]:
                level["u_probability"] = max(
                    level["u_probability"], level["m_probability"] / ceiling
                )
    return trained, reverted
