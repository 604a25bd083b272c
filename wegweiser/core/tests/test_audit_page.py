"""The audit log in words (roles, record types, actions, purposes in the reader's language)
and its export for the data-protection officer: CSV and XLSX, filtered by period and user,
safe against formulas, and itself logged."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from wegweiser.core.audit import audit_event
from wegweiser.core.audit_labels import PURPOSES, object_type_label, purpose_label
from wegweiser.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_page_shows_words_not_codes(client, auditor, team_lead, case):
    client.force_login(team_lead)
    client.get(reverse("people:search"), {"q": "x"})
    client.get(reverse("people:detail", args=[case.person_id]))
    client.force_login(auditor)
    client.cookies["django_language"] = "de"
    page = client.get(reverse("core:audit"), {"actor": team_lead.username}).content.decode()
    table = page.split("<tbody", 1)[1].split("</tbody>", 1)[0]
    assert "Teamleitung" in table and "team_lead" not in table
    assert "Personensuche" in table and "person_search" not in table
    assert "Person" in table and "people.person" not in table
    assert "cases.case" not in table


def test_every_purpose_code_in_the_code_has_a_label() -> None:
    assert purpose_label("person_search") != "person_search"
    assert object_type_label("cases.case") != "cases.case"
    assert all(str(label) for label in PURPOSES.values())


def test_export_csv_filtered_by_user_and_period_and_logged(client, auditor, caseworker):
    audit_event(actor=caseworker, action="export", object_type="people.person", purpose="=1+2")
    audit_event(actor=auditor, action="read", object_type="people.person", purpose="x")
    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    today = timezone.localdate().isoformat()
    response = client.get(
        reverse("core:audit_export", args=["csv"]),
        {"actor": caseworker.username, "date_from": today, "date_until": today},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows.index(next(r for r in rows if r and r[0] == "time"))
    data = rows[header + 1 :]
    assert data and all(row[1] == caseworker.username for row in data)
    assert any(row[8] == "'=1+2" for row in data)  # no formula
    logged = AuditEntry.objects.filter(actor=auditor, action="export", purpose="audit_export")
    assert logged.count() == 1
    assert f"actor={caseworker.username}" in logged.get().fields


def test_export_xlsx_reads_back_with_labels(client, auditor, caseworker):
    audit_event(actor=caseworker, action="read", object_type="cases.case", purpose="case_view")
    client.force_login(auditor)
    client.cookies["django_language"] = "de"
    response = client.get(
        reverse("core:audit_export", args=["xlsx"]), {"actor": caseworker.username}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    case_rows = [row for row in values if row and row[4] == "Fall"]
    assert case_rows and case_rows[0][2] == "Fallmanager*in"
    assert case_rows[0][8] == "Fall geöffnet"


def test_export_refused_to_other_roles_and_bad_period(client, caseworker, auditor):
    client.force_login(caseworker)
    assert client.get(reverse("core:audit_export", args=["csv"])).status_code == 403
    client.force_login(auditor)
    assert client.get(reverse("core:audit_export", args=["pdf"])).status_code == 404
    bad = client.get(reverse("core:audit_export", args=["csv"]), {"date_from": "gestern"})
    assert bad.status_code == 422
    assert not AuditEntry.objects.filter(purpose="audit_export").exists()


def test_ids_and_addresses_read_left_to_right_in_arabic(client, auditor, caseworker, case):
    client.force_login(caseworker)
    client.get(reverse("people:search"), {"q": ""})
    client.force_login(auditor)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("core:audit"), {"actor": caseworker.username}).content.decode()
    assert 'dir="rtl"' in page
    assert '<td class="kern-table__cell ww-audit-shown"><bdi dir="ltr">' in page


def test_the_count_stops_at_the_cap_and_the_pages_still_turn(
    client, auditor, caseworker, monkeypatch
):
    monkeypatch.setattr("wegweiser.core.selectors.AUDIT_COUNT_CAP", 60)
    for i in range(70):
        audit_event(
            actor=caseworker,
            action=AuditEntry.Action.READ,
            object_type="people.person",
            object_id=i,
            purpose="person_view",
        )
    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("core:audit"), {"actor": caseworker.username})
    html = page.content.decode()
    assert "More than 60 entries: narrow the filter." in html
    assert page.context["page"].paginator.num_pages == 2  # the capped count, 50 a page
    second = client.get(reverse("core:audit"), {"actor": caseworker.username, "page": 2})
    assert len(second.context["rows"]) == 10
    narrow = client.get(reverse("core:audit"), {"actor": auditor.username}).content.decode()
    assert "More than" not in narrow
