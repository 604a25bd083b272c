"""Matching uses every coded occupation on record — qualification, recognition procedure,
initial orientation, experience, job wish — and says which record a factor comes from; the
fit is shown as a band in words, not as a percentage."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import transaction
from django.urls import reverse

from wegweiser.cases.models import Orientation
from wegweiser.core.audit import acting_as
from wegweiser.jobs import services
from wegweiser.jobs.matching import Match
from wegweiser.jobs.tests.factories import VacancyFactory
from wegweiser.jobs.tests.test_matching import only_pair, person, vacancy
from wegweiser.people.tests.factories import ResidenceStatusFactory
from wegweiser.recognition.tests.factories import (
    OccupationFactory,
    ProcedureFactory,
    QualificationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def civil_engineer():
    return OccupationFactory(
        preferred_label_en="civil engineer",
        preferred_label_de="Bauingenieur/Bauingenieurin",
        isco_code="2142",
        kldb_code="31104",
    )


@pytest.fixture
def engineer(case, giessen):
    """A person with nothing coded as experience."""
    person = case.person
    person.municipality = giessen
    with transaction.atomic(), acting_as(None):
        person.save()
    ResidenceStatusFactory(person=person)
    return person


@pytest.fixture
def engineering_vacancy(employer, civil_engineer, caseworker):
    return VacancyFactory(
        employer=employer, occupation=civil_engineer, created_by=caseworker, title="Bauleitung"
    )


def _plain(page: str) -> str:
    """The page without the Unicode isolates around titles."""
    return page.replace("\u2068", "").replace("\u2069", "")


def _occupation_text(page: str) -> str:
    return _plain(page).split("Bauleitung", 1)[1].split("</dd>", 1)[0]


def test_qualification_occupation_counts_and_is_named(
    client, caseworker, engineer, civil_engineer, engineering_vacancy
):
    QualificationFactory(
        person=engineer, title_german="Bachelor Bauingenieurwesen", occupation=civil_engineer
    )
    client.force_login(caseworker)
    page = client.get(reverse("jobs:person", args=[engineer.pk])).content.decode()
    text = _occupation_text(page)
    assert "Occupation (50/50)" in text
    assert "from the qualification: Bachelor Bauingenieurwesen" in text


def test_recognition_reference_occupation_counts_and_is_named(
    client, caseworker, engineer, civil_engineer, engineering_vacancy
):
    ProcedureFactory(
        person=engineer,
        qualification=None,
        reference_occupation=civil_engineer,
        reference_title="Bauingenieur",
    )
    client.force_login(caseworker)
    page = client.get(reverse("jobs:person", args=[engineer.pk])).content.decode()
    assert "from the recognition procedure: Bauingenieur" in _occupation_text(page)


def test_orientation_occupation_counts_both_ways(
    client, caseworker, case, engineer, civil_engineer, engineering_vacancy
):
    orientation = Orientation.objects.filter(case=case).first() or Orientation(case=case)
    orientation.occupation = civil_engineer
    with transaction.atomic(), acting_as(caseworker):
        orientation.save()
    client.force_login(caseworker)
    page = client.get(reverse("jobs:person", args=[engineer.pk])).content.decode()
    assert "from the initial orientation: Bauingenieur/Bauingenieurin" in _occupation_text(page)
    ranked = _plain(
        client.get(reverse("jobs:vacancy", args=[engineering_vacancy.pk])).content.decode()
    )
    assert engineer.given_names_latin in ranked
    assert "from the initial orientation" in ranked


def test_job_wish_is_named_on_the_vacancy_page(
    client, caseworker, engineer, civil_engineer, engineering_vacancy
):
    services.experience_add(
        actor=caseworker,
        person=engineer,
        kind="wanted",
        title="Bauingenieur",
        occupation=civil_engineer,
    )
    client.force_login(caseworker)
    ranked = _plain(
        client.get(reverse("jobs:vacancy", args=[engineering_vacancy.pk])).content.decode()
    )
    assert "from the job wish: Bauingenieur" in ranked


def test_unrelated_occupations_are_named_not_called_unknown(
    client, caseworker, engineer, civil_engineer, warehouse, employer
):
    QualificationFactory(
        person=engineer, title_german="Bachelor Bauingenieurwesen", occupation=civil_engineer
    )
    VacancyFactory(employer=employer, occupation=warehouse, created_by=caseworker, title="Lager")
    client.force_login(caseworker)
    page = _plain(client.get(reverse("jobs:person", args=[engineer.pk])).content.decode())
    text = page.split("Lager", 1)[1].split("</dd>", 1)[0]
    assert "none of the person&#x27;s recorded occupations is related" in text
    assert "from the qualification: Bachelor Bauingenieurwesen" in text
    assert "no known experience" not in text


def _with_points(match: Match, **points: float) -> Match:
    factors = tuple(
        dataclasses.replace(f, points=points.get(f.name, f.points)) for f in match.factors
    )
    return dataclasses.replace(match, factors=factors)


def test_band_follows_the_factors_not_a_percentage() -> None:
    perfect = only_pair(person(), vacancy())
    assert perfect.band == "good"
    assert _with_points(perfect, commute=5.0).band == "partial"  # far away
    assert _with_points(perfect, occupation=17.5).band == "partial"  # only the wider field
    assert _with_points(perfect, occupation=0.0).band == "weak"


def test_match_list_shows_the_band_and_no_percentage(
    client, caseworker, engineer, civil_engineer, engineering_vacancy
):
    QualificationFactory(person=engineer, occupation=civil_engineer)
    client.force_login(caseworker)
    page = client.get(reverse("jobs:person", args=[engineer.pk])).content.decode()
    assert 'data-band="good"' in page and "good fit" in page
    assert "%" not in page.split('class="ww-matches"', 1)[1].split("</ol>", 1)[0]


def test_source_title_is_isolated_from_the_sentence_around_it() -> None:
    from wegweiser.jobs.explanations import sources_text
    from wegweiser.jobs.selectors import OccupationSource

    title = "بكالوريوس هندسة مدنية"
    text = sources_text({3: [OccupationSource("qualification", title)]}, [3])
    assert f"\u2068{title}\u2069" in text
