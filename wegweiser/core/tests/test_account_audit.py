"""Administrators manage accounts but read no case content: the intake search refuses them,
and every change of users, roles, teams and organisations (in the admin site or anywhere)
goes to the audit log, a change to one's own account marked for the auditor."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import Organisation, Team, User
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.identity.scorer import PersonRecord
from wegweiser.people.selectors import identity_search


def _user_change_data(user: User, **changes) -> dict:
    """The admin's change form as posted, the join time to the second as the form has it."""
    User.objects.filter(pk=user.pk).update(date_joined=user.date_joined.replace(microsecond=0))
    user.refresh_from_db()
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "date_joined_0": timezone.localtime(user.date_joined).strftime("%Y-%m-%d"),
        "date_joined_1": timezone.localtime(user.date_joined).strftime("%H:%M:%S"),
        "organisation": user.organisation_id or "",
        "role": user.role,
        "teams": [t.pk for t in user.teams.all()],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.django_db
def test_the_administrator_cannot_search_the_register(client, administrator, case):
    client.force_login(administrator)
    person = case.person
    response = client.get(
        reverse("people:find"),
        {"family_name_latin": person.family_name_latin, "given_names_latin": "x"},
    )
    assert response.status_code == 403
    assert client.get(reverse("cases:intake")).status_code == 403
    assert not AuditEntry.objects.filter(action="list", actor=administrator).exists()


@pytest.mark.django_db
def test_the_search_itself_refuses_administrators_and_auditors(administrator, auditor, caseworker):
    record = PersonRecord(given_names="Ahmad", family_name="Hassan")
    for user in (administrator, auditor):
        with pytest.raises(PermissionDenied):
            identity_search(user=user, record=record)
    identity_search(user=caseworker, record=record)  # case work: allowed


@pytest.mark.django_db
def test_an_administrator_giving_themselves_a_team_is_audited_and_shown(
    client, administrator, auditor, team
):
    administrator.organisation = team.organisation
    with acting_as(None):
        administrator.save()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_user_change", args=[administrator.pk]),
        _user_change_data(administrator, teams=[team.pk]),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert administrator.teams.filter(pk=team.pk).exists()
    entry = (
        AuditEntry.objects.filter(
            action="update", fields=["teams"], object_id=str(administrator.pk)
        )
        .order_by("sequence")
        .last()
    )
    assert entry is not None
    assert entry.actor == administrator
    assert entry.object_type == "accounts.user"
    assert entry.object_ids == [team.pk]
    assert entry.purpose == "own account: teams added"

    client.force_login(auditor)
    client.cookies["django_language"] = "en"
    html = client.get(reverse("core:audit")).content.decode()
    section = html.split('id="own-account-changes"')[1].split("</ul>")[0]
    assert "admin" in section and "own account: teams added" in section


@pytest.mark.django_db
def test_changing_another_users_role_in_the_admin_is_audited(client, administrator, caseworker):
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_user_change", args=[caseworker.pk]),
        _user_change_data(caseworker, role=User.Role.TEAM_LEAD),
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(
        object_type="accounts.user", object_id=str(caseworker.pk), actor=administrator
    )
    assert entry.actor == administrator and entry.action == "update"
    assert entry.fields == ["role"]
    assert entry.purpose == ""
    dumped = str(entry.fields) + entry.purpose + str(entry.object_ids)
    assert "team_lead" not in dumped  # field names only, never values


@pytest.mark.django_db
def test_teams_and_organisations_created_in_the_admin_are_audited(client, administrator, centre):
    client.force_login(administrator)
    client.post(reverse("admin:accounts_organisation_add"), {"name": "Tafel", "kind": "charity"})
    organisation = Organisation.objects.get(name="Tafel")
    client.post(
        reverse("admin:accounts_team_add"), {"organisation": centre.pk, "name": "Team West"}
    )
    team = Team.objects.get(name="Team West")
    created = AuditEntry.objects.filter(action="create", actor=administrator)
    assert set(created.values_list("object_type", "object_id")) == {
        ("accounts.organisation", str(organisation.pk)),
        ("accounts.team", str(team.pk)),
    }


@pytest.mark.django_db
def test_team_membership_added_from_the_team_side_is_audited_on_the_user(caseworker, other_team):
    with acting_as(None):
        other_team.members.add(caseworker)
    entry = (
        AuditEntry.objects.filter(fields=["teams"], object_id=str(caseworker.pk))
        .order_by("sequence")
        .last()
    )
    assert entry is not None
    assert entry.object_ids == [other_team.pk] and entry.purpose == "teams added"
    assert entry.actor_username == "system"


@pytest.mark.django_db
def test_a_login_is_no_account_change(client, caseworker):
    caseworker.set_password("a long enough passphrase 7")
    with acting_as(None):
        caseworker.save()
    before = AuditEntry.objects.filter(object_type="accounts.user", action="update").count()
    client.post(
        reverse("accounts:login"),
        {"username": caseworker.username, "password": "a long enough passphrase 7"},
    )
    after = AuditEntry.objects.filter(object_type="accounts.user", action="update").count()
    assert after == before
