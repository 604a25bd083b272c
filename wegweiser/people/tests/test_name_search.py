"""The name search finds persons through their name keys: every spelling and script, whole
name parts and the names they begin, all parts of the query; the count stops at a cap."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.paging import CappedPaginator
from wegweiser.people.models import Person
from wegweiser.people.selectors import PersonFilters, person_search
from wegweiser.people.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _person(team, given: str, family: str, **extra):
    person = PersonFactory(given_names_latin=given, family_name_latin=family, **extra)
    CaseFactory(team=team, person=person)
    return person


def _found(user, query: str) -> list[Person]:
    return list(person_search(user=user, filters=PersonFilters(q=query)))


def test_finds_spellings_beginnings_and_needs_every_part(caseworker, team, other_team):
    ahmadi = _person(team, "Mohammed", "Ahmadi")
    karimi = _person(team, "Samira", "Karimi")
    _person(other_team, "Mohammed", "Ahmadi")  # not in the caseworker's teams
    assert _found(caseworker, "Ahmadi") == [ahmadi]
    assert _found(caseworker, "ahmadi") == [ahmadi]
    assert _found(caseworker, "Ahmad") == [ahmadi]  # the beginning of a name
    assert _found(caseworker, "Muhammad Ahmadi") == [ahmadi]  # another spelling
    assert _found(caseworker, "Samira Ahmadi") == []  # every part must match
    assert _found(caseworker, "Karimi Samira") == [karimi]
    assert _found(caseworker, "---") == []


def test_finds_the_original_script(caseworker, team):
    person = _person(
        team,
        "Oleksandr",
        "Shevchenko",
        given_names_original="Олександр",
        family_name_original="Шевченко",
    )
    assert _found(caseworker, "Шевченко") == [person]


def test_capped_count_says_more_than(client, caseworker, team):
    for i in range(4):
        _person(team, f"Anna{i}", "Becker")
    paginator = CappedPaginator(Person.objects.order_by("pk"), 2, cap=3)
    assert paginator.count == 3 and paginator.capped
    assert CappedPaginator(Person.objects.order_by("pk"), 2, cap=10).capped is False
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("people:search"), {"q": "Becker"}).content.decode()
    assert "4 persons found" in page


def test_a_key_range_holds_exactly_the_keys_it_begins(team):
    """The name search reads the names a part begins as a range of keys without a LIKE: on
    both databases the key column must compare by code point, or a linguistic order would let
    in neighbours (an accent, a capital, a hyphen sort next to the plain letters there)."""
    from django.db import connection

    from wegweiser.people.models import NameKey
    from wegweiser.people.selectors import KEY_RANGE_END

    person = _person(team, "Test", "Range")
    keys = ["p:murad", "p:muradi", "p:murad-x", "p:murad\u00ff", "p:Muradi", "p:mur\u00e1d",
            "p:murae", "p:murac", "p:mura", "p:muradz", "p:murad\U0001f600"]  # fmt: skip
    NameKey.objects.bulk_create(NameKey(person=person, key=key) for key in keys)
    found = set(
        NameKey.objects.filter(key__gte="p:murad", key__lt="p:murad" + KEY_RANGE_END)
        .filter(person=person)
        .values_list("key", flat=True)
    )
    assert found == {key for key in keys if key.startswith("p:murad")}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT collation_name FROM information_schema.columns "
                "WHERE table_name = 'people_namekey' AND column_name = 'key'"
            )
            assert cursor.fetchone()[0] == "C"
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute "
                "WHERE attrelid = 'people_namekey'::regclass AND attname = 'key'"
            )
            # a common name's range is estimated, and planning a lookup stays cheap (0009)
            assert cursor.fetchone()[0] == 1000
