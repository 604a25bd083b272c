"""The vacancy and employer lists are paged: every row is reachable, none silently cut off."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.jobs.tests.factories import VacancyFactory
from wegweiser.jobs.views import PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_vacancy_list_is_paged_and_keeps_its_filter(client, caseworker, employer, warehouse):
    start = dt.date(2027, 1, 1)
    for i in range(PAGE_SIZE + 3):
        VacancyFactory(
            employer=employer,
            occupation=warehouse,
            title=f"Lager {i:02d}",
            starts_on=start + dt.timedelta(days=i),
        )
    client.force_login(caseworker)
    first = client.get(reverse("jobs:vacancies"), {"text": "Lager"})
    html = first.content.decode()
    assert html.count("Lager ") == PAGE_SIZE
    assert "text=Lager&amp;page=2" in html  # the pager keeps the filter
    second = client.get(reverse("jobs:vacancies"), {"text": "Lager", "page": 2})
    shown = second.content.decode()
    assert [f"Lager {i:02d}" in shown for i in range(PAGE_SIZE, PAGE_SIZE + 3)] == [True] * 3
    assert "Lager 00" not in shown


def test_the_employer_list_is_paged(client, caseworker):
    from wegweiser.accounts.tests.factories import OrganisationFactory
    from wegweiser.jobs.tests.factories import EmployerFactory

    for i in range(PAGE_SIZE + 2):
        EmployerFactory(organisation=OrganisationFactory(name=f"Betrieb {i:02d}", kind="employer"))
    client.force_login(caseworker)
    first = client.get(reverse("jobs:employers")).content.decode()
    assert first.count(">Betrieb ") == PAGE_SIZE
    assert "page=2" in first
    second = client.get(reverse("jobs:employers"), {"page": 2}).content.decode()
    assert ">Betrieb 25<" in second and ">Betrieb 26<" in second
    assert ">Betrieb 00<" not in second


def test_the_api_pages_vacancies_instead_of_cutting_them_off(
    client, caseworker, employer, warehouse, monkeypatch
):
    from wegweiser.jobs import api

    monkeypatch.setattr(api, "API_PAGE_SIZE", 4)
    for i in range(6):
        VacancyFactory(employer=employer, occupation=warehouse, title=f"Lager {i:02d}")
    client.force_login(caseworker)
    first = client.get("/api/jobs/vacancies", {"text": "Lager"}).json()
    second = client.get("/api/jobs/vacancies", {"text": "Lager", "page": 2}).json()
    assert len(first) == 4 and len(second) == 2
    titles = {v["title"] for v in first + second}
    assert titles == {f"Lager {i:02d}" for i in range(6)}


def test_the_api_pages_an_employers_proposals_and_audits_the_page(
    client,
    caseworker,
    employer_user,
    other_employer_user,
    employer,
    person,
    consent,
    warehouse,
    monkeypatch,
):
    from wegweiser.core.models import AuditEntry
    from wegweiser.jobs import api, services

    monkeypatch.setattr(api, "API_PAGE_SIZE", 4)
    proposals = [
        services.proposal_create(
            actor=caseworker,
            person=person,
            vacancy=VacancyFactory(employer=employer, occupation=warehouse, created_by=caseworker),
        )
        for _ in range(5)
    ]
    client.force_login(employer_user)
    first = [p["id"] for p in client.get("/api/jobs/proposals").json()]
    second = [p["id"] for p in client.get("/api/jobs/proposals", {"page": 2}).json()]
    assert len(first) == 4 and len(second) == 1
    assert sorted(first + second) == sorted(p.pk for p in proposals)
    listed = AuditEntry.objects.filter(actor=employer_user, purpose="employer_proposals")
    assert sorted(sorted(e.object_ids) for e in listed) == sorted([sorted(first), sorted(second)])
    client.force_login(other_employer_user)
    assert client.get("/api/jobs/proposals").json() == []
