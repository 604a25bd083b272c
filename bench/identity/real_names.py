"""List linking and pair scoring on real Arabic-script / Latin name pairs.

    uv run python -m bench.identity.real_names [--split test] [--persons 20000] [--queries 2000]

The names come from /work/shared/data/names/ar2en.tsv: 15,898 names as written on
Wikipedia in Arabic and in English (google/transliteration, Apache-2.0). The file is split
by a hash of the Arabic word into a dev half (for fitting the calibration) and a test half
(for reporting). The matcher itself reads a dictionary derived from the same source
(`identity/data/arabic_spellings.tsv`); the words of the evaluated half are withheld from that
dictionary for the run, so the matcher meets every evaluated name for the first time.

Persons are pairs of such words (given name, family name) with a synthetic date of birth;
the register holds each person in one script, a query the same person in the other script,
so every query is a real English spelling of a real Arabic spelling. Dates on the query side:
exact, day and month swapped, the 1 January placeholder on one side, or missing; a share of
the queries has given and family name swapped. Reported: recall@1 and @10 of `link` (what
`wegweiser identity link --registry` runs), against ICU Any-Latin + rapidfuzz token-sort over
the whole register in the same run; and, on labelled name pairs (true spellings, persons
sharing one name, random persons), precision, recall and F1 of `compare_pairs` (what
`wegweiser identity compare` runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path("/work/shared/data/names/ar2en.tsv")


def split_of(arabic: str) -> str:
    return "dev" if hashlib.sha256(arabic.encode()).digest()[0] % 2 == 0 else "test"


def load_pairs(split: str) -> list[tuple[str, str]]:
    """(arabic, english) pairs of one split: single words of letters on both sides."""
    pairs = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) != 2:
            continue
        arabic, english = row[0].strip(), row[1].strip()
        if " " in arabic or not english.isalpha() or len(english) < 3:
            continue
        if split_of(arabic) == split:
            pairs.append((arabic, english.capitalize()))
    return pairs


def withhold(arabic_words: Iterable[str]) -> int:
    """Remove the words from the matcher's Arabic spelling dictionary for this process."""
    from wegweiser.identity import variants
    from wegweiser.identity.normalize import normalize_original
    from wegweiser.identity.scripts import Script

    removed = 0
    for word in arabic_words:
        core = normalize_original(word, Script.ARABIC)
        for latin in variants.ARABIC_SPELLINGS.pop(core, ()):
            removed += 1
            cores = variants.LATIN_TO_ARABIC.get(latin)
            if cores is not None:
                variants.LATIN_TO_ARABIC[latin] = cores - {core}
    return removed


@dataclass(frozen=True)
class Person:
    ident: str
    given: tuple[str, str]  # (arabic, english)
    family: tuple[str, str]
    born: dt.date
    placeholder: bool


def make_persons(pairs: list[tuple[str, str]], count: int, rng: random.Random) -> list[Person]:
    persons = []
    for index in range(count):
        given, family = rng.choice(pairs), rng.choice(pairs)
        year = rng.randint(1950, 2010)
        placeholder = rng.random() < 0.25
        born = (
            dt.date(year, 1, 1)
            if placeholder
            else dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        )
        persons.append(Person(f"r{index}", given, family, born, placeholder))
    return persons


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
    register = []
    script_of: dict[str, int] = {}
    for person in persons:
        side = rng.randint(0, 1)  # 0: register in Arabic script, 1: in Latin
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


def f1(pair_rows, scored) -> tuple[float, float, float]:
    tp = sum(1 for r in pair_rows if r["label"] == "1" and scored[r["pair_id"]].match)
    fp = sum(1 for r in pair_rows if r["label"] == "0" and scored[r["pair_id"]].match)
    fn = sum(1 for r in pair_rows if r["label"] == "1" and not scored[r["pair_id"]].match)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall_ = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall_, 2 * precision * recall_ / (precision + recall_ or 1)


def hard_pairs(pairs: list[tuple[str, str]], count: int, rng: random.Random):
    """Single names: true pairs across scripts, and different names whose English spellings
    look alike (rapidfuzz ratio at least 70), one side in Arabic script."""
    from rapidfuzz import fuzz

    negatives: list[tuple[str, str]] = []
    while len(negatives) < count:
        a, b = rng.sample(pairs, 2)
        if a[1].lower() != b[1].lower() and fuzz.ratio(a[1].lower(), b[1].lower()) >= 70:
            negatives.append((a[0], b[1]))
    positives = [(a[0], a[1]) for a in rng.sample(pairs, count)]
    return positives, negatives


def hard_scores(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[float, float, float]:
    from wegweiser.identity.scorer import compare_name_strings

    positives, negatives = hard_pairs(pairs, 1500, rng)
    tp = sum(compare_name_strings(a, b).is_match for a, b in positives)
    fp = sum(compare_name_strings(a, b).is_match for a, b in negatives)
    precision, recall_ = tp / max(tp + fp, 1), tp / len(positives)
    return precision, recall_, 2 * precision * recall_ / (precision + recall_ or 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--persons", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--pairs", type=int, default=3_000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--baseline", action="store_true")
    parser.add_argument("--dump", type=Path, help="write the ranked ids per query here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pairs = load_pairs(args.split)
    removed = withhold(arabic for arabic, _ in pairs)
    persons = make_persons(pairs, args.persons, rng)
    register_rows, query_rows, truth = build_link_rows(persons, args.queries, rng)
    print(f"split {args.split}: {len(pairs)} names, {removed} dictionary spellings withheld")
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
    precision, recall_, f = hard_scores(pairs, random.Random(3))
    print(f"hard single-name pairs P {precision:.3f} R {recall_:.3f} F1 {f:.3f}")


if __name__ == "__main__":
    main()
