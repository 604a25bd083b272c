from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.people.models import HouseholdLink, ResidenceStatus
from wegweiser.people.tests.factories import ConsentFactory, PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_residence_valid_until_before_valid_from_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("people:section", args=[case.person_id, "residence"]),
        {
            "title": "s24",
            "valid_from": "2025-06-01",
            "valid_until": "2025-05-01",
            "work_permission": "allowed",
        },
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_valid_until_error"' in html
    assert "must not be before" in html
    assert not ResidenceStatus.objects.exists()


@pytest.mark.django_db
def test_residence_added_inline_shows_in_the_section(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:section", args=[case.person_id, "residence"]),
        {
            "title": "s24",
            "valid_from": "2025-06-01",
            "valid_until": "2027-03-04",
            "work_permission": "allowed",
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="section-residence"' in html and "§24" in html
    assert ResidenceStatus.objects.get().person == case.person


@pytest.mark.django_db
def test_unknown_section_is_404(client, caseworker, case):
    client.force_login(caseworker)
    assert client.get(reverse("people:section", args=[case.person_id, "nope"])).status_code == 404


@pytest.mark.django_db
def test_search_finds_by_original_script_and_hides_other_teams(
    client, caseworker, case, other_team_case
):
    from wegweiser.core.audit import acting_as
    from wegweiser.people.services import person_update

    with acting_as(None):
        person_update(
            actor=None,
            person=case.person,
            data={"family_name_original": "الحسن", "given_names_original": "أحمد"},
        )
    client.force_login(caseworker)
    response = client.get(reverse("people:search"), {"q": "الحسن"})
    people = list(response.context["page"])
    assert people == [case.person]
    response = client.get(reverse("people:search"), {"q": other_team_case.person.family_name_latin})
    assert other_team_case.person not in list(response.context["page"])


@pytest.mark.django_db
def test_search_filters_by_status_and_nationality(client, caseworker, team):
    wanted = CaseFactory(team=team, status="intake", person=PersonFactory(nationalities=["UA"]))
    CaseFactory(team=team, status="intake", person=PersonFactory(nationalities=["SY"]))
    CaseFactory(team=team, status="active", person=PersonFactory(nationalities=["UA"]))
    client.force_login(caseworker)
    response = client.get(reverse("people:search"), {"status": "intake", "nationality": "UA"})
    assert list(response.context["page"]) == [wanted.person]


@pytest.mark.django_db
def test_person_edit_rejects_future_birth_date(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    data = {
        "given_names_latin": "A",
        "family_name_latin": "B",
        "date_of_birth": future,
        "dob_precision": "exact",
        "sex": "f",
        "nationality_status": "known",
        "letter_language": "de",
    }
    response = client.post(reverse("people:edit", args=[case.person_id]), data)
    assert "cannot be in the future" in response.content.decode()
    case.person.refresh_from_db()
    assert case.person.given_names_latin != "A"


@pytest.mark.django_db
def test_stateless_person_cannot_have_a_nationality(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    data = {
        "given_names_latin": "A",
        "family_name_latin": "B",
        "dob_precision": "unknown",
        "sex": "f",
        "nationality_status": "stateless",
        "nationalities": ["SY"],
        "letter_language": "de",
    }
    response = client.post(reverse("people:edit", args=[case.person_id]), data)
    assert "has no nationality" in response.content.decode()


@pytest.mark.django_db
def test_household_link_to_another_teams_person_is_refused(
    client, caseworker, case, other_team_case
):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("people:section", args=[case.person_id, "household"]),
        {"relative_number": other_team_case.person_id, "relation": "spouse"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "no person with this number" in response.content.decode()
    assert not HouseholdLink.objects.exists()


@pytest.mark.django_db
def test_consent_withdrawal_is_recorded_once(client, caseworker, case):
    consent = ConsentFactory(person=case.person, recorded_by=caseworker)
    client.force_login(caseworker)
    url = reverse("people:consent_withdraw", args=[case.person_id, consent.pk])
    client.post(url, {"withdrawn_on": dt.date.today().isoformat()})
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date.today()
    client.post(url, {"withdrawn_on": "2020-01-01"})
    consent.refresh_from_db()
    assert consent.withdrawn_on == dt.date.today()
