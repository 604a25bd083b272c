"""The annual report (PDF in German and English), the exports and the ESF Plus indicators:
from the command line and the page, for the management only, audited, with small cells
suppressed in every file."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from freezegun import freeze_time
from openpyxl import load_workbook

from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.cases.models import Case
from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.letters.tests import pdfcheck
from wegweiser.people.models import Person
from wegweiser.people.tests.factories import PersonFactory
from wegweiser.reporting.esf import esf_for_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_year_2025")]

WOMEN = 7
MEN = 2  # a small cell: shown as "<5", never as the number


@pytest.fixture
def _year_2025(centre, team):
    for i in range(WOMEN + MEN):
        person = PersonFactory(
            organisation=centre,
            sex=Person.Sex.FEMALE if i < WOMEN else Person.Sex.MALE,
            date_of_birth=dt.date(1990 + i, 3, 1),
            nationalities=["SY"] if i % 2 else ["UA"],
        )
        CaseFactory(person=person, team=team, opened_on=dt.date(2025, 2, 1 + i))


@pytest.fixture
def manager(centre):
    return UserFactory(username="leitung", role="management", organisation=centre)


@pytest.fixture(autouse=True)
def _frozen():
    with freeze_time("2026-03-01"):
        yield


def _exports(username: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(actor_username=username, action="export").order_by("sequence")
    )


def test_cli_annual_report_in_german_and_english_names_the_key_figures(manager, tmp_path):
    expected = {
        "de": [
            "Jahresbericht 2025",
            "Neuaufnahmen",
            "Abschlüsse",
            "Kurseintritte",
            "Vermittlungen",
        ],
        "en": [
            "Annual report 2025",
            "Intakes",
            "Closures",
            "Course entries",
            "Placements",
        ],
    }
    for language, labels in expected.items():
        output = tmp_path / f"report-{language}.pdf"
        call_command(
            "report", "annual", "--year", "2025", "--language", language,
            "--output", str(output), "--user", "leitung",
        )  # fmt: skip
        text = " ".join(pdfcheck.text(output.read_bytes()).split())  # labels may wrap
        for label in labels:
            assert label in text, (language, label, text[:1500])
        assert "*" in text  # the two men, hidden
    entries = _exports("leitung")
    assert [(e.object_type, e.object_id, e.fields) for e in entries] == [
        ("reporting.annual_report", "2025", ["de", "pdf"]),
        ("reporting.annual_report", "2025", ["en", "pdf"]),
    ]
    assert {e.purpose for e in entries} == {"annual_report_cli"}


@pytest.mark.parametrize("role", ["caseworker", "team_lead", "administrator", "auditor"])
def test_cli_refuses_users_outside_the_management(centre, tmp_path, role):
    UserFactory(username="someone", role=role, organisation=centre)
    output = tmp_path / "report.pdf"
    with pytest.raises(CommandError, match="not in the management role"):
        call_command(
            "report", "annual", "--year", "2025", "--language", "de",
            "--output", str(output), "--user", "someone",
        )  # fmt: skip
    with pytest.raises(CommandError, match="not in the management role"):
        call_command(
            "report", "indicators", "--year", "2025", "--output", str(tmp_path / "i.xlsx"),
            "--user", "someone",
        )  # fmt: skip
    assert not output.exists() and not (tmp_path / "i.xlsx").exists()
    assert _exports("someone") == []


def test_cli_refuses_an_unknown_or_inactive_user(manager, tmp_path):
    manager.is_active = False
    manager.save()
    with pytest.raises(CommandError, match="No active user"):
        call_command(
            "report", "indicators", "--year", "2025", "--output", str(tmp_path / "i.xlsx"),
            "--user", "leitung",
        )  # fmt: skip


def _rows_xlsx(content: bytes) -> dict[str, list[object]]:
    sheet = load_workbook(io.BytesIO(content)).active
    return {str(row[1]): list(row) for row in sheet.iter_rows(values_only=True) if len(row) > 1}


def test_cli_indicators_xlsx_keeps_small_cells_suppressed(manager, tmp_path):
    output = tmp_path / "esf.xlsx"
    call_command(
        "report", "indicators", "--year", "2025", "--output", str(output), "--user", "leitung"
    )
    rows = _rows_xlsx(output.read_bytes())
    assert rows["Total participants"][2] == WOMEN + MEN
    assert rows["Women"][2] == "*"  # hidden too: total minus women would give the men away
    assert rows["Men"][2] == "*"
    assert MEN not in [row[2] for row in rows.values()]
    text = " ".join(str(cell) for row in rows.values() for cell in row)
    assert "Participants from rural areas" in text  # what the data cannot answer is listed
    assert [(e.object_type, e.fields) for e in _exports("leitung")] == [
        ("reporting.esf_indicators", ["xlsx"])
    ]


def test_indicators_count_third_country_nationals_and_leavers_in_work(manager, centre):
    closed = Case.objects.filter(person__organisation=centre).order_by("pk")[:6]
    with acting_as(manager):
        for case in closed:
            case.status = Case.Status.CLOSED
            case.closed_on = dt.date(2025, 11, 1)
            case.closing_reason = Case.ClosingReason.SUSTAINED_EMPLOYMENT
            case.save()
    values = {i.code: i.value for i in esf_for_user(user=manager, year=2025).indicators}
    assert values["third_country"] == WOMEN + MEN  # Syria and Ukraine
    assert values["eu"] == 0
    assert values["leavers"] == 6
    assert values["employed_upon_leaving"] == 6
    assert (values["age_18_29"], values["age_30_54"]) == (3, 6)  # born 1996-98, 1990-95


def test_download_page_and_files_for_the_manager(client, manager, centre):
    with acting_as(manager):  # two closures in 2025: a small cell in the figures export
        for case in Case.objects.filter(person__organisation=centre).order_by("-pk")[:2]:
            case.status = Case.Status.CLOSED
            case.closed_on = dt.date(2025, 12, 1)
            case.closing_reason = Case.ClosingReason.MOVED_AWAY
            case.save()
    client.force_login(manager)
    page = client.get(reverse("reporting:reports"), {"year": "2025"})
    assert page.status_code == 200
    assert f'href="{reverse("reporting:reports")}"' in page.content.decode()  # in the menu
    pdf = reverse("reporting:annual_pdf", kwargs={"year": 2025, "language": "en"})
    assert pdf in page.content.decode()
    response = client.get(pdf)
    assert response["Content-Type"] == "application/pdf"
    assert "Intakes" in pdfcheck.text(response.content)
    response = client.get(
        reverse("reporting:indicators_export", kwargs={"year": 2025, "fmt": "csv"})
    )
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    men = next(line for line in lines if len(line) > 1 and line[1] == "Men")
    assert men[2] == "*"
    response = client.get(reverse("reporting:annual_export", kwargs={"year": 2025, "fmt": "xlsx"}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(values_only=True) if len(row) > 3]
    assert [row[3] for row in rows if row[1] == "Intakes"] == [WOMEN + MEN]
    closures = {row[2]: row[3] for row in rows if row[1] == "Closures by reason"}
    assert closures["moved away"] == "*" and closures["total"] == "*"
    assert 2 not in closures.values()
    purposes = [e.purpose for e in _exports("leitung")]
    assert purposes == [
        "annual_report_download",
        "esf_indicators_download",
        "annual_report_download",
    ]


def test_pages_refuse_everyone_but_the_management(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("reporting:reports")).status_code == 403
    url = reverse("reporting:annual_pdf", kwargs={"year": 2025, "language": "de"})
    assert client.get(url).status_code == 403
    assert _exports("cw") == []


def test_unknown_year_language_or_format_is_not_found(client, manager):
    client.force_login(manager)
    for url in (
        reverse("reporting:annual_pdf", kwargs={"year": 2001, "language": "de"}),
        reverse("reporting:annual_pdf", kwargs={"year": 2025, "language": "fr"}),
        reverse("reporting:annual_export", kwargs={"year": 2025, "fmt": "pdf"}),
    ):
        assert client.get(url).status_code == 404


@freeze_time("2026-12-06")
def test_the_download_page_offers_the_last_complete_year_first(client, manager):
    client.force_login(manager)
    page = client.get(reverse("reporting:reports")).content.decode()
    assert '<option value="2025" selected>2025</option>' in page
    assert '<option value="2026">2026 (year to date)</option>' in page
    assert reverse("reporting:annual_pdf", kwargs={"year": 2025, "language": "de"}) in page
    assert 'class="kern-form-input__select-wrapper"' in page
    chosen = client.get(reverse("reporting:reports"), {"year": "2026"}).content.decode()
    assert reverse("reporting:annual_pdf", kwargs={"year": 2026, "language": "de"}) in chosen
