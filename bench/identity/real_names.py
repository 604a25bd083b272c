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
`wegweiser identity compare` runs). The driver is shared with `cyrillic_names`
(`bench/identity/name_sets.py`).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path

from bench.identity.name_sets import (
    Person,
    arguments,
    build_link_rows,
    draw_birth,
    report,
    split_of,
)

__all__ = ["build_link_rows", "hard_pairs", "load_pairs", "make_persons", "withhold"]

SOURCE = Path("/work/shared/data/names/ar2en.tsv")


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


def make_persons(pairs: list[tuple[str, str]], count: int, rng: random.Random) -> list[Person]:
    persons = []
    for index in range(count):
        given, family = rng.choice(pairs), rng.choice(pairs)
        born, placeholder = draw_birth(rng)
        persons.append(Person(f"r{index}", given, family, born, placeholder))
    return persons


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


def main() -> None:
    args = arguments(persons=20_000, queries=2_000, pairs=3_000).parse_args()
    rng = random.Random(args.seed)
    pairs = load_pairs(args.split)
    removed = withhold(arabic for arabic, _ in pairs)
    persons = make_persons(pairs, args.persons, rng)
    print(f"split {args.split}: {len(pairs)} names, {removed} dictionary spellings withheld")
    report(args, persons, rng, lambda: hard_pairs(pairs, 1500, random.Random(3)))


if __name__ == "__main__":
    main()
