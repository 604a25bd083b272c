"""The real ESCO occupation space and a seeded synthetic county of job seekers and vacancies.

Occupations, their ISCO-08 unit groups, essential skills and labels come from the packaged
reference data (no database). Everything else is drawn from a seeded generator:

* each person has a true occupation; what is on record is noisy, as in real life: the coded
  experience is the true occupation, or (`noise`, 30 % by default) a sibling in the same ISCO
  unit group or an occupation sharing essential skills; a quarter of them have a second, unrelated
  coded occupation (an earlier job or a wish); the job title they told is an alternative label of
  the true occupation in German or English, sometimes in Arabic, Farsi, Russian or Ukrainian;
* vacancies carry a coded occupation and the title as employers write it (a German label of that
  occupation, often with "(m/w/d)"), a German level that depends on the ISCO major group, a
  place in or near Landkreis Gießen, working hours and the occasional driving-licence or
  recognition requirement (ESCO's regulated-profession flag).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from wegweiser.jobs.matching import (
    CourseTime,
    Hours,
    OccupationSpace,
    Permission,
    PersonFeatures,
    PersonTable,
    Recognition,
    VacancyFeatures,
    VacancyTable,
)
from wegweiser.occupations.index import load_reference


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float
    longitude: float
    residents: int  # relative weight for where job seekers live
    jobs: int  # relative weight for where vacancies are


# The 18 municipalities of Landkreis Gießen (coordinates as in wegweiser/demo/data/county.py)
# and three towns just outside where people from the county work.
PLACES: tuple[Place, ...] = (
    Place("Allendorf (Lumda)", 50.6833, 8.8214, 1, 1),
    Place("Biebertal", 50.6283, 8.5822, 2, 1),
    Place("Buseck", 50.6105, 8.7812, 3, 2),
    Place("Fernwald", 50.5592, 8.7894, 2, 2),
    Place("Gießen", 50.5841, 8.6784, 46, 40),
    Place("Grünberg", 50.5944, 8.9581, 4, 3),
    Place("Heuchelheim an der Lahn", 50.5853, 8.6333, 3, 3),
    Place("Hungen", 50.4742, 8.8994, 4, 2),
    Place("Langgöns", 50.5003, 8.6672, 3, 3),
    Place("Laubach", 50.5419, 9.0003, 3, 1),
    Place("Lich", 50.5211, 8.8161, 5, 3),
    Place("Linden", 50.5333, 8.6500, 4, 4),
    Place("Lollar", 50.6472, 8.7050, 4, 3),
    Place("Pohlheim", 50.5264, 8.7161, 4, 3),
    Place("Rabenau", 50.6772, 8.8600, 1, 1),
    Place("Reiskirchen", 50.6000, 8.8333, 3, 2),
    Place("Staufenberg", 50.6628, 8.7306, 2, 1),
    Place("Wettenberg", 50.6167, 8.6500, 3, 2),
    Place("Wetzlar", 50.5586, 8.5042, 0, 12),
    Place("Marburg", 50.8021, 8.7667, 0, 10),
    Place("Butzbach", 50.4339, 8.6703, 0, 4),
)

# How often an ISCO-08 major group occurs among the centre's job seekers and vacancies
# (services, crafts, machine operators and elementary occupations most).
MAJOR_GROUP_WEIGHT = {
    "0": 0.05,
    "1": 0.2,
    "2": 0.5,
    "3": 0.8,
    "4": 1.0,
    "5": 2.5,
    "6": 0.6,
    "7": 2.5,
    "8": 2.0,
    "9": 3.0,
}
# Required German (0 none, 1 A1 … 5 C1) by ISCO-08 major group.
GERMAN_REQUIRED = {
    "1": ((4, 5), (0.6, 0.4)),
    "2": ((4, 5), (0.6, 0.4)),
    "3": ((3, 4), (0.5, 0.5)),
    "4": ((3, 4), (0.6, 0.4)),
    "5": ((2, 3, 4), (0.3, 0.5, 0.2)),
    "6": ((0, 1, 2), (0.3, 0.4, 0.3)),
    "7": ((1, 2, 3), (0.2, 0.5, 0.3)),
    "8": ((1, 2, 3), (0.3, 0.5, 0.2)),
    "9": ((0, 1, 2), (0.4, 0.4, 0.2)),
    "0": ((3,), (1.0,)),
}
PERSON_GERMAN = (0.06, 0.16, 0.24, 0.26, 0.16, 0.07, 0.02, 0.03)  # none, A1 … C2, native
OTHER_LANGUAGES = ("ar", "fa", "ru", "uk")


@dataclass(frozen=True)
class Occupations:
    space: OccupationSpace
    isco: list[str]
    regulated: np.ndarray
    german_labels: list[list[str]]  # preferred and alternative
    german_alternatives: list[list[str]]
    english_alternatives: list[list[str]]  # the preferred label where there is no other
    other_labels: list[list[str]]  # Arabic, Farsi, Russian, Ukrainian
    popularity: np.ndarray  # probability of each occupation; 0 without a German label
    siblings: list[np.ndarray]  # other occupations in the same ISCO unit group
    skill_neighbours: list[np.ndarray]  # up to 10 sharing most essential skills

    def __len__(self) -> int:
        return len(self.isco)


def occupations(seed: int) -> Occupations:
    """The ESCO occupations of the packaged data, with a seeded popularity."""
    reference = load_reference()
    entries = reference.raw["occupations"]
    n = len(entries)
    isco = [str(entry["isco"]) for entry in entries]
    space = OccupationSpace.build(
        isco, [entry["essential"] for entry in entries], len(reference.raw["skills"])
    )
    german: list[list[str]] = [[] for _ in range(n)]
    german_alt: list[list[str]] = [[] for _ in range(n)]
    english_alt: list[list[str]] = [[] for _ in range(n)]
    english_pref: list[str] = [""] * n
    other: list[list[str]] = [[] for _ in range(n)]
    for label in reference.labels:
        number = label.occupation
        if label.language == "de":
            german[number].append(label.text)
            if not label.preferred:
                german_alt[number].append(label.text)
        elif label.language == "en":
            if label.preferred:
                english_pref[number] = label.text
            else:
                english_alt[number].append(label.text)
        elif label.language in OTHER_LANGUAGES:
            other[number].append(label.text)
    english_alt = [alt or [pref] for alt, pref in zip(english_alt, english_pref, strict=True)]

    rng = np.random.default_rng([seed, 1])
    rank = np.empty(n)
    rank[rng.permutation(n)] = np.arange(n)
    weight = np.array([MAJOR_GROUP_WEIGHT.get(code[:1], 0.5) for code in isco]) / (rank + 5) ** 0.9
    weight[[not labels for labels in german]] = 0.0
    isco4 = space.isco4
    siblings = [np.flatnonzero((isco4 == isco4[o]) & (np.arange(n) != o)) for o in range(n)]
    return Occupations(
        space=space,
        isco=isco,
        regulated=np.array([bool(entry["regulated"]) for entry in entries]),
        german_labels=german,
        german_alternatives=german_alt,
        english_alternatives=english_alt,
        other_labels=other,
        popularity=weight / weight.sum(),
        siblings=siblings,
        skill_neighbours=_skill_neighbours(space.essential, top=10),
    )


def _skill_neighbours(essential: sparse.csr_matrix, *, top: int) -> list[np.ndarray]:
    shared = (essential @ essential.T).tocsr()
    shared.setdiag(0)
    shared.eliminate_zeros()
    result = []
    for row in range(shared.shape[0]):
        columns = shared.indices[shared.indptr[row] : shared.indptr[row + 1]]
        counts = shared.data[shared.indptr[row] : shared.indptr[row + 1]]
        order = np.lexsort((columns, -counts))[:top]
        result.append(columns[order].astype(np.int64))
    return result


def _coordinates(
    rng: np.random.Generator, n: int, weights: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    where = rng.choice(len(PLACES), size=n, p=weights / weights.sum())
    latitude = np.array([p.latitude for p in PLACES])[where] + rng.normal(0, 0.008, n)
    longitude = np.array([p.longitude for p in PLACES])[where] + rng.normal(0, 0.012, n)
    return latitude, longitude


@dataclass(frozen=True)
class Persons:
    table: PersonTable
    true_occupation: np.ndarray
    coded_is_true: np.ndarray  # the coded experience is the true occupation
    told_title: list[str]
    told_language: list[str]

    def features(self, row: int) -> PersonFeatures:
        t = self.table
        occupations = tuple(int(o) for o in t.occupations[row] if o >= 0)
        hit = t.recognition_rows == row
        recognitions = {
            int(o): Recognition(int(s))
            for o, s in zip(t.recognition_occupations[hit], t.recognition_states[hit], strict=True)
        }
        return PersonFeatures(
            id=int(t.ids[row]),
            occupations=occupations,
            german=int(t.german[row]),
            latitude=float(t.latitude[row]),
            longitude=float(t.longitude[row]),
            permission=Permission(int(t.permission[row])),
            driving_licence=bool(t.driving_licence[row]),
            childcare_needed=bool(t.childcare_needed[row]),
            course_time=CourseTime(int(t.course_time[row])),
            recognitions=recognitions,
        )


def persons(rng: np.random.Generator, occ: Occupations, n: int, *, noise: float = 0.3) -> Persons:
    true = rng.choice(len(occ), size=n, p=occ.popularity)
    coded = true.copy()
    noisy = rng.random(n) < noise
    prefer_sibling = rng.random(n) < 0.5
    for row in np.flatnonzero(noisy).tolist():
        t = int(true[row])
        siblings, neighbours = occ.siblings[t], occ.skill_neighbours[t]
        options = (
            siblings
            if (prefer_sibling[row] and len(siblings)) or not len(neighbours)
            else neighbours
        )
        if len(options):
            coded[row] = options[rng.integers(len(options))]
    second = np.where(rng.random(n) < 0.25, rng.choice(len(occ), size=n, p=occ.popularity), -1)

    titles, languages = [], []
    language_draw = rng.random(n)
    for row in range(n):
        told = int(true[row])
        if language_draw[row] >= 0.9 and occ.other_labels[told]:
            language, labels = "other", occ.other_labels[told]
        elif 0.55 <= language_draw[row] < 0.9:
            language, labels = "en", occ.english_alternatives[told]
        else:
            language, labels = "de", occ.german_alternatives[told] or occ.german_labels[told]
        titles.append(labels[rng.integers(len(labels))])
        languages.append(language)

    latitude, longitude = _coordinates(rng, n, np.array([p.residents for p in PLACES], float))
    unknown = rng.random(n) < 0.03
    latitude[unknown] = np.nan
    longitude[unknown] = np.nan

    regulated_rows = np.flatnonzero(occ.regulated[true])
    table = PersonTable(
        ids=np.arange(1, n + 1, dtype=np.int64),
        occupations=np.column_stack([coded, second]).astype(np.int64),
        german=rng.choice(len(PERSON_GERMAN), size=n, p=PERSON_GERMAN).astype(np.int8),
        latitude=latitude,
        longitude=longitude,
        permission=rng.choice(4, size=n, p=(0.85, 0.08, 0.04, 0.03)).astype(np.int8),
        driving_licence=rng.random(n) < 0.4,
        childcare_needed=rng.random(n) < 0.15,
        course_time=rng.choice(4, size=n, p=(0.65, 0.2, 0.08, 0.07)).astype(np.int8),
        recognition_rows=regulated_rows.astype(np.int64),
        recognition_occupations=true[regulated_rows].astype(np.int64),
        recognition_states=rng.choice(4, size=len(regulated_rows), p=(0.2, 0.2, 0.2, 0.4)).astype(
            np.int8
        ),
    )
    return Persons(
        table=table,
        true_occupation=true,
        coded_is_true=coded == true,
        told_title=titles,
        told_language=languages,
    )


@dataclass(frozen=True)
class Vacancies:
    table: VacancyTable
    titles: list[str]

    def features(self, row: int) -> VacancyFeatures:
        t = self.table
        return VacancyFeatures(
            id=int(t.ids[row]),
            occupation=int(t.occupation[row]),
            german=int(t.german[row]),
            latitude=float(t.latitude[row]),
            longitude=float(t.longitude[row]),
            hours=Hours(int(t.hours[row])),
            regulated=bool(t.regulated[row]),
            driving_required=bool(t.driving_required[row]),
            little_german_ok=bool(t.little_german_ok[row]),
        )


def vacancies(rng: np.random.Generator, occ: Occupations, n: int) -> Vacancies:
    occupation = rng.choice(len(occ), size=n, p=occ.popularity)
    titles, german = [], np.zeros(n, dtype=np.int8)
    suffix = rng.random(n) < 0.5
    for row, o in enumerate(occupation):
        labels = occ.german_labels[o]
        title = labels[rng.integers(len(labels))]
        titles.append(f"{title} (m/w/d)" if suffix[row] else title)
        levels, p = GERMAN_REQUIRED.get(occ.isco[o][:1], ((3,), (1.0,)))
        german[row] = rng.choice(levels, p=p)
    latitude, longitude = _coordinates(rng, n, np.array([p.jobs for p in PLACES], float))
    table = VacancyTable(
        ids=np.arange(1, n + 1, dtype=np.int64),
        occupation=occupation.astype(np.int64),
        german=german,
        latitude=latitude,
        longitude=longitude,
        hours=rng.choice(3, size=n, p=(0.6, 0.25, 0.15)).astype(np.int8),
        regulated=occ.regulated[occupation],
        driving_required=rng.random(n) < 0.1,
        little_german_ok=rng.random(n) < 0.2,
    )
    return Vacancies(table=table, titles=titles)
