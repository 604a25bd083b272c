"""The demo centre: its organisation, teams, staff accounts and partner organisations.

Creating them is idempotent: records are looked up by their natural keys, and a password is
set only when its account is created, so a second run changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Q

from wegweiser.accounts.models import Organisation, Team, User
from wegweiser.core.audit import accounts_in_one_entry, acting_as, audit_event
from wegweiser.core.models import AuditEntry

from .data import county

CENTRE_NAME = "Migrationszentrum Landkreis Gießen"


@dataclass(frozen=True)
class TeamSpec:
    name: str
    zone: str  # which part of the county the team serves, see data.county
    letter: str  # the team's letter; further teams of the zone are numbered after it
    place: str  # the part of the county, as the team's name gives it


TEAMS: tuple[TeamSpec, ...] = (
    TeamSpec("Team A (Stadt Gießen)", "city", "A", "Stadt Gießen"),
    TeamSpec("Team B (Landkreis Ost)", "east", "B", "Landkreis Ost"),
    TeamSpec("Team C (Landkreis West)", "west", "C", "Landkreis West"),
)
TEAM_A, TEAM_B, TEAM_C = (t.name for t in TEAMS)

# A realistic caseload: the persons (with open and closed cases) one full-time caseworker
# carries. A team lead counts a third (the generator gives them a third of a caseworker's
# share). When a register outgrows the demo staff at this load, the generator adds teams of
# the same shape as the demo's (a lead and nine caseworkers) in the part of the county that
# needs them, so that a large register is served as a large centre would serve it rather than
# by the demo's twelve people; 0 turns this off (every case goes to the demo staff).
PERSONS_PER_CASEWORKER = 400
ADDED_TEAM_CASEWORKERS = 9
# Relative shares of a team's cases: a team lead takes a third of a caseworker's.
CASEWORKER_SHARE, LEAD_SHARE = 3, 1
STAFF_FIRST_NAMES = (
    "Andrea", "Bernd", "Carla", "Dennis", "Elif", "Frank", "Gül", "Heike", "Ivana", "Jan",
    "Kerstin", "Lukas", "Marta", "Nils", "Oksana", "Paul", "Rania", "Stefan", "Tanja", "Uwe",
)  # fmt: skip
STAFF_LAST_NAMES = (
    "Albrecht", "Brandt", "Conrad", "Dietrich", "Engel", "Fuchs", "Graf", "Hahn", "Jung",
    "Kaiser", "Lorenz", "Maier", "Nowak", "Otto", "Peters", "Roth", "Sommer", "Thiel", "Vogt",
    "Winter", "Yilmaz", "Ziegler",
)  # fmt: skip


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
    teams: dict[str, Team]  # the demo's team of each zone
    caseworkers: dict[int, list[User]]  # by team id: who takes the team's cases
    partners: dict[str, list[Organisation]]  # by kind
    created: list[str] = field(default_factory=list)  # record types created in this run
    zone_teams: dict[str, list[Team]] = field(default_factory=dict)  # every team of a zone


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

    partners: dict[str, list[Organisation]] = {}
    for name, kind in PARTNERS:
        partners.setdefault(kind, []).append(_organisation(name, kind, created))

    teams = {spec.zone: teams_by_name[spec.name] for spec in TEAMS}
    accounts = DemoAccounts(
        centre=centre, teams=teams, caseworkers={}, partners=partners, created=sorted(set(created))
    )
    _read_staff(accounts)
    return accounts


def _added_team_name(spec: TeamSpec, number: int) -> str:
    return f"Team {spec.letter}{number} ({spec.place})"


def _read_staff(accounts: DemoAccounts) -> None:
    """Every team of each zone (the demo's and those added for a large register) with the
    members who take its cases, as they are now (an administrator may have changed the demo
    teams since they were created)."""
    centre_teams = Team.objects.filter(organisation=accounts.centre)
    accounts.zone_teams = {}
    accounts.caseworkers = {}
    members_by_team: dict[int, list[User]] = {}
    for spec in TEAMS:
        added = Q(name__startswith=f"Team {spec.letter}") & Q(name__endswith=f"({spec.place})")
        zone = [accounts.teams[spec.zone]]
        zone += sorted(
            centre_teams.filter(added).exclude(pk=accounts.teams[spec.zone].pk),
            key=lambda team: team.pk,
        )
        accounts.zone_teams[spec.zone] = zone
    team_ids = [team.pk for teams in accounts.zone_teams.values() for team in teams]
    through = User.teams.through
    memberships = (
        through.objects.filter(
            team_id__in=team_ids,
            user__is_active=True,
            user__role__in=(User.Role.CASEWORKER, User.Role.TEAM_LEAD),
        )
        .select_related("user")
        .order_by("user_id")
    )
    for membership in memberships:
        members_by_team.setdefault(membership.team_id, []).append(membership.user)
    for spec in TEAMS:
        for team in accounts.zone_teams[spec.zone]:
            members = members_by_team.get(team.pk, [])
            if not members and team == accounts.teams[spec.zone]:
                raise ValueError(f"{team.name} has no active caseworker to take cases.")
            if members:
                accounts.caseworkers[team.pk] = members
        # A team left without active members takes no cases.
        accounts.zone_teams[spec.zone] = [
            team for team in accounts.zone_teams[spec.zone] if team.pk in accounts.caseworkers
        ]


def case_share(user: User) -> int:
    """How much of a team's cases the member takes, relative to the others."""
    return LEAD_SHARE if user.role == User.Role.TEAM_LEAD else CASEWORKER_SHARE


def caseworker_capacity(members: list[User]) -> float:
    """Full-time caseworkers a team's members make: a team lead counts a third."""
    return sum(case_share(user) for user in members) / CASEWORKER_SHARE


def zone_shares() -> dict[str, float]:
    """The share of the county's clients each zone's teams serve (by where they live)."""
    total = sum(county.RESIDENCE_WEIGHTS.values())
    shares: dict[str, float] = {}
    for place in county.MUNICIPALITIES:
        shares[place.zone] = shares.get(place.zone, 0) + county.RESIDENCE_WEIGHTS[place.name]
    return {zone: weight / total for zone, weight in shares.items()}


def ensure_staffing(
    accounts: DemoAccounts, *, persons: int, per_caseworker: int = PERSONS_PER_CASEWORKER
) -> int:
    """Add teams (a lead and nine caseworkers, no usable password) to each zone whose teams
    cannot carry their share of `persons` at `per_caseworker` persons per full-time
    caseworker. Returns the number of teams added. Part of the generator's run, which audits
    what it created in one entry."""
    if per_caseworker <= 0:
        return 0
    added = 0
    shares = zone_shares()
    taken_teams = set(Team.objects.values_list("name", flat=True))
    for spec in TEAMS:
        teams = accounts.zone_teams[spec.zone]
        capacity = sum(caseworker_capacity(accounts.caseworkers[t.pk]) for t in teams)
        needed = persons * shares.get(spec.zone, 0) / per_caseworker
        number = 2
        new_teams: list[Team] = []
        codes: list[str] = []  # "a2": the start of the team's user names
        while capacity < needed:
            while _added_team_name(spec, number) in taken_teams:
                number += 1
            name = _added_team_name(spec, number)
            taken_teams.add(name)
            new_teams.append(Team(organisation=accounts.centre, name=name))
            codes.append(f"{spec.letter.lower()}{number}")
            capacity += (ADDED_TEAM_CASEWORKERS * CASEWORKER_SHARE + LEAD_SHARE) / CASEWORKER_SHARE
        if not new_teams:
            continue
        Team.objects.bulk_create(new_teams)
        users: list[User] = []
        for team, code in zip(new_teams, codes, strict=True):
            for seat in range(ADDED_TEAM_CASEWORKERS + 1):
                index = team.pk * 11 + seat
                first = STAFF_FIRST_NAMES[index % len(STAFF_FIRST_NAMES)]
                last = STAFF_LAST_NAMES[(index // 3) % len(STAFF_LAST_NAMES)]
                user = User(
                    username=f"{code}.{'lead' if seat == 0 else f'cw{seat}'}",
                    first_name=first,
                    last_name=last,
                    role=User.Role.TEAM_LEAD if seat == 0 else User.Role.CASEWORKER,
                    organisation=accounts.centre,
                    email=f"{code}.{seat}@example.org",
                )
                user.set_unusable_password()
                users.append(user)
        User.objects.bulk_create(users)
        through = User.teams.through
        per_team = ADDED_TEAM_CASEWORKERS + 1
        through.objects.bulk_create(
            through(user_id=user.pk, team_id=new_teams[i // per_team].pk)
            for i, user in enumerate(users)
        )
        added += len(new_teams)
    if added:
        accounts.created = sorted({*accounts.created, "accounts.team", "accounts.user"})
        _read_staff(accounts)
    return added


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
