from __future__ import annotations

import pytest

from wegweiser.core.models import AuditEntry


@pytest.mark.django_db
def test_api_lists_a_persons_qualifications_and_procedures_and_audits_the_read(
    client, caseworker, person, procedure
):
    client.force_login(caseworker)
    response = client.get(f"/api/recognition/persons/{person.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["person_id"] == person.pk
    [qualification] = data["qualifications"]
    assert qualification["id"] == procedure.qualification_id
    assert qualification["title_german"] == procedure.qualification.title_german
    assert len(qualification["country"]) == 2
    [found] = data["procedures"]
    assert found["id"] == procedure.pk
    assert found["authority_id"] == procedure.authority_id
    read = AuditEntry.objects.filter(action="read", purpose="person_recognition").get()
    assert read.person_id == person.pk and read.actor_id == caseworker.pk


@pytest.mark.django_db
def test_api_answers_404_for_another_teams_person(client, other_caseworker, person, procedure):
    client.force_login(other_caseworker)
    assert client.get(f"/api/recognition/persons/{person.pk}").status_code == 404
    assert not AuditEntry.objects.filter(action="read", purpose="person_recognition").exists()
