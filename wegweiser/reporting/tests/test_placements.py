"""Placements by year with employment sustained at 6 and 12 months, from the follow-ups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.jobs import services
from wegweiser.jobs.tests.factories import EmployerFactory
from wegweiser.recognition.tests.factories import OccupationFactory

pytestmark = pytest.mark.django_db


def _place(actor, person, employer, occupation, start):
    return services.placement_create(
        actor=actor,
        person=person,
        employer=employer,
        occupation=occupation,
        starts_on=start,
        contract="permanent",
        hours="full_time",
    )


def _record(actor, placement, month, on, employed):
    services.follow_up_record(
        actor=actor,
        follow_up=placement.follow_ups.get(month=month),
        contacted_on=on,
        still_employed=employed,
    )


def test_sustained_rates_count_only_known_outcomes(client, case, caseworker, team):
    from wegweiser.cases.tests.factories import CaseFactory

    employer = EmployerFactory()
    occupation = OccupationFactory()
    second = CaseFactory(
        team=team, caseworker=caseworker, person__organisation=case.person.organisation
    )
    third = CaseFactory(
        team=team, caseworker=caseworker, person__organisation=case.person.organisation
    )
    with freeze_time("2026-11-30"):
        lasting = _place(caseworker, case.person, employer, occupation, dt.date(2025, 3, 1))
        _record(caseworker, lasting, 6, dt.date(2025, 9, 2), True)
        _record(caseworker, lasting, 12, dt.date(2026, 3, 2), True)
        lost = _place(caseworker, second.person, employer, occupation, dt.date(2025, 5, 1))
        _record(caseworker, lost, 1, dt.date(2025, 6, 2), False)  # ended before 6 months
        _place(caseworker, third.person, employer, occupation, dt.date(2026, 10, 1))  # too new
        client.force_login(caseworker)
        response = client.get(reverse("reporting:placements"))
    years = {row.year: row for row in response.context["years"]}
    assert (years[2025].started, years[2025].sustained_6, years[2025].known_6) == (2, 1, 2)
    assert (years[2025].sustained_12, years[2025].known_12) == (1, 2)
    assert (years[2026].started, years[2026].known_6) == (1, 0)
    page = response.content.decode()
    assert "1 of 2" in page
    assert "50 %" in page


def test_placement_figures_are_for_case_work_only(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("reporting:placements")).status_code == 403
