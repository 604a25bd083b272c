"""The person and case page: status changes, notes, next steps, health data, warnings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.appointments.tests.factories import AppointmentFactory
from wegweiser.cases.models import Case, Note, Orientation
from wegweiser.cases.tests.factories import NextStepFactory
from wegweiser.people.tests.factories import ResidenceStatusFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.django_db
def test_status_change_inline_returns_the_updated_case_panel(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(reverse("cases:status", args=[case.pk]), {"status": "placed"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="case-status"' in html and 'data-status="placed"' in html
    assert "<html" not in html
    case.refresh_from_db()
    assert case.status == Case.Status.PLACED
    assert case.status_changes.filter(from_status="active", to_status="placed").exists()


@pytest.mark.django_db
def test_closing_without_a_reason_is_refused_at_the_field(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("cases:status", args=[case.pk]), {"status": "closed"}, **HTMX)
    assert response.status_code == 422
    assert "A closed case needs a closing reason." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.ACTIVE


@pytest.mark.django_db
def test_closing_with_a_reason_dates_the_case(client, caseworker, case):
    client.force_login(caseworker)
    client.post(
        reverse("cases:status", args=[case.pk]),
        {"status": "closed", "closing_reason": "moved"},
    )
    case.refresh_from_db()
    assert case.status == "closed" and case.closing_reason == "moved"
    assert case.closed_on == dt.date.today()


@pytest.mark.django_db
def test_impossible_transition_is_explained(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("cases:status", args=[case.pk]), {"status": "intake"}, **HTMX)
    assert response.status_code == 422
    assert "cannot move from active to intake" in response.content.decode()


@pytest.mark.django_db
def test_note_with_next_step_appears_in_the_timeline(client, caseworker, case):
    client.force_login(caseworker)
    due = dt.date.today() + dt.timedelta(days=5)
    response = client.post(
        reverse("cases:note_create", args=[case.pk]),
        {
            "date": dt.date.today().isoformat(),
            "channel": "phone",
            "interpreter": "on",
            "interpreter_language": "ar",
            "topics": "Integrationskurs",
            "summary": "Kursanmeldung besprochen.",
            "step_description": "Bescheinigung vom BAMF anfordern",
            "step_due_on": due.isoformat(),
            "step_owner": caseworker.pk,
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="timeline"' in html and "Kursanmeldung besprochen." in html
    note = Note.objects.get(case=case)
    assert note.next_steps.get().due_on == due


@pytest.mark.django_db
def test_note_with_interpreter_but_no_language_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("cases:note_create", args=[case.pk]),
        {
            "date": dt.date.today().isoformat(),
            "channel": "phone",
            "interpreter": "on",
            "summary": "x",
        },
        **HTMX,
    )
    assert response.status_code == 422
    assert "Choose the language the interpreter used." in response.content.decode()
    assert not Note.objects.exists()


@pytest.mark.django_db
def test_health_limitations_only_for_assigned_caseworker_and_team_lead(
    client, caseworker, colleague, team_lead, case
):
    url = reverse("people:detail", args=[case.person_id])
    secret = case.orientation.health_limitations
    for user, visible in ((caseworker, True), (team_lead, True), (colleague, False)):
        client.force_login(user)
        assert (secret in client.get(url).content.decode()) is visible, user.username


@pytest.mark.django_db
def test_colleague_cannot_overwrite_health_limitations(client, colleague, case):
    client.force_login(colleague)
    response = client.post(
        reverse("cases:orientation", args=[case.pk]),
        {
            "health_limitations": "überschrieben",
            "german_level": "B1",
            "german_source": "self",
            "driving_licence": "none",
            "assessed_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    orientation = Orientation.objects.get(case=case)
    assert orientation.german_level == "B1"
    assert orientation.health_limitations == "Rückenleiden, kein schweres Heben"


@pytest.mark.django_db
def test_my_cases_warns_of_expiring_titles_and_due_steps(client, caseworker, case):
    soon = dt.date.today() + dt.timedelta(days=20)
    ResidenceStatusFactory(person=case.person, valid_from=dt.date(2024, 1, 1), valid_until=soon)
    NextStepFactory(
        case=case,
        owner=caseworker,
        description="Jobcenter anrufen",
        due_on=dt.date.today() - dt.timedelta(days=1),
    )
    client.force_login(caseworker)
    html = client.get(reverse("cases:my")).content.decode()
    attention = html.split('id="h-attention"', 1)[1].split("</section>", 1)[0]
    assert case.person.family_name_latin in attention
    assert "Jobcenter anrufen" in attention


@pytest.mark.django_db
def test_my_cases_isolates_step_text_and_date_in_arabic(client, caseworker, case):
    # A German step text next to a date inside Arabic text is reordered by the bidirectional
    # algorithm ("2026/12/abschließen · 09") unless each is isolated.
    NextStepFactory(
        case=case,
        owner=caseworker,
        description="Erstorientierung abschließen",
        due_on=dt.date(2026, 12, 9),
    )
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    html = client.get(reverse("cases:my")).content.decode()
    assert 'dir="rtl"' in html
    attention = html.split('id="h-attention"', 1)[1].split("</section>", 1)[0]
    assert "<bdi>Erstorientierung abschließen</bdi>" in attention
    assert "<bdi>09" in attention


@pytest.mark.django_db
def test_timeline_gives_appointment_times_on_the_24_hour_clock_in_arabic(client, caseworker, case):
    # Everywhere else an appointment reads 17:00; the timeline said "5:00 م" (Arabic) or
    # "5 p.m." (English).
    AppointmentFactory(case=case, starts_at=timezone.make_aware(dt.datetime(2030, 12, 9, 17, 0)))
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    html = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    timeline = html.split('id="timeline"', 1)[1]
    assert "17:00" in timeline
    assert "5:00" not in timeline


@pytest.mark.django_db
def test_title_valid_beyond_eight_weeks_gives_no_warning(client, caseworker, case):
    later = dt.date.today() + dt.timedelta(days=90)
    ResidenceStatusFactory(person=case.person, valid_from=dt.date(2024, 1, 1), valid_until=later)
    client.force_login(caseworker)
    html = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "kern-alert--warning" not in html


@pytest.mark.django_db
def test_case_page_warns_when_title_expires_within_eight_weeks(client, caseworker, case):
    soon = dt.date.today() + dt.timedelta(days=55)
    ResidenceStatusFactory(person=case.person, valid_from=dt.date(2024, 1, 1), valid_until=soon)
    client.force_login(caseworker)
    html = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "kern-alert--warning" in html


@pytest.mark.django_db
def test_team_lead_sees_workload_per_caseworker(client, team_lead, caseworker, case):
    NextStepFactory(case=case, owner=caseworker, due_on=dt.date.today() - dt.timedelta(days=3))
    client.force_login(team_lead)
    response = client.get(reverse("cases:workload"))
    row = next(r for r in response.context["rows"] if r["user"] == caseworker)
    assert row["open"] == 1 and row["overdue"] == 1


@pytest.mark.django_db
def test_step_done_by_owner(client, caseworker, case):
    step = NextStepFactory(case=case, owner=caseworker)
    client.force_login(caseworker)
    client.post(reverse("cases:step_done", args=[case.pk, step.pk]))
    step.refresh_from_db()
    assert step.done_on == dt.date.today()
