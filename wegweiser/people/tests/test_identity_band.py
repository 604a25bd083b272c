"""Identity candidates show how likely they are the same person: the calibrated probability
as a percentage, and a band in words."""

from __future__ import annotations

import pytest
from django.urls import reverse

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
