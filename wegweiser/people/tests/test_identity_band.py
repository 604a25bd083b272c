"""Identity candidates show how likely they are the same person: the calibrated probability
as a percentage, and a band in words."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from wegweiser.cases.services import intake_create
from wegweiser.people.explanations import identity_band
from wegweiser.people.tests.test_identity_search import known_person  # noqa: F401 (fixture)


def test_band_from_the_calibrated_probability() -> None:
    assert identity_band(0.93) == "likely"
    assert identity_band(0.5) == "likely"
    assert identity_band(0.2) == "possible"
    assert identity_band(0.003) == "unlikely"


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


def _cards(page: str) -> dict[int, str]:
    """The candidate cards of the page by person id."""
    cards = page.split('id="candidates"', 1)[1].split('<li class="ww-card')[1:]
    return {int(card.split('data-person="', 1)[1].split('"', 1)[0]): card for card in cards}


def _percent(card: str) -> int:
    return int(card.split('data-percent="', 1)[1].split('"', 1)[0])


@pytest.mark.django_db
def test_one_person_with_the_name_is_likely_by_the_name_alone(client, caseworker, team):
    _namesake(team, caseworker, dt.date(1979, 4, 7))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    query = {"given_names_latin": "Haider", "family_name_latin": "Haddad"}
    alone = client.get(reverse("people:find"), query).content.decode()
    assert 'data-band="likely"' in alone
    assert 'id="several-likely"' not in alone  # one likely candidate: nothing to tell apart


@pytest.mark.django_db
def test_namesakes_without_a_date_of_birth_share_the_name_and_ask_for_the_date(
    client, caseworker, team, other_team, other_caseworker
):
    first = _namesake(team, caseworker, dt.date(1979, 4, 7))
    second = _namesake(other_team, other_caseworker, dt.date(1983, 11, 25))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    query = {"given_names_latin": "Haider", "family_name_latin": "Haddad"}
    page = client.get(reverse("people:find"), query).content.decode()
    cards = _cards(page)
    # Two persons carry the name and nothing else was typed: either may be the one, so
    # neither is "likely" and neither comes near 100 %; the page says why and asks.
    for person in (first, second):
        assert 'data-band="possible"' in cards[person.pk]
        assert 25 <= _percent(cards[person.pk]) <= 50
        assert "carried by several candidates (2)" in cards[person.pk]
    assert 'id="several-likely"' in page
    assert "ask for the date of birth" in page


@pytest.mark.django_db
def test_a_namesake_with_another_date_of_birth_is_not_likely(
    client, caseworker, team, other_team, other_caseworker
):
    typed = _namesake(team, caseworker, dt.date(1979, 4, 7))
    other = _namesake(other_team, other_caseworker, dt.date(1983, 11, 25))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    query = {
        "given_names_latin": "Haider",
        "family_name_latin": "Haddad",
        "date_of_birth": "1979-04-07",
    }
    page = client.get(reverse("people:find"), query).content.decode()
    cards = _cards(page)
    assert 'data-band="likely"' in cards[typed.pk]
    assert _percent(cards[typed.pk]) >= 95
    assert 'data-band="likely"' not in cards[other.pk]
    assert _percent(cards[other.pk]) < 10
    assert "Date of birth: different" in cards[other.pk]
    assert 'id="several-likely"' not in page  # the date told them apart


@pytest.mark.django_db
def test_a_namesake_in_another_spelling_is_told_apart_by_the_date_too(
    client, caseworker, team, other_team, other_caseworker
):
    typed = _namesake(team, caseworker, dt.date(1979, 4, 7))
    other = intake_create(
        actor=other_caseworker,
        person_data={
            "given_names_latin": "Haidar",
            "family_name_latin": "Hadad",
            "date_of_birth": dt.date(1991, 2, 17),
        },
        case_data={"team": other_team, "caseworker": other_caseworker},
        orientation_data={},
    ).person
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    query = {
        "given_names_latin": "Haider",
        "family_name_latin": "Haddad",
        "date_of_birth": "1979-04-07",
    }
    cards = _cards(client.get(reverse("people:find"), query).content.decode())
    assert 'data-band="likely"' in cards[typed.pk]
    assert 'data-band="likely"' not in cards[other.pk]
    assert _percent(cards[other.pk]) < 50


@pytest.mark.django_db
def test_identity_link_prints_the_percentages_the_page_shows(client, caseworker, team, tmp_path):
    typed = _namesake(team, caseworker, dt.date(1979, 4, 7))
    other = _namesake(team, caseworker, dt.date(1983, 11, 25))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    for born in ("", "1979-04-07"):
        query = {"given_names_latin": "Haider", "family_name_latin": "Haddad"}
        cards = _cards(
            client.get(reverse("people:find"), {**query, "date_of_birth": born}).content.decode()
        )
        queries = tmp_path / "q.csv"
        queries.write_text(
            f"query_id,given_name,family_name,date_of_birth\nq1,Haider,Haddad,{born}\n",
            encoding="utf-8",
        )
        out = tmp_path / "o.csv"
        call_command(
            "identity", "link", "--queries", str(queries), "--user", caseworker.username,
            "--output", str(out),
        )  # fmt: skip
        with out.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        printed = {int(row["registry_id"]): int(row["percent"]) for row in rows}
        assert printed == {pk: _percent(card) for pk, card in cards.items()}
        assert set(printed) == {typed.pk, other.pk}


@pytest.mark.django_db
def test_the_intake_form_asks_about_the_candidates_the_search_calls_likely_only(
    client, caseworker, team, other_team, other_caseworker
):
    from wegweiser.cases.tests.test_intake import intake_post
    from wegweiser.core.models import AuditEntry
    from wegweiser.people.models import Person

    typed = _namesake(team, caseworker, dt.date(1979, 4, 7))
    _namesake(other_team, other_caseworker, dt.date(1983, 11, 25))
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    name = {
        "person-given_names_latin": "Haider",
        "person-family_name_latin": "Haddad",
        "person-given_names_original": "حيدر",
        "person-family_name_original": "حداد",
    }
    # The same name and date of birth as one of them: the form stops and shows that one only,
    # with the percentage and band the search page gives it.
    data = intake_post(team, caseworker, **name, **{"person-date_of_birth": "1979-04-07"})
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert 'name="confirm_new_person"' in page
    cards = _cards(page)
    assert set(cards) == {typed.pk}
    assert 'data-band="likely"' in cards[typed.pk] and _percent(cards[typed.pk]) >= 95
    assert Person.objects.count() == 2

    # A third namesake born on another day: the search calls both "probably another
    # person", so the intake is saved at once, with no confirmation to record.
    data = intake_post(team, caseworker, **name, **{"person-date_of_birth": "1990-02-14"})
    search = client.get(
        reverse("people:find"),
        {
            "given_names_latin": "Haider",
            "family_name_latin": "Haddad",
            "date_of_birth": "1990-02-14",
        },
    ).content.decode()
    assert 'data-band="likely"' not in search
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 302
    assert Person.objects.count() == 3
    assert not AuditEntry.objects.filter(purpose="new_person_despite_candidates").exists()
