"""Intake search benchmark: recall and latency of the cross-script search on demo data.

    uv run python -m bench.identity.search --persons 10000 --queries 300
    WEGWEISER_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        uv run python -m bench.identity.search --persons 100000 --reuse

Fills a fresh database (SQLite under /tmp unless WEGWEISER_DATABASE_URL is set) with
`generate`, then asks for persons the way a caseworker meets them again: by a further
spelling another authority recorded (passport, residence permit), in the original script
only, or with given and family name swapped, each with the registered date of birth. The
truth is the person the spelling belongs to. Ours: `identity_search` (name keys, scorer,
audit entry per lookup). Baseline in the same run: ICU Any-Latin of every full name, then
rapidfuzz token-sort ratio over the whole register (`rapidfuzz.process.extract`).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path


def _setup(database_url: str | None) -> None:
    if database_url:
        os.environ["WEGWEISER_DATABASE_URL"] = database_url
    else:
        path = Path(tempfile.mkdtemp(prefix="wegweiser-search-", dir="/tmp")) / "db.sqlite3"
        os.environ["WEGWEISER_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--reuse", action="store_true", help="keep the data already there")
    args = parser.parse_args()
    _setup(os.environ.get("WEGWEISER_DATABASE_URL"))

    import icu
    from django.core.management import call_command
    from django.db import transaction
    from rapidfuzz import fuzz, process

    from wegweiser.accounts.models import User
    from wegweiser.people.models import NameSpelling, Person
    from wegweiser.people.name_keys import query_record
    from wegweiser.people.selectors import identity_search

    call_command("migrate", verbosity=0)
    if not args.reuse or not Person.objects.exists():
        started = time.perf_counter()
        call_command("generate", persons=args.persons, seed=args.seed, verbosity=0)
        print(f"generated {args.persons} persons in {time.perf_counter() - started:.1f} s")
    total = Person.objects.count()
    rng = random.Random(args.seed)

    # Queries: the way the same person arrives again.
    spelled = list(
        NameSpelling.objects.values_list("person_id", "given_names", "family_name")[:200_000]
    )
    rng.shuffle(spelled)
    persons = {p.pk: p for p in Person.objects.filter(pk__in=[s[0] for s in spelled[:5000]])}
    arabic = list(
        Person.objects.exclude(original_script="")
        .exclude(original_script="Latn")
        .order_by("?")[: args.queries]
    )
    queries: list[tuple[str, int, dict[str, object]]] = []
    for person_id, given, family in spelled:
        if len(queries) >= args.queries // 2 or person_id not in persons:
            continue
        p = persons[person_id]
        queries.append(
            (
                "other authority's spelling",
                person_id,
                {"given_names": given, "family_name": family, "date_of_birth": p.date_of_birth},
            )
        )
    for p in arabic[: args.queries // 4]:
        queries.append(
            (
                "original script only",
                p.pk,
                {
                    "given_names_original": p.given_names_original,
                    "family_name_original": p.family_name_original,
                    "date_of_birth": p.date_of_birth,
                },
            )
        )
    for p in Person.objects.order_by("?")[: args.queries // 4]:
        queries.append(
            (
                "given and family swapped",
                p.pk,
                {
                    "given_names": p.family_name_latin,
                    "family_name": p.given_names_latin,
                    "date_of_birth": p.date_of_birth,
                },
            )
        )

    user = User.objects.filter(role=User.Role.CASEWORKER).first()
    assert user is not None

    def run_ours() -> tuple[list[int], list[float]]:
        ranks, times = [], []
        for _, truth, fields in queries:
            record = query_record(**fields)  # type: ignore[arg-type]
            started = time.perf_counter()
            with transaction.atomic():
                hits = identity_search(user=user, record=record)
            times.append((time.perf_counter() - started) * 1000)
            ids = [h.person.pk for h in hits]
            ranks.append(ids.index(truth) + 1 if truth in ids else 0)
        return ranks, times

    latin = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
    register = {
        pk: latin.transliterate(f"{g} {f} {go} {fo}")
        for pk, g, f, go, fo in Person.objects.values_list(
            "pk",
            "given_names_latin",
            "family_name_latin",
            "given_names_original",
            "family_name_original",
        )
    }
    choices = list(register.values())
    keys = list(register.keys())

    def run_baseline() -> tuple[list[int], list[float]]:
        ranks, times = [], []
        for _, truth, fields in queries:
            text = " ".join(str(v) for k, v in fields.items() if k != "date_of_birth" and v)
            started = time.perf_counter()
            found = process.extract(
                latin.transliterate(text), choices, scorer=fuzz.token_sort_ratio, limit=10
            )
            times.append((time.perf_counter() - started) * 1000)
            ids = [keys[index] for _, _, index in found]
            ranks.append(ids.index(truth) + 1 if truth in ids else 0)
        return ranks, times

    print(f"register: {total} persons, {len(queries)} queries")
    for name, run in (("ours", run_ours), ("baseline", run_baseline)):
        ranks, times = run()
        r1 = sum(1 for r in ranks if r == 1) / len(ranks)
        r10 = sum(1 for r in ranks if 0 < r <= 10) / len(ranks)
        print(
            f"{name:9s} recall@1={r1:.3f} recall@10={r10:.3f} "
            f"p50_ms={statistics.median(times):.1f} p95_ms={percentile(times, 0.95):.1f}"
        )
        kinds = sorted({kind for kind, _, _ in queries})
        for kind in kinds:
            sub = [r for (k, _, _), r in zip(queries, ranks, strict=True) if k == kind]
            print(
                f"    {kind:28s} n={len(sub):4d} recall@1="
                f"{sum(1 for r in sub if r == 1) / len(sub):.3f} recall@10="
                f"{sum(1 for r in sub if 0 < r <= 10) / len(sub):.3f}"
            )


if __name__ == "__main__":
    main()
