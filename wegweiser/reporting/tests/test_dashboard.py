"""The management dashboard and the topic pages: who sees what, and nothing below five."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.models import AuditEntry
from wegweiser.reporting.figures import NoReports, scope_for_user

pytestmark = pytest.mark.django_db


def _intakes(team, n, opened=dt.date(2025, 3, 1)):
    for _ in range(n):
        CaseFactory(team=team, person__organisation=team.organisation, opened_on=opened)


def _key(response, name):
    return next(item for item in response.context["figures"] if item.name == name)


@freeze_time("2026-06-01")
def test_manager_sees_the_whole_centre_and_small_numbers_hidden(client, manager, team, other_team):
    _intakes(team, 4)
    _intakes(other_team, 3)
    _intakes(team, 2, opened=dt.date(2024, 3, 1))
    client.force_login(manager)
    response = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert response.status_code == 200
    intakes = _key(response, "intakes")
    assert intakes.now == 7  # both teams
    assert intakes.before is None  # 2 in 2024: hidden
    page = response.content.decode()
    assert "<svg" in page and "key-figures" in page
    assert AuditEntry.objects.filter(object_type="reporting.dashboard").exists()


@freeze_time("2026-06-01")
def test_caseworker_sees_only_own_teams(client, caseworker, team, other_team):
    _intakes(team, 6)
    _intakes(other_team, 9)
    client.force_login(caseworker)
    response = client.get(reverse("reporting:dashboard"), {"period": "2025"})
    assert _key(response, "intakes").now == 6


@freeze_time("2026-06-01")
def test_a_breakdown_hides_small_groups_and_what_would_reveal_them(client, manager, team):
    for sex, n in (("f", 9), ("m", 3)):
        for _ in range(n):
            CaseFactory(
                team=team,
                person__organisation=team.organisation,
                person__sex=sex,
                opened_on=dt.date(2025, 3, 1),
            )
    client.force_login(manager)
    response = client.get(
        reverse("reporting:topic", args=["people"]), {"period": "2025", "breakdown": "sex"}
    )
    intakes = next(
        s["figure"] for s in response.context["sections"] if s["figure"].name == "intakes"
    )
    by_label = {row.label: row.total for row in intakes.rows}
    assert by_label["male"] is None  # 3 persons
    assert by_label["female"] is None  # else 12 - 9 gives the 3 away
    assert intakes.total == 12


def test_roles_without_reports_are_refused(client, auditor):
    client.force_login(auditor)
    assert client.get(reverse("reporting:dashboard")).status_code == 403
    with pytest.raises(NoReports):
        scope_for_user(auditor)


def test_manager_reads_no_case_content(client, manager, case):
    client.force_login(manager)
    assert client.get(reverse("cases:my")).status_code == 403
    assert client.get(reverse("core:home")).url == reverse("reporting:dashboard")


@freeze_time("2026-06-01")
def test_every_topic_page_renders(client, manager, team):
    _intakes(team, 6)
    client.force_login(manager)
    for topic in ("people", "language", "recognition", "work", "network"):
        response = client.get(reverse("reporting:topic", args=[topic]), {"period": "all"})
        assert response.status_code == 200, topic
    assert client.get(reverse("reporting:topic", args=["nothing"])).status_code == 404


@freeze_time("2026-06-01")
def test_topic_page_in_arabic_mirrors_the_chart(client, manager, team):
    _intakes(team, 6)
    client.force_login(manager)
    client.cookies["django_language"] = "ar"
    response = client.get(reverse("reporting:topic", args=["people"]), {"period": "2025"})
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


@freeze_time("2026-06-01")
def test_the_period_and_breakdown_are_labelled_dropdowns_keeping_the_choice(client, manager):
    client.force_login(manager)
    page = client.get(
        reverse("reporting:dashboard"), {"period": "2025", "breakdown": "sex"}
    ).content.decode()
    for name in ("period", "breakdown"):
        assert f'<label class="kern-label" for="id_{name}">' in page
        wrapper = page.index(
            '<div class="kern-form-input__select-wrapper">', page.index(f'for="id_{name}"')
        )
        assert page.index(f'name="{name}"', wrapper) - wrapper < 200  # the select is inside it
    assert '<option value="2025" selected>' in page
    assert '<option value="sex" selected>' in page


@freeze_time("2026-06-01")
def test_the_change_column_is_named_as_a_noun_in_german(client, manager, team):
    """The column of differences to the period before, not the verb of the plan's button."""
    _intakes(team, 6)
    client.force_login(manager)
    client.cookies["django_language"] = "de"
    page = client.get(reverse("reporting:dashboard"), {"period": "2025"}).content.decode()
    assert ">Veränderung</th>" in page
    assert ">ändern</th>" not in page
