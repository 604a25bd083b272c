"""Job matching benchmark: speed and quality of wegweiser.jobs.matching, baselines in the same run.

    uv run python -m bench.jobs --vacancies 50000 --persons 100000 --seed 1

Speed: the whole `rank_vacancies` call (one person against every open vacancy) and the whole
`rank_persons` call (one vacancy against every person), k=20, p50/p95 over `--queries` queries
each, beside the same score in a plain per-row Python loop over `--loop-rows` rows,
extrapolated to the full table. The loop also checks the matcher's numbers pair by pair.

Quality: persons with a known true occupation and a noisy record (bench/jobs/synthetic.py).
recall@10: a vacancy of the true occupation is among the 10 shown. Beside it, the vacancies
ranked by the similarity of their title to the job title the person told (rapidfuzz
token_set_ratio, and char 3-5-gram TF-IDF cosine), over the same eligible vacancies.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

import numpy as np

from wegweiser.jobs.matching import (
    Permission,
    PersonTable,
    Recognition,
    VacancyTable,
    rank_persons,
    rank_vacancies,
)

from .baselines import (
    PlainSpace,
    TitleSearch,
    loop_rank_persons,
    loop_rank_vacancies,
    pair_score,
    top_rows,
)
from .synthetic import Occupations, Persons, Vacancies, occupations, persons, vacancies


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentiles(milliseconds: Sequence[float]) -> dict[str, float]:
    array = np.asarray(milliseconds)
    return {
        "p50_ms": round(float(np.percentile(array, 50)), 2),
        "p95_ms": round(float(np.percentile(array, 95)), 2),
        "max_ms": round(float(array.max()), 2),
    }


def timed(calls: Sequence[Callable[[], object]], warm_up: int = 5) -> list[float]:
    for call in calls[:warm_up]:
        call()
    result = []
    for call in calls:
        started = time.perf_counter()
        call()
        result.append((time.perf_counter() - started) * 1000)
    return result


def take_vacancies(table: VacancyTable, rows: np.ndarray) -> VacancyTable:
    return VacancyTable(**{name: getattr(table, name)[rows] for name in table.__dataclass_fields__})


def take_persons(table: PersonTable, rows: np.ndarray) -> PersonTable:
    position = np.full(len(table), -1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    keep = position[table.recognition_rows] >= 0
    per_row = {
        name: getattr(table, name)[rows]
        for name in table.__dataclass_fields__
        if not name.startswith("recognition_")
    }
    return PersonTable(
        **per_row,
        recognition_rows=position[table.recognition_rows[keep]],
        recognition_occupations=table.recognition_occupations[keep],
        recognition_states=table.recognition_states[keep],
    )


def speed(
    occ: Occupations,
    people: Persons,
    openings: Vacancies,
    *,
    queries: int,
    k: int,
    loop_rows: int,
    loop_queries: int,
    rng: np.random.Generator,
) -> dict[str, Any]:
    space = occ.space
    person_rows = rng.choice(len(people.table), size=queries, replace=False)
    vacancy_rows = rng.choice(len(openings.table), size=queries, replace=False)
    as_person = [people.features(int(row)) for row in person_rows]
    as_vacancy = [openings.features(int(row)) for row in vacancy_rows]

    vacancies_ms = timed(
        [partial(rank_vacancies, space, p, openings.table, k=k) for p in as_person]
    )
    persons_ms = timed([partial(rank_persons, space, v, people.table, k=k) for v in as_vacancy])

    plain = PlainSpace.of(occ)
    sample_vacancies = np.sort(rng.choice(len(openings.table), size=loop_rows, replace=False))
    sample_persons = np.sort(rng.choice(len(people.table), size=loop_rows, replace=False))
    vacancy_records = [openings.features(int(row)) for row in sample_vacancies]
    person_records = [people.features(int(row)) for row in sample_persons]
    loop_vacancies_ms = [
        ms * len(openings.table) / loop_rows
        for ms in timed(
            [
                partial(loop_rank_vacancies, plain, p, vacancy_records, k)
                for p in as_person[:loop_queries]
            ],
            warm_up=1,
        )
    ]
    loop_persons_ms = [
        ms * len(people.table) / loop_rows
        for ms in timed(
            [
                partial(loop_rank_persons, plain, v, person_records, k)
                for v in as_vacancy[:loop_queries]
            ],
            warm_up=1,
        )
    ]

    # Pair by pair, the loop's score against both directions of the matcher.
    checked, disagreements, largest = 0, 0, 0.0
    vacancy_part = take_vacancies(openings.table, sample_vacancies)
    person_part = take_persons(people.table, sample_persons)
    for p in as_person[:loop_queries]:
        ranking = rank_vacancies(space, p, vacancy_part, k=loop_rows)
        for ranked, match in [(True, m) for m in ranking.matches] + [
            (False, m) for m in ranking.held_back
        ]:
            expected = pair_score(plain, p, vacancy_records[_row(vacancy_part, match.id)])
            points = sum(f.points for f in match.factors)
            checked += 1
            if (expected is not None) != ranked:
                disagreements += 1
            elif expected is not None:
                largest = max(largest, abs(expected - points))
    for v in as_vacancy[:loop_queries]:
        ranking = rank_persons(space, v, person_part, k=loop_rows)
        for ranked, match in [(True, m) for m in ranking.matches] + [
            (False, m) for m in ranking.held_back
        ]:
            expected = pair_score(plain, person_records[_row(person_part, match.id)], v)
            points = sum(f.points for f in match.factors)
            checked += 1
            if (expected is not None) != ranked:
                disagreements += 1
            elif expected is not None:
                largest = max(largest, abs(expected - points))

    return {
        "rank_vacancies": {
            "rows": len(openings.table),
            "queries": queries,
            **percentiles(vacancies_ms),
            "loop": {"rows_timed": loop_rows, "queries": loop_queries}
            | percentiles(loop_vacancies_ms),
        },
        "rank_persons": {
            "rows": len(people.table),
            "queries": queries,
            **percentiles(persons_ms),
            "loop": {"rows_timed": loop_rows, "queries": loop_queries}
            | percentiles(loop_persons_ms),
        },
        "check": {
            "pairs": checked,
            "held_back_disagreements": disagreements,
            "largest_score_difference": largest,
        },
    }


def _row(table: VacancyTable | PersonTable, identifier: int) -> int:
    return int(np.searchsorted(table.ids, identifier))


def quality(
    occ: Occupations,
    people: Persons,
    openings: Vacancies,
    *,
    queries: int,
    rng: np.random.Generator,
) -> dict[str, Any]:
    table = openings.table
    search = TitleSearch(openings.titles)
    may_work = np.isin(people.table.permission, [Permission.ALLOWED, Permission.APPROVAL])
    candidates = rng.permutation(np.flatnonzero(may_work))

    hits: dict[str, list[bool]] = {"matcher": [], "token_set": [], "char_tfidf": []}
    precision: dict[str, list[float]] = {name: [] for name in hits}
    groups: dict[str, list[str]] = {"coded": [], "told": []}
    without_target = 0
    started = time.perf_counter()
    for row in candidates:
        if len(groups["coded"]) == queries:
            break
        p = people.features(int(row))
        true = int(people.true_occupation[row])
        recognition = np.zeros(len(table), dtype=np.int8)
        for occupation, state in p.recognitions.items():
            recognition[table.occupation == occupation] = int(state)
        eligible = ~(table.driving_required & ~p.driving_licence) & ~(
            table.regulated & (recognition < Recognition.FULL)
        )
        target = (table.occupation == true) & eligible
        if not target.any():
            without_target += 1
            continue

        shown = {
            "matcher": np.array(
                [m.id - 1 for m in rank_vacancies(occ.space, p, table, k=10).matches]
            ),
            "token_set": top_rows(search.token_set(people.told_title[row]), eligible, 10),
            "char_tfidf": top_rows(search.char_tfidf(people.told_title[row]), eligible, 10),
        }
        for name, rows in shown.items():
            right = target[rows] if len(rows) else np.zeros(0, dtype=bool)
            hits[name].append(bool(right.any()))
            precision[name].append(float(right.sum()) / 10)
        groups["coded"].append("true" if people.coded_is_true[row] else "neighbour")
        groups["told"].append(people.told_language[row])

    def summary(selected: np.ndarray) -> dict[str, Any]:
        if not selected.any():
            return {"queries": 0}
        return {
            "queries": int(selected.sum()),
            **{
                name: {
                    "recall@10": round(float(np.asarray(hits[name])[selected].mean()), 3),
                    "precision@10": round(float(np.asarray(precision[name])[selected].mean()), 3),
                }
                for name in hits
            },
        }

    coded = np.asarray(groups["coded"])
    told = np.asarray(groups["told"])
    everyone = np.ones(len(coded), dtype=bool)
    return {
        "all": summary(everyone),
        "coded = true occupation": summary(coded == "true"),
        "coded = neighbour": summary(coded == "neighbour"),
        "told in German": summary(told == "de"),
        "told in English": summary(told == "en"),
        "told in another language": summary(told == "other"),
        "skipped_without_eligible_target": without_target,
        "distinct_vacancy_titles": len(search.titles),
        "seconds": round(time.perf_counter() - started, 1),
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        f"persons={report['persons']} vacancies={report['vacancies']} seed={report['seed']} "
        f"occupations={report['occupations']}",
    ]
    if "speed" in report:
        s = report["speed"]
        lines += [
            "",
            "Speed, whole call, k=20, milliseconds:",
            "",
            "| call | rows | queries | p50 | p95 | max | plain loop p50 (extrapolated) "
            "| loop p95 | p50 ratio |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in ("rank_vacancies", "rank_persons"):
            r = s[name]
            loop = r["loop"]
            lines.append(
                f"| {name} | {r['rows']:,} | {r['queries']} | {r['p50_ms']} | {r['p95_ms']} "
                f"| {r['max_ms']} | {loop['p50_ms']:.0f} | {loop['p95_ms']:.0f} "
                f"| {loop['p50_ms'] / r['p50_ms']:.0f}x |"
            )
        c = s["check"]
        lines.append(
            f"\nLoop ({s['rank_vacancies']['loop']['rows_timed']:,} rows, "
            f"{s['rank_vacancies']['loop']['queries']} queries each way) against the matcher: "
            f"{c['pairs']:,} pairs, {c['held_back_disagreements']} disagreements on hard "
            f"constraints, largest score difference {c['largest_score_difference']:.2g}"
        )
    if "quality" in report:
        q = report["quality"]
        lines += [
            "",
            "Quality: a vacancy of the true occupation among the 10 shown (recall@10), and "
            "the share of the 10 in the true occupation (precision@10):",
            "",
            "| persons | queries | matcher R@10 | token_set R@10 | char-tfidf R@10 "
            "| matcher P@10 | token_set P@10 | char-tfidf P@10 |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, r in q.items():
            if not isinstance(r, dict) or not r["queries"]:
                continue
            lines.append(
                f"| {name} | {r['queries']} | {r['matcher']['recall@10']:.3f} "
                f"| {r['token_set']['recall@10']:.3f} | {r['char_tfidf']['recall@10']:.3f} "
                f"| {r['matcher']['precision@10']:.3f} | {r['token_set']['precision@10']:.3f} "
                f"| {r['char_tfidf']['precision@10']:.3f} |"
            )
        lines.append(
            f"\nSkipped (no eligible vacancy of the true occupation): "
            f"{q['skipped_without_eligible_target']}; distinct vacancy titles: "
            f"{q['distinct_vacancy_titles']:,}; quality run {q['seconds']} s"
        )
    lines.append(
        f"\nLoad average at start: {report['load_start']}, at end: {report['load_end']}; "
        f"{report['seconds']} s in all"
    )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--vacancies", type=int, default=50_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="timed queries each way")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--loop-rows", type=int, default=2_000, help="rows the plain loop runs")
    parser.add_argument("--loop-queries", type=int, default=20)
    parser.add_argument("--quality-queries", type=int, default=2_000)
    parser.add_argument("--noise", type=float, default=0.3, help="share of noisy coded jobs")
    parser.add_argument("--only", choices=["speed", "quality"])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the report as JSON to this file")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    report: dict[str, Any] = {"seed": args.seed, "load_start": load_average()}
    occ = occupations(args.seed)
    rng = np.random.default_rng([args.seed, 2])
    people = persons(rng, occ, args.persons, noise=args.noise)
    openings = vacancies(rng, occ, args.vacancies)
    report |= {
        "persons": args.persons,
        "vacancies": args.vacancies,
        "occupations": len(occ),
        "noise": args.noise,
    }
    print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    if args.only in (None, "speed"):
        report["speed"] = speed(
            occ,
            people,
            openings,
            queries=args.queries,
            k=args.k,
            loop_rows=min(args.loop_rows, args.vacancies, args.persons),
            loop_queries=args.loop_queries,
            rng=np.random.default_rng([args.seed, 3]),
        )
    if args.only in (None, "quality"):
        report["quality"] = quality(
            occ,
            people,
            openings,
            queries=args.quality_queries,
            rng=np.random.default_rng([args.seed, 4]),
        )
    report["load_end"] = load_average()
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(markdown(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
