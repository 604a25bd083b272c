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
