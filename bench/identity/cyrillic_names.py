"""List linking and pair scoring on real Cyrillic / Latin name spellings.

    uv run python -m bench.identity.cyrillic_names [--split test] [--baseline]

The names are `bench/identity/data/cyrillic_latin_names.tsv` (see the README there): names of
well-known people as Russian or Ukrainian publications write them in Cyrillic, with the Latin
spelling of the person's own language (Polish, Hungarian, Japanese Hepburn, French, Spanish,
Scandinavian, German, English, Italian, Czech, Turkish, ...), and names of Russian, Ukrainian,
Belarusian and Bulgarian people with their spellings in German, English, French and Polish
publications. The matcher never reads this file; it lives outside the package.

The file is split by a hash of the Cyrillic word (all spellings of one word in one half): dev
for choosing rules, test for reporting. Persons are pairs of such words (given, family; one
word of each pair drawn at random, one of its Latin spellings for the Latin side) with a
synthetic date of birth; the register holds each person in one script, a query the same person
in the other script. Dates, swapped names, pair sets and the hard single-name pairs are built
as in `real_names` (the Arabic-script evaluation), and the plain baseline (ICU Any-Latin +
rapidfuzz token-sort over the whole register) runs on the same rows; the driver is shared
with `real_names` (`bench/identity/name_sets.py`).
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from bench.identity.name_sets import Person, arguments, draw_birth, report, split_of

SOURCE = Path(__file__).parent / "data" / "cyrillic_latin_names.tsv"


def load_words(split: str) -> dict[str, list[tuple[str, str]]]:
    """Cyrillic word -> [(Latin spelling, convention)] for one split, in file order."""
    words: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cyrillic, latin, convention = line.split("\t")
        if split_of(cyrillic) == split:
            words[cyrillic].append((latin, convention))
    return dict(words)


def load_pairs(split: str) -> list[tuple[str, str]]:
    return [(c, latin) for c, spellings in load_words(split).items() for latin, _ in spellings]


def make_persons(words: dict[str, list[tuple[str, str]]], count: int, rng: random.Random):
    """Persons over the words: each name part a Cyrillic word and one of its Latin spellings."""
    keys = sorted(words)
    persons = []
    for index in range(count):
        parts = []
        for _ in range(2):
            cyrillic = rng.choice(keys)
            latin, _ = rng.choice(words[cyrillic])
            parts.append((cyrillic, latin))
        born, placeholder = draw_birth(rng)
        persons.append(Person(f"r{index}", parts[0], parts[1], born, placeholder))
    return persons


def hard_pairs(pairs: list[tuple[str, str]], count: int, rng: random.Random):
    """Single names: true pairs across scripts, and different names whose Latin spellings
    look alike (rapidfuzz ratio at least 70), the Cyrillic side of one against the Latin
    spelling of the other."""
    from rapidfuzz import fuzz

    pool = [(c, latin.lower()) for c, latin in pairs]
    candidates = [
        (a, b)
        for a in pool
        for b in pool
        if a[0] != b[0] and a[1] != b[1] and fuzz.ratio(a[1], b[1]) >= 70
    ]
    rng.shuffle(candidates)
    negatives = [(a[0], b[1]) for a, b in candidates[:count]]
    positives = rng.sample(pairs, min(count, len(pairs)))
    return positives, negatives


def single_misses(pairs: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """True single-name pairs the scorer does not accept, with its level (for choosing rules)."""
    from wegweiser.identity.scorer import compare_name_strings

    misses = []
    for cyrillic, latin in pairs:
        result = compare_name_strings(cyrillic, latin)
        if not result.is_match:
            misses.append((cyrillic, latin, result.evidence[0].level))
    return misses


def main() -> None:
    parser = arguments(persons=5_000, queries=1_000, pairs=1_500)
    parser.add_argument("--misses", action="store_true", help="list single-name misses")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    words = load_words(args.split)
    pairs = load_pairs(args.split)
    persons = make_persons(words, args.persons, rng)
    print(f"split {args.split}: {len(words)} Cyrillic names, {len(pairs)} Latin spellings")
    report(args, persons, rng, lambda: hard_pairs(pairs, 600, random.Random(3)))
    if args.misses:
        for cyrillic, latin, why in single_misses(pairs):
            print(f"miss  {cyrillic}\t{latin}\t{why}")


if __name__ == "__main__":
    main()
