"""Plant second records of existing persons, the way they reach a centre a second time.

Each planted record copies a person and changes what authorities change: another
authority's Latin spelling or only a transliteration of the original script, given and
family name swapped, a typing error, the birthday registered as a placeholder 01.01. of
the same year, day and month swapped, the year off by one or unknown, nationality or place
of birth missing. Rows are inserted in bulk (no name keys: the duplicate job does not read
them) and removed again by :func:`remove_planted`.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from pathlib import Path

import icu
from django.db import transaction

from wegweiser.accounts.models import Organisation
from wegweiser.core.audit import acting_as
from wegweiser.people.models import DuplicatePair, DuplicateSearch, NameSpelling, Person

COPIED = (
    "given_names_original",
    "family_name_original",
    "original_script",
    "given_names_latin",
    "family_name_latin",
    "date_of_birth",
    "dob_precision",
    "dob_placeholder",
    "sex",
    "place_of_birth",
    "country_of_birth",
    "nationality_status",
    "nationalities",
)


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text
    i = rng.randrange(1, len(text) - 1)
    if rng.random() < 0.5:
        return text[:i] + text[i + 1 :]
    return text[:i] + rng.choice("aeiouhnrst") + text[i + 1 :]


REAL_SPELLINGS = Path("/work/shared/data/names/ar2en.tsv")


@functools.cache
def _arabic_to_english() -> dict[str, str]:
    """Real English spellings of Arabic-script names (Wikipedia, see docs/benchmarks.md)."""
    if not REAL_SPELLINGS.exists():
        return {}
    pairs = (line.split("\t") for line in REAL_SPELLINGS.read_text(encoding="utf-8").splitlines())
    return {row[0].strip(): row[1].strip() for row in pairs if len(row) == 2}


@functools.cache
def _iso9() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")


def _transliteration(text: str) -> str:
    """How another authority may have written an original-script name in Latin.

    Not the matcher's own renderings: Arabic-script words take a real English spelling from
    the Wikipedia pairs (words not found there are left out, and the record keeps its
    Latin name), other scripts ICU's generic transform without marks (ISO 9 for Cyrillic,
    as a clerk without the special letters writes it), which the matcher does not use."""
    words = []
    for word in text.split():
        if any("\u0600" <= char <= "\u06ff" for char in word):
            english = _arabic_to_english().get(word)
            if english is None:
                return ""
            words.append(english.capitalize())
        else:
            words.append(_iso9().transliterate(word).capitalize())
    return " ".join(words)


def _vary_names(rng: random.Random, p: Person, spellings: list[tuple[str, str]]) -> None:
    draw = rng.random()
    if draw < 0.35 and spellings:
        p.given_names_latin, p.family_name_latin = rng.choice(spellings)
    elif draw < 0.55 and p.family_name_original:
        p.given_names_latin = _transliteration(p.given_names_original) or p.given_names_latin
        p.family_name_latin = _transliteration(p.family_name_original) or p.family_name_latin
        return  # the original script stays: it is what the two records share
    elif draw < 0.70:
        p.given_names_latin, p.family_name_latin = p.family_name_latin, p.given_names_latin
    elif draw < 0.85:
        if rng.random() < 0.5:
            p.family_name_latin = _typo(rng, p.family_name_latin)
        else:
            p.given_names_latin = _typo(rng, p.given_names_latin)
    if rng.random() < 0.4:
        p.given_names_original = p.family_name_original = p.original_script = ""


def _vary_birth(rng: random.Random, p: Person) -> None:
    born = p.date_of_birth
    if born is None:
        return
    draw = rng.random()
    if draw < 0.35:
        p.date_of_birth, p.dob_placeholder = dt.date(born.year, 1, 1), True
        p.dob_precision = Person.DobPrecision.EXACT
    elif draw < 0.65:
        return
    elif draw < 0.75 and born.day <= 12 and born.day != born.month:
        p.date_of_birth = dt.date(born.year, born.day, born.month)
    elif draw < 0.85:
        try:
            p.date_of_birth = born.replace(year=born.year + rng.choice((-1, 1)))
        except ValueError:
            return
    elif draw < 0.90:
        p.date_of_birth = born.replace(day=min(28, max(1, born.day + rng.choice((-1, 1, 10)))))
    else:
        p.date_of_birth, p.dob_precision, p.dob_placeholder = None, "unknown", False


def plant_duplicates(
    *, organisation: Organisation, share: float, seed: int
) -> set[tuple[int, int]]:
    """Insert second records for `share` of the organisation's persons; returns the pairs."""
    rng = random.Random(seed)
    ids = list(
        Person.objects.filter(organisation=organisation).order_by("pk").values_list("pk", flat=True)
    )
    chosen = sorted(rng.sample(ids, int(len(ids) * share)))
    places = list(
        Person.objects.exclude(place_of_birth="").values_list("place_of_birth", flat=True)[:500]
    )
    spellings: dict[int, list[tuple[str, str]]] = {}
    for person_id, given, family in NameSpelling.objects.filter(
        person_id__in=chosen, script="Latn"
    ).values_list("person_id", "given_names", "family_name"):
        spellings.setdefault(person_id, []).append((given, family))
    copies = []
    for source in Person.objects.filter(pk__in=chosen).order_by("pk").only(*COPIED):
        copy = Person(organisation=organisation, **{f: getattr(source, f) for f in COPIED})
        _vary_names(rng, copy, spellings.get(source.pk, []))
        _vary_birth(rng, copy)
        if rng.random() < 0.1:
            copy.nationalities = ""
        draw = rng.random()
        if draw < 0.3:
            copy.place_of_birth = ""
        elif draw < 0.4 and places:
            copy.place_of_birth = rng.choice(places)
        copies.append((source.pk, copy))
    with transaction.atomic(), acting_as(None):
        Person.objects.bulk_create([copy for _, copy in copies], batch_size=2000)
    if copies and copies[0][1].pk is None:  # backends that do not return ids
        newest = list(Person.objects.order_by("-pk").values_list("pk", flat=True)[: len(copies)])
        for (_, copy), pk in zip(copies, reversed(newest), strict=True):
            copy.pk = pk
    return {(source, int(copy.pk)) for source, copy in copies}


def remove_planted(*, organisation: Organisation, planted_ids: set[int]) -> None:
    """Remove the planted records and the benchmark's queue and runs."""
    with transaction.atomic(), acting_as(None):
        DuplicatePair.objects.filter(organisation=organisation)._raw_delete(Person.objects.db)
        DuplicateSearch.objects.filter(organisation=organisation).delete()
        for start in range(0, len(planted_ids), 5000):
            chunk = sorted(planted_ids)[start : start + 5000]
            Person.objects.filter(pk__in=chunk)._raw_delete(Person.objects.db)
