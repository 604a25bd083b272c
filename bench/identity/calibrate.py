"""Fit the calibrated match probability on the dev half, check it on the test half.

    uv run python -m bench.identity.calibrate --split dev --write   # fits data/calibration.tsv
    uv run python -m bench.identity.calibrate --split test          # reliability and Brier

Same real name pairs and design as `bench.identity.real_names` (the evaluated half withheld
from the matcher's dictionary), with one difference: a fifth of the queried persons is taken
out of the register, because a caseworker also searches for persons who are not there. Every
query's ten best candidates are labelled right or wrong; isotonic regression maps the
evidence weight (match weight without the prior) to the share of right ones.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from bench.identity import real_names as R

TABLE = Path(__file__).resolve().parents[2] / "wegweiser" / "identity" / "data" / "calibration.tsv"


def labelled(split: str, persons: int, queries: int, seed: int) -> list[tuple[float, float, int]]:
    """(evidence weight, scorer probability, 1 if right) for each query's ten best."""
    from wegweiser.identity.reconciliation import Register, Table, entries
    from wegweiser.identity.scorer import compare_persons, prepare_person, prior_for_registry

    rng = random.Random(seed)
    pairs = R.load_pairs(split)
    R.withhold(arabic for arabic, _ in pairs)
    people = R.make_persons(pairs, persons, rng)
    register_rows, query_rows, truth = R.build_link_rows(people, queries, rng)
    absent = {truth[q["query_id"]] for q in query_rows if rng.random() < 0.2}
    register_rows = [r for r in register_rows if r["id"] not in absent]
    register, _ = entries(Table(rows=list(enumerate(register_rows, 2))), "id")
    asked, _ = entries(Table(rows=list(enumerate(query_rows, 2))), "query_id")
    index = Register(register)
    prior = prior_for_registry(len(index.records))
    rows = []
    for query in asked:
        prepared = prepare_person(query.record)
        results = sorted(
            (
                (compare_persons(prepared, index.records[i], prior=prior), i)
                for i in index.candidates(query.record)
            ),
            key=lambda item: (-item[0].probability, item[1]),
        )[:10]
        for result, ident in results:
            right = int(ident == truth[query.ident])
            rows.append((result.evidence_weight, result.probability, right))
    return rows


def reliability(predicted: list[float], labels: list[int], bins: int = 10) -> list[str]:
    lines = ["| predicted | candidates | mean predicted | share right |", "|---|---:|---:|---:|"]
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        chosen = [
            (p, y)
            for p, y in zip(predicted, labels, strict=True)
            if low <= p < high or (b == bins - 1 and p == 1.0)
        ]
        if chosen:
            mean = sum(p for p, _ in chosen) / len(chosen)
            share = sum(y for _, y in chosen) / len(chosen)
            lines.append(f"| {low:.1f}-{high:.1f} | {len(chosen)} | {mean:.3f} | {share:.3f} |")
    return lines


def brier(predicted: list[float], labels: list[int]) -> float:
    return sum((p - y) ** 2 for p, y in zip(predicted, labels, strict=True)) / len(labels)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--write", action="store_true", help="write data/calibration.tsv")
    args = parser.parse_args()
    rows = labelled(args.split, args.persons, args.queries, args.seed)
    weights = [w for w, _, _ in rows]
    labels = [y for _, _, y in rows]
    if args.write:
        from sklearn.isotonic import IsotonicRegression

        model = IsotonicRegression(y_min=0.001, y_max=0.995, out_of_bounds="clip")
        model.fit(weights, labels)
        points = sorted(zip(model.X_thresholds_, model.y_thresholds_, strict=True))
        TABLE.write_text(
            "evidence_weight\tprobability\n" + "".join(f"{x:.4f}\t{y:.4f}\n" for x, y in points),
            encoding="utf-8",
        )
        print(f"{len(points)} points written to {TABLE}")
        return
    from wegweiser.identity.calibration import calibrated_probability

    calibrated = [calibrated_probability(w) for w in weights]
    raw = [p for _, p, _ in rows]
    print(f"{len(rows)} candidates, {sum(labels)} right")
    print(
        f"Brier calibrated {brier(calibrated, labels):.4f}, "
        f"scorer probability {brier(raw, labels):.4f}"
    )
    print("\n".join(reliability(calibrated, labels)))
    print("scorer probability:")
    print("\n".join(reliability(raw, labels)))


if __name__ == "__main__":
    main()
