"""The two rules about residence titles: the newest registered one, and the one in force."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.people.selectors import latest_residence, residence_in_force

from .factories import PersonFactory, ResidenceStatusFactory

TODAY = dt.date(2026, 12, 6)


@pytest.mark.django_db
def test_an_expired_newest_title_is_shown_but_does_not_permit_work():
    person = PersonFactory()
    older = ResidenceStatusFactory(
        person=person, valid_from=dt.date(2022, 1, 1), valid_until=dt.date(2028, 1, 1)
    )
    expired = ResidenceStatusFactory(
        person=person, valid_from=dt.date(2025, 1, 1), valid_until=dt.date(2026, 6, 30)
    )
    assert latest_residence(person) == expired
    assert residence_in_force(person, TODAY) == older


@pytest.mark.django_db
def test_a_title_not_yet_begun_is_not_in_force():
    person = PersonFactory()
    future = ResidenceStatusFactory(
        person=person, valid_from=dt.date(2027, 2, 1), valid_until=dt.date(2029, 1, 1)
    )
    assert latest_residence(person) == future
    assert residence_in_force(person, TODAY) is None
