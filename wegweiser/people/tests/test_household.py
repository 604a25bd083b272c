"""Household links are recorded once and shown on both persons' pages, with the relation seen
from each side; the relative is chosen by name from one's own cases."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.people.models import HouseholdLink
from wegweiser.people.services import household_link_add

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def _household(html: str) -> str:
    return html.split('id="section-household"', 1)[1].split("</section>", 1)[0]


def test_link_shows_on_both_pages_with_the_relation_from_each_side(client, caseworker, case):
    child = CaseFactory(team=case.team, caseworker=caseworker).person
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    client.post(
        reverse("people:section", args=[case.person_id, "household"]),
        {"relative_number": child.pk, "relation": "child"},
        **HTMX,
    )
    assert HouseholdLink.objects.count() == 1
    parent_page = _household(
        client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    )
    child_page = _household(client.get(reverse("people:detail", args=[child.pk])).content.decode())
    assert "child:" in parent_page and child.latin_name in parent_page
    assert "parent:" in child_page and case.person.latin_name in child_page
    assert reverse("people:detail", args=[case.person_id]) in child_page


def test_pair_recorded_both_ways_shows_once(client, caseworker, case):
    spouse = CaseFactory(team=case.team, caseworker=caseworker).person
    household_link_add(actor=caseworker, person=case.person, relative=spouse, relation="spouse")
    household_link_add(actor=caseworker, person=spouse, relative=case.person, relation="spouse")
    client.force_login(caseworker)
    page = _household(client.get(reverse("people:detail", args=[spouse.pk])).content.decode())
    assert page.count(reverse("people:detail", args=[case.person_id])) == 1


def test_household_form_searches_by_name(client, caseworker, case):
    client.force_login(caseworker)
    form = client.get(
        reverse("people:section", args=[case.person_id, "household"]), **HTMX
    ).content.decode()
    assert 'name="relative_number_query"' in form
    assert f'hx-get="{reverse("people:pick")}"' in form


def test_pick_offers_own_cases_only(client, caseworker, case, other_team_case):
    mine = CaseFactory(team=case.team, caseworker=caseworker).person
    other = other_team_case.person
    client.force_login(caseworker)
    url = reverse("people:pick")
    hits = client.get(
        url, {"field": "relative_number", "relative_number_query": mine.family_name_latin}
    ).content.decode()
    assert f'name="relative_number" value="{mine.pk}"' in hits
    foreign = client.get(
        url, {"field": "relative_number", "relative_number_query": other.family_name_latin}
    ).content.decode()
    assert f'value="{other.pk}"' not in foreign
