"""The duplicate job on a register built from real cross-script names.

    uv run python -m bench.identity.dedupe_real                       # test half, 10,000 + 100,000
    uv run python -m bench.identity.dedupe_real --split dev --persons 100000
    uv run python -m bench.identity.dedupe_real --persons 1000000 --method splink

Unlike :mod:`bench.identity.dedupe` (the project's generated register, whose planted second
records partly take their Latin spelling from the same analysis the index uses), every name
here is a real pair of spellings: /work/shared/data/names/ar2en.tsv, 15,898 names as written
in Arabic and in English on Wikipedia (google/transliteration, Apache-2.0), split dev/test by
a hash of the Arabic word (:func:`bench.identity.real_names.split_of`). A run uses one half;
that half's words are withheld from the matcher's spelling dictionary
(:func:`bench.identity.real_names.withhold`), so the matcher meets every name for the first
time. Choices about the job were made on ``--split dev``; the reported figures are ``test``.

The register (all draws from one seeded generator, so the same every run):

* persons: a given name (a fifth of them with a second given name, the father's), a family
  name, drawn from the half's words with Zipf weights (a few names are very common, as
  Mohammad and Ahmadi are; given and family names ranked in two independent orders), a sex,
  one or two nationalities of a short list, a place of birth (60 %; another of the words),
  a date of birth between 1950 and 2012, the placeholder 01.01. for a quarter of them;
* each person written in one script: Latin (the English spelling) or Arabic script (the
  Arabic spelling), half each, place of birth in the same script;
* duplicates (``--share``, 1 %): the same person registered again *in the other script* with
  the real spelling of the data (never the project's transliteration); given and family name
  swapped in 10 %; date of birth as before (55 %), the placeholder 01.01. of the same year
  on one side (15 %), day and month swapped (10 %), missing (10 %), the year off by one (5 %),
  the day off by one (5 %); nationality missing 10 %; place the same (60 %), missing (30 %)
  or another (10 %); sex kept (98 %);
* hard negatives (``--namesakes``, 2 %; besides the namesakes Zipf's weights make by
  themselves): new persons sharing the full name of a person (half of them written in the
  other script) with another date of birth (a third in the same year, half of those with
  the placeholder 01.01.), and (``--relatives``, 2 %) siblings: the same family name, another
  given name, born within three years, the same nationality and place.

Ground truth: the pairs (person, duplicate). Recall and precision are counted on the pairs the
job proposes at its default threshold; the threshold table gives both at other thresholds (a
pair counts if its final probability is at or above it; pairs below the job's lowest candidate
threshold are not scored, so recall at a lower threshold is not shown beyond it).

The job runs as `wegweiser duplicates` runs it, from the comparison table on (export from the
database and storing the queue are left out: the register never enters a database, which is
what makes a million persons feasible here); ``--method splink`` runs Splink alone (with the
blocking rules of the checkout; the old method is this command at commit f2fa710),
``--method job`` the whole job (Splink and the rescoring stage).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import hashlib
import itertools
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from .real_names import load_pairs, withhold

ROOT = Path(__file__).resolve().parents[2]

NATIONALITIES = ("SY", "IQ", "AF", "EG", "SD", "LB", "JO", "PS", "YE", "LY", "MA", "DZ", "TN", "IR")
NATIONALITY_WEIGHTS = (30, 18, 14, 6, 5, 5, 4, 4, 3, 3, 3, 2, 2, 1)


@dataclass(frozen=True)
class Names:
    given: tuple[str, ...]  # (arabic, english) per part, flattened: a1, e1, a2, e2
    family: tuple[str, str]


@dataclass(frozen=True)
class Entry:
    ident: int
    given_ar: str
    given_en: str
    family_ar: str
    family_en: str
    script: int  # 0 Arabic, 1 Latin
    born: dt.date | None
    placeholder: bool
    sex: str
    nationalities: tuple[str, ...]
    place: tuple[str, str] | None  # (arabic, english)

    def record(self):  # -> PersonRecord
        from wegweiser.identity.dates import BirthDate, DatePrecision
        from wegweiser.identity.scorer import NameSpelling, PersonRecord

        birth = (
            BirthDate(self.born, DatePrecision.EXACT, self.placeholder)
            if self.born is not None
            else None
        )
        place = "" if self.place is None else self.place[self.script]
        if self.script == 1:
            return PersonRecord(
                self.given_en,
                self.family_en,
                birth_date=birth,
                nationalities=self.nationalities,
                place_of_birth=place,
            )
        # Arabic script only: the Latin fields stay empty, the names are the original spelling
        return PersonRecord(
            "",
            "",
            other_spellings=(NameSpelling(self.given_ar, self.family_ar),),
            birth_date=birth,
            nationalities=self.nationalities,
            place_of_birth=place,
        )


class _Zipf:
    """Draws from ``items`` with weight 1/rank^s, ranked by a salted hash (reproducible)."""

    def __init__(self, items: Sequence[tuple[str, str]], salt: str, s: float) -> None:
        self.items = sorted(items, key=lambda it: hashlib.sha256((salt + it[0]).encode()).digest())
        self.cumulative = list(itertools.accumulate(1 / (r + 1) ** s for r in range(len(items))))

    def __call__(self, rng: random.Random) -> tuple[str, str]:
        x = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_left(self.cumulative, x)]


def _date(rng: random.Random, year: int | None = None) -> tuple[dt.date, bool]:
    year = year or rng.randint(1950, 2012)
    if rng.random() < 0.25:
        return dt.date(year, 1, 1), True
    return dt.date(year, rng.randint(1, 12), rng.randint(1, 28)), False


def _noisy_date(entry: Entry, rng: random.Random) -> tuple[dt.date | None, bool]:
    born, placeholder = entry.born, entry.placeholder
    assert born is not None
    draw = rng.random()
    if draw < 0.55:
        return born, placeholder
    if draw < 0.70:
        if placeholder:  # the other authority knew the day
            return dt.date(born.year, rng.randint(1, 12), rng.randint(1, 28)), False
        return dt.date(born.year, 1, 1), True
    if draw < 0.80:
        if born.day <= 12 and born.day != born.month:
            return dt.date(born.year, born.day, born.month), False
        return born, placeholder
    if draw < 0.90:
        return None, False
    if draw < 0.95:
        return born.replace(year=born.year + rng.choice((-1, 1))), placeholder
    if placeholder:
        return born, placeholder
    return born.replace(day=min(28, max(1, born.day + rng.choice((-1, 1))))), False


def build_register(
    split: str, persons: int, *, share: float, namesakes: float, relatives: float, seed: int
) -> tuple[list[Entry], set[tuple[int, int]]]:
    """The register's entries (ids 1..n) and the true duplicate pairs (low id, high id)."""
    rng = random.Random(seed)
    pairs = load_pairs(split)
    given_draw = _Zipf(pairs, "given", 1.0)
    family_draw = _Zipf(pairs, "family", 0.8)
    place_draw = _Zipf(pairs, "place", 1.0)
    base_count = int(persons / (1 + share + namesakes + relatives))
    entries: list[Entry] = []
    born: dt.date | None

    def new_id() -> int:
        return len(entries) + 1

    for _ in range(base_count):
        given = [given_draw(rng)]
        if rng.random() < 0.2:
            given.append(given_draw(rng))
        family = family_draw(rng)
        born, placeholder = _date(rng)
        nat: tuple[str, ...] = (rng.choices(NATIONALITIES, NATIONALITY_WEIGHTS)[0],)
        if rng.random() < 0.05:
            nat = (*nat, "DE")
        entries.append(
            Entry(
                new_id(),
                " ".join(a for a, _ in given),
                " ".join(e for _, e in given),
                family[0],
                family[1],
                rng.randint(0, 1),
                born,
                placeholder,
                rng.choice("fm"),
                nat,
                place_draw(rng) if rng.random() < 0.6 else None,
            )
        )
    base = list(entries)
    truth: set[tuple[int, int]] = set()
    for person in rng.sample(base, int(len(base) * share)):
        born, placeholder = _noisy_date(person, rng)
        draw = rng.random()
        place = person.place if draw < 0.6 else None if draw < 0.9 else place_draw(rng)
        copy = replace(
            person,
            ident=new_id(),
            script=1 - person.script,
            born=born,
            placeholder=placeholder,
            nationalities=() if rng.random() < 0.1 else person.nationalities,
            place=place,
            sex=person.sex if rng.random() < 0.98 else ("m" if person.sex == "f" else "f"),
        )
        if rng.random() < 0.1:
            copy = replace(
                copy,
                given_ar=person.family_ar,
                given_en=person.family_en,
                family_ar=person.given_ar,
                family_en=person.given_en,
            )
        entries.append(copy)
        truth.add((person.ident, copy.ident))
    for person in rng.sample(base, int(len(base) * namesakes)):
        assert person.born is not None
        draw = rng.random()
        if draw < 1 / 6:
            born, placeholder = dt.date(person.born.year, 1, 1), True
        elif draw < 1 / 3:
            born, placeholder = _date(rng, person.born.year)
        else:
            born, placeholder = _date(rng)
        entries.append(
            replace(
                person,
                ident=new_id(),
                script=person.script if rng.random() < 0.5 else 1 - person.script,
                born=born,
                placeholder=placeholder,
                sex=rng.choice("fm"),
                nationalities=(rng.choices(NATIONALITIES, NATIONALITY_WEIGHTS)[0],),
                place=place_draw(rng) if rng.random() < 0.6 else None,
            )
        )
    for person in rng.sample(base, int(len(base) * relatives)):
        assert person.born is not None
        sibling = given_draw(rng)
        if sibling[0] == person.given_ar:
            continue
        year = min(2012, max(1950, person.born.year + rng.randint(-3, 3)))
        born, placeholder = _date(rng, year)
        entries.append(
            replace(
                person,
                ident=new_id(),
                given_ar=sibling[0],
                given_en=sibling[1],
                script=rng.randint(0, 1),
                born=born,
                placeholder=placeholder,
                sex=rng.choice("fm"),
            )
        )
    return entries, truth


def evaluate(
    found: dict[tuple[int, int], float], truth: set[tuple[int, int]], threshold: float
) -> tuple[int, float, float]:
    chosen = {pair for pair, p in found.items() if p >= threshold}
    hits = len(chosen & truth)
    return len(chosen), hits / len(truth), hits / len(chosen) if chosen else float("nan")


def measure(args: argparse.Namespace, persons: int) -> None:
    from wegweiser.identity import duplicate_model

    if args.threads:
        duplicate_model.DUCKDB_THREADS = args.threads
    words = load_pairs(args.split)
    removed = withhold(arabic for arabic, _ in words)
    started = time.perf_counter()
    entries, truth = build_register(
        args.split,
        persons,
        share=args.share,
        namesakes=args.namesakes,
        relatives=args.relatives,
        seed=args.seed,
    )
    records = {entry.ident: entry.record() for entry in entries}
    sexes = {entry.ident: entry.sex for entry in entries}
    generated = time.perf_counter() - started
    mark = time.perf_counter()
    table = duplicate_model.comparison_table(
        duplicate_model.comparison_row(ident, record, sex=sexes[ident])
        for ident, record in records.items()
    )
    export = time.perf_counter() - mark
    mark = time.perf_counter()
    found, seconds, default = run_method(args.method, table, records)
    wall = time.perf_counter() - mark
    proposed, recall, precision = evaluate(found, truth, default)
    load = os.getloadavg()
    print(
        f"split={args.split} method={args.method} persons={len(entries)} true_pairs={len(truth)} "
        f"withheld={removed} proposed={proposed} recall={recall:.3f} precision={precision:.3f} "
        f"threshold={default} generate={generated:.1f}s rows={export:.1f}s job={wall:.1f}s "
        f"steps={ {k: round(v, 1) for k, v in seconds.items()} } "
        f"max_rss_mb={resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} "
        f"load={load[0]:.1f}/{load[1]:.1f}"
    )
    print("threshold  proposed  recall  precision")
    for threshold in args.table:
        proposed, recall, precision = evaluate(found, truth, threshold)
        print(f"{threshold:9.2f}  {proposed:8d}  {recall:6.3f}  {precision:9.3f}")
    if args.misses:
        missed = sorted(truth - {p for p, v in found.items() if v >= default})
        false = sorted(p for p, v in found.items() if v >= default and p not in truth)
        for label, chosen in (("missed", missed), ("false", false)):
            for low, high in chosen[: args.misses]:
                print(label, found.get((low, high)), records[low], records[high], sep="\n  ")


def run_method(method: str, table, records) -> tuple[dict[tuple[int, int], float], dict, float]:
    """Pairs with their final probability (down to the lowest threshold the table asks for)."""
    from wegweiser.identity import duplicate_model

    if method == "splink":
        result = duplicate_model.find_duplicates(table, threshold=0.05, seed=42)
        found = {(p.low_id, p.high_id): p.probability for p in result.pairs}
        return found, result.seconds, duplicate_model.DEFAULT_THRESHOLD
    from wegweiser.identity import duplicate_rescoring

    result = duplicate_rescoring.find_duplicates(
        table, lambda ids: {i: records[i] for i in ids}, seed=42, keep_below=0.05
    )
    found = {(p.low_id, p.high_id): p.probability for p in result.pairs}
    return found, result.seconds, duplicate_rescoring.DEFAULT_THRESHOLD


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--persons", type=int, action="append")
    parser.add_argument("--method", choices=("splink", "job"), default="job")
    parser.add_argument("--share", type=float, default=0.01, help="duplicates")
    parser.add_argument("--namesakes", type=float, default=0.02)
    parser.add_argument("--relatives", type=float, default=0.02)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads")
    parser.add_argument("--misses", type=int, default=0, help="print so many misses (dev only)")
    parser.add_argument(
        "--table", type=float, nargs="*", default=[0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95]
    )
    args = parser.parse_args()
    sizes = args.persons or [10_000, 100_000]
    if len(sizes) > 1:
        for size in sizes:  # one process per size
            command = [sys.executable, "-m", "bench.identity.dedupe_real", "--persons", str(size)]
            command += ["--split", args.split, "--method", args.method, "--seed", str(args.seed)]
            command += ["--share", str(args.share), "--namesakes", str(args.namesakes)]
            command += ["--relatives", str(args.relatives)]
            if args.threads:
                command += ["--threads", str(args.threads)]
            subprocess.run(command, cwd=ROOT, check=True)  # noqa: S603
        return
    if args.misses and args.split == "test":
        parser.error("look at misses on the dev half only")
    measure(args, sizes[0])


if __name__ == "__main__":
    main()
