"""Subject access (Art. 15/20 GDPR): the page, the JSON and PDF downloads and the command
hold everything about the person and nothing about anyone else, withhold health data from
colleagues who may not see it, stay inside the team's scope and are audited."""

from __future__ import annotations

import json
import stat
import sys

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.core.models import AuditEntry

from .conftest import STRANGER

pytestmark = pytest.mark.django_db

HEALTH = "Rückenleiden, kein schweres Heben"  # OrientationFactory's health note


def _json(client, person):
    response = client.get(reverse("gdpr:subject_access_download", args=[person.pk, "json"]))
    assert response.status_code == 200
    return response, json.loads(response.content.decode("utf-8"))


def _section(data, key):
    return next(s for s in data["sections"] + data["recipients"] if s["key"] == key)


def _values(section, name):
    return [f["value"] for r in section["records"] for f in r["fields"] if f["name"] == name]


def _pdf_libraries_missing() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return True
    return False


def test_json_holds_names_in_both_scripts_residence_and_recipients(client, caseworker, subject):
    client.force_login(caseworker)
    response, data = _json(client, subject)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    assert "أحمد".encode() in response.content  # UTF-8, not \\u escapes
    person = _section(data, "people.person")
    assert _values(person, "given_names_original") == ["أحمد"]
    assert _values(person, "family_name_latin") == ["Al-Hassan"]
    assert person["records"][0]["fields"][0]["label"] == "Given names (original script)"
    assert _values(_section(data, "people.namespelling"), "family_name") == ["Аль-Хасан"]
    residence = _section(data, "people.residencestatus")
    assert _values(residence, "title") == ["§25 AufenthG refugee or subsidiary protection"]
    assert _values(residence, "valid_from") == ["2024-01-01"]  # ISO dates
    consents = _section(data, "recipients.consents")
    assert set(_values(consents, "recipient")) == {
        "Sprachschule Mittelhessen",
        "Lagerhaus Lahn GmbH",
    }
    assert _values(consents, "in_force") == [True, True]
    proposals = _section(data, "recipients.job_proposals")
    assert _values(proposals, "employer") == ["Lagerhaus Lahn GmbH"]
    assert _values(proposals, "vacancy") == ["Lagerhelfer Frühschicht"]
    assert _values(proposals, "status") == ["proposed"]
    providers = _section(data, "recipients.course_enrolments")
    assert _values(providers, "provider") == ["Volkshochschule Gießen"]
    assert _values(providers, "data_shared") == [True]
    assert _values(_section(data, "cases.note"), "summary") == [
        "Kam mit Unterlagen zur Anerkennung."
    ]
    assert _section(data, "jobs.proposalstep")["records"], "records behind the case are found"


def test_read_summary_shows_role_and_organisation_not_staff_names(client, caseworker, subject):
    User.objects.filter(pk=caseworker.pk).update(first_name="Hildegard", last_name="Staffmeyer")
    client.force_login(caseworker)
    client.get(reverse("people:detail", args=[subject.pk]))
    response, data = _json(client, subject)

    reads = data["reads"]["counts"]
    viewed = [r for r in reads if r["role"] == "Caseworker" and r["action"] == "viewed"]
    assert viewed and viewed[0]["organisation"] == "Migrationszentrum Testkreis"
    assert viewed[0]["count"] >= 2  # the person page and this report
    assert data["produced_by"] == "Caseworker, Migrationszentrum Testkreis"
    assert "Staffmeyer" not in response.content.decode()
    assert set(reads[0]) == {"month", "organisation", "role", "action", "count"}


def test_another_persons_data_never_appears(client, caseworker, subject, stranger):
    client.force_login(caseworker)
    response, data = _json(client, subject)
    counted = AuditEntry.objects.filter(person_id=subject.pk).exclude(action="export").count()
    page = client.get(reverse("gdpr:subject_access", args=[subject.pk])).content.decode()

    for text in (response.content.decode(), page):
        assert "Zwetschgenbaum" not in text
        assert STRANGER.split()[0] not in text
    pair = _section(data, "people.duplicatepair")
    assert _values(pair, "status") == ["different people"]
    assert "another person's record" in _values(pair, "person_low") + _values(pair, "person_high")
    assert sum(r["count"] for r in data["reads"]["counts"]) == counted  # the subject's only


def test_health_note_only_for_who_may_see_it(client, caseworker, colleague, team_lead, subject):
    client.force_login(colleague)
    response, data = _json(client, subject)
    assert HEALTH not in response.content.decode()
    orientation = _section(data, "cases.orientation")
    assert orientation["withheld"]["fields"] == ["Health limitations relevant to work"]
    assert data["special_categories_included"] is False
    page = client.get(reverse("gdpr:subject_access", args=[subject.pk])).content.decode()
    assert HEALTH not in page
    assert "Health limitations relevant to work" in page  # named as withheld

    for allowed in (caseworker, team_lead):
        client.force_login(allowed)
        response, data = _json(client, subject)
        assert _values(_section(data, "cases.orientation"), "health_limitations") == [HEALTH]
        assert "withheld" not in _section(data, "cases.orientation")


def test_other_teams_caseworker_gets_404_and_nothing_is_exported(client, other_caseworker, subject):
    client.force_login(other_caseworker)
    assert client.get(reverse("gdpr:subject_access", args=[subject.pk])).status_code == 404
    for fmt in ("json", "pdf"):
        url = reverse("gdpr:subject_access_download", args=[subject.pk, fmt])
        assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(person_id=subject.pk, actor=other_caseworker).exists()


def test_roles_without_case_work_are_refused(client, auditor, subject):
    client.force_login(auditor)
    assert client.get(reverse("gdpr:subject_access", args=[subject.pk])).status_code == 403
    url = reverse("gdpr:subject_access_download", args=[subject.pk, "json"])
    assert client.get(url).status_code == 403


def test_page_shows_the_sections_and_is_audited_as_a_read(client, caseworker, subject):
    client.force_login(caseworker)
    response = client.get(reverse("gdpr:subject_access", args=[subject.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "الحسن" in page and "Аль-Хасан" in page
    assert "Recipients of shared data" in page and "Lagerhaus Lahn GmbH" in page
    assert reverse("gdpr:subject_access_download", args=[subject.pk, "pdf"]) in page
    assert reverse("gdpr:subject_access_download", args=[subject.pk, "json"]) in page
    assert "<script" not in page.split("</head>")[1] and "style=" not in page
    entry = AuditEntry.objects.filter(actor=caseworker).latest("id")
    assert (entry.action, entry.person_id, entry.purpose) == ("read", subject.pk, "subject_access")


def test_download_writes_the_export_audit_entry(client, caseworker, subject):
    client.force_login(caseworker)
    _json(client, subject)

    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).get()
    assert entry.actor == caseworker
    assert (entry.object_type, entry.object_id) == ("people.person", str(subject.pk))
    assert (entry.person_id, entry.purpose) == (subject.pk, "subject_access_json")


def test_unknown_format_is_404(client, caseworker, subject):
    client.force_login(caseworker)
    url = reverse("gdpr:subject_access_download", args=[subject.pk, "xml"])
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


@pytest.mark.skipif(_pdf_libraries_missing(), reason="WeasyPrint's system libraries are missing")
def test_pdf_download_is_a_pdf(client, caseworker, subject):
    client.force_login(caseworker)
    response = client.get(reverse("gdpr:subject_access_download", args=[subject.pk, "pdf"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).get()
    assert entry.purpose == "subject_access_pdf"


def test_pdf_without_weasyprint_answers_503_with_a_message(
    client, caseworker, subject, monkeypatch
):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import now raises ImportError
    client.force_login(caseworker)
    response = client.get(reverse("gdpr:subject_access_download", args=[subject.pk, "pdf"]))

    assert response.status_code == 503
    assert "cannot produce PDF files" in response.content.decode()
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


def test_command_writes_a_private_file_and_audits_the_export(tmp_path, caseworker, subject):
    out = tmp_path / "report.json"
    call_command(
        "gdpr", "export", "--person", str(subject.pk), "--user", caseworker.username,
        "--format", "json", "--out", str(out), "--language", "en",
    )  # fmt: skip

    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"] == {"id": subject.pk, "name": "Ahmad Al-Hassan (أحمد الحسن)"}
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).get()
    assert (entry.actor, entry.person_id) == (caseworker, subject.pk)
    assert entry.purpose == "subject_access_json"


def test_command_refuses_a_person_outside_the_users_scope(tmp_path, other_caseworker, subject):
    out = tmp_path / "report.json"
    with pytest.raises(CommandError, match="not in the scope"):
        call_command(
            "gdpr", "export", "--person", str(subject.pk), "--user", other_caseworker.username,
            "--format", "json", "--out", str(out),
        )  # fmt: skip
    assert list(tmp_path.iterdir()) == []
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()
