"""The matching tables kept per process follow every change made through the services."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from django.db import transaction

from wegweiser.cases.services import case_change_status
from wegweiser.cases.tests.factories import CaseFactory, OrientationFactory
from wegweiser.core.audit import acting_as
from wegweiser.jobs import services, tables
from wegweiser.jobs.selectors import matches_for_person, matches_for_vacancy
from wegweiser.jobs.tests.factories import ExperienceFactory, VacancyFactory
from wegweiser.people.models import ResidenceStatus
from wegweiser.people.tests.factories import ResidenceStatusFactory

pytestmark = pytest.mark.django_db


def _ranked(result):
    return [m.id for m in result.ranking.matches]


def _held(result):
    return {m.id: m.constraints for m in result.ranking.held_back}


def test_vacancy_table_follows_new_withdrawn_and_changed_vacancies(
    caseworker, person, vacancy, employer, warehouse
):
    assert _ranked(matches_for_person(user=caseworker, person=person)) == [vacancy.pk]
    second = VacancyFactory(employer=employer, occupation=warehouse, title="Zweite")
    assert set(_ranked(matches_for_person(user=caseworker, person=person))) == {
        vacancy.pk,
        second.pk,
    }
    services.vacancy_set_status(actor=caseworker, vacancy=second, status="withdrawn")
    assert _ranked(matches_for_person(user=caseworker, person=person)) == [vacancy.pk]
    services.vacancy_update(
        actor=caseworker, vacancy=vacancy, data={"driving_licence_required": True}
    )
    result = matches_for_person(user=caseworker, person=person)
    assert _ranked(result) == []
    assert _held(result) == {vacancy.pk: ("driving_licence_missing",)}


def test_person_table_follows_residence_case_and_experience_changes(
    caseworker, team, person, vacancy, giessen, warehouse, nurse
):
    assert _ranked(matches_for_vacancy(user=caseworker, vacancy=vacancy)) == [person.pk]

    ResidenceStatusFactory(
        person=person,
        title=ResidenceStatus.Title.GESTATTUNG,
        valid_from=dt.date.today(),
        valid_until=None,
        work_permission=ResidenceStatus.WorkPermission.NOT_ALLOWED,
    )
    result = matches_for_vacancy(user=caseworker, vacancy=vacancy)
    assert _ranked(result) == []
    assert _held(result) == {person.pk: ("no_work_permission",)}

    newcomer_case = CaseFactory(team=team, caseworker=caseworker)
    OrientationFactory(case=newcomer_case)
    newcomer = newcomer_case.person
    ResidenceStatusFactory(person=newcomer, valid_until=None)
    ExperienceFactory(person=newcomer, occupation=nurse)
    result = matches_for_vacancy(user=caseworker, vacancy=vacancy)
    assert newcomer.pk in _ranked(result)
    occupation_points = result.ranking.matches[0].factors[0].points
    ExperienceFactory(person=newcomer, occupation=warehouse)
    result = matches_for_vacancy(user=caseworker, vacancy=vacancy)
    assert result.ranking.matches[0].id == newcomer.pk
    assert result.ranking.matches[0].factors[0].points > occupation_points

    case_change_status(
        actor=caseworker, case=newcomer_case, status="closed", closing_reason="moved"
    )
    assert newcomer.pk not in _ranked(matches_for_vacancy(user=caseworker, vacancy=vacancy))


def test_other_teams_rows_stay_out_of_scope(caseworker, other_caseworker, person, vacancy):
    assert _ranked(matches_for_vacancy(user=other_caseworker, vacancy=vacancy)) == []
    result = matches_for_vacancy(user=caseworker, vacancy=vacancy)
    assert result.ranking.considered == 1


def test_refreshed_table_equals_a_fresh_build(caseworker, team, person, vacancy, nurse):
    snapshot = tables.person_snapshot(caseworker.organisation_id)
    for _ in range(3):
        case = CaseFactory(team=team, caseworker=caseworker)
        ExperienceFactory(person=case.person, occupation=nurse)
        ResidenceStatusFactory(person=case.person, valid_until=None)
    with transaction.atomic(), acting_as(None):
        person.municipality = None
        person.save()
    refreshed = tables.person_snapshot(caseworker.organisation_id)
    assert refreshed is not snapshot
    tables.clear()
    rebuilt = tables.person_snapshot(caseworker.organisation_id)
    order_a, order_b = np.argsort(refreshed.table.ids), np.argsort(rebuilt.table.ids)
    for name in ("ids", "german", "permission", "driving_licence", "course_time"):
        assert np.array_equal(
            getattr(refreshed.table, name)[order_a], getattr(rebuilt.table, name)[order_b]
        ), name
    assert np.array_equal(
        np.isnan(refreshed.table.latitude[order_a]), np.isnan(rebuilt.table.latitude[order_b])
    )
    width = max(refreshed.table.occupations.shape[1], rebuilt.table.occupations.shape[1])
    assert np.array_equal(
        np.sort(tables._pad(refreshed.table.occupations, width)[order_a], axis=1),
        np.sort(tables._pad(rebuilt.table.occupations, width)[order_b], axis=1),
    )
    assert np.array_equal(refreshed.teams[order_a], rebuilt.teams[order_b])
