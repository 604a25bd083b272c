"""The duplicate job's second stage: Splink's candidate pairs rescored with the identity
matcher's name comparison.

Splink (:mod:`wegweiser.identity.duplicate_model`) compares names by shared keys (the same
spelling, variant group, phonetic key or consonant skeleton). A person registered once in
Latin script and once in Arabic script often shares none of them: Darragh and داراه, Hartwig
and هارتفيغ differ in a consonant, and a name the spelling dictionary does not know has no
variant group. The scorer (:func:`wegweiser.identity.scorer.compare_persons`, what the
intake search and `wegweiser identity compare` use) compares name parts across scripts
(transliteration, consonants, similar spellings), with given and family name swapped or one
name missing, and weighs each part by how common it is.

So the job asks Splink for every candidate pair down to a low match weight
(:data:`CANDIDATE_WEIGHT`), and for each of those whose names Splink's keys did not match
uses the scorer's name comparison instead of Splink's, and the stronger of the two for a place
of birth Splink found different (written in the other script, say), keeping Splink's prior and
its trained weights for the date of birth, nationality and sex. The pairs whose new
probability reaches the threshold go to the review queue.

The scorer weighs an agreeing name part by how common the name is. Its built-in frequencies
know a few hundred common names; the job passes the register's own
(:func:`register_frequencies`: the share of persons whose given or family name carries the
part's phonetic key or variant group, counted on the comparison table). A name that reads
the same across scripts then weighs what its rarity in this register says - much for a name
two persons carry, little for one that many do, which is what tells a duplicate from a
namesake without a full date of birth. Splink's "consonants", "one name only" and
"different" levels do not know the name's frequency at all, so where Splink's keys did not
meet, the scorer's weight replaces Splink's even where it is the lower one.

A name part read as one voweling of the other script's spelling (the scorer's level
``reading``) counts with the m of a pair written in two scripts (:data:`READING_M`), since the
level compares nothing else. A place of birth written in two scripts that the scorer reads as
one place weighs by how common that place is in the register (:data:`PLACE_ACROSS_SCRIPTS_M`),
as a place both records spell alike does in Splink. However rare its parts, the whole name
never weighs more than :data:`NAME_WEIGHT_CAP`.

The same candidates give the same pairs every run: the scorer has no randomness and the
pairs are taken in a fixed order.

No Django here: the caller passes a function that returns the
:class:`~wegweiser.identity.scorer.PersonRecord` of given ids.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from wegweiser.identity import duplicate_model
from wegweiser.identity.scorer import (
    FIELD_LEVELS,
    MatchResult,
    NameFrequencies,
    PersonRecord,
    compare_persons,
    prepare_person,
)
from wegweiser.identity.scripts import detect_script

__all__ = [
    "CANDIDATE_WEIGHT",
    "DEFAULT_THRESHOLD",
    "MATCHER_LEVEL",
    "MATCHER_WEAKER_LEVEL",
    "NAME_FIELDS",
    "NAME_WEIGHT_CAP",
    "PLACE_ACROSS_SCRIPTS_M",
    "find_duplicates",
    "register_frequencies",
    "register_place_shares",
    "rescore",
]

DEFAULT_THRESHOLD = 0.3
"""Probability (after rescoring) from which a pair goes to the review queue. A reviewer
decides every proposal, and a missed duplicate (two files, two benefit claims, a history
split in two) costs more than a dismissed one, so a pair goes to the queue from a 30 %
chance, shown as such. Chosen on the dev half of the real cross-script names as the
threshold where the smaller of recall and precision is largest (docs/benchmarks.md, eighth
round: 0.878 / 0.887 at 0.3, 0.833 / 0.916 at 0.5). Splink alone keeps
:data:`duplicate_model.DEFAULT_THRESHOLD`."""

CANDIDATE_WEIGHT = -25.0
"""Splink match weight (bits) from which a pair is considered for rescoring. Of these, only
the pairs whose :func:`upper_bound` (the names at :data:`NAME_WEIGHT_CAP`, a place read
alike across scripts at its most) reaches the threshold are compared in Python. Chosen on
the dev half of the real name pairs (docs/benchmarks.md, eighth round): from -20 to -25 bits
recall rose 0.870 -> 0.878 at the same precision; -30 and -40 found nothing more. Before the
cap (-14 bits, then -20) nothing bounded what the rescoring could add."""

NAME_FIELDS = ("given_name", "family_name", "names", "name")
"""The scorer's evidence lines about the names."""

SCORER_FIELDS = {"place_of_birth": "place_of_birth"}
"""The scorer's other evidence lines the job takes, and the job's field each belongs to. Not
the date of birth: the scorer counts a year off by one as evidence (5.9 bits), which in a
register is as common between strangers as between duplicates; Splink's trained date levels
stay."""

SPLINK_MISSED_NAME = frozenset(
    {"missing", "consonants", "one_similar", "family_only", "given_only", "different"}
)
"""Splink's name levels at which its keys did not meet on both names. Only there the scorer's
name comparison (with the register's frequencies) replaces Splink's: where Splink sees the
same spelling, a variant or the names swapped, its weight is already adjusted by how common
the whole name is in this register - and namesakes are common."""

SPLINK_MISSED = {
    "name": SPLINK_MISSED_NAME,
    "place_of_birth": frozenset({"similar", "different"}),
}
"""Per field, Splink's levels the scorer may overrule (for the place of birth likewise: the
same spelling of a town many come from weighs little in Splink, rightly)."""

READING_M = 0.5
"""How often a duplicate's name part that is written in Arabic script on one record and in
Latin on the other, and that the spelling dictionary does not join, reads as one voweling of
the other (the scorer's level ``reading``): about half (the scorer's note on the level; 54 %
of the 7,912 real name pairs of the dev half with that half withheld from the dictionary,
docs/benchmarks.md). The scorer's m of the level (0.06 for a given name, 0.07 for a family
name) is the share among all duplicates, most of them written in one script, where the level
cannot occur; the level only ever compares an Arabic-script part with a Latin one, so here
its m is the cross-script share. Its u (the chance agreement, scaled by the name's frequency
in the register) stays the scorer's. The other levels' cross-script shares (same consonants
3 %, similar 2 %, different 5 % of the dev pairs) are close to the scorer's m and stay."""

NAME_WEIGHT_CAP = 17.0
"""The most a pair's names can weigh (bits), whichever comparison weighed them: 1 in about
130,000 pairs of strangers. The scorer adds up its parts' weights as if the parts were
independent, so three rare parts come to 25-31 bits, more than a placeholder birth year, a
different nationality and sex can ever outweigh. But whole names repeat far more often than
that product says: the second given name is the father's (brothers share it with the family
name), families name children after a grandfather, a relative's name is copied. On the dev
half, most false alarms of the job were such namesakes with a placeholder birth year
(docs/benchmarks.md, eighth round); capped, the date of birth, nationality, sex and place
of birth decide them. Chosen on the dev half (15-20 bits with thresholds 0.15-0.5) in the
middle of the region where the smaller of recall and precision stays high: 17 bits with the
threshold 0.3 (0.878), whose neighbours (16.5 and 17.5 bits, 0.25 and 0.35) all stay at
0.867 or more. 18 bits scored 0.880 at 0.3 but at an edge (0.837 at 0.25, 0.846 at 18.5)."""

PLACE_ACROSS_SCRIPTS_M = 0.95
"""How often a duplicate's place of birth, written in Arabic script on one record and in Latin
on the other, reads as the same or a similar place to the scorer: 95 % of the 7,912 real
name pairs of the dev half with that half withheld from the dictionary (36 % the same, 59 %
similar), against 0.03 % of random pairs of those words. Splink cannot compare such places
(no key is shared) and the scorer's own place levels are set for one script, where
"similar" means a partial agreement (1.6 bits). Here the place weighs log2(m / u) with u the
share of the register's persons born in the commoner of the two places (at least
:data:`PLACE_MIN_SHARE`): little for the towns many come from, much for a village."""

PLACE_MIN_SHARE = 1e-4
"""The smallest u of a place read alike across scripts (1 in 10,000 persons; at most 13.2
bits), so a place only these two records carry does not outweigh a date of birth."""

MATCHER_LEVEL = "matcher"
"""The level code a field gets when the scorer's weight replaced Splink's with a stronger one
(the review page says so; the scorer's own levels are kept beside it, under ``scorer``, and
Splink's level under ``splink_level``)."""

MATCHER_WEAKER_LEVEL = "matcher_weaker"
"""The level code of names whose scorer weight replaced a stronger one of Splink's: the names
are common in this register, or less alike than Splink's keys suggest."""

RecordLookup = Callable[[Collection[int]], Mapping[int, PersonRecord]]


def _probability(weight: float) -> float:
    if weight < -1000:
        return 0.0
    return 1.0 / (1.0 + 2.0 ** (-weight))


def _job_field(scorer_field: str) -> str | None:
    if scorer_field in NAME_FIELDS:
        return "name"
    return SCORER_FIELDS.get(scorer_field)


def _reading_weight(field: str) -> float:
    """What a name line at the ``reading`` level gains when its m is the cross-script one
    (:data:`READING_M`) rather than the scorer's."""
    return math.log2(READING_M / FIELD_LEVELS[field]["reading"].m)


def _scorer_weights(result: MatchResult) -> dict[str, float]:
    """The scorer's evidence in the job's fields: names (every name line, a ``reading`` with
    the cross-script m), date of birth, place of birth."""
    weights = {"name": 0.0}
    for item in result.evidence:
        if item.field in NAME_FIELDS:
            weights["name"] += item.weight
            if item.level == f"{item.field}.reading":
                weights["name"] += _reading_weight(item.field)
        elif item.field in SCORER_FIELDS:
            weights[SCORER_FIELDS[item.field]] = item.weight
    return weights


def _carriers(table: Any, columns: Sequence[str]) -> tuple[Any, Any]:
    """Per key of the list ``columns``: the (row, key) pairs of the table, each once."""
    import pyarrow as pa
    import pyarrow.compute as pc

    rows: list[Any] = []
    keys: list[Any] = []
    for column in columns:
        values = table.column(column).combine_chunks()
        rows.append(pc.list_parent_indices(values))
        keys.append(pc.list_flatten(values))
    pairs = pa.table({"row": pa.concat_arrays(rows), "key": pa.concat_arrays(keys)})
    pairs = pairs.group_by(["row", "key"]).aggregate([])
    counts = pairs.group_by("key").aggregate([("row", "count")])
    return pairs, counts


def register_frequencies(table: Any) -> NameFrequencies:
    """The share of the register's persons whose given or family name carries a key (a
    phonetic key ``p:...`` or variant group ``g:...``, as the scorer looks frequencies up),
    counted on the comparison table (:func:`duplicate_model.comparison_table`; each person
    once per key, whatever the spelling or field)."""
    persons = max(table.num_rows, 1)
    _, carriers = _carriers(table, ("g_var", "f_var"))
    keys_counted = carriers.column("key").to_pylist()
    counts = dict(zip(keys_counted, carriers.column("row_count").to_pylist(), strict=True))

    def frequency(key: str) -> float | None:
        count = counts.get(duplicate_model.key_hash(key))
        return count / persons if count else None

    return frequency


def register_place_shares(table: Any) -> dict[int, float]:
    """Per person with a place of birth (by ``unique_id``), the share of the register's
    persons born there: of its place keys (``place_fold``, every spelling of one script) the
    one most persons carry."""
    import pyarrow as pa

    persons = max(table.num_rows, 1)
    pairs, counts = _carriers(table, ("place_fold",))
    if pairs.num_rows == 0:
        return {}
    joined = pairs.join(counts, "key")
    per_row = joined.group_by("row").aggregate([("row_count", "max")])
    rows = per_row.column("row").to_pylist()
    ids = table.column("unique_id").take(pa.array(rows)).to_pylist()
    largest = per_row.column("row_count_max").to_pylist()
    return {int(i): n / persons for i, n in zip(ids, largest, strict=True)}


def _place_across_scripts(result: MatchResult, shares: tuple[float, float] | None) -> float | None:
    """The weight of a place of birth written in two scripts that the scorer reads as one
    (:data:`PLACE_ACROSS_SCRIPTS_M`), or None where that is not the case."""
    if shares is None:
        return None
    for item in result.evidence:
        if item.field != "place_of_birth":
            continue
        if item.level not in ("place_of_birth.same", "place_of_birth.similar"):
            return None
        first = detect_script(str(item.params.get("a", "")))
        second = detect_script(str(item.params.get("b", "")))
        if first is None or second is None or first == second:
            return None
        return _place_across_weight(shares)
    return None


def _place_across_weight(shares: tuple[float, float]) -> float:
    """What a place read alike across scripts weighs, by the commoner of the two places."""
    return math.log2(PLACE_ACROSS_SCRIPTS_M / max(*shares, PLACE_MIN_SHARE))


def _bits(probability: float) -> float:
    if probability <= 0.0:
        return -math.inf
    if probability >= 1.0:
        return math.inf
    return math.log2(probability / (1.0 - probability))


def upper_bound(
    pair: duplicate_model.PredictedPair, place_shares: tuple[float, float] | None = None
) -> float:
    """The most :func:`rescore` can make of the pair's match weight, without comparing it:
    names whose keys Splink missed weigh at most :data:`NAME_WEIGHT_CAP`, a place Splink
    found different at most what a place read alike across scripts weighs."""
    weight = pair.match_weight
    names = pair.fields.get("name", {})
    name_weight = float(names.get("weight", 0.0))
    if names.get("level", "missing") in SPLINK_MISSED["name"]:
        weight += NAME_WEIGHT_CAP - name_weight
    else:
        weight -= max(0.0, name_weight - NAME_WEIGHT_CAP)
    place = pair.fields.get("place_of_birth", {})
    if place.get("level", "missing") in SPLINK_MISSED["place_of_birth"]:
        best = FIELD_LEVELS["place_of_birth"]["same"].weight
        if place_shares is not None:
            best = max(best, _place_across_weight(place_shares))
        weight += max(0.0, best - float(place.get("weight", 0.0)))
    return weight


def rescore(
    pair: duplicate_model.PredictedPair,
    result: MatchResult,
    place_shares: tuple[float, float] | None = None,
) -> duplicate_model.PredictedPair:
    """The pair with the scorer's weight for the names where Splink's keys did not meet,
    and the stronger of Splink's and the scorer's for a place of birth Splink found
    different (:data:`SPLINK_MISSED`); date of birth, nationality and sex stay Splink's.
    ``result`` should be compared with the register's name frequencies
    (:func:`register_frequencies`); ``place_shares`` are the two records' shares of persons
    born in their places (:func:`register_place_shares`), which weigh a place read alike
    across scripts. The names then weigh at most :data:`NAME_WEIGHT_CAP`."""
    fields = {name: dict(value) for name, value in pair.fields.items()}
    weight = pair.match_weight
    weights = _scorer_weights(result)
    across = _place_across_scripts(result, place_shares)
    if across is not None:
        weights["place_of_birth"] = across
    for name, scorer_weight in weights.items():
        entry = fields.setdefault(name, {"level": "missing", "weight": 0.0})
        if entry.get("level", "missing") not in SPLINK_MISSED[name]:
            continue
        splink_weight = float(entry.get("weight", 0.0))
        if name == "name" or scorer_weight > splink_weight:
            weight += scorer_weight - splink_weight
            entry["weight"] = round(scorer_weight, 2)
            entry["splink_level"] = entry.get("level", "missing")
            entry["level"] = (
                MATCHER_LEVEL if scorer_weight > splink_weight else MATCHER_WEAKER_LEVEL
            )
            entry["scorer"] = [
                item.level for item in result.evidence if _job_field(item.field) == name
            ]
    names = fields.get("name")
    if names is not None and float(names.get("weight", 0.0)) > NAME_WEIGHT_CAP:
        weight -= float(names["weight"]) - NAME_WEIGHT_CAP
        names["capped_from"] = names["weight"]
        names["weight"] = NAME_WEIGHT_CAP
    return duplicate_model.PredictedPair(
        low_id=pair.low_id,
        high_id=pair.high_id,
        probability=_probability(weight),
        match_weight=weight,
        fields=fields,
    )


def find_duplicates(
    table: Any,
    records: RecordLookup,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    seed: int = 42,
    backend: str = "duckdb",
    spark: Any = None,
    threads: int | None = None,
    candidate_weight: float = CANDIDATE_WEIGHT,
    keep_below: float | None = None,
) -> duplicate_model.LinkageResult:
    """Splink's candidates (:func:`duplicate_model.find_duplicates`) rescored; the pairs at
    or above ``threshold`` (``keep_below``: a lower bound instead, for benchmarks that
    tabulate thresholds), sorted as Splink sorts them."""
    floor = min(threshold, keep_below) if keep_below is not None else threshold
    floor_bits = _bits(floor)
    started = time.perf_counter()
    frequencies = register_frequencies(table)
    places = register_place_shares(table)
    prepared: dict[int, Any] = {}
    counted = time.perf_counter() - started

    def rescored(batch: list[duplicate_model.PredictedPair]) -> list[duplicate_model.PredictedPair]:
        """The batch's pairs that can reach the floor, compared, and kept if they do."""
        candidates = []
        for pair in batch:
            low_share, high_share = places.get(pair.low_id), places.get(pair.high_id)
            shares = None if low_share is None or high_share is None else (low_share, high_share)
            if upper_bound(pair, shares) >= floor_bits:
                candidates.append((pair, shares))
        needed = {i for pair, _ in candidates for i in (pair.low_id, pair.high_id)}
        missing = sorted(needed - prepared.keys())
        prepared.update((i, prepare_person(record)) for i, record in records(missing).items())
        kept = []
        for pair, shares in candidates:
            low, high = prepared.get(pair.low_id), prepared.get(pair.high_id)
            if low is None or high is None:
                continue
            result = compare_persons(low, high, prior=0.5, frequencies=frequencies)
            pair = rescore(pair, result, shares)
            if pair.probability >= floor and not math.isnan(pair.probability):
                kept.append(pair)
        return kept

    linkage = duplicate_model.find_duplicates(
        table,
        threshold=_probability(candidate_weight),
        seed=seed,
        backend=backend,
        spark=spark,
        threads=threads,
        keep=rescored,
    )
    pairs = list(linkage.pairs)
    pairs.sort(key=lambda p: (-p.probability, p.low_id, p.high_id))
    linkage.seconds["rescore"] = counted + linkage.seconds.pop("keep", 0.0)
    return duplicate_model.LinkageResult(
        pairs=pairs, settings=linkage.settings, seconds=linkage.seconds, reverted=linkage.reverted
    )
