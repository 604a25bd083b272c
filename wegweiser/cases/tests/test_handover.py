"""Who may change a case's caseworker: a team lead of the team, or the assigned caseworker
handing the case over to a colleague of the team; never a colleague taking it for themselves.
Decided in the service, audited as a handover with the user ids from and to."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.cases.models import Case
from wegweiser.cases.services import case_update
from wegweiser.core.models import AuditEntry


def _caseworker_of(case: Case) -> int | None:
    return Case.objects.values_list("caseworker_id", flat=True).get(pk=case.pk)


@pytest.mark.django_db
def test_a_colleague_cannot_give_themselves_the_case_on_the_page(client, colleague, case):
    client.force_login(colleague)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"legal_domain": case.legal_domain, "caseworker": colleague.pk},
    )
    assert response.status_code == 422
    assert "Only a team lead assigns cases." in response.content.decode()
    assert _caseworker_of(case) == case.caseworker_id != colleague.pk
    assert not AuditEntry.objects.filter(action="handover").exists()


@pytest.mark.django_db
def test_a_colleague_cannot_take_the_case_through_the_service(colleague, case):
    with pytest.raises(ValidationError) as error:
        case_update(actor=colleague, case=case, data={"caseworker": colleague})
    assert "caseworker" in error.value.message_dict
    assert _caseworker_of(case) != colleague.pk


@pytest.mark.django_db
def test_the_assigned_caseworker_hands_over_to_a_colleague(client, caseworker, colleague, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"legal_domain": case.legal_domain, "caseworker": colleague.pk},
    )
    assert response.status_code == 302
    assert _caseworker_of(case) == colleague.pk
    entry = AuditEntry.objects.get(action="handover")
    assert entry.actor == caseworker
    assert entry.object_type == "cases.case" and entry.object_id == str(case.pk)
    assert entry.person_id == case.person_id
    assert entry.object_ids == [caseworker.pk, colleague.pk]
    assert entry.purpose == f"from user {caseworker.pk} to user {colleague.pk}"


@pytest.mark.django_db
def test_the_assigned_caseworker_cannot_hand_over_outside_the_team(
    caseworker, other_caseworker, case
):
    with pytest.raises(ValidationError) as error:
        case_update(actor=caseworker, case=case, data={"caseworker": other_caseworker})
    assert "active colleague of its team" in str(error.value)
    assert _caseworker_of(case) == caseworker.pk


@pytest.mark.django_db
def test_the_assigned_caseworker_cannot_hand_over_to_an_auditor(caseworker, team, case):
    auditor = UserFactory(username="audit2", role=User.Role.AUDITOR, teams=[team])
    with pytest.raises(ValidationError):
        case_update(actor=caseworker, case=case, data={"caseworker": auditor})


@pytest.mark.django_db
def test_the_assigned_caseworker_cannot_leave_the_case_unassigned(caseworker, case):
    with pytest.raises(ValidationError):
        case_update(actor=caseworker, case=case, data={"caseworker": None})
    assert _caseworker_of(case) == caseworker.pk


@pytest.mark.django_db
def test_the_team_lead_reassigns_and_unassigns(team_lead, colleague, caseworker, case):
    case_update(actor=team_lead, case=case, data={"caseworker": colleague})
    assert _caseworker_of(case) == colleague.pk
    case_update(actor=team_lead, case=case, data={"caseworker": None})
    assert _caseworker_of(case) is None
    entries = list(AuditEntry.objects.filter(action="handover").order_by("sequence"))
    assert [e.object_ids for e in entries] == [[caseworker.pk, colleague.pk], [colleague.pk, ""]]
    assert all(e.actor == team_lead for e in entries)


@pytest.mark.django_db
def test_a_team_lead_of_another_team_cannot_reassign(other_team, colleague, case):
    lead = UserFactory(username="lead2", role=User.Role.TEAM_LEAD, teams=[other_team])
    with pytest.raises(ValidationError):
        case_update(actor=lead, case=case, data={"caseworker": colleague})


@pytest.mark.django_db
def test_a_colleague_may_still_change_the_legal_domain(client, colleague, case):
    client.force_login(colleague)
    response = client.post(
        reverse("cases:edit", args=[case.pk]),
        {"legal_domain": "sgb2", "caseworker": case.caseworker_id},
    )
    assert response.status_code == 302
    assert Case.objects.get(pk=case.pk).legal_domain == "sgb2"
    assert not AuditEntry.objects.filter(action="handover").exists()
