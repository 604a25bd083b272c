"""The demo centre: its organisation, teams, staff accounts and partner organisations.

Creating them is idempotent: records are looked up by their natural keys, and a password is
set only when its account is created, so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from wegweiser.accounts.models import Organisation, Team, User
from wegweiser.core.audit import accounts_in_one_entry, acting_as, audit_event
from wegweiser.core.models import AuditEntry

CENTRE_NAME = "Migrationszentrum Landkreis Gießen"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    zone: str  # which part of the county the team serves, see data.county


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("Team A (Stadt Gießen)", "city"),
    TeamSpec("Team B (Landkreis Ost)", "east"),
    TeamSpec("Team C (Landkreis West)", "west"),
)
TEAM_A, TEAM_B, TEAM_C = (t.name for t in TEAMS)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    team: str | None
    first_name: str
    last_name: str


# Fixed so the README and the printed list agree; the demo serves on 127.0.0.1 only.
DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin(
        "caseworker.a", "Lahnaue-Beratung-2016", User.Role.CASEWORKER, TEAM_A, "Anna", "Becker"
    ),
    DemoLogin(
        "caseworker.b", "Vogelsberg-Kurs-2022", User.Role.CASEWORKER, TEAM_B, "Jonas", "Wagner"
    ),
    DemoLogin(
        "teamlead.a", "Schiffenberg-Team-2015", User.Role.TEAM_LEAD, TEAM_A, "Miriam", "Hofmann"
    ),
    DemoLogin("admin", "Stammdaten-Pflege-2026", User.Role.ADMINISTRATOR, None, "Peter", "Schäfer"),
    DemoLogin("auditor", "Protokoll-Sicht-1950", User.Role.AUDITOR, None, "Sabine", "Krüger"),
    DemoLogin("manager", "Kennzahlen-Blick-2015", User.Role.MANAGEMENT, None, "Claudia", "Vogel"),
)

# Colleagues who carry the rest of the caseload. They cannot log in (no usable password).
COLLEAGUES: tuple[tuple[str, str, str, str], ...] = (
    ("l.demir", "Leyla", "Demir", TEAM_A),
    ("t.richter", "Tobias", "Richter", TEAM_A),
    ("k.neumann", "Katrin", "Neumann", TEAM_B),
    ("s.haddad", "Samira", "Haddad", TEAM_B),
    ("m.koch", "Markus", "Koch", TEAM_C),
    ("o.kovalenko", "Olena", "Kovalenko", TEAM_C),
    ("j.weber", "Julia", "Weber", TEAM_C),
)
TEAM_LEADS_WITHOUT_LOGIN: tuple[tuple[str, str, str, str], ...] = (
    ("b.schmitt", "Birgit", "Schmitt", TEAM_B),
    ("h.arslan", "Hakan", "Arslan", TEAM_C),
)

PARTNERS: tuple[tuple[str, str], ...] = (
    ("Ausländerbehörde Landkreis Gießen", Organisation.Kind.IMMIGRATION_OFFICE),
    ("Jobcenter Gießen", Organisation.Kind.JOB_CENTRE),
    ("Agentur für Arbeit Gießen", Organisation.Kind.JOB_CENTRE),
    ("Volkshochschule Gießen", Organisation.Kind.COURSE_PROVIDER),
    ("Sprachschule am Lahnufer", Organisation.Kind.COURSE_PROVIDER),
    ("Bildungszentrum Mittelhessen", Organisation.Kind.COURSE_PROVIDER),
    ("Caritasverband Gießen", Organisation.Kind.CHARITY),
    ("Diakonisches Werk Gießen", Organisation.Kind.CHARITY),
    ("AWO Kreisverband Gießen", Organisation.Kind.CHARITY),
    ("DRK Kreisverband Gießen", Organisation.Kind.CHARITY),
    ("Logistikzentrum Lahnaue GmbH", Organisation.Kind.EMPLOYER),
    ("Seniorenzentrum Lindenhof", Organisation.Kind.EMPLOYER),
)


@dataclass
class DemoAccounts:
    centre: Organisation
    teams: dict[str, Team]  # by zone
    caseworkers: dict[int, list[User]]  # by team id: who takes the team's cases
    partners: dict[str, list[Organisation]]  # by kind
    created: list[str] = field(default_factory=list)  # record types created in this run


def _organisation(name: str, kind: str, created: list[str]) -> Organisation:
    organisation, was_created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind}
    )
    if was_created:
        created.append("accounts.organisation")
    return organisation


def _user(
    *,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    centre: Organisation,
    team: Team | None,
    password: str | None,
    created: list[str],
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username,
            first_name=first_name,
            last_name=last_name,
            role=role,
            organisation=centre,
            email=f"{username}@example.org",
            is_staff=role == User.Role.ADMINISTRATOR,
        )
        if password is None:
            user.set_unusable_password()
        else:
            validate_password(password, user)
            user.set_password(password)
        user.save()
        created.append("accounts.user")
        if team is not None:
            user.teams.add(team)
    return user


def ensure_demo_accounts() -> DemoAccounts:
    """The centre, its teams, staff and partners; creates whatever is missing."""
    created: list[str] = []
    centre = _organisation(CENTRE_NAME, Organisation.Kind.CENTRE, created)
    teams_by_name: dict[str, Team] = {}
    for spec in TEAMS:
        team, was_created = Team.objects.get_or_create(organisation=centre, name=spec.name)
        if was_created:
            created.append("accounts.team")
        teams_by_name[spec.name] = team

    for login in DEMO_LOGINS:
        login_team = teams_by_name[login.team] if login.team else None
        _user(
            username=login.username,
            first_name=login.first_name,
            last_name=login.last_name,
            role=login.role,
            centre=centre,
            team=login_team,
            password=login.password,
            created=created,
        )
    for username, first_name, last_name, team_name in COLLEAGUES + TEAM_LEADS_WITHOUT_LOGIN:
        team = teams_by_name[team_name]
        role = (
            User.Role.TEAM_LEAD
            if (username, first_name, last_name, team_name) in TEAM_LEADS_WITHOUT_LOGIN
            else User.Role.CASEWORKER
        )
        _user(
            username=username,
            first_name=first_name,
            last_name=last_name,
            role=role,
            centre=centre,
            team=team,
            password=None,
            created=created,
        )

    # Cases go to the team's active members as they are now (an administrator may have
    # changed the demo teams since they were created).
    caseworkers: dict[int, list[User]] = {}
    for team in teams_by_name.values():
        members = list(
            team.members.filter(
                is_active=True, role__in=(User.Role.CASEWORKER, User.Role.TEAM_LEAD)
            ).order_by("pk")
        )
        if not members:
            raise ValueError(f"{team.name} has no active caseworker to take cases.")
        caseworkers[team.pk] = members

    partners: dict[str, list[Organisation]] = {}
    for name, kind in PARTNERS:
        partners.setdefault(kind, []).append(_organisation(name, kind, created))

    teams = {spec.zone: teams_by_name[spec.name] for spec in TEAMS}
    return DemoAccounts(
        centre=centre,
        teams=teams,
        caseworkers=caseworkers,
        partners=partners,
        created=sorted(set(created)),
    )


def demo_accounts_set_up() -> DemoAccounts:
    """Create what is missing of the demo centre, auditing the run if it created anything."""
    with transaction.atomic(), acting_as(None):
        with accounts_in_one_entry():  # the run's own entry names accounts.user
            accounts = ensure_demo_accounts()
        if accounts.created:
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="demo.accounts",
                fields=accounts.created,
                purpose="demo accounts",
            )
    return accounts
