"""The personal calendar feed: secret address, constant-time token, no client data, renewable."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from wegweiser.appointments.models import CalendarFeed
from wegweiser.appointments.services import calendar_feed_renew
from wegweiser.appointments.tests.factories import AppointmentFactory, RoomFactory, in_days
from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_feed_needs_no_login_and_holds_kind_time_place_and_number_only(
    client, caseworker, case, other_team_case
):
    person = case.person
    person.email = "amal@example.org"
    room = RoomFactory(organisation=caseworker.organisation, name="Raum 2")
    mine = AppointmentFactory(
        case=case, starts_at=in_days(2), place="room", room=room, interpreter_language="ar"
    )
    AppointmentFactory(case=other_team_case, starts_at=in_days(2))
    token = calendar_feed_renew(actor=caseworker)
    response = client.get(reverse("appointments:feed", args=[token]))
    events = _events(response)
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == mine.starts_at
    assert str(event["summary"]) == f"consultation · person no. {person.pk}"
    assert str(event["location"]) == "room at the centre: Raum 2"
    text = response.content.decode()
    for personal in (
        person.given_names_latin,
        person.family_name_latin,
        person.email,
        str(person.date_of_birth.year),
    ):
        assert personal not in text
    assert AuditEntry.objects.filter(purpose="calendar_feed", actor=caseworker).exists()


def test_unknown_or_renewed_token_answers_404(client, caseworker, case):
    AppointmentFactory(case=case)
    old = calendar_feed_renew(actor=caseworker)
    assert client.get(reverse("appointments:feed", args=[old])).status_code == 200
    wrong = old[:-1] + ("A" if old[-1] != "A" else "B")
    assert client.get(reverse("appointments:feed", args=[wrong])).status_code == 404
    new = calendar_feed_renew(actor=caseworker)
    assert client.get(reverse("appointments:feed", args=[old])).status_code == 404
    assert client.get(reverse("appointments:feed", args=[new])).status_code == 200
    assert CalendarFeed.objects.filter(user=caseworker).count() == 1
    assert old not in CalendarFeed.objects.get(user=caseworker).token_hash


def test_another_users_token_shows_only_their_appointments(
    client, caseworker, colleague, case, team
):
    AppointmentFactory(case=case)
    theirs = AppointmentFactory(
        case=CaseFactory(team=team, caseworker=colleague), starts_at=in_days(4)
    )
    token = calendar_feed_renew(actor=colleague)
    events = _events(client.get(reverse("appointments:feed", args=[token])))
    assert [e.decoded("dtstart") for e in events] == [theirs.starts_at]


def test_feed_of_a_deactivated_user_answers_404(client, caseworker, case):
    token = calendar_feed_renew(actor=caseworker)
    caseworker.is_active = False
    caseworker.save()
    assert client.get(reverse("appointments:feed", args=[token])).status_code == 404


def test_feed_address_is_made_and_renewed_on_the_users_page(client, caseworker, case):
    AppointmentFactory(case=case, starts_at=in_days(1) + dt.timedelta(hours=2))
    client.force_login(caseworker)
    page = client.post(reverse("appointments:feed_settings")).content.decode()
    start = page.index('id="feed-url">') + len('id="feed-url">')
    url = page[start : page.index("</code>", start)]
    client.logout()
    assert len(_events(client.get(url))) == 1
    client.force_login(caseworker)
    client.post(reverse("appointments:feed_settings"))
    client.logout()
    assert client.get(url).status_code == 404
    client.force_login(caseworker)
    assert "was made on" in client.get(reverse("appointments:feed_settings")).content.decode()
