"""The driver both real-name benchmarks share (Arabic script / Latin in `real_names`,
Cyrillic / Latin in `cyrillic_names`): persons over a list of (original, Latin) names, the
register and the queries in the other script, labelled name pairs, the scores and the
printed report.

Each benchmark supplies its names (one half of its list, by a hash of the original word),
its persons (which Latin spelling a name part gets) and its hard single-name pairs; the
rest is here, so both measure the same way: recall@1 and @10 of `link` (what `wegweiser
identity link --registry` runs) against ICU Any-Latin + rapidfuzz token-sort over the whole
register in the same run; precision, recall and F1 of `compare_pairs` (what `wegweiser
identity compare` runs) on labelled name pairs; and of `compare_name_strings` on true
single-name pairs against different names whose Latin spellings look alike.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

NamePair = tuple[str, str]
"""(original script, Latin) spelling of one name."""


def split_of(original: str) -> str:
    """The half a name belongs to, by the first byte of the SHA-256 of its original spelling."""
    return "dev" if hashlib.sha256(original.encode()).digest()[0] % 2 == 0 else "test"


@dataclass(frozen=True)
class Person:
    ident: str
    given: NamePair  # (original, latin)
    family: NamePair
    born: dt.date
    placeholder: bool


def draw_birth(rng: random.Random) -> tuple[dt.date, bool]:
    """A synthetic date of birth, a quarter on the 1 January placeholder."""
    year = rng.randint(1950, 2010)
    placeholder = rng.random() < 0.25
    if placeholder:
        return dt.date(year, 1, 1), True
    born = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
    return born, placeholder


def query_date(person: Person, rng: random.Random) -> str:
    draw = rng.random()
    born = person.born
    if draw < 0.6:
        return born.isoformat()
    if draw < 0.7 and born.day <= 12 and born.day != born.month:
        return dt.date(born.year, born.day, born.month).isoformat()
    if draw < 0.8:
        if person.placeholder:  # the other authority knew the day
            return dt.date(born.year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        return dt.date(born.year, 1, 1).isoformat()
    if draw < 0.9:
        return ""
    return born.isoformat()


def build_link_rows(
    persons: list[Person], queries: int, rng: random.Random
) -> tuple[list[dict[str, str]], list[dict[str, str]], dict[str, str]]:
    """The register (each person in one script) and queries naming a registered person in the
    other script, a tenth with given and family name swapped; and the true id per query."""
    register = []
    script_of: dict[str, int] = {}
    for person in persons:
        side = rng.randint(0, 1)  # 0: register in the original script, 1: in Latin
        script_of[person.ident] = side
        register.append(
            {
                "id": person.ident,
                "given_name": person.given[side],
                "family_name": person.family[side],
                "date_of_birth": person.born.isoformat(),
            }
        )
    rows, truth = [], {}
    for number, person in enumerate(rng.sample(persons, queries)):
        other = 1 - script_of[person.ident]
        given, family = person.given[other], person.family[other]
        if rng.random() < 0.1:
            given, family = family, given
        query_id = f"q{number}"
        truth[query_id] = person.ident
        rows.append(
            {
                "query_id": query_id,
                "given_name": given,
                "family_name": family,
                "date_of_birth": query_date(person, rng),
            }
        )
    return register, rows, truth


def build_pairs(persons: list[Person], count: int, rng: random.Random) -> list[dict[str, str]]:
    """Labelled name pairs: a third true spellings, a third sharing one name, a third random."""
    rows = []
    for number in range(count):
        a = rng.choice(persons)
        kind = number % 3
        if kind == 0:
            b, label = a, "1"
        elif kind == 1:
            b = rng.choice(persons)
            b = Person(
                b.ident,
                a.given if rng.random() < 0.5 else b.given,
                b.family if b.given == a.given else a.family,
                b.born,
                False,
            )
            label = "1" if (b.given, b.family) == (a.given, a.family) else "0"
        else:
            b = rng.choice(persons)
            label = "1" if (b.given, b.family) == (a.given, a.family) else "0"
        side = rng.randint(0, 1)
        rows.append(
            {
                "pair_id": f"p{number}",
                "name1": f"{a.given[side]} {a.family[side]}",
                "name2": f"{b.given[1 - side]} {b.family[1 - side]}",
                "label": label,
            }
        )
    return rows


def recall(links: dict[str, list[str]], truth: dict[str, str], k: int) -> float:
    return sum(truth[q] in links.get(q, [])[:k] for q in truth) / len(truth)


def run_ours(register_rows, query_rows, top: int = 10):
    from wegweiser.identity.reconciliation import Register, Table, entries, link

    register, _ = entries(Table(rows=list(enumerate(register_rows, 2))), "id")
    queries, _ = entries(Table(rows=list(enumerate(query_rows, 2))), "query_id")
    started = time.perf_counter()
    result = link(queries, Register(register), top=top)
    elapsed = time.perf_counter() - started
    ranked: dict[str, list[str]] = {}
    scores: dict[str, list[float]] = {}
    for item in result:
        ranked.setdefault(item.query_id, []).append(item.registry_id)
        scores.setdefault(item.query_id, []).append(item.score)
    return ranked, scores, elapsed


def run_baseline(register_rows, query_rows, top: int = 10):
    import icu
    from rapidfuzz import fuzz, process

    latin = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
    names = [latin.transliterate(f"{r['given_name']} {r['family_name']}") for r in register_rows]
    ids = [r["id"] for r in register_rows]
    ranked = {}
    for row in query_rows:
        text = latin.transliterate(f"{row['given_name']} {row['family_name']}")
        hits = process.extract(text, names, scorer=fuzz.token_sort_ratio, limit=top)
        ranked[row["query_id"]] = [ids[index] for _, _, index in hits]
    return ranked


def pair_scores(pair_rows):
    from wegweiser.identity.reconciliation import Table, compare_pairs

    scores, _ = compare_pairs(Table(rows=list(enumerate(pair_rows, 2))))
    return {s.pair_id: s for s in scores}


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall_ = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall_, 2 * precision * recall_ / (precision + recall_ or 1)


def f1(pair_rows, scored) -> tuple[float, float, float]:
    tp = sum(1 for r in pair_rows if r["label"] == "1" and scored[r["pair_id"]].match)
    fp = sum(1 for r in pair_rows if r["label"] == "0" and scored[r["pair_id"]].match)
    fn = sum(1 for r in pair_rows if r["label"] == "1" and not scored[r["pair_id"]].match)
    return prf(tp, fp, fn)


def single_name_scores(
    positives: Sequence[NamePair], negatives: Sequence[NamePair]
) -> tuple[float, float, float]:
    """Precision, recall and F1 of `compare_name_strings` on true single-name pairs and on
    different names."""
    from wegweiser.identity.scorer import compare_name_strings

    tp = sum(compare_name_strings(a, b).is_match for a, b in positives)
    fp = sum(compare_name_strings(a, b).is_match for a, b in negatives)
    return prf(tp, fp, len(positives) - tp)


def arguments(persons: int, queries: int, pairs: int) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--persons", type=int, default=persons)
    parser.add_argument("--queries", type=int, default=queries)
    parser.add_argument("--pairs", type=int, default=pairs)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--dump", type=Path, help="write the ranked ids per query here")
    return parser


def report(
    args: argparse.Namespace,
    persons: list[Person],
    rng: random.Random,
    hard: Callable[[], tuple[Sequence[NamePair], Sequence[NamePair]]],
) -> None:
    """Link, baseline, labelled pairs and hard single-name pairs, printed one line each.

    ``rng`` continues the generator that drew ``persons`` (the queries and pairs depend on
    it); ``hard`` gives the positive and negative single-name pairs.
    """
    register_rows, query_rows, truth = build_link_rows(persons, args.queries, rng)
    ranked, _, elapsed = run_ours(register_rows, query_rows)
    print(
        f"ours      recall@1 {recall(ranked, truth, 1):.3f} @10 {recall(ranked, truth, 10):.3f}"
        f"  ({elapsed:.1f} s for {len(query_rows)} queries)"
    )
    if args.dump:
        args.dump.write_text("".join(f"{q} {' '.join(ranked[q])}\n" for q in sorted(ranked)))
    if args.baseline:
        base = run_baseline(register_rows, query_rows)
        print(f"baseline  recall@1 {recall(base, truth, 1):.3f} @10 {recall(base, truth, 10):.3f}")
    pair_rows = build_pairs(persons, args.pairs, rng)
    precision, recall_, f = f1(pair_rows, pair_scores(pair_rows))
    print(f"pairs     P {precision:.3f} R {recall_:.3f} F1 {f:.3f}")
    positives, negatives = hard()
    precision, recall_, f = single_name_scores(positives, negatives)
    print(
        f"hard single-name pairs P {precision:.3f} R {recall_:.3f} F1 {f:.3f}"
        f" ({len(negatives)} look-alike negatives)"
    )
