"""Unmet demand with its exports, the course panel for the person page, and the JSON API."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from openpyxl import load_workbook

from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.models import AuditEntry
from wegweiser.courses.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    EntitlementFactory,
    WaitingEntryFactory,
)


def wait(team, municipality, days, kind="integration_general"):
    case = CaseFactory(team=team)
    WaitingEntryFactory(
        person=case.person,
        municipality=municipality,
        kind=kind,
        registered_on=dt.date.today() - dt.timedelta(days=days),
    )


@pytest.fixture
def demand(team, other_team, town, village, location):
    """Six wait in the village, where no course runs; two in the town, with 20 seats there."""
    for days, team_ in zip((10, 20, 30, 40, 50, 300), (team, other_team) * 3, strict=True):
        wait(team_, village, days)
    wait(team, town, 5)
    wait(team, town, 15)
    CourseFactory(location=location, seats=20, starts_on=dt.date.today() + dt.timedelta(days=30))
    CourseFactory(location=location, seats=20, starts_on=dt.date.today() + dt.timedelta(days=120))


@pytest.mark.django_db
def test_unmet_demand_shows_the_shortfall_where_courses_are_missing(client, caseworker, demand):
    client.force_login(caseworker)
    html = client.get(reverse("courses:demand")).content.decode()
    table = html.split('id="demand-table"', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in table.split("<tr")[2:]]
    # the largest shortfall first; the course starting in four months is too late to count
    # municipality, course type, level, waiting, median, 90th percentile, seats, shortfall
    assert rows[0][:1] + rows[0][3:] == ["Grünberg", "6", "35", "300", "0", "6"]
    assert rows[1][:1] + rows[1][3:] == ["Gießen", "2", "10", "15", "20", "0"]
    assert '<meter min="0" max="6" value="6"' in html


@pytest.mark.django_db
def test_csv_export_suppresses_small_groups_and_is_audited(client, caseworker, demand):
    client.force_login(caseworker)
    response = client.get(reverse("courses:demand_export", args=["csv"]))
    assert response["Content-Disposition"].startswith('attachment; filename="unmet-demand-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    by_place = {row[0]: row for row in rows[1:]}
    assert by_place["Grünberg"][3:] == ["6", "35", "300", "0", "6"]
    assert by_place["Gießen"][3:] == ["<5", "", "", "20", ""]
    export = AuditEntry.objects.get(action="export")
    assert (export.object_type, export.actor) == ("courses.unmet_demand", caseworker)


@pytest.mark.django_db
def test_xlsx_export_has_the_same_suppressed_figures(client, caseworker, demand):
    client.force_login(caseworker)
    response = client.get(reverse("courses:demand_export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Grünberg"][3] == 6 and rows["Grünberg"][7] == 6
    assert rows["Gießen"][3] == "<5" and rows["Gießen"][4] in ("", None)


@pytest.mark.django_db
def test_unknown_export_format_is_not_found(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("courses:demand_export", args=["pdf"])).status_code == 404
    assert not AuditEntry.objects.filter(action="export").exists()


def render_panel(user, person):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load courses_tags %}{% person_courses_panel person %}")
    return template.render(Context({"request": request, "person": person, "csrf_token": "x"}))


@pytest.mark.django_db
def test_person_page_panel_shows_courses_for_the_team_only(
    caseworker, other_caseworker, person, course
):
    EnrolmentFactory(person=person, course=course, status="enrolled")
    html = render_panel(caseworker, person)
    assert 'id="person-courses"' in html
    assert course.title in html and "entitled to an integration course" in html
    read = AuditEntry.objects.filter(action="read", purpose="person_courses").get()
    assert read.person_id == person.pk
    with pytest.raises(Http404):
        render_panel(other_caseworker, person)


@pytest.mark.django_db
def test_inline_section_opens_and_saves_in_the_panel(client, caseworker, person):
    client.force_login(caseworker)
    url = reverse("courses:person_section", args=[person.pk, "entitlement"])
    opened = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert opened.startswith('<section id="person-courses"') and 'name="issuer"' in opened
    response = client.post(
        url,
        {"kind": "job_german", "issuer": "job_centre", "issued_on": dt.date.today().isoformat()},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "eligible for job-related German" in response.content.decode()
    assert person.course_entitlements.filter(kind="job_german").exists()


@pytest.mark.django_db
def test_arabic_entitlement_line_isolates_the_issuer_with_its_german_name(
    client, caseworker, person
):
    EntitlementFactory(person=person, kind="job_german", issuer="immigration_office")
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    url = reverse("courses:person_section", args=[person.pk, "entitlement"])
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    # "… (Ausländerbehörde) · 01/02/2026" would pull the bracket and the date into the
    # German name's direction; isolated, each part keeps its place in the Arabic line.
    assert "<bdi>مكتب شؤون الأجانب (Ausländerbehörde)</bdi> · <bdi>" in html


@pytest.mark.django_db
def test_entitlement_issued_in_the_future_is_refused(client, caseworker, person):
    client.force_login(caseworker)
    response = client.post(
        reverse("courses:person_section", args=[person.pk, "entitlement"]),
        {
            "kind": "integration_obliged",
            "issuer": "immigration_office",
            "issued_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "A certificate cannot be issued in the future." in response.content.decode()
    assert person.course_entitlements.count() == 1  # the fixture's


@pytest.mark.django_db
def test_api_person_courses_and_participants_follow_the_scopes(
    client, caseworker, other_caseworker, provider_user, person, course, referral_consent
):
    EntitlementFactory(person=person, kind="job_german", issuer="job_centre")
    enrolment = EnrolmentFactory(person=person, course=course, status="attending")
    client.force_login(caseworker)
    data = client.get(reverse("api:get_person_courses", args=[person.pk])).json()
    assert data["current_level"] == "A2"
    assert [e["id"] for e in data["enrolments"]] == [enrolment.pk]
    assert {e["kind"] for e in data["entitlements"]} == {"integration_entitled", "job_german"}
    client.force_login(other_caseworker)
    assert client.get(reverse("api:get_person_courses", args=[person.pk])).status_code == 404
    assert client.get(reverse("api:list_participants", args=[course.pk])).json() == []
    client.force_login(provider_user)
    participants = client.get(reverse("api:list_participants", args=[course.pk])).json()
    assert [p["family_name_latin"] for p in participants] == [person.family_name_latin]
    assert "reason" not in participants[0]
    courses = client.get(reverse("api:list_courses")).json()
    assert [c["id"] for c in courses] == [course.pk] and courses[0]["free"] == 1
