from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from pytest_django.fixtures import Settings

from wegweiser.accounts.models import Organisation, Team, User
from wegweiser.core.models import AuditEntry
from wegweiser.demo.accounts import DEMO_LOGINS, TEAM_A, TEAM_B, demo_accounts_set_up
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Person


@pytest.mark.django_db
def test_demo_account_creation_is_idempotent() -> None:
    demo_accounts_set_up()
    users = {u.username: u.password for u in User.objects.all()}
    counts = (Organisation.objects.count(), Team.objects.count(), len(users))
    entries = AuditEntry.objects.filter(object_type="demo.accounts").count()

    demo_accounts_set_up()

    assert {u.username: u.password for u in User.objects.all()} == users
    assert (Organisation.objects.count(), Team.objects.count(), User.objects.count()) == counts
    assert AuditEntry.objects.filter(object_type="demo.accounts").count() == entries == 1


@pytest.mark.django_db
def test_demo_logins_cover_the_centre_roles_and_their_passwords_work() -> None:
    demo_accounts_set_up()

    by_username = {
        u.username: u for u in User.objects.filter(username__in=[d.username for d in DEMO_LOGINS])
    }
    assert {u.role for u in by_username.values()} == {
        User.Role.CASEWORKER,
        User.Role.TEAM_LEAD,
        User.Role.ADMINISTRATOR,
        User.Role.AUDITOR,
        User.Role.MANAGEMENT,
    }
    for login in DEMO_LOGINS:
        user = by_username[login.username]
        assert len(login.password) >= 12
        # the rules a new password of this user meets (not "differs from the current one")
        unsaved = User(username=user.username, first_name=user.first_name, email=user.email)
        unsaved.last_name, unsaved.organisation = user.last_name, user.organisation
        validate_password(login.password, unsaved)
        assert user.check_password(login.password)
        assert [t.name for t in user.teams.all()] == ([login.team] if login.team else [])
    assert by_username["caseworker.a"].teams.get().name == TEAM_A
    assert by_username["caseworker.b"].teams.get().name == TEAM_B
    assert by_username["teamlead.a"].role == User.Role.TEAM_LEAD
    assert not by_username["admin"].teams.exists()


@pytest.mark.django_db
def test_demo_command_loads_data_once_and_prints_the_logins(
    settings: Settings, tmp_path: Path
) -> None:
    settings.STATIC_ROOT = tmp_path / "static"

    first, second = io.StringIO(), io.StringIO()
    call_command("demo", "--no-serve", "--persons", "40", stdout=first)
    call_command("demo", "--no-serve", "--persons", "40", stdout=second)

    assert Person.objects.count() == 40
    assert Occupation.objects.count() > 3000  # the ESCO reference data, loaded once
    assert AuditEntry.objects.filter(object_type="demo.generation").count() == 1
    assert not AuditEntry.objects.filter(object_type="demo.accounts").exists()
    for output in (first.getvalue(), second.getvalue()):
        assert "password" in output
        for login in DEMO_LOGINS:
            assert login.username in output and login.password in output
    assert "left as it is" in second.getvalue()


@pytest.mark.django_db
def test_generate_command_prints_the_elapsed_seconds() -> None:
    out = io.StringIO()

    call_command("generate", "--persons", "30", "--seed", "3", stdout=out)

    assert Person.objects.count() == 30
    assert "seconds" in out.getvalue()


@pytest.mark.django_db
def test_the_printed_logins_line_up_in_columns_for_every_role():
    from io import StringIO

    from wegweiser.accounts.tests.factories import UserFactory
    from wegweiser.demo.management.commands.demo import Command
    from wegweiser.demo.partners import PARTNER_LOGIN

    UserFactory(username=PARTNER_LOGIN[0], role="partner")  # the longest role name
    out = StringIO()
    command = Command(stdout=out)
    command.print_logins()
    lines = [line for line in out.getvalue().splitlines() if line.startswith("  ")]
    header = lines[0]
    assert len(lines) >= 3
    for column in ("team", "user name", "password"):
        start = header.index(column)
        for line in lines[1:]:
            assert line[start - 1] == " " and line[start] != " ", (column, line)
    assert any(PARTNER_LOGIN[0] in line for line in lines)
