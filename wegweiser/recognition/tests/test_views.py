"""Pages: the person's panel with its inline forms, editing, the procedure, the autocomplete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.recognition import selectors
from wegweiser.recognition.models import Qualification, RecognitionProcedure
from wegweiser.recognition.tests.conftest import HTMX
from wegweiser.recognition.tests.factories import ProcedureFactory, days_ago


def render_panel(user, person):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load recognition_tags %}{% person_recognition_panel person %}")
    return template.render(Context({"request": request, "person": person, "csrf_token": "x"}))


@pytest.mark.django_db
def test_panel_shows_qualifications_and_procedures_for_the_team_only(
    caseworker, other_caseworker, person, procedure
):
    html = render_panel(caseworker, person)
    assert 'id="person-recognition"' in html
    assert "Diplom in Krankenpflege" in html and "Anerkennungsstelle Musterland" in html
    read = AuditEntry.objects.filter(action="read", purpose="person_recognition").get()
    assert read.person_id == person.pk
    with pytest.raises(Http404):
        render_panel(other_caseworker, person)


@pytest.mark.django_db
def test_inline_qualification_form_opens_and_saves_in_the_panel(client, caseworker, person, cook):
    client.force_login(caseworker)
    url = reverse("recognition:person_section", args=[person.pk, "qualification"])
    opened = client.get(url, **HTMX).content.decode()
    assert (
        opened.startswith('<section id="person-recognition"') and 'name="title_original"' in opened
    )
    assert 'name="occupation_query"' in opened
    response = client.post(
        url,
        {
            "kind": "vocational",
            "country": "AF",
            "title_original": "دیپلم آشپزی",
            "title_german": "Diplom Koch",
            "year_from": "2015",
            "year_to": "2017",
            "occupation": str(cook.pk),
        },
        **HTMX,
    )
    assert response.status_code == 200
    assert "Diplom Koch" in response.content.decode()
    assert Qualification.objects.get(person=person).occupation == cook


@pytest.mark.django_db
def test_years_out_of_order_answer_422_with_the_message_at_the_field(client, caseworker, person):
    client.force_login(caseworker)
    url = reverse("recognition:person_section", args=[person.pk, "qualification"])
    response = client.post(
        url,
        {
            "kind": "school",
            "country": "SY",
            "title_original": "شهادة ثانوية",
            "title_german": "Abitur",
            "year_from": "2012",
            "year_to": "2010",
        },
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_year_to_error"' in html and "must not be before" in html
    assert not Qualification.objects.exists()


@pytest.mark.django_db
def test_procedure_starts_with_regulated_from_the_occupation(
    client, caseworker, person, qualification, nurse, authority
):
    client.force_login(caseworker)
    url = reverse("recognition:person_section", args=[person.pk, "procedure"])
    response = client.post(
        url,
        {
            "qualification": qualification.pk,
            "reference_occupation": nurse.pk,
            "authority": authority.pk,
            "counselling_on": days_ago(10).isoformat(),
        },
    )
    assert response.status_code == 302
    procedure = RecognitionProcedure.objects.get(person=person)
    assert procedure.regulated and procedure.authority == authority


@pytest.mark.django_db
def test_decision_before_application_is_refused_and_nothing_saved(client, caseworker, procedure):
    client.force_login(caseworker)
    url = reverse("recognition:procedure_edit", args=[procedure.pk])
    response = client.post(
        url,
        {
            "counselling_on": days_ago(60).isoformat(),
            "application_submitted_on": days_ago(20).isoformat(),
            "decision_on": days_ago(30).isoformat(),
            "outcome": "full",
        },
    )
    assert response.status_code == 422
    assert "The decision cannot come before the application" in response.content.decode()
    procedure.refresh_from_db()
    assert procedure.application_submitted_on is None and procedure.decision_on is None


@pytest.mark.django_db
def test_decision_without_outcome_is_refused(client, caseworker, procedure):
    client.force_login(caseworker)
    response = client.post(
        reverse("recognition:procedure_edit", args=[procedure.pk]),
        {
            "counselling_on": days_ago(60).isoformat(),
            "application_submitted_on": days_ago(20).isoformat(),
            "decision_on": days_ago(3).isoformat(),
        },
    )
    assert response.status_code == 422
    assert 'id="id_outcome_error"' in response.content.decode()


@pytest.mark.django_db
def test_a_second_extension_cannot_be_entered(client, caseworker, procedure):
    procedure_data = {
        "counselling_on": days_ago(60).isoformat(),
        "documents_complete_on": days_ago(50).isoformat(),
        "application_submitted_on": days_ago(50).isoformat(),
    }
    client.force_login(caseworker)
    url = reverse("recognition:procedure_edit", args=[procedure.pk])
    first = (days_ago(50) + dt.timedelta(days=120)).isoformat()
    assert client.post(url, {**procedure_data, "extended_until": first}).status_code == 302
    second = (days_ago(50) + dt.timedelta(days=150)).isoformat()
    page = client.get(url).content.decode()
    assert "can be extended only once" in page
    client.post(url, {**procedure_data, "extended_until": second})
    procedure.refresh_from_db()
    assert procedure.extended_until.isoformat() == first


@pytest.mark.django_db
def test_procedure_page_shows_stages_deadline_and_authority(client, caseworker, person):
    procedure = ProcedureFactory(
        person=person,
        application_submitted_on=days_ago(80),
        documents_complete_on=days_ago(80),
    )
    client.force_login(caseworker)
    html = client.get(reverse("recognition:procedure", args=[procedure.pk])).content.decode()
    assert 'data-stage="submitted"' in html and "data-decision-due" in html
    assert AuditEntry.objects.filter(
        action="read", purpose="recognition_procedure_view", object_id=str(procedure.pk)
    ).exists()


@pytest.mark.django_db
def test_other_team_gets_404_for_procedure_and_qualification(
    client, other_caseworker, procedure, qualification
):
    client.force_login(other_caseworker)
    for name, pk in (
        ("recognition:procedure", procedure.pk),
        ("recognition:procedure_edit", procedure.pk),
        ("recognition:qualification_edit", qualification.pk),
    ):
        assert client.get(reverse(name, args=[pk])).status_code == 404
        assert client.post(reverse(name, args=[pk]), {"outcome": "full"}).status_code in (404, 405)
    assert not AuditEntry.objects.filter(
        actor=other_caseworker, object_type__startswith="recognition."
    ).exists()


@pytest.mark.django_db
def test_auditor_cannot_open_recognition_pages(client, auditor, person):
    client.force_login(auditor)
    assert client.get(reverse("recognition:person", args=[person.pk])).status_code == 403


@pytest.mark.django_db
def test_qualification_edit_keeps_the_occupation_and_saves(client, caseworker, qualification):
    client.force_login(caseworker)
    url = reverse("recognition:qualification_edit", args=[qualification.pk])
    page = client.get(url).content.decode()
    assert (
        f'value="{qualification.occupation_id}" id="occupation-{qualification.occupation_id}"'
        in page
    )
    response = client.post(
        url,
        {
            "kind": "vocational",
            "country": "SY",
            "title_original": qualification.title_original,
            "title_german": "Staatlich anerkannte Krankenpflege",
            "occupation": str(qualification.occupation_id),
            "has_original": "on",
        },
    )
    assert response.status_code == 302
    qualification.refresh_from_db()
    assert qualification.title_german == "Staatlich anerkannte Krankenpflege"
    assert qualification.has_original and qualification.occupation is not None


@pytest.mark.django_db
def test_occupation_autocomplete_uses_the_coder(client, caseworker, monkeypatch, nurse, cook):
    monkeypatch.setattr(
        selectors, "_coded_uris", lambda title, language: [cook.concept_uri, nurse.concept_uri]
    )
    client.force_login(caseworker)
    response = client.get(
        reverse("recognition:occupation_search"),
        {"field": "reference_occupation", "reference_occupation_query": "Koch"},
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Koch/Köchin") < html.index("Pflegefachkraft")
    assert f'name="reference_occupation" value="{cook.pk}"' in html


@pytest.mark.django_db
def test_occupation_search_falls_back_to_labels_without_the_coder(monkeypatch, nurse, cook):
    def unavailable(title, language):
        raise OSError("no packaged data")

    monkeypatch.setattr(selectors, "_coded_uris", unavailable)
    assert selectors.occupation_search(title="koch") == [cook]
    assert selectors.occupation_search(title="k") == []
