"""Identity candidates show how likely they are the same person in words: the scorer's
probability counts the whole register, so most candidates of a search are near 0 %, and a
percentage read as "no match"."""

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
def test_candidates_show_a_band_and_no_percentage(client, caseworker, known_person):  # noqa: F811
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("people:find"), {"given_names_latin": "Mohamed", "family_name_latin": "Alhassan"}
    ).content.decode()
    candidates = page.split('id="candidates"', 1)[1]
    assert "data-band=" in candidates
    assert "% match" not in candidates
    assert any(
        text in candidates
        for text in ("likely the same person", "possibly the same person", "probably another")
    )
