"""Test sets for occupation coding, built from ESCO itself plus a small hand-written set."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from pathlib import Path

from wegweiser.occupations.index import LANGUAGES, Label, Reference
from wegweiser.occupations.text import normalise


@dataclass(frozen=True, slots=True)
class Query:
    text: str
    targets: frozenset[int]  # occupation numbers that count as correct


@dataclass(frozen=True, slots=True)
class TestSet:
    name: str
    description: str
    queries: list[Query]
    reference: Reference  # the labels the queries are run against
    languages: tuple[str, ...]


def german_held_out(reference: Reference, *, size: int, seed: int) -> TestSet:
    """One German label per occupation held out as the query; the occupation keeps its other
    labels. Labels with the same gender-neutral key as the query (Schweißer, Schweißerin,
    Schweißer/Schweißerin) are removed together, so a gender twin cannot give it away."""
    rng = random.Random(seed)
    by_occupation: dict[int, list[Label]] = {}
    for label in reference.labels:
        by_occupation.setdefault(label.occupation, []).append(label)
    candidates: list[tuple[int, str]] = []
    for number, labels in sorted(by_occupation.items()):
        preferred = {normalise(lb.text) for lb in labels if lb.language == "de" and lb.preferred}
        options = sorted(
            {
                lb.text
                for lb in labels
                if lb.language == "de" and not lb.preferred and normalise(lb.text) not in preferred
            }
        )
        if options:
            candidates.append((number, rng.choice(options)))
    chosen = rng.sample(candidates, min(size, len(candidates)))
    removed = {(number, normalise(text)) for number, text in chosen}
    kept = [lb for lb in reference.labels if (lb.occupation, normalise(lb.text)) not in removed]
    return TestSet(
        name="de-heldout",
        description="German alternative label (with its gender variants) held out, "
        "searched against all remaining labels",
        queries=[Query(text, frozenset({number})) for number, text in chosen],
        reference=replace(reference, labels=kept),
        languages=LANGUAGES,
    )


def english_to_german(reference: Reference, *, size: int, seed: int) -> TestSet:
    """English preferred labels searched against German labels only (cross-language)."""
    rng = random.Random(seed)
    with_german = sorted({lb.occupation for lb in reference.labels if lb.language == "de"})
    chosen = rng.sample(with_german, min(size, len(with_german)))
    return TestSet(
        name="en-to-de",
        description="English preferred label searched against German labels only",
        queries=[Query(reference.occupations[n].label_en, frozenset({n})) for n in sorted(chosen)],
        reference=reference,
        languages=("de",),
    )


# Titles as people say them, in the languages the centre hears, with the ESCO occupations
# (English preferred labels) that count as a correct answer.
EVERYDAY_TITLES: list[tuple[str, tuple[str, ...]]] = [
    ("Schweißerin", ("welder",)),
    ("Schweißer/-in (m/w/d)", ("welder",)),
    ("Elektriker*in", ("electrician", "domestic electrician", "building electrician")),
    ("ElektrikerIn", ("electrician", "domestic electrician", "building electrician")),
    ("Lagerlogistikhelfer", ("warehouse worker", "warehouse order picker")),
    ("Fachkraft für Lagerlogistik", ("warehouse worker", "warehouse order picker")),
    ("Kauffrau im Einzelhandel", ("shop assistant", "sales assistant")),
    ("Verkäufer:in", ("shop assistant", "sales assistant")),
    ("Köchin", ("cook",)),
    ("Küchenhilfe", ("kitchen assistant", "kitchen porter")),
    ("Friseurin", ("hairdresser",)),
    ("Krankenschwester", ("nurse responsible for general care",)),
    ("Pflegehelferin", ("nurse assistant", "healthcare assistant")),
    ("Berufskraftfahrer LKW", ("cargo vehicle driver", "moving truck driver")),
    ("Staplerfahrer", ("forklift operator",)),
    ("Maurer", ("bricklayer",)),
    ("Tischlerin", ("carpenter", "cabinet maker", "furniture maker")),
    ("Bäckerin", ("baker",)),
    ("Putzfrau", ("domestic cleaner", "building cleaner", "commercial cleaner")),
    ("Softwareentwickler", ("software developer",)),
    ("welder", ("welder",)),
    ("truck driver", ("cargo vehicle driver", "moving truck driver")),
    ("nurse", ("nurse responsible for general care", "specialist nurse")),
    ("car mechanic", ("vehicle technician",)),
    ("لحام", ("welder",)),
    ("كهربائي", ("electrician", "domestic electrician", "building electrician")),
    ("طباخ", ("cook",)),
    ("ممرضة", ("nurse responsible for general care", "specialist nurse", "nurse assistant")),
    ("سائق شاحنة", ("cargo vehicle driver", "moving truck driver")),
    ("حلاق", ("barber", "hairdresser")),
    ("зварювальник", ("welder",)),
    ("електрик", ("electrician", "domestic electrician", "building electrician")),
    ("кухар", ("cook",)),
    ("медсестра", ("nurse responsible for general care", "specialist nurse", "nurse assistant")),
    ("водій вантажівки", ("cargo vehicle driver", "moving truck driver")),
    ("перукар", ("hairdresser", "barber")),
    ("сварщик", ("welder",)),
    ("электрик", ("electrician", "domestic electrician", "building electrician")),
    ("повар", ("cook",)),
    ("водитель грузовика", ("cargo vehicle driver", "moving truck driver")),
    ("парикмахер", ("hairdresser", "barber")),
    ("программист", ("software developer",)),
    ("جوشکار", ("welder",)),
    ("برقکار", ("electrician", "domestic electrician", "building electrician")),
    ("آشپز", ("cook",)),
    ("پرستار", ("nurse responsible for general care", "specialist nurse", "nurse assistant")),
    ("راننده کامیون", ("cargo vehicle driver", "moving truck driver")),
    ("آرایشگر", ("hairdresser", "barber")),
]


def everyday_titles(reference: Reference) -> TestSet:
    by_label = {occ.label_en: n for n, occ in enumerate(reference.occupations)}
    queries = []
    for text, labels in EVERYDAY_TITLES:
        targets = frozenset(by_label[label] for label in labels if label in by_label)
        if not targets:
            raise ValueError(f"no ESCO occupation for the targets of {text!r}")
        queries.append(Query(text, targets))
    return TestSet(
        name="everyday",
        description="48 hand-written titles (German gendered and compounds, English, Arabic, "
        "Ukrainian, Russian, Farsi); any listed occupation counts. The 24 titles in Arabic "
        "script and Cyrillic are also in data/extra_labels.tsv, so for them this set checks "
        "that path rather than generalisation",
        queries=queries,
        reference=reference,
        languages=LANGUAGES,
    )


JOB_ADS_FILE = Path(__file__).resolve().parent / "job_ads.tsv"


def job_ad_titles(
    reference: Reference, *, split: str, languages: tuple[str, ...] = LANGUAGES
) -> TestSet:
    """Hand-written job-advertisement style German titles (job_ads.tsv; not real ads) with
    their ESCO occupations; `split` is "dev" (to choose settings) or "test" (to report)."""
    by_label = {occ.label_en: n for n, occ in enumerate(reference.occupations)}
    queries = []
    for line in JOB_ADS_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        part, text, labels = line.split("\t")
        if part != split:
            continue
        missing = [label for label in labels.split(" | ") if label not in by_label]
        if missing:
            raise ValueError(f"no ESCO occupation {missing} for {text!r}")
        queries.append(Query(text, frozenset(by_label[lb] for lb in labels.split(" | "))))
    suffix = "" if languages == LANGUAGES else f" --labels {','.join(languages)}"
    return TestSet(
        name=f"job-ads-{split}{suffix}",
        description=f"hand-written job-ad style German titles ({split} split), "
        f"searched against {'all' if not suffix else ', '.join(languages)} labels",
        queries=queries,
        reference=reference,
        languages=languages,
    )
