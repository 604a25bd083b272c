"""Fit the calibrated match probability on the dev half, check it on the test half.

    uv run python -m bench.identity.calibrate --split dev --write   # fits data/calibration.tsv
    uv run python -m bench.identity.calibrate --split test          # reliability and Brier
    uv run python -m bench.identity.calibrate --split test --namesakes 0.2   # with namesakes

Same real name pairs and design as `bench.identity.real_names` (the evaluated half withheld
from the matcher's dictionary), with one difference: a fifth of the queried persons is taken
out of the register, because a caseworker also searches for persons who are not there. Every
query's ten best candidates are labelled right or wrong.

The fit maps the name evidence alone (the weight of the name fields) to the share of right
candidates, by isotonic regression over searches made by the name alone (the query dates
left out): that is what a name says before the date of birth is known. The shown value adds
the other fields' weights to it and divides it among namesakes
(:func:`wegweiser.identity.calibration.match_probability`); the check runs the searches with
their dates.

``--namesakes SHARE`` gives that share of the persons a namesake in the register: a second
person with the same names in the same script and another date of birth (drawn like all
dates), the situation the real-name sets lack (every name pair there is about unique). The
query still asks for the first person.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from pathlib import Path

from bench.identity import name_sets as N
from bench.identity import real_names as R

TABLE = Path(__file__).resolve().parents[2] / "wegweiser" / "identity" / "data" / "calibration.tsv"

NAME_FIELDS = ("given_name", "family_name", "name", "names")

FLOOR = 1e-6
"""The fitted share where no candidate was right (names that disagree): not 0, but low enough
that a date of birth shared by chance (about 13 bits) cannot make such a stranger likely."""


@dataclasses.dataclass(frozen=True)
class Row:
    name_weight: float
    shown: float  # what the page shows (MatchResult.calibrated)
    probability: float  # the scorer's Fellegi-Sunter posterior
    right: int
    typed_date: bool
    dob_level: str
    namesake: bool  # the candidate is a registered namesake of the searched person


def namesakes_of(persons: list[N.Person], share: float, rng: random.Random) -> list[N.Person]:
    """For a share of the persons a namesake: the same names, another date of birth."""
    twins = []
    for person in persons:
        if rng.random() < share:
            born, placeholder = N.draw_birth(rng)
            while born == person.born:
                born, placeholder = N.draw_birth(rng)
            twin = N.Person(f"{person.ident}n", person.given, person.family, born, placeholder)
            twins.append(twin)
    return twins


def labelled(
    split: str, persons: int, queries: int, seed: int, *, dates: bool = True, namesakes: float = 0.0
) -> list[Row]:
    """One row for each query's ten best candidates."""
    from wegweiser.identity import scorer
    from wegweiser.identity.reconciliation import Register, Table, entries
    from wegweiser.identity.scorer import compare_persons, prepare_person, prior_for_registry

    share_namesakes = getattr(scorer, "share_namesakes", None)  # absent before namesakes counted
    rng = random.Random(seed)
    pairs = R.load_pairs(split)
    R.withhold(arabic for arabic, _ in pairs)
    people = R.make_persons(pairs, persons, rng)
    register_rows, query_rows, truth = N.build_link_rows(people, queries, rng)
    absent = {truth[q["query_id"]] for q in query_rows if rng.random() < 0.2}
    register_rows = [r for r in register_rows if r["id"] not in absent]
    by_id = {r["id"]: r for r in register_rows}
    for twin in namesakes_of(people, namesakes, random.Random(seed + 1)):
        original = by_id.get(twin.ident[:-1])
        if original is not None:  # registered in the same script as the person
            register_rows.append(
                {**original, "id": twin.ident, "date_of_birth": twin.born.isoformat()}
            )
    if not dates:
        query_rows = [{**q, "date_of_birth": ""} for q in query_rows]
    register, _ = entries(Table(rows=list(enumerate(register_rows, 2))), "id")
    asked, _ = entries(Table(rows=list(enumerate(query_rows, 2))), "query_id")
    index = Register(register)
    prior = prior_for_registry(len(index.records))
    rows = []
    for query in asked:
        prepared = prepare_person(query.record)
        scored = [
            (compare_persons(prepared, index.records[i], prior=prior), i)
            for i in index.candidates(query.record)
        ]
        if share_namesakes is not None:
            shared = share_namesakes([r for r, _ in scored])
            scored = list(zip(shared, [i for _, i in scored], strict=True))
        results = sorted(scored, key=lambda item: (-item[0].probability, item[1]))[:10]
        for result, ident in results:
            dob = next((e.level for e in result.evidence if e.field == "dob"), "dob.missing")
            rows.append(
                Row(
                    sum(e.weight for e in result.evidence if e.field in NAME_FIELDS),
                    result.calibrated,
                    result.probability,
                    int(ident == truth[query.ident]),
                    query.record.birth_date is not None,
                    dob,
                    ident == truth[query.ident] + "n",
                )
            )
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
    parser.add_argument("--namesakes", type=float, default=0.0, help="share with a namesake")
    parser.add_argument("--write", action="store_true", help="write data/calibration.tsv")
    parser.add_argument("--no-dates", action="store_true", help="check searches by name alone")
    args = parser.parse_args()
    if args.write:
        from sklearn.isotonic import IsotonicRegression

        fit = labelled(args.split, args.persons, args.queries, args.seed, dates=False)
        model = IsotonicRegression(y_min=FLOOR, y_max=0.995, out_of_bounds="clip")
        model.fit([r.name_weight for r in fit], [r.right for r in fit])
        points = sorted(zip(model.X_thresholds_, model.y_thresholds_, strict=True))
        TABLE.write_text(
            "name_weight\tprobability\n" + "".join(f"{x:.4f}\t{y:.6g}\n" for x, y in points),
            encoding="utf-8",
        )
        print(f"{len(fit)} candidates; {len(points)} points written to {TABLE}")
        return
    rows = labelled(
        args.split,
        args.persons,
        args.queries,
        args.seed,
        dates=not args.no_dates,
        namesakes=args.namesakes,
    )
    labels = [r.right for r in rows]
    shown = [r.shown for r in rows]
    raw = [r.probability for r in rows]
    print(f"{len(rows)} candidates, {sum(labels)} right")
    print(f"Brier shown {brier(shown, labels):.4f}, scorer probability {brier(raw, labels):.4f}")
    print("\n".join(reliability(shown, labels)))
    print("scorer probability:")
    print("\n".join(reliability(raw, labels)))
    for title, chosen in (
        ("typed date differs (dob.different)", [r for r in rows if r.dob_level == "dob.different"]),
        ("namesakes of the searched person", [r for r in rows if r.namesake]),
        (
            "namesakes, typed date differs",
            [r for r in rows if r.namesake and r.dob_level == "dob.different"],
        ),
    ):
        if chosen:
            likely = sum(r.shown >= 0.5 for r in chosen)
            print(
                f"{title}: {len(chosen)} candidates, {sum(r.right for r in chosen)} right, "
                f"shown >= 50 %: {likely}, >= 95 %: {sum(r.shown >= 0.95 for r in chosen)}, "
                f"mean shown {sum(r.shown for r in chosen) / len(chosen):.3f}, "
                f"Brier {brier([r.shown for r in chosen], [r.right for r in chosen]):.4f}"
            )


if __name__ == "__main__":
    main()
