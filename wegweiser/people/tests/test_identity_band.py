"""Identity candidates show how likely they are the same person: the calibrated probability
as a percentage, and a band in words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.services import intake_create
from wegweiser.people.explanations import identity_band
from wegweiser.people.tests.test_identity_search import known_person  # noqa: F401 (fixture)


def test_band_from_the_calibrated_probability() -> None:
    assert identity_band(0.93, True) == "likely"
    assert identity_band(0.2, False) == "possible"
    assert identity_band(0.003, False) == "unlikely"


@pytest.mark.django_db
def test_candidates_show_a_band_and_a_calibrated_percentage(client, caseworker, known_person):  # noqa: F811
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("people:find"), {"given_names_latin": "Mohamed", "family_name_latin": "Alhassan"}
    ).content.decode()
    candidates = page.split('id="candidates"', 1)[1]
    assert "data-band=" in candidates
    percent = int(candidates.split('data-percent="', 1)[1].split('"', 1)[0])
    # nearly the same name, no date of birth typed: a real chance (the calibration fitted on
    # real name pairs gives such evidence about a quarter to a half), not "2 %"
    assert percent >= 25
    assert f"{percent} %" in candidates
    assert any(
        text in candidates
        for text in ("likely the same person", "possibly the same person", "probably another")
    )


def _namesake(team, caseworker, born):
    return intake_create(
        actor=caseworker,
        person_data={
            "given_names_latin": "Haider",
            "family_name_latin": "Haddad",
            "given_names_original": "حيدر",
            "family_name_original": "حداد",
            "date_of_birth": born,
            "nationalities": ["IQ"],
        },
        case_data={"team": team, "caseworker": caseworker},
        orientation_data={},
    ).person


@pytest.mark.django_db
def test_two_namesakes_both_likely_ask_for_the_date_of_birth(
    client, caseworker, team, other_team, other_caseworker
):
    _namesake(team, caseworker, dt.date(1979, 4, 7))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    query = {"given_names_latin": "Haider", "family_name_latin": "Haddad"}
    alone = client.get(reverse("people:find"), query).content.decode()
    assert 'data-band="likely"' in alone
    assert 'id="several-likely"' not in alone  # one likely candidate: nothing to tell apart

    _namesake(other_team, other_caseworker, dt.date(1979, 6, 2))
    both = client.get(reverse("people:find"), query).content.decode()
    assert both.count('data-band="likely"') == 2
    assert 'id="several-likely"' in both
    assert "ask for the date of birth" in both
