"""Booking, double bookings, outcomes, rescheduling, the week view and scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from freezegun import freeze_time

from wegweiser.appointments import selectors, services
from wegweiser.appointments.models import Appointment, Reschedule
from wegweiser.appointments.selectors import missed_count
from wegweiser.appointments.tests.factories import (
    AppointmentFactory,
    InterpreterFactory,
    RoomFactory,
    in_days,
)
from wegweiser.cases.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _booking(starts_at: dt.datetime, **extra: object) -> dict[str, object]:
    local = timezone.localtime(starts_at)
    data: dict[str, object] = {
        "kind": "consultation",
        "starts_at_0": local.strftime("%Y-%m-%d"),
        "starts_at_1": local.strftime("%H:%M"),
        "duration": "60",
        "place": "phone",
        "interpreter_language": "",
    }
    data.update(extra)
    return data


def _visible(errors: object) -> str:
    """The message as read: without the invisible direction isolates around names and dates."""
    return str(errors).replace("\u2068", "").replace("\u2069", "")


def _book(client, case, caseworker, starts_at, **extra):
    data = _booking(starts_at, caseworker=caseworker.pk, **extra)
    return client.post(f"{reverse('appointments:create')}?case={case.pk}", data)


def test_caseworker_books_an_appointment_with_an_interpreter(client, caseworker, case):
    room = RoomFactory(organisation=caseworker.organisation)
    interpreter = InterpreterFactory(organisation=caseworker.organisation, languages=["ar", "ku"])
    client.force_login(caseworker)
    response = _book(
        client,
        case,
        caseworker,
        in_days(2),
        place="room",
        room=room.pk,
        interpreter_language="ar",
        interpreter=interpreter.pk,
    )
    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:detail", args=[appointment.pk])
    assert list(appointment.persons.all()) == [case.person]
    assert appointment.duration_minutes == 60
    page = client.get(response["Location"]).content.decode()
    assert interpreter.name in page
    assert room.name in page


def test_appointment_in_the_past_is_refused_at_the_field(client, caseworker, case):
    client.force_login(caseworker)
    response = _book(client, case, caseworker, timezone.now() - dt.timedelta(hours=3))
    assert response.status_code == 422
    assert "cannot be booked in the past" in response.content.decode()
    assert response.context["form"].errors["starts_at"]
    assert not Appointment.objects.exists()


def test_appointment_ending_before_it_starts_is_refused(caseworker, case):
    starts = in_days(2)
    with pytest.raises(Exception) as error:
        services.appointment_create(
            actor=caseworker,
            caseworker=caseworker,
            case=case,
            kind="consultation",
            starts_at=starts,
            ends_at=starts - dt.timedelta(minutes=30),
            place="phone",
        )
    assert "must end after it starts" in str(error.value)
    assert not Appointment.objects.exists()


def test_double_booking_of_the_caseworker_is_shown_before_saving(client, caseworker, case, team):
    AppointmentFactory(case=case, starts_at=in_days(2, hour=10))
    other_case = CaseFactory(team=team, caseworker=caseworker)
    client.force_login(caseworker)
    response = _book(client, other_case, caseworker, in_days(2, hour=10) + dt.timedelta(minutes=30))
    assert response.status_code == 422
    assert "already has an appointment at this time" in str(
        response.context["form"].errors["starts_at"]
    )
    assert Appointment.objects.count() == 1


def test_double_booking_of_room_and_interpreter_in_german(
    client, caseworker, colleague, case, team
):
    room = RoomFactory(organisation=caseworker.organisation, name="Raum 3")
    interpreter = InterpreterFactory(organisation=caseworker.organisation, name="Samir Haddad")
    other_case = CaseFactory(team=team, caseworker=colleague)
    AppointmentFactory(
        case=other_case,
        starts_at=in_days(4, hour=9),
        place="room",
        room=room,
        interpreter_language="ar",
        interpreter=interpreter,
    )
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    response = _book(
        client,
        case,
        caseworker,
        in_days(4, hour=9),
        place="room",
        room=room.pk,
        interpreter_language="ar",
        interpreter=interpreter.pk,
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "Raum 3 ist zu dieser Zeit bereits belegt" in _visible(errors["room"])
    assert "Samir Haddad ist zu dieser Zeit bereits als Dolmetscher" in _visible(
        errors["interpreter"]
    )
    assert Appointment.objects.count() == 1


def test_cancelled_appointment_frees_its_time(client, caseworker, case):
    first = AppointmentFactory(case=case, starts_at=in_days(2, hour=10))
    services.appointment_set_outcome(
        actor=caseworker, appointment=first, outcome="cancelled_centre"
    )
    client.force_login(caseworker)
    assert _book(client, case, caseworker, in_days(2, hour=10)).status_code == 302


def test_interpreter_must_interpret_the_language(client, caseworker, case):
    interpreter = InterpreterFactory(organisation=caseworker.organisation, languages=["uk"])
    client.force_login(caseworker)
    response = _book(
        client, case, caseworker, in_days(2), interpreter_language="ti", interpreter=interpreter.pk
    )
    assert response.status_code == 422
    assert "does not interpret Tigrinya" in str(response.context["form"].errors["interpreter"])


def test_future_appointment_cannot_be_marked_kept_or_missed(client, caseworker, case):
    appointment = AppointmentFactory(case=case)
    client.force_login(caseworker)
    for outcome in ("kept", "missed"):
        response = client.post(
            reverse("appointments:outcome", args=[appointment.pk]), {"outcome": outcome}
        )
        assert response.status_code == 422
        assert "has not yet taken place" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.outcome == ""
    response = client.post(
        reverse("appointments:outcome", args=[appointment.pk]), {"outcome": "cancelled_person"}
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.outcome == "cancelled_person"


def test_missed_appointments_are_counted_on_the_person_page(client, caseworker, case):
    for days in (-10, -3):
        appointment = AppointmentFactory(case=case, starts_at=in_days(days), created_by=caseworker)
        services.appointment_set_outcome(
            actor=caseworker, appointment=appointment, outcome="missed"
        )
    AppointmentFactory(case=case, starts_at=in_days(-1))
    assert missed_count(person=case.person) == 2
    client.force_login(caseworker)
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "2 appointments missed" in page


def test_rescheduling_keeps_the_history(client, caseworker, case):
    appointment = AppointmentFactory(case=case, starts_at=in_days(3, hour=10))
    new_start = in_days(5, hour=14)
    client.force_login(caseworker)
    response = client.post(
        reverse("appointments:reschedule", args=[appointment.pk]),
        {
            "starts_at_0": new_start.strftime("%Y-%m-%d"),
            "starts_at_1": "14:00",
            "duration": "45",
            "reason": "Wunsch der Person",
        },
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.starts_at == new_start
    assert appointment.duration_minutes == 45
    change = Reschedule.objects.get(appointment=appointment)
    assert change.previous_starts_at == in_days(3, hour=10)
    page = client.get(reverse("appointments:detail", args=[appointment.pk])).content.decode()
    assert "moved from" in page
    assert "Wunsch der Person" in page
    # In Arabic the two times and the name keep their own direction inside the sentence.
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("appointments:detail", args=[appointment.pk])).content.decode()
    reason_at = page.index("Wunsch der Person")
    history = page[page.rindex("<li>", 0, reason_at) : reason_at]
    assert f"<bdi>{change.changed_by}</bdi>" in history
    assert history.count("<bdi>") == 4


def test_rescheduling_into_a_conflict_changes_nothing(client, caseworker, case, team):
    AppointmentFactory(case=CaseFactory(team=team, caseworker=caseworker), starts_at=in_days(5))
    appointment = AppointmentFactory(case=case, starts_at=in_days(3))
    client.force_login(caseworker)
    target = in_days(5)
    response = client.post(
        reverse("appointments:reschedule", args=[appointment.pk]),
        {"starts_at_0": target.strftime("%Y-%m-%d"), "starts_at_1": "10:00", "duration": "60"},
    )
    assert response.status_code == 422
    appointment.refresh_from_db()
    assert appointment.starts_at == in_days(3)
    assert not Reschedule.objects.exists()


def test_other_teams_appointment_answers_404(client, other_caseworker, case):
    appointment = AppointmentFactory(case=case)
    client.force_login(other_caseworker)
    for name in ("appointments:detail", "appointments:reschedule"):
        assert client.get(reverse(name, args=[appointment.pk])).status_code == 404
    response = client.post(
        reverse("appointments:outcome", args=[appointment.pk]), {"outcome": "cancelled_centre"}
    )
    assert response.status_code == 404
    assert client.get(f"{reverse('appointments:create')}?case={case.pk}").status_code == 404
    appointment.refresh_from_db()
    assert appointment.outcome == ""


def test_booking_form_names_each_interpreters_languages(client, caseworker, case):
    # The caseworker picks the interpreter for the language needed: the list has to say who
    # interprets which language, or the choice is a guess answered by an error.
    InterpreterFactory(organisation=caseworker.organisation, name="Rana Test", languages=["ar"])
    InterpreterFactory(organisation=caseworker.organisation, name="Yonas Test", languages=["ti"])
    client.force_login(caseworker)
    page = client.get(f"{reverse('appointments:create')}?case={case.pk}").content.decode()
    options = [line for line in page.split("<option") if "Test" in line]
    assert any("Rana Test" in o and "Arabic" in o for o in options), options
    assert any("Yonas Test" in o and "Tigrinya" in o for o in options), options


def test_double_booking_message_in_arabic_has_local_date_and_isolated_names(caseworker, case):
    # Inside an Arabic sentence a Latin name and a German-formatted date and time range are
    # reordered by the bidirectional algorithm; each inserted value is isolated and the date
    # follows the interface language.
    interpreter = InterpreterFactory(organisation=caseworker.organisation, name="Rana Al-Khatib")
    starts_at = timezone.make_aware(dt.datetime(2030, 12, 8, 16, 0))
    AppointmentFactory(case=case, starts_at=starts_at, interpreter=interpreter)
    with translation.override("ar"):
        found = selectors.conflicts(
            caseworker=caseworker,
            starts_at=starts_at + dt.timedelta(minutes=30),
            ends_at=starts_at + dt.timedelta(minutes=90),
            room=None,
            interpreter=interpreter,
        )
    isolated_name = "\u2068Rana Al-Khatib\u2069"
    assert isolated_name in found["interpreter"]
    assert "08.12.2030" not in found["interpreter"]
    assert "\u206808\u200f/12\u200f/2030 16:00\u201317:00\u2069" in found["interpreter"]
    assert "\u2068" + (caseworker.get_full_name() or caseworker.username) in found["starts_at"]


def test_appointment_page_in_arabic_gives_day_before_month_and_24_hour_time(
    client, caseworker, case
):
    # Django has no Arabic date-and-time format and falls back to "m/d/Y P": 6 December
    # would read as 12 June, with a 12-hour clock unlike every other time on the page.
    appointment = AppointmentFactory(case=case)
    Appointment.objects.filter(pk=appointment.pk).update(
        created_at=timezone.make_aware(dt.datetime(2026, 12, 6, 15, 8))
    )
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("appointments:detail", args=[appointment.pk])).content.decode()
    assert "<bdi>06\u200f/12\u200f/2026 15:08</bdi>" in page
    assert "12/06/2026" not in page
    # The Latin name next to the date is isolated too ("06 · Miriam Hofmann 2026/12/").
    assert f"<bdi>{appointment.created_by}</bdi> · <bdi>06" in page


def test_appointment_link_is_one_piece_of_text(client, caseworker, case):
    # The link style lays out its children as separate boxes with a gap: a bare <time> and the
    # text after it came apart: a gap, two underlines, no wrapping in the week view.
    appointment = AppointmentFactory(case=case, starts_at=in_days(1, hour=9))
    client.force_login(caseworker)
    page = client.get(reverse("cases:my")).content.decode()
    href = reverse("appointments:detail", args=[appointment.pk])
    link = page.split(f'href="{href}">', 1)[1].split("</a>", 1)[0]
    assert link.startswith("<span><time") and link.endswith("</span>")
    assert "09:00</time>\u201310:00" in link


@freeze_time("2026-12-02 08:00:00+00:00")
def test_week_view_shows_own_week_and_team_week_for_leads(
    client, caseworker, colleague, team_lead, case, team, other_team
):
    monday = timezone.localdate() - dt.timedelta(days=timezone.localdate().weekday())
    start = timezone.make_aware(dt.datetime.combine(monday + dt.timedelta(days=2), dt.time(9)))
    mine = AppointmentFactory(case=case, starts_at=start)
    theirs = AppointmentFactory(case=CaseFactory(team=team, caseworker=colleague), starts_at=start)
    client.force_login(caseworker)
    page = client.get(reverse("appointments:week")).content.decode()
    assert reverse("appointments:detail", args=[mine.pk]) in page
    assert reverse("appointments:detail", args=[theirs.pk]) not in page
    assert 'rel="next"' in page and 'rel="prev"' in page
    assert client.get(reverse("appointments:week"), {"team": team.pk}).status_code == 404
    client.force_login(team_lead)
    page = client.get(reverse("appointments:week"), {"team": team.pk}).content.decode()
    assert reverse("appointments:detail", args=[mine.pk]) in page
    assert reverse("appointments:detail", args=[theirs.pk]) in page
    assert '<th class="kern-table__header" scope="row"' in page
    assert client.get(reverse("appointments:week"), {"team": other_team.pk}).status_code == 404
    next_week = client.get(reverse("appointments:week"), {"week": _iso(monday + dt.timedelta(7))})
    assert reverse("appointments:detail", args=[mine.pk]) not in next_week.content.decode()


@freeze_time("2026-12-06 10:00:00+00:00")
def test_week_view_on_a_sunday_shows_the_coming_week(client, caseworker, case):
    # Sunday 6 December 2026: the week just ended is over, the caseworker plans the next one.
    coming = AppointmentFactory(
        case=case, starts_at=timezone.make_aware(dt.datetime(2026, 12, 8, 9, 0))
    )
    client.force_login(caseworker)
    response = client.get(reverse("appointments:week"))
    page = response.content.decode()
    assert response.context["week"].monday == dt.date(2026, 12, 7)
    assert reverse("appointments:detail", args=[coming.pk]) in page
    assert 'datetime="2026-12-07"' in page and 'datetime="2026-12-12"' in page
    assert 'datetime="2026-12-05"' not in page
    assert 'href="?week=2026-W49"' in page  # back to the week just ended
    # The week asked for by its number is still that week.
    ended = client.get(reverse("appointments:week"), {"week": "2026-W49"})
    assert ended.context["week"].monday == dt.date(2026, 11, 30)


def _iso(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def test_group_session_invites_several_persons_of_own_teams_only(
    client, caseworker, team, other_team_case
):
    first = CaseFactory(team=team, caseworker=caseworker)
    second = CaseFactory(team=team)
    client.force_login(caseworker)
    data = _booking(
        in_days(6),
        kind="group_session",
        caseworker=caseworker.pk,
        place="partner",
        place_detail="Stadtbibliothek, Saal 2",
        persons=f"{first.person_id}, {other_team_case.person_id}",
    )
    response = client.post(reverse("appointments:create"), data)
    assert response.status_code == 422
    assert str(other_team_case.person_id) in str(response.context["form"].errors["persons"])
    assert not Appointment.objects.exists()
    data["persons"] = f"{first.person_id}, {second.person_id}"
    assert client.post(reverse("appointments:create"), data).status_code == 302
    appointment = Appointment.objects.get()
    assert appointment.case is None
    assert set(appointment.persons.all()) == {first.person, second.person}


def test_dashboard_lists_todays_and_tomorrows_appointments(client, caseworker, case):
    today = AppointmentFactory(case=case, starts_at=timezone.now() + dt.timedelta(minutes=5))
    tomorrow = AppointmentFactory(case=case, starts_at=in_days(1, hour=11))
    later = AppointmentFactory(case=case, starts_at=in_days(9))
    client.force_login(caseworker)
    with translation.override("en"):
        page = client.get(reverse("cases:my")).content.decode()
    if timezone.localdate(today.starts_at) == timezone.localdate():
        assert reverse("appointments:detail", args=[today.pk]) in page
    assert reverse("appointments:detail", args=[tomorrow.pk]) in page
    assert reverse("appointments:detail", args=[later.pk]) not in page


def test_invitation_letter_is_made_in_the_persons_language(client, caseworker, case):
    from wegweiser.core.audit import acting_as
    from wegweiser.letters.models import Letter

    person = case.person
    person.letter_language = "ar"
    with transaction.atomic(), acting_as(None):
        person.save(update_fields=["letter_language"])
    appointment = AppointmentFactory(case=case)
    client.force_login(caseworker)
    response = client.post(
        reverse("appointments:letter", args=[appointment.pk]), {"letter-person": person.pk}
    )
    letter = Letter.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("letters:download", args=[letter.pk])
    assert (letter.kind, letter.language, letter.appointment_id) == (
        "invitation",
        "ar",
        appointment.pk,
    )


def test_every_problem_of_a_booking_is_shown_at_once(client, caseworker, case, team):
    AppointmentFactory(case=CaseFactory(team=team, caseworker=caseworker), starts_at=in_days(2))
    client.force_login(caseworker)
    response = _book(client, case, caseworker, in_days(2), place="room")
    errors = response.context["form"].errors
    assert response.status_code == 422
    assert "Choose the room." in str(errors["room"])
    assert "already has an appointment at this time" in str(errors["starts_at"])
    assert Appointment.objects.count() == 1


def test_contact_consent_is_recorded_once_and_withdrawn(client, caseworker, case):
    from wegweiser.appointments.models import ContactConsent

    client.force_login(caseworker)
    url = reverse("appointments:consent_add", args=[case.person_id])
    assert client.post(url, {"channel": "email"}).status_code == 302
    response = client.post(url, {"channel": "email"})
    assert response.status_code == 422
    assert "already recorded" in str(response.context["form"].errors["channel"])
    consent = ContactConsent.objects.get()
    assert (consent.recorded_by, consent.given_on) == (caseworker, timezone.localdate())
    future = (timezone.localdate() + dt.timedelta(days=3)).isoformat()
    response = client.post(url, {"channel": "sms", "given_on": future})
    assert "cannot be given in the future" in str(response.context["form"].errors["given_on"])
    withdraw = reverse("appointments:consent_withdraw", args=[case.person_id, consent.pk])
    assert client.post(withdraw).status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == timezone.localdate()
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "withdrawn on" in page


def test_team_lead_keeps_the_interpreter_list(client, team_lead, caseworker):
    from wegweiser.appointments.models import Interpreter

    client.force_login(caseworker)
    assert client.get(reverse("appointments:interpreters")).status_code == 403
    client.force_login(team_lead)
    url = reverse("appointments:interpreters")
    response = client.post(url, {"name": "Yonas Tesfay", "contact": "+49 641 1"})
    assert response.status_code == 422
    assert response.context["form"].errors["languages"]
    assert not Interpreter.objects.exists()
    response = client.post(url, {"name": "Yonas Tesfay", "languages": ["ti", "ar"]})
    assert response.status_code == 302
    interpreter = Interpreter.objects.get()
    assert interpreter.languages == ["ti", "ar"]
    assert interpreter.organisation == team_lead.organisation
    assert "Tigrinya" in client.get(url).content.decode()


def test_api_lists_own_appointments_and_hides_other_teams(
    client, caseworker, case, other_team_case
):
    mine = AppointmentFactory(case=case, starts_at=in_days(2))
    theirs = AppointmentFactory(case=other_team_case, starts_at=in_days(2))
    client.force_login(caseworker)
    rows = client.get("/api/appointments/mine").json()
    assert [(r["id"], r["person_ids"]) for r in rows] == [(mine.pk, [case.person_id])]
    assert client.get(f"/api/appointments/{theirs.pk}").status_code == 404
    assert client.get(f"/api/appointments/{mine.pk}").json()["kind"] == "consultation"


def test_invitation_letter_in_another_language_chosen_on_the_appointment_page(
    client, caseworker, case
):
    from wegweiser.core.audit import acting_as
    from wegweiser.letters.models import Letter

    person = case.person
    person.letter_language = "ar"
    with transaction.atomic(), acting_as(None):
        person.save(update_fields=["letter_language"])
    appointment = AppointmentFactory(case=case)
    client.force_login(caseworker)
    page = client.get(reverse("appointments:detail", args=[appointment.pk])).content.decode()
    assert 'name="letter-language"' in page and 'value="ti"' in page
    response = client.post(
        reverse("appointments:letter", args=[appointment.pk]),
        {"letter-person": person.pk, "letter-language": "ti"},
    )
    assert response.status_code == 302
    assert Letter.objects.get().language == "ti"
    refused = client.post(
        reverse("appointments:letter", args=[appointment.pk]),
        {"letter-person": person.pk, "letter-language": "xx"},
    )
    assert refused.status_code == 422
    assert Letter.objects.count() == 1


def test_dashboard_lists_the_appointments_missed_in_the_last_30_days_newest_first(
    client, caseworker, case
):
    from wegweiser.core.models import AuditEntry

    now = timezone.now()
    older = AppointmentFactory(case=case, starts_at=now - dt.timedelta(days=20), outcome="missed")
    newer = AppointmentFactory(case=case, starts_at=now - dt.timedelta(days=2), outcome="missed")
    kept = AppointmentFactory(case=case, starts_at=now - dt.timedelta(days=3), outcome="kept")
    long_ago = AppointmentFactory(
        case=case, starts_at=now - dt.timedelta(days=40), outcome="missed"
    )
    tomorrow = AppointmentFactory(case=case, starts_at=in_days(1, hour=11))
    client.force_login(caseworker)
    with translation.override("en"):
        page = client.get(reverse("cases:my")).content.decode()
    missed = page.split("Missed in the last 30 days", 1)[1].split("</ul>", 1)[0]
    links = [reverse("appointments:detail", args=[a.pk]) for a in (newer, older)]
    assert links[0] in missed and links[1] in missed
    assert missed.index(links[0]) < missed.index(links[1])
    for other in (kept, long_ago, tomorrow):
        assert reverse("appointments:detail", args=[other.pk]) not in missed
    upcoming = page.split('id="h-appointments-today"', 1)[1].split("Missed in the last", 1)[0]
    assert reverse("appointments:detail", args=[tomorrow.pk]) in upcoming
    assert reverse("appointments:detail", args=[newer.pk]) not in upcoming
    shown = AuditEntry.objects.filter(purpose="dashboard").latest("id")
    assert shown.object_ids == [tomorrow.pk]
    listed = AuditEntry.objects.filter(purpose="dashboard_missed").latest("id")
    assert listed.object_ids == [newer.pk, older.pk]
