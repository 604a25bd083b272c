"""Job matching on the web path: from the database to the ranking, as a page asks for it.

    uv run python -m bench.jobs.web --vacancies 50000 --persons 100000 --queries 50
    uv run python -m bench.jobs.web --vacancies 50000 --persons 100000 --queries 50 --fresh

Data: a SQLite database under /tmp (``/tmp/wegweiser-jobs-web-P-V.sqlite3``), built once and
reused afterwards (``--fresh`` builds it again): migrate, the packaged occupation data
(`wegweiser occupations load`), `wegweiser generate --persons P`, then coded work experience for
every person (one or two ESCO occupations, drawn as in bench/jobs/synthetic.py), a few hundred
synthetic employers and V open vacancies (plus `--closed-vacancies` filled or withdrawn ones) in
and around Landkreis Gießen. A caseworker who is a member of every team sees every person.

Timed, in one warm process after `--warm-up` untimed calls each way:

* `matches_for_person` for random persons against the open vacancies, split into
  `person_features`, `vacancy_table` and `rank_vacancies`; the rest is the occupation space
  check and fetching the vacancies shown;
* `matches_for_vacancy` for random open vacancies, split into `vacancy_features`,
  `person_table` (every person with a case that is not closed) and `rank_persons`; the rest is
  the occupation space check, the audit entry and fetching the persons shown.

The table builders are split further into the helpers they call (`_vacancy_values`, the query
behind `vacancy_table`; `current_levels`, `_person_occupations`, ... behind `person_table`).
Each call runs in its own transaction, as a request does. `occupation_space()` is called more
than once per request (by the selector and by the table builders); its total per request is
shown as a separate line (it is part of the other lines).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import io
import os
import random
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from wegweiser.accounts.models import User

ACCOUNT = "matching.all.teams"  # the caseworker who is a member of every team
EMPLOYERS = 300
BATCH = 2_000


def database_path(persons: int, vacancies: int, closed_cases: str) -> Path:
    suffix = "" if closed_cases == "reopen" else "-closed"
    return Path(f"/tmp/wegweiser-jobs-web-{persons}-{vacancies}{suffix}.sqlite3")  # noqa: S108


def setup_django(path: Path) -> None:
    os.environ["WEGWEISER_DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ---------------------------------------------------------------------------------------------
# Data


def build(
    *, persons: int, vacancies: int, closed: int, closed_cases: str, seed: int
) -> dict[str, int]:
    """Fill the empty database; returns the rows written or changed by this function."""
    from django.core.management import call_command
    from django.db import transaction

    from wegweiser.cases.models import Case
    from wegweiser.core.audit import acting_as

    call_command("migrate", verbosity=0)
    call_command("occupations", "load", stdout=io.StringIO())
    call_command("generate", persons=persons, seed=seed, verbosity=0, stdout=io.StringIO())
    with transaction.atomic(), acting_as(None):
        user = caseworker_of_all_teams()
        counts = labour_market(user=user, vacancies=vacancies, closed=closed, seed=seed)
        if closed_cases == "reopen":
            # Every person in the matching scope: matches_for_vacancy leaves closed cases out.
            counts["cases.case reopened"] = Case.objects.filter(status=Case.Status.CLOSED).update(
                status=Case.Status.ACTIVE, closing_reason="", closed_on=None
            )
        return counts


def caseworker_of_all_teams() -> User:
    from wegweiser.accounts.models import Organisation, Team, User

    user = User.objects.filter(username=ACCOUNT).first()
    if user is None:
        centre = Organisation.objects.filter(kind=Organisation.Kind.CENTRE).first()
        user = User(username=ACCOUNT, role=User.Role.CASEWORKER, organisation=centre)
        user.set_unusable_password()
        user.save()
    user.teams.set(Team.objects.all())
    return user


def labour_market(*, user: User, vacancies: int, closed: int, seed: int) -> dict[str, int]:
    from django.utils import timezone

    from wegweiser.accounts.models import Organisation
    from wegweiser.core.models import Municipality
    from wegweiser.jobs.models import Duration, Employer, Experience, Hours, Sector, Vacancy
    from wegweiser.occupations.index import load_reference
    from wegweiser.occupations.models import Occupation
    from wegweiser.people.models import Person

    from . import synthetic

    occ = synthetic.occupations(seed)
    uris = [entry["uri"] for entry in load_reference().raw["occupations"]]
    by_uri = dict(Occupation.objects.values_list("concept_uri", "pk"))
    kldb = dict(Occupation.objects.values_list("pk", "kldb_code"))
    pk_of = np.array([by_uri.get(uri, 0) for uri in uris], dtype=np.int64)
    rng = np.random.default_rng([seed, 20])
    draw = random.Random(seed)
    counts: dict[str, int] = {}

    # Coded experience: the persons' coded (first) and second occupations of the synthetic
    # county, one row each, with the job title the person told.
    person_ids = list(Person.objects.order_by("pk").values_list("pk", flat=True))
    people = synthetic.persons(rng, occ, len(person_ids))
    rows: list[Experience] = []
    for row, person_id in enumerate(person_ids):
        for column, occupation in enumerate(people.table.occupations[row].tolist()):
            if occupation < 0 or not pk_of[occupation]:
                continue
            rows.append(
                Experience(
                    person_id=person_id,
                    kind=(
                        Experience.Kind.WANTED
                        if column
                        else draw.choices(
                            [Experience.Kind.WORKED, Experience.Kind.TRAINED], [0.8, 0.2]
                        )[0]
                    ),
                    title=(
                        people.told_title[row]
                        if not column
                        else (
                            occ.german_labels[occupation] or occ.english_alternatives[occupation]
                        )[0]
                    )[:200],
                    occupation_id=int(pk_of[occupation]),
                    years=Decimal(draw.randint(1, 20)) / 2 if not column else None,
                )
            )
    Experience.objects.bulk_create(rows, batch_size=BATCH)
    counts["jobs.experience"] = len(rows)

    # Places of work: the county's municipalities (from the generator) and three towns nearby.
    municipality = {m.name: m.pk for m in Municipality.objects.all()}
    for place in synthetic.PLACES:
        if place.name not in municipality:
            municipality[place.name] = Municipality.objects.create(
                name=place.name, latitude=place.latitude, longitude=place.longitude
            ).pk
    places = [municipality[place.name] for place in synthetic.PLACES]
    job_weights = np.array([place.jobs for place in synthetic.PLACES], dtype=float)

    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Arbeitgeber {i:03d} GmbH", kind=Organisation.Kind.EMPLOYER)
        for i in range(1, EMPLOYERS + 1)
    )
    sectors = [choice for choice, _label in Sector.choices]
    employers = Employer.objects.bulk_create(
        Employer(
            organisation=organisation,
            sector=draw.choice(sectors),
            municipality_id=places[int(rng.choice(len(places), p=job_weights / job_weights.sum()))],
            little_german_ok=draw.random() < 0.2,
        )
        for organisation in organisations
    )
    counts["accounts.organisation"] = counts["jobs.employer"] = len(employers)
    # A few large employers, many small ones.
    employer_weights = 1.0 / np.arange(1, len(employers) + 1) ** 0.8

    total = vacancies + closed
    occupations = rng.choice(len(occ), size=total, p=occ.popularity)
    where = rng.choice(len(places), size=total, p=job_weights / job_weights.sum())
    who = rng.choice(len(employers), size=total, p=employer_weights / employer_weights.sum())
    hours = [Hours.FULL_TIME, Hours.PART_TIME, Hours.SHIFTS]
    durations = [choice for choice, _label in Duration.choices]
    german_codes = ("", "A1", "A2", "B1", "B2", "C1")
    today = timezone.localdate()
    batch: list[Vacancy] = []
    written = 0
    for row in range(total):
        o = int(occupations[row])
        if not pk_of[o]:
            continue
        levels, p = synthetic.GERMAN_REQUIRED.get(occ.isco[o][:1], ((3,), (1.0,)))
        labels = occ.german_labels[o]
        title = labels[draw.randrange(len(labels))]
        batch.append(
            Vacancy(
                employer_id=employers[int(who[row])].pk,
                municipality_id=places[int(where[row])],
                title=(f"{title} (m/w/d)" if draw.random() < 0.5 else title)[:200],
                occupation_id=int(pk_of[o]),
                kldb_code=kldb.get(int(pk_of[o]), ""),
                german_level=german_codes[int(rng.choice(levels, p=p))],
                hours=draw.choices(hours, [0.6, 0.25, 0.15])[0],
                starts_on=today + dt.timedelta(days=draw.randint(-30, 120)),
                duration=draw.choice(durations),
                recognition_required=bool(occ.regulated[o]),
                driving_licence_required=draw.random() < 0.1,
                status=(
                    Vacancy.Status.OPEN
                    if row < vacancies
                    else draw.choice([Vacancy.Status.FILLED, Vacancy.Status.WITHDRAWN])
                ),
                created_by_id=user.pk,
            )
        )
        if len(batch) >= BATCH:
            Vacancy.objects.bulk_create(batch)
            written += len(batch)
            batch = []
    Vacancy.objects.bulk_create(batch)
    counts["jobs.vacancy"] = written + len(batch)
    return counts


# ---------------------------------------------------------------------------------------------
# Timing


class Stopwatch:
    """Wraps functions of the selectors and the matcher; adds their wall time (inclusive of
    whatever they call) and the rows of the tables they return to the current query."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.rows: dict[str, int] = {}

    def reset(self) -> None:
        self.seconds = defaultdict(float)
        self.rows = {}

    def wrap(self, module: Any, name: str) -> None:
        original = getattr(module, name)

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            result = original(*args, **kwargs)
            self.seconds[name] += time.perf_counter() - started
            if hasattr(result, "ids"):
                self.rows[name] = len(result.ids)
            return result

        setattr(module, name, timed)


def percentiles(values: Sequence[float]) -> tuple[float, float, float]:
    array = np.asarray(values, dtype=float)
    return (
        float(np.percentile(array, 50)),
        float(np.percentile(array, 95)),
        float(array.max()),
    )


Query = dict[str, float]  # milliseconds per wrapped function (inclusive) and "total"


def run(
    call: Callable[[Any], object],
    subjects: Sequence[Any],
    watch: Stopwatch,
    warm_up: int,
    before_each: Callable[[], None] = lambda: None,
) -> tuple[list[Query], dict[str, int]]:
    """Time each call in its own transaction, after `warm_up` untimed calls; `before_each`
    runs untimed before every timed call."""
    from django.db import transaction

    for subject in subjects[:warm_up]:
        with transaction.atomic():
            call(subject)
    queries: list[Query] = []
    for subject in subjects[warm_up:]:
        before_each()
        watch.reset()
        started = time.perf_counter()
        with transaction.atomic():
            call(subject)
        total = (time.perf_counter() - started) * 1000
        query: Query = defaultdict(float, {k: v * 1000 for k, v in watch.seconds.items()})
        query["total"] = total
        queries.append(query)
    return queries, dict(watch.rows)


Line = tuple[str, Callable[[Query], float]]


def part(name: str) -> Callable[[Query], float]:
    return lambda q: q[name]


def rest(*names: str, of: str = "total") -> Callable[[Query], float]:
    return lambda q: q[of] - sum(q[name] for name in names)


def table(title: str, rows: int, queries: list[Query], lines: Sequence[Line]) -> str:
    out = [
        f"{title} ({rows:,} rows, {len(queries)} queries)",
        f"  {'part':<52} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
    ]
    for label, value in lines:
        p50, p95, top = percentiles([value(q) for q in queries])
        out.append(f"  {label:<52} {p50:>8.1f} {p95:>8.1f} {top:>8.1f}")
    return "\n".join(out)


PERSON_LINES: tuple[Line, ...] = (
    ("person_features (1 person)", part("person_features")),
    ("open_vacancy_table (warm table, key check, rebuild)", part("open_vacancy_table")),
    ("vacancy_table (the open vacancies)", part("vacancy_table")),
    ("  of which the query and its rows (_vacancy_values)", part("_vacancy_values")),
    ("  of which the arrays", rest("_vacancy_values", of="vacancy_table")),
    ("rank_vacancies (ranking)", part("rank_vacancies")),
    (
        "rest (space check, vacancies shown)",
        rest("person_features", "open_vacancy_table", "rank_vacancies"),
    ),
    ("total", part("total")),
    ("occupation_space(), all calls (in the lines above)", part("occupation_space")),
)
PERSON_TABLE_PARTS = (
    "_german_levels",
    "_person_occupations",
    "_permissions",
    "_course_times",
    "_recognitions",
)
VACANCY_LINES: tuple[Line, ...] = (
    ("vacancy_features (1 vacancy)", part("vacancy_features")),
    ("person_snapshot (warm table, audit look, refresh, rebuild)", part("person_snapshot")),
    ("person_table (rows read from the database)", part("person_table")),
    ("  of which German levels (_german_levels)", part("_german_levels")),
    ("  of which occupations (_person_occupations)", part("_person_occupations")),
    (
        "  of which permissions, courses, recognitions",
        lambda q: q["_permissions"] + q["_course_times"] + q["_recognitions"],
    ),
    (
        "  of which ids, places, orientation, arrays",
        rest(*PERSON_TABLE_PARTS, of="person_table"),
    ),
    ("rank_persons (ranking)", part("rank_persons")),
    (
        "rest (space check, team scope, audit entry, persons shown)",
        rest("vacancy_features", "person_snapshot", "rank_persons"),
    ),
    ("total", part("total")),
    ("occupation_space(), all calls (in the lines above)", part("occupation_space")),
)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--vacancies", type=int, default=50_000, help="open vacancies")
    parser.add_argument("--closed-vacancies", type=int, default=5_000, help="filled or withdrawn")
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=50, help="timed queries each way")
    parser.add_argument("--warm-up", type=int, default=3, help="untimed calls each way first")
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--closed-cases",
        choices=["reopen", "keep"],
        default="reopen",
        help="reopen the generated closed cases, so that every person is matched (default), "
        "or keep them as generated (a separate database)",
    )
    parser.add_argument("--fresh", action="store_true", help="build the database again")
    parser.add_argument(
        "--tables",
        choices=["warm", "cold", "changed"],
        default="warm",
        help="warm: the process's tables as they are between changes (default); cold: "
        "forgotten before every query (the first request of a process or a day); changed: "
        "one person's coded experience added through the service before every query",
    )
    args = parser.parse_args(argv)

    path = database_path(args.persons, args.vacancies, args.closed_cases)
    ready = path.with_name(path.name + ".ready")
    if args.fresh or not ready.exists():
        for stale in (path, ready, *(path.with_name(path.name + s) for s in ("-wal", "-shm"))):
            stale.unlink(missing_ok=True)
    setup_django(path)

    from django.core.management import call_command
    from django.db import transaction

    from wegweiser.cases.models import Case
    from wegweiser.jobs import features, matching, selectors, services, tables
    from wegweiser.jobs.models import Experience, Vacancy
    from wegweiser.people.models import Person
    from wegweiser.people.selectors import persons_visible_to

    if ready.exists():
        call_command("migrate", verbosity=0)
        print(f"database {path} (reused)", file=sys.stderr)
    else:
        started = time.perf_counter()
        counts = build(
            persons=args.persons,
            vacancies=args.vacancies,
            closed=args.closed_vacancies,
            closed_cases=args.closed_cases,
            seed=args.seed,
        )
        ready.touch()
        print(
            f"database {path} built in {time.perf_counter() - started:.0f} s: "
            + ", ".join(f"{n:,} {name}" for name, n in counts.items()),
            file=sys.stderr,
        )

    user = caseworker_of_all_teams()
    visible = persons_visible_to(user)
    open_vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN)
    print(
        f"{Person.objects.count():,} persons, {visible.count():,} visible to the caseworker, "
        f"{visible.exclude(case__status=Case.Status.CLOSED).count():,} of them with a case "
        f"that is not closed; {Experience.objects.count():,} coded experience rows; "
        f"{open_vacancies.count():,} open vacancies of {Vacancy.objects.count():,}; "
        f"database {path.stat().st_size / 1e6:.0f} MB"
    )

    draw = random.Random(args.seed)
    n = args.warm_up + args.queries
    person_ids = list(visible.values_list("pk", flat=True))
    persons = list(Person.objects.filter(pk__in=draw.sample(person_ids, n)))
    draw.shuffle(persons)
    vacancy_ids = list(open_vacancies.values_list("pk", flat=True))
    vacancies = list(Vacancy.objects.filter(pk__in=draw.sample(vacancy_ids, n)))
    draw.shuffle(vacancies)

    watch = Stopwatch()
    for name in (
        "occupation_space",
        "person_features",
        "vacancy_table",
        "_vacancy_values",
        "vacancy_features",
        "person_table",
        *PERSON_TABLE_PARTS,
    ):
        # The feature reads live in `features`; `selectors` and `tables` hold their own
        # references to some of them, so each module's name is wrapped where it exists.
        for module in (features, selectors, tables):
            if hasattr(module, name):
                watch.wrap(module, name)
    watch.wrap(matching, "rank_vacancies")
    watch.wrap(matching, "rank_persons")
    watch.wrap(tables, "open_vacancy_table")
    watch.wrap(tables, "person_snapshot")

    occupation_ids = list(Vacancy.objects.values_list("occupation_id", flat=True)[:200])

    def before_each() -> None:
        if args.tables == "cold":
            tables.clear()
        elif args.tables == "changed":
            someone = Person.objects.get(pk=draw.choice(person_ids))
            services.experience_add(
                actor=user,
                person=someone,
                title="Helfer",
                occupation_id=draw.choice(occupation_ids),
            )

    print(f"load average at start: {load_average()}; tables: {args.tables}")
    started = time.perf_counter()
    with transaction.atomic():
        selectors.matches_for_person(user=user, person=persons[0], k=args.k)
    cold = (time.perf_counter() - started) * 1000
    print(f"first call of the process (builds the occupation space): {cold:.0f} ms")

    by_person, _person_rows = run(
        lambda person: selectors.matches_for_person(user=user, person=person, k=args.k),
        persons,
        watch,
        args.warm_up,
        before_each,
    )
    by_vacancy, _vacancy_rows = run(
        lambda vacancy: selectors.matches_for_vacancy(user=user, vacancy=vacancy, k=args.k),
        vacancies,
        watch,
        args.warm_up,
        before_each,
    )
    print()
    print(
        table(
            "matches_for_person: one person against the open vacancies",
            open_vacancies.count(),
            by_person,
            PERSON_LINES,
        )
    )
    print()
    print(
        table(
            "matches_for_vacancy: one vacancy against the persons in the caseworker's scope",
            len(tables.person_snapshot(user.organisation_id or 0).table.ids),
            by_vacancy,
            VACANCY_LINES,
        )
    )
    print()
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
