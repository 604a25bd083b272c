"""No dead ends: the proposal page leads back to the person; a search that finds nobody
offers a new intake with the searched names filled in."""

from __future__ import annotations

import html as html_lib
import re

import pytest
from django.urls import reverse

from wegweiser.jobs import services

pytestmark = pytest.mark.django_db


def test_proposal_page_links_back_to_the_person(client, caseworker, vacancy, person, consent):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(caseworker)
    page = client.get(reverse("jobs:proposal", args=[proposal.pk])).content.decode()
    assert f'href="{reverse("people:detail", args=[person.pk])}"' in page


def test_employer_sees_no_link_to_the_case_file(
    client, caseworker, employer_user, vacancy, person, consent
):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(employer_user)
    page = client.get(reverse("jobs:proposal", args=[proposal.pk])).content.decode()
    assert reverse("people:detail", args=[person.pk]) not in page


def test_person_search_without_result_offers_a_prefilled_intake(client, caseworker, case):
    client.force_login(caseworker)
    page = client.get(reverse("people:search"), {"q": "Samira Haddad-Nouri"}).content.decode()
    link = reverse("cases:intake") + "?person-given_names_latin=Samira"
    assert link in html_lib.unescape(page)
    intake = client.get(
        reverse("cases:intake"),
        {"person-given_names_latin": "Samira", "person-family_name_latin": "Haddad-Nouri"},
    ).content.decode()
    assert 'value="Samira"' in intake and 'value="Haddad-Nouri"' in intake


def test_person_search_with_a_result_offers_no_intake(client, caseworker, case):
    client.force_login(caseworker)
    name = case.person.family_name_latin
    page = client.get(reverse("people:search"), {"q": name}).content.decode()
    assert reverse("cases:intake") + "?" not in page


def test_identity_search_without_result_offers_a_prefilled_intake(client, caseworker, case):
    client.force_login(caseworker)
    page = client.get(
        reverse("people:find"),
        {
            # Names no generated person can come near (the case's person has a random name).
            "family_name_original": "ززقظ",
            "given_names_latin": "Qwzyxa",
            "family_name_latin": "Zzyzxqwv",
            "date_of_birth": "1990-03-04",
        },
    ).content.decode()
    page = html_lib.unescape(page)
    assert reverse("cases:intake") + "?" in page
    assert "person-date_of_birth=1990-03-04" in page
    assert "person-family_name_latin=Zzyzxqwv" in page


def test_employer_proposal_list_names_the_vacancy_and_is_paged(
    client, caseworker, employer_user, employer, person, consent, warehouse
):
    from wegweiser.jobs.tests.factories import VacancyFactory

    vacancies = [
        VacancyFactory(employer=employer, occupation=warehouse, created_by=caseworker)
        for _ in range(30)
    ]
    for vacancy in vacancies:
        services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(employer_user)
    first = client.get(reverse("jobs:proposals")).content.decode()
    assert "30 proposals" in first
    assert first.count(f"→ {vacancies[-1].title}") >= 1
    assert len(re.findall(r'href="/jobs/proposals/\d+/"', first)) == 25
    second = client.get(reverse("jobs:proposals"), {"page": 2}).content.decode()
    assert len(re.findall(r'href="/jobs/proposals/\d+/"', second)) == 5
