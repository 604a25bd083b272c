"""Speed of name key generation and of the person scorer.

    uv run python bench/identity/bench_names.py [--persons 5000] [--pairs 100000] [--seed 7]

Builds a seeded synthetic register of persons (Latin, Arabic-script, Cyrillic and Ge'ez
names, with spelling variants, placeholder birthdays and swapped names), then measures

* key generation per name, with empty caches (every name new) and per script;
* scorer pairs per second on prepared records: a query against candidates, as the intake
  search re-ranks them, first with empty part-comparison caches, then warm.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import statistics
import time
from collections.abc import Callable

from wegweiser.identity import analysis
from wegweiser.identity.dates import BirthDate, DatePrecision
from wegweiser.identity.keys import name_keys, person_keys
from wegweiser.identity.scorer import PersonRecord, compare_persons, prepare_person

GIVEN = {
    "Latn": ["Mohammad", "Mohamed", "Muhammad", "Ahmad", "Ahmed", "Ali", "Hussein", "Hossein",
             "Fatima", "Zainab", "Maryam", "Abdulrahman", "Abd al-Rahman", "Gul Ahmad", "Noor",
             "Oleksandr", "Olena", "Iryna", "Serhii", "Yurii", "Tesfay", "Yohannes", "Mehmet",
             "Khalid", "Omar", "Aisha", "Mustafa", "Reza", "Mohammad Reza", "Anna"],
    "Arab": ["محمد", "أحمد", "علي", "حسين", "فاطمة", "زينب", "مريم", "عبد الرحمن", "خالد",
             "عمر", "مصطفى", "رضا", "گل احمد", "نور"],
    "Cyrl": ["Олександр", "Олена", "Ірина", "Сергій", "Юрій", "Андрій", "Наталія", "Тетяна",
             "Дмитро", "Михайло"],
    "Ethi": ["ተስፋይ", "ዮሃንስ", "ሰላም", "ሚካኤል", "ኪዳነ"],
}  # fmt: skip
FAMILY = {
    "Latn": ["Ahmadi", "Ahmady", "Mohammadi", "Hosseini", "Rahimi", "Karimi", "Al-Hassan",
             "Al Khalil", "Shevchenko", "Kovalenko", "Bondarenko", "Gebremedhin", "Yilmaz",
             "Stanikzai", "Sultani", "Haidari", "Al-Masri", "Müller", "Noori", "Wardak"],
    "Arab": ["أحمدي", "محمدي", "حسيني", "رحيمي", "كريمي", "الحسن", "الخليل", "المصري",
             "سلطاني", "حيدري"],
    "Cyrl": ["Шевченко", "Коваленко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник",
             "Бойко", "Коваль"],
    "Ethi": ["ገብረመድህን", "ተኽለ", "ሃብተ", "ወልደ"],
}  # fmt: skip
SCRIPTS = ["Latn", "Latn", "Latn", "Arab", "Cyrl", "Ethi"]


def synthetic_person(rng: random.Random, index: int) -> PersonRecord:
    script = rng.choice(SCRIPTS)
    given = rng.choice(GIVEN[script])
    family = rng.choice(FAMILY[script])
    if rng.random() < 0.3:
        given = f"{given} {rng.choice(GIVEN[script])}"
    if rng.random() < 0.5:  # unique suffix so that caches see new names, as in a real register
        family = (
            f"{family}{'abcdefghijklmnopqrstuvwxyz'[index % 26]}" if script == "Latn" else family
        )
    if rng.random() < 0.05:
        given, family = family, given
    year = rng.randint(1950, 2010)
    if rng.random() < 0.4:
        dob = BirthDate(dt.date(year, 1, 1), DatePrecision.EXACT, placeholder=True)
    else:
        dob = BirthDate(dt.date(year, rng.randint(1, 12), rng.randint(1, 28)))
    nationality = {"Latn": "SY", "Arab": "AF", "Cyrl": "UA", "Ethi": "ER"}[script]
    return PersonRecord(given, family, birth_date=dob, nationalities=(nationality,))


def clear_caches() -> None:
    analysis.part_keys.cache_clear()
    analysis.analyse_name.cache_clear()
    analysis.compare_parts.cache_clear()
    analysis.compare_names.cache_clear()


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def _all_keys(names: list[str]) -> list[frozenset[str]]:
    return [name_keys(name) for name in names]


def bench_keys(names_by_script: dict[str, list[str]]) -> None:
    print("key generation per name (empty caches, every name new):")
    for script, names in names_by_script.items():
        clear_caches()
        seconds = timed(functools.partial(_all_keys, names))
        per_name = seconds / len(names) * 1e6
        rate = len(names) / seconds
        print(f"  {script}: {len(names):>6} names, {per_name:8.1f} µs/name, {rate:9.0f} names/s")


def bench_scorer(persons: list[PersonRecord], pairs: int, rng: random.Random) -> None:
    clear_caches()
    prepare_seconds = timed(lambda: [prepare_person(p) for p in persons])
    prepared = [prepare_person(p) for p in persons]
    print(f"prepare_person: {len(persons) / prepare_seconds:9.0f} records/s (empty caches)")
    queries = [rng.randrange(len(prepared)) for _ in range(pairs // 100)]
    candidate_lists = [[rng.randrange(len(prepared)) for _ in range(100)] for _ in queries]

    def run() -> None:
        for query, candidates in zip(queries, candidate_lists, strict=True):
            q = prepared[query]
            for candidate in candidates:
                compare_persons(q, prepared[candidate])

    analysis.compare_parts.cache_clear()
    analysis.compare_names.cache_clear()
    cold = timed(run)
    warm = timed(run)
    total = len(queries) * 100
    print(f"compare_persons: {total} pairs (queries x 100 candidates)")
    print(f"  empty part-comparison cache: {total / cold:9.0f} pairs/s")
    print(f"  warm cache:                  {total / warm:9.0f} pairs/s")
    latencies = []
    for query, candidates in zip(queries[:200], candidate_lists[:200], strict=True):
        start = time.perf_counter()
        q = prepared[query]
        for candidate in candidates:
            compare_persons(q, prepared[candidate])
        latencies.append((time.perf_counter() - start) * 1000)
    quantiles = statistics.quantiles(latencies, n=20)
    p50, p95 = statistics.median(latencies), quantiles[18]
    print(f"  re-ranking 100 candidates: p50 {p50:.2f} ms, p95 {p95:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--persons", type=int, default=5000)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    persons = [synthetic_person(rng, i) for i in range(args.persons)]
    names_by_script: dict[str, list[str]] = {"Latn": [], "Arab": [], "Cyrl": [], "Ethi": []}
    for i in range(2000):
        script = list(names_by_script)[i % 4]
        # a distinct name each time: a random family name with a varying letter appended
        letters = {
            "Latn": "abdefhklmnrstz",
            "Arab": "بتحدرسعلمن",
            "Cyrl": "абвгдклмнрст",
            "Ethi": "ለመረሰበተነከ",
        }
        suffix = "".join(rng.choice(letters[script]) for _ in range(3))
        names_by_script[script].append(
            f"{rng.choice(GIVEN[script])} {rng.choice(FAMILY[script])}{suffix}"
        )
    bench_keys(names_by_script)
    clear_caches()
    seconds = timed(lambda: [person_keys(p) for p in persons])
    print(f"person_keys on the register: {len(persons) / seconds:9.0f} persons/s (empty caches)")
    average = statistics.mean(len(person_keys(p)) for p in persons)
    print(f"  keys per person: {average:.1f} on average")
    bench_scorer(persons, args.pairs, rng)


if __name__ == "__main__":
    main()
