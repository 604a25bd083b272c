"""Demo labour market: employers of Landkreis Gießen, their vacancies, the persons' coded work
experience, proposals to employers with consent, and placements with their follow-up contacts.

Runs after the persons and the ESCO reference data exist; deterministic for a seed and a
reference date. The employers are invented (any likeness to a real business is chance) and so
are their contact persons. Rows are written in batches like the generator's (see `inserts`):
one transaction, one audit entry stating what was created.

Coherence with the cases the generator wrote: persons in an active case have proposals in every
step of the pipeline; a case that is placed, in follow-up or closed for sustained employment has
its placement (from the day the case was placed, or within the last month for a case that is
still "placed"), reached through a hired proposal on a filled vacancy, and follow-up contacts
that were due before today are recorded. A case in follow-up keeps an open twelve-month contact
(recording it would close the case). The case status history is left as it is.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django_countries import countries

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case, CaseStatusChange, Orientation
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.dates import add_months
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.jobs.models import (
    FOLLOW_UP_MONTHS,
    Duration,
    Employer,
    EmployerContact,
    EmployerSite,
    Experience,
    FollowUp,
    JobProposal,
    Placement,
    ProposalStep,
    Vacancy,
    WageBand,
)
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Consent, ResidenceStatus

from .data import county, texts
from .data.labour import (
    BACKGROUNDS,
    CONTACT_FIRST,
    CONTACT_FUNCTIONS,
    CONTACT_LAST,
    DESCRIPTIONS,
    EMPLOYER_STEPS,
    EMPLOYERS,
    FIRST_WISHES,
    FOLLOW_UP_NOTES,
    FOLLOW_UP_PROBLEMS,
    FUNDING_WEIGHTS,
    FUNDINGS,
    HIRED_PATHS,
    JOBS,
    LOGIN_EMPLOYER,
    LOST_JOB_SHARE,
    NOT_HIRED_REASONS,
    OTHER_LABELS,
    PROPOSAL_MESSAGES,
    RUNNING_STATUSES,
    YOUTH_WISHES,
    EmployerSpec,
    P,
    S,
)
from .generator import ensure_municipalities
from .inserts import Table, date_adapter, reset_sequences, timestamp_adapter
from .naming import pick, randint, weighted

EMPLOYER_LOGIN = ("employer", "Lahntal-Stellen-2026")
LOGIN_EMPLOYER_RUNNING = 6  # at least this many running proposals for the login's employer


COLUMNS: dict[type[Any], tuple[str, ...]] = {
    Employer: (
        "organisation_id",
        "sector",
        "municipality_id",
        "channel",
        "little_german_ok",
        "notes",
    ),
    EmployerSite: ("employer_id", "name", "street", "municipality_id"),
    EmployerContact: ("employer_id", "name", "function", "phone", "email"),
    Vacancy: (
        "employer_id",
        "site_id",
        "municipality_id",
        "title",
        "occupation_id",
        "kldb_code",
        "german_level",
        "hours",
        "starts_on",
        "duration",
        "recognition_required",
        "driving_licence_required",
        "wage_band",
        "positions",
        "description",
        "status",
        "created_by_id",
        "created_at",
    ),
    Experience: ("person_id", "kind", "title", "occupation_id", "years", "country"),
    Consent: (
        "person_id",
        "purpose",
        "scope",
        "recipient_id",
        "legal_basis",
        "given_on",
        "withdrawn_on",
        "recorded_by_id",
    ),
    JobProposal: (
        "person_id",
        "vacancy_id",
        "employer_id",
        "consent_id",
        "status",
        "reason",
        "message",
        "proposed_by_id",
        "proposed_on",
        "updated_on",
    ),
    ProposalStep: ("proposal_id", "status", "on", "note", "recorded_by_id"),
    Placement: (
        "person_id",
        "employer_id",
        "vacancy_id",
        "proposal_id",
        "occupation_id",
        "starts_on",
        "contract",
        "hours",
        "wage_band",
        "funding",
        "ended_on",
        "recorded_by_id",
    ),
    FollowUp: (
        "placement_id",
        "month",
        "due_on",
        "contacted_on",
        "still_employed",
        "employer_now",
        "problems",
        "note",
        "recorded_by_id",
    ),
}


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _between(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + _days(randint(rng, 0, max(0, (last - first).days)))


# ---------------------------------------------------------------------------------------------
# What the loader works with


@dataclass(frozen=True)
class Occ:
    pk: int
    kldb: str

    @property
    def group(self) -> str:
        return self.kldb[:3]


@dataclass
class DemoEmployer:
    pk: int
    organisation_id: int
    spec: EmployerSpec
    sites: list[tuple[int, int]]  # site id, municipality id
    jobs: list[str]  # codes found in the loaded data


@dataclass(frozen=True)
class OpenVacancy:
    pk: int
    employer: DemoEmployer
    code: str
    german: str


@dataclass
class CaseFacts:
    person_id: int
    status: str
    closing_reason: str
    opened_on: dt.date
    closed_on: dt.date | None
    caseworker_id: int
    placed_on: dt.date | None = None  # the last day the case moved to "placed"
    occupations: list[str] = field(default_factory=list)  # codes of the coded experience

    @property
    def employed(self) -> bool:
        """Placed, in follow-up, or closed for sustained employment."""
        if self.status == Case.Status.CLOSED:
            return self.closing_reason == Case.ClosingReason.SUSTAINED_EMPLOYMENT
        return self.status in (Case.Status.PLACED, Case.Status.FOLLOW_UP)


class Loader:
    """Queues the rows of the demo labour market; `flush` writes them, parents first."""

    def __init__(
        self, *, seed: int, today: dt.date, occupations: dict[str, Occ], staff: list[int]
    ) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.occupations = occupations
        self.staff = staff
        self.date = date_adapter()
        self.timestamp = timestamp_adapter()
        now = timezone.now()
        self.tables = {model: Table(model, columns, now) for model, columns in COLUMNS.items()}
        problems = FollowUp._meta.get_field("problems")
        self.problems = lambda values: problems.get_db_prep_save(values, connection)
        self.employers: list[DemoEmployer] = []
        self.open: list[OpenVacancy] = []
        self.login_user_id: int | None = None
        self.consents: dict[tuple[int, int], tuple[int, dt.date]] = {}  # person, employer
        self.created: set[str] = set()  # record types written through the ORM

    def flush(self) -> None:
        for table in self.tables.values():
            table.flush()

    def counts(self) -> dict[str, int]:
        return {
            model._meta.label_lower: table.written
            for model, table in self.tables.items()
            if table.written
        }

    def _groups(self, codes: Sequence[str]) -> set[str]:
        return {self.occupations[code].group for code in codes if self.occupations[code].group}

    # -- employers and vacancies -----------------------------------------------------------

    def employers_and_vacancies(self, places: dict[str, Municipality]) -> None:
        rng = self.rng
        names = [spec.name for spec in EMPLOYERS]
        existing = set(Organisation.objects.filter(name__in=names).values_list("name", flat=True))
        if Organisation.objects.bulk_create(
            [
                Organisation(name=name, kind=Organisation.Kind.EMPLOYER)
                for name in names
                if name not in existing
            ]
        ):
            self.created.add("accounts.organisation")
        organisations = dict(
            Organisation.objects.filter(
                name__in=names, kind=Organisation.Kind.EMPLOYER
            ).values_list("name", "pk")
        )
        for spec in EMPLOYERS:
            jobs = [code for code in spec.jobs if code in self.occupations]
            if not jobs or spec.name not in organisations:
                continue
            employer_id = self.tables[Employer].add(
                organisations[spec.name],
                spec.sector,
                places[spec.town].pk,
                spec.channel,
                spec.little_german,
                spec.note,
            )
            sites = []
            for name, town in spec.sites:
                street = f"{pick(rng, county.STREETS)} {randint(rng, 1, 80)}"
                site_id = self.tables[EmployerSite].add(employer_id, name, street, places[town].pk)
                sites.append((site_id, places[town].pk))
            slug = re.sub(r"[^a-z]+", "-", spec.name.lower().replace(" gmbh", "")).strip("-")
            self.tables[EmployerContact].add(
                employer_id,
                f"{pick(rng, CONTACT_FIRST)} {pick(rng, CONTACT_LAST)}",
                pick(rng, CONTACT_FUNCTIONS),
                f"{pick(rng, county.DRAMA_NUMBER_PREFIXES)}{randint(rng, 0, 999):03d}",
                f"bewerbung@{slug}.example",
            )
            self.employers.append(
                DemoEmployer(employer_id, organisations[spec.name], spec, sites, jobs)
            )

        if LOGIN_EMPLOYER in organisations:
            user, new_user = _employer_login(organisations[LOGIN_EMPLOYER])
            self.login_user_id = user.pk
            if new_user:
                self.created.add("accounts.user")
        for employer in self.employers:
            # the staff of the login's employer enter some vacancies themselves
            own = self.login_user_id if employer.spec.name == LOGIN_EMPLOYER else None
            for _ in range(employer.spec.open):
                code = pick(rng, employer.jobs)
                starts = self.today + _days(randint(rng, -20, 90))
                created = starts - _days(randint(rng, 10, 60))
                vacancy_id, german = self._vacancy(
                    employer,
                    code,
                    starts,
                    Vacancy.Status.OPEN,
                    created,
                    positions=None,
                    created_by=own if rng.random() < 0.5 else None,
                )
                self.open.append(OpenVacancy(vacancy_id, employer, code, german))
            for _ in range(randint(rng, 0, 2)):  # withdrawn by the employer
                starts = self.today - _days(randint(rng, 30, 400))
                created = starts - _days(randint(rng, 10, 60))
                code = pick(rng, employer.jobs)
                self._vacancy(employer, code, starts, Vacancy.Status.WITHDRAWN, created)

    def _vacancy(
        self,
        employer: DemoEmployer,
        code: str,
        starts: dt.date,
        status: str,
        created: dt.date,
        *,
        positions: int | None = 1,
        created_by: int | None = None,
    ) -> tuple[int, str]:
        rng = self.rng
        job = JOBS[code]
        occupation = self.occupations[code]
        site_id, place_id = pick(rng, employer.sites)
        german = job.german
        if employer.spec.little_german and german in ("A1", "A2"):
            german = pick(rng, ("", "A1"))
        duration = weighted(
            rng,
            (Duration.PERMANENT, Duration.FIXED_TERM, Duration.APPRENTICESHIP),
            (55, 30, 15 if job.skilled else 0),
        )
        title, wage = job.title, job.wage
        if duration == Duration.APPRENTICESHIP:
            title, wage = f"Ausbildung {job.title}", WageBand.TRAINING
        if positions is None:
            many = employer.spec.sector in (S.LOGISTICS, S.SERVICES) and not job.skilled
            positions = randint(rng, 1, 4) if many else weighted(rng, (1, 2, 3), (70, 20, 10))
        driving = code in ("8332.2", "8322.2") or (
            employer.spec.sector == S.HEALTH and rng.random() < 0.3
        )
        vacancy_id = self.tables[Vacancy].add(
            employer.pk,
            site_id,
            place_id,
            title,
            occupation.pk,
            occupation.kldb,
            german,
            job.hours,
            self.date(starts),
            duration,
            job.recognition,
            driving,
            wage,
            positions,
            DESCRIPTIONS[employer.spec.sector],
            status,
            created_by or pick(rng, self.staff),
            self.timestamp(min(created, self.today), randint(rng, 7 * 60, 15 * 60)),
        )
        return vacancy_id, german

    # -- the persons' coded experience -----------------------------------------------------

    def experiences(self, cases: dict[int, CaseFacts]) -> None:
        """Three in four persons with an initial orientation have their work history coded:
        what they worked as (and, for graduates, trained for), and for some the goal."""
        rng = self.rng
        backgrounds: dict[str, tuple[texts.Occupation, tuple[str | None, str | None]]] = {}
        for entry in texts.OCCUPATIONS:
            codes = BACKGROUNDS.get(entry.title_m, (None, None))
            backgrounds[entry.title_m] = backgrounds[entry.title_f] = (entry, codes)
        with translation.override("de"):
            country_names = {code: str(name) for code, name in countries}
        rows = (
            Orientation.objects.order_by("case__person_id")
            .values_list("case__person_id", "work_experience", "case__person__country_of_birth")
            .iterator(chunk_size=5_000)
        )
        for person_id, told, country in rows:
            facts = cases.get(person_id)
            if facts is None or rng.random() >= 0.75:  # not coded (yet)
                continue
            title = told.split(",")[0].strip()
            if title not in backgrounds:
                continue
            entry, (worked, wanted) = backgrounds[title]
            years_told = re.search(r"(\d+) Jahre", told)
            years = Decimal(years_told.group(1)) if years_told else None
            where = country_names.get(str(country or ""), "")
            if worked is not None:
                self._experience(facts, Experience.Kind.WORKED, title, worked, years, where)
                if entry.skill == 2 and rng.random() < 0.5:
                    kind = Experience.Kind.TRAINED
                    self._experience(facts, kind, entry.training, worked, None, where)
                if wanted is not None and rng.random() < 0.35:
                    self._experience(facts, Experience.Kind.WANTED, entry.target, wanted, None, "")
            elif rng.random() < 0.5:
                code = pick(rng, YOUTH_WISHES if entry.title_m == "Schüler" else FIRST_WISHES)
                label = JOBS[code].title if code in JOBS else entry.target
                self._experience(facts, Experience.Kind.WANTED, label, code, None, "")

    def _experience(
        self,
        facts: CaseFacts,
        kind: str,
        title: str,
        code: str,
        years: Decimal | None,
        country: str,
    ) -> None:
        occupation = self.occupations.get(code)
        if occupation is None:
            return
        self.tables[Experience].add(
            facts.person_id, kind, title[:200], occupation.pk, years, country
        )
        facts.occupations.append(code)

    # -- proposals -------------------------------------------------------------------------

    def _consent(self, facts: CaseFacts, employer: DemoEmployer, proposed_on: dt.date) -> int:
        """The person's consent to share the profile with the employer: the one already given
        for an earlier proposal, or a new one given shortly before this proposal."""
        key = (facts.person_id, employer.pk)
        given = self.consents.get(key)
        if given is not None and given[1] <= proposed_on:
            return given[0]
        on = max(facts.opened_on, proposed_on - _days(randint(self.rng, 0, 10)))
        on = min(on, proposed_on)
        consent_id = self.tables[Consent].add(
            facts.person_id,
            Consent.Purpose.JOB_PLACEMENT,
            texts.CONSENT_SCOPES[Consent.Purpose.JOB_PLACEMENT],
            employer.organisation_id,
            Consent.LegalBasis.CONSENT,
            self.date(on),
            None,
            facts.caseworker_id,
        )
        self.consents[key] = (consent_id, on)
        return consent_id

    def _proposal(
        self,
        facts: CaseFacts,
        vacancy_id: int,
        employer: DemoEmployer,
        path: Sequence[str],
        proposed_on: dt.date,
        last_on: dt.date,
        *,
        reason: str = "",
        ends_on_last: bool = False,
    ) -> int:
        """A proposal that went along `path` from "proposed" on `proposed_on`, its steps no
        later than `last_on` (the last one on it if `ends_on_last`), with the consent to share
        the profile with the employer given before."""
        rng = self.rng
        consent_id = self._consent(facts, employer, proposed_on)
        steps = len(path) - 1
        dates = [proposed_on, *sorted(_between(rng, proposed_on, last_on) for _ in range(steps))]
        if ends_on_last and steps:
            dates[-1] = last_on
        proposal_id = self.tables[JobProposal].add(
            facts.person_id,
            vacancy_id,
            employer.pk,
            consent_id,
            path[-1],
            reason,
            pick(rng, PROPOSAL_MESSAGES),
            facts.caseworker_id,
            self.date(proposed_on),
            self.date(dates[-1]),
        )
        for status, on in zip(path, dates, strict=True):
            recorder = facts.caseworker_id
            if (
                status in EMPLOYER_STEPS
                and self.login_user_id is not None
                and employer.spec.name == LOGIN_EMPLOYER
            ):
                recorder = self.login_user_id  # the employer's staff record their own steps
            self.tables[ProposalStep].add(proposal_id, status, self.date(on), "", recorder)
        return proposal_id

    def running_proposals(self, cases: dict[int, CaseFacts], permitted: set[int]) -> None:
        """Proposals of persons in an active case who may work: every step of the pipeline,
        on open vacancies in their occupation or its group, else where little German will do.
        The employer of the demo login gets a few for certain."""
        rng = self.rng
        by_code: dict[str, list[OpenVacancy]] = defaultdict(list)
        by_group: dict[str, list[OpenVacancy]] = defaultdict(list)
        for vacancy in self.open:
            by_code[vacancy.code].append(vacancy)
            by_group[self.occupations[vacancy.code].group].append(vacancy)
        easy = [v for v in self.open if v.employer.spec.little_german and v.german in ("", "A1")]
        for_login = [v for v in self.open if v.employer.spec.name == LOGIN_EMPLOYER]
        candidates = [
            facts
            for person_id, facts in sorted(cases.items())
            if facts.status == Case.Status.ACTIVE and person_id in permitted
        ]
        statuses = [status for status, _ in RUNNING_STATUSES]
        weights = [weight for _, weight in RUNNING_STATUSES]
        proposed: set[tuple[int, int]] = set()
        login_running = made = 0
        for facts in candidates:
            if made >= len(statuses) and rng.random() >= 0.45:
                continue
            fitting = [v for code in facts.occupations for v in by_code.get(code, [])]
            fitting += [v for group in self._groups(facts.occupations) for v in by_group[group]]
            if login_running < LOGIN_EMPLOYER_RUNNING and for_login:
                fitting = for_login
            elif not fitting:
                fitting = easy
            if not fitting:
                continue
            for _ in range(1 if rng.random() < 0.75 else 2):
                vacancy = pick(rng, fitting)
                if (facts.person_id, vacancy.pk) in proposed:
                    continue
                proposed.add((facts.person_id, vacancy.pk))
                # every status at least once, then as the weights say
                status = (
                    statuses[made] if made < len(statuses) else weighted(rng, statuses, weights)
                )
                reason = ""
                if status == P.NOT_HIRED:
                    reasons = [r for r, _ in NOT_HIRED_REASONS]
                    reason = weighted(rng, reasons, [w for _, w in NOT_HIRED_REASONS])
                earliest = max(facts.opened_on, self.today - _days(100))
                proposed_on = _between(rng, earliest, self.today)
                path = self._running_path(status)
                self._proposal(
                    facts,
                    vacancy.pk,
                    vacancy.employer,
                    path,
                    proposed_on,
                    self.today,
                    reason=reason,
                )
                made += 1
                if vacancy.employer.spec.name == LOGIN_EMPLOYER and status not in JobProposal.ENDED:
                    login_running += 1

    def _running_path(self, status: str) -> list[str]:
        """The steps to `status`, along the transitions a proposal allows."""
        rng = self.rng
        applied = [P.APPLIED] if rng.random() < 0.6 else []
        if status == P.PROPOSED:
            return [P.PROPOSED]
        if status == P.APPLIED:
            return [P.PROPOSED, P.APPLIED]
        if status == P.INTERVIEW:
            return [P.PROPOSED, *applied, P.INTERVIEW]
        if status == P.TRIAL_WORK:
            return [P.PROPOSED, *(applied or [P.INTERVIEW]), P.TRIAL_WORK]
        if status == P.NOT_HIRED:
            return [P.PROPOSED, *pick(rng, ([], [P.APPLIED], [P.INTERVIEW])), P.NOT_HIRED]
        return [P.PROPOSED, *applied, P.WITHDRAWN]

    # -- placements and follow-up ----------------------------------------------------------

    def placements(self, cases: dict[int, CaseFacts]) -> None:
        """One placement for each case that is placed, in follow-up or closed for sustained
        employment: a hired proposal on a vacancy that it filled, and the follow-ups. Some
        active cases had a job that did not last: their case is back to active."""
        rng = self.rng
        for _person_id, facts in sorted(cases.items()):
            if facts.status == Case.Status.ACTIVE and rng.random() < LOST_JOB_SHARE:
                lost_at = weighted(rng, (1, 3, 6), (40, 40, 20))
                earliest = facts.opened_on + _days(30)
                latest = add_months(self.today, -lost_at) - _days(12)  # that contact is done
                if earliest < latest:
                    starts = _between(rng, earliest, latest)
                    self._placement(facts, starts, self._lost_job_plan(facts, starts, lost_at))
                continue
            if not facts.employed or facts.placed_on is None:
                continue
            starts = facts.placed_on
            if facts.status == Case.Status.PLACED:  # work started within the last month
                starts = max(facts.placed_on, self.today - _days(randint(rng, 0, 27)))
            self._placement(facts, starts, self._follow_up_plan(facts, starts))

    def _placement(
        self,
        facts: CaseFacts,
        starts: dt.date,
        plan: tuple[list[tuple[Any, ...]], dt.date | None],
    ) -> None:
        rng = self.rng
        person_id = facts.person_id
        employer, code = self._employer_for(facts)
        hired_on = max(facts.opened_on, starts - _days(randint(rng, 3, 14)))
        proposed_on = max(facts.opened_on, hired_on - _days(randint(rng, 14, 60)))
        created = proposed_on - _days(randint(rng, 3, 30))
        vacancy_id, _german = self._vacancy(
            employer,
            code,
            starts,
            Vacancy.Status.FILLED,
            created,
            created_by=facts.caseworker_id,
        )
        path = [P.PROPOSED, *pick(rng, HIRED_PATHS), P.HIRED]
        proposal_id = self._proposal(
            facts, vacancy_id, employer, path, proposed_on, hired_on, ends_on_last=True
        )
        follow_ups, ended = plan
        job = JOBS[code]
        placement_id = self.tables[Placement].add(
            person_id,
            employer.pk,
            vacancy_id,
            proposal_id,
            self.occupations[code].pk,
            self.date(starts),
            weighted(rng, (Duration.PERMANENT, Duration.FIXED_TERM), (60, 40)),
            job.hours,
            job.wage,
            weighted(rng, FUNDINGS, FUNDING_WEIGHTS),
            self.date(ended),
            facts.caseworker_id,
        )
        for row in follow_ups:
            self.tables[FollowUp].add(placement_id, *row)

    def _employer_for(self, facts: CaseFacts) -> tuple[DemoEmployer, str]:
        """An employer that hires in the person's occupation or its group; otherwise (and
        sometimes anyway) one that hires with little German."""
        rng = self.rng
        groups = self._groups(facts.occupations)
        options = [
            (employer, code)
            for employer in self.employers
            for code in employer.jobs
            if code in facts.occupations or self.occupations[code].group in groups
        ]
        if not options or rng.random() < 0.2:
            options = [
                (employer, code)
                for employer in self.employers
                if employer.spec.little_german
                for code in employer.jobs
                if JOBS[code].german in ("", "A1", "A2")
            ]
        return pick(rng, options)

    def _lost_job_plan(
        self, facts: CaseFacts, starts: dt.date, lost_at: int
    ) -> tuple[list[tuple[Any, ...]], dt.date | None]:
        """Follow-ups of a job that ended before the contact `lost_at` months after the start
        (a contact that lies in the past)."""
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        ended: dt.date | None = None
        for month in FOLLOW_UP_MONTHS:
            due = add_months(starts, month)
            if due >= self.today or ended is not None:
                rows.append((month, self.date(due), None, None, "", self.problems([]), "", None))
                continue
            contacted = min(self.today - _days(1), due + _days(randint(rng, 0, 10)))
            still = month < lost_at
            problems: list[str] = []
            note = pick(rng, FOLLOW_UP_NOTES)
            if not still:
                ended = max(starts, contacted - _days(randint(rng, 0, 30)))
                found, _reason = pick(rng, FOLLOW_UP_PROBLEMS)
                problems = [str(problem) for problem in found]
                note = "Arbeitsverhältnis beendet, Person sucht wieder Arbeit."
            rows.append(
                (
                    month,
                    self.date(due),
                    self.date(contacted),
                    still,
                    "",
                    self.problems(problems),
                    note,
                    facts.caseworker_id,
                )
            )
        return rows, ended

    def _follow_up_plan(
        self, facts: CaseFacts, starts: dt.date
    ) -> tuple[list[tuple[Any, ...]], dt.date | None]:
        """The follow-up rows (without the placement) and the day the job ended, if it did.
        Contacts due before today are recorded, except the twelve-month one of a case still in
        follow-up (recording it closes the case). After a case was closed a few lose the job."""
        rng = self.rng
        rows: list[tuple[Any, ...]] = []
        ended: dt.date | None = None
        for month in FOLLOW_UP_MONTHS:
            due = add_months(starts, month)
            last_of_follow_up = facts.status == Case.Status.FOLLOW_UP and month == 12
            if due >= self.today or last_of_follow_up or ended is not None:
                rows.append((month, self.date(due), None, None, "", self.problems([]), "", None))
                continue
            contacted = min(self.today - _days(1), due + _days(randint(rng, 0, 10)))
            still = not (
                facts.closed_on is not None and due > facts.closed_on and rng.random() < 0.1
            )
            problems: list[str] = []
            note = pick(rng, FOLLOW_UP_NOTES)
            if not still:
                ended = max(starts, contacted - _days(randint(rng, 0, 30)))
                note = "Arbeitsverhältnis beendet, Person sucht wieder Arbeit."
            elif rng.random() < 0.2:
                found, note = pick(rng, FOLLOW_UP_PROBLEMS)
                problems = [str(problem) for problem in found]
            rows.append(
                (
                    month,
                    self.date(due),
                    self.date(contacted),
                    still,
                    "",
                    self.problems(problems),
                    note,
                    facts.caseworker_id,
                )
            )
        return rows, ended


# ---------------------------------------------------------------------------------------------
# Reading what is there


def _occupations() -> dict[str, Occ]:
    """The ESCO occupations the demo uses, by code; by English label where a code is missing."""
    labels = {code: job.label_en for code, job in JOBS.items()} | OTHER_LABELS
    current = Occupation.objects.filter(is_current=True)
    found = {
        code: Occ(pk, kldb)
        for code, pk, kldb in current.filter(code__in=list(labels)).values_list(
            "code", "pk", "kldb_code"
        )
    }
    missing = {labels[code]: code for code in labels if code not in found}
    for label, pk, kldb in current.filter(preferred_label_en__in=list(missing)).values_list(
        "preferred_label_en", "pk", "kldb_code"
    ):
        found.setdefault(missing[label], Occ(pk, kldb))
    return found


def _case_facts(staff: list[int]) -> dict[int, CaseFacts]:
    cases = {
        person_id: CaseFacts(
            person_id, status, reason, opened, closed, caseworker or staff[person_id % len(staff)]
        )
        for person_id, status, reason, opened, closed, caseworker in Case.objects.values_list(
            "person_id", "status", "closing_reason", "opened_on", "closed_on", "caseworker_id"
        ).iterator(chunk_size=10_000)
    }
    placed = CaseStatusChange.objects.filter(to_status=Case.Status.PLACED).values_list(
        "case__person_id", "changed_at"
    )
    for person_id, changed_at in placed.iterator(chunk_size=10_000):
        facts = cases[person_id]
        day = changed_at.date()
        if facts.closed_on is not None and day > facts.closed_on:
            continue
        if facts.placed_on is None or day > facts.placed_on:
            facts.placed_on = day
    return cases


def _may_work(today: dt.date) -> set[int]:
    """Persons in an active case whose residence title in force allows work (or work with the
    immigration office's approval)."""
    newest: dict[int, tuple[dt.date, str]] = {}
    titles = (
        ResidenceStatus.objects.filter(
            person__case__status=Case.Status.ACTIVE, valid_from__lte=today
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .values_list("person_id", "valid_from", "work_permission")
    )
    for person_id, valid_from, permission in titles.iterator(chunk_size=10_000):
        if person_id not in newest or valid_from >= newest[person_id][0]:
            newest[person_id] = (valid_from, permission)
    not_allowed = ResidenceStatus.WorkPermission.NOT_ALLOWED
    return {pid for pid, (_, permission) in newest.items() if permission != not_allowed}


def _employer_login(organisation_id: int) -> tuple[User, bool]:
    """The demo login of the employer's staff, created if missing (with its password)."""
    username, password = EMPLOYER_LOGIN
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    user = User(
        username=username,
        first_name="Jana",
        last_name="Brück",
        role=User.Role.EMPLOYER,
        organisation_id=organisation_id,
        email=f"{username}@example.org",
    )
    validate_password(password, user)
    user.set_password(password)
    user.save()
    return user, True


# ---------------------------------------------------------------------------------------------
# The loader


@transaction.atomic
def ensure_demo_jobs(*, seed: int, today: dt.date) -> bool:
    """Creates the demo labour market unless employers exist; needs the ESCO occupations and
    the demo staff. One transaction, one audit entry."""
    if Employer.objects.exists():
        return False
    occupations = _occupations()
    staff = list(
        User.objects.filter(role__in=(User.Role.CASEWORKER, User.Role.TEAM_LEAD), is_active=True)
        .exclude(teams=None)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not occupations or not staff:
        return False
    with acting_as(None):
        places = ensure_municipalities()
        loader = Loader(seed=seed, today=today, occupations=occupations, staff=staff)
        loader.employers_and_vacancies(places)
        if not loader.employers:  # none of the employers' occupations is in the data
            transaction.set_rollback(True)
            return False
        cases = _case_facts(staff)
        loader.experiences(cases)
        loader.flush()
        loader.placements(cases)
        loader.flush()
        loader.running_proposals(cases, _may_work(today))
        loader.flush()
        reset_sequences(loader.tables.values())
        counts = loader.counts()
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.jobs",
            object_id=f"seed={seed}",
            fields=sorted({*counts, *loader.created}),
            purpose="synthetic demo labour market",
        )
    return True
