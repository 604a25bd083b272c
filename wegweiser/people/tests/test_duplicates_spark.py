"""The duplicate job on Splink's Spark backend (local mode) finds what DuckDB finds.

Runs in its own CI step with the extra 'spark' (`uv run --extra spark pytest ...`); without
pyspark it is skipped."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from wegweiser.accounts.models import Organisation, User
from wegweiser.demo.generator import generate
from wegweiser.identity import duplicate_model, duplicate_rescoring
from wegweiser.people.duplicate_search import (
    export_table,
    person_records,
    run_duplicate_detection,
)
from wegweiser.people.models import DuplicatePair, Person
from wegweiser.people.services import person_create

pytest.importorskip("pyspark", reason="pyspark is not installed (the extra 'spark')")
if shutil.which("java") is None:
    pytest.skip("pyspark needs Java (default-jre-headless)", allow_module_level=True)

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def spark():
    session = duplicate_model.spark_session(cores=1, memory="1g")
    yield session
    session.stop()


def _plant_duplicates(organisation: Organisation, count: int) -> set[tuple[int, int]]:
    """Persons registered again by another authority: another Latin spelling beside the same
    original-script name, the birthday as a placeholder 01.01. of the same year."""
    actor = User.objects.filter(organisation=organisation, role=User.Role.CASEWORKER).first()
    assert actor is not None
    planted = set()
    originals = (
        Person.objects.filter(dob_precision="exact")
        .exclude(family_name_original="")
        .order_by("pk")[:count]
    )
    for person in originals:
        assert person.date_of_birth is not None
        spelling = person.spellings.filter(script="Latn").first()
        duplicate = person_create(
            actor=actor,
            given_names_latin=spelling.given_names if spelling else person.given_names_latin,
            family_name_latin=spelling.family_name if spelling else person.family_name_latin,
            given_names_original=person.given_names_original,
            family_name_original=person.family_name_original,
            date_of_birth=dt.date(person.date_of_birth.year, 1, 1),
            dob_placeholder=True,
            sex=person.sex,
            nationalities=[str(getattr(c, "code", c)) for c in person.nationalities],
        )
        planted.add((min(person.pk, duplicate.pk), max(person.pk, duplicate.pk)))
    return planted


@pytest.mark.django_db
def test_the_job_on_spark_proposes_the_same_pairs_as_on_duckdb(spark, monkeypatch):
    generate(persons=200, seed=5, today=TODAY)
    organisation = Organisation.objects.get(name="Migrationszentrum Landkreis Gießen")
    planted = _plant_duplicates(organisation, 4)
    threshold = 0.15  # a register of 200 makes every name common; see test_duplicates.py

    # Splink's candidates rescored with the identity matcher, as the job does
    on_duckdb = duplicate_rescoring.find_duplicates(
        export_table(organisation.pk, workers=1),
        lambda ids: person_records(organisation.pk, ids),
        threshold=threshold,
        backend="duckdb",
    )
    # The job itself, as the task worker runs it with WEGWEISER_DUPLICATE_BACKEND=spark.
    monkeypatch.setattr(duplicate_model, "spark_session", lambda **options: spark)
    result = run_duplicate_detection(
        organisation=organisation, threshold=threshold, backend="spark"
    )

    queued = {
        (pair.person_low_id, pair.person_high_id): pair
        for pair in DuplicatePair.objects.filter(organisation=organisation)
    }
    expected = {(pair.low_id, pair.high_id): pair for pair in on_duckdb.pairs}
    assert planted <= set(expected), "DuckDB misses a planted duplicate"
    assert set(queued) == set(expected)
    assert result.proposed == len(on_duckdb.pairs)
    # u is sampled by a hash each backend computes its own way, so the probabilities differ a
    # little; what each pair agrees on does not.
    for key, pair in expected.items():
        assert queued[key].probability >= threshold
        assert queued[key].field_weights["name"]["level"] == pair.fields["name"]["level"]
        assert queued[key].field_weights["dob"]["level"] == pair.fields["dob"]["level"]
