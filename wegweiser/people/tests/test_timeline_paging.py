"""The person page shows the timeline a page at a time, newest first; older entries are on
the next pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.tests.factories import NoteFactory
from wegweiser.people.page import TIMELINE_PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_timeline_is_paged_newest_first(client, caseworker, case):
    first_day = dt.date(2020, 1, 1)
    for i in range(TIMELINE_PAGE_SIZE + 5):
        NoteFactory(
            case=case,
            author=caseworker,
            date=first_day + dt.timedelta(days=i),
            summary=f"Beratung Nummer {i:03d}",
        )
    client.force_login(caseworker)
    url = reverse("people:detail", args=[case.person.pk])
    page = client.get(url)
    html = page.content.decode()
    newest = TIMELINE_PAGE_SIZE + 4
    assert f"Beratung Nummer {newest:03d}" in html
    assert "Beratung Nummer 000" not in html
    assert len(page.context["timeline"]) == TIMELINE_PAGE_SIZE
    assert "timeline=2" in html
    older = client.get(url, {"timeline": 2}).content.decode()
    assert "Beratung Nummer 000" in older
    assert f"Beratung Nummer {newest:03d}" not in older
