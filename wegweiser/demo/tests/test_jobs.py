"""The demo labour market: employers, vacancies, coded experience, proposals and placements."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django.fixtures import Settings

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case, Orientation
from wegweiser.core.models import AuditEntry
from wegweiser.demo.generator import generate
from wegweiser.demo.jobs import (
    EMPLOYER_LOGIN,
    EMPLOYERS,
    JOBS,
    LOGIN_EMPLOYER,
    OTHER_LABELS,
    ensure_demo_jobs,
)
from wegweiser.jobs.models import (
    Employer,
    Experience,
    FollowUp,
    JobProposal,
    Placement,
    ProposalStep,
    Vacancy,
)
from wegweiser.jobs.selectors import proposals_visible_to, vacancies_visible_to
from wegweiser.occupations.models import Occupation

PERSONS = 400
EMPLOYED = Case.Status.PLACED, Case.Status.FOLLOW_UP


@pytest.fixture
def occupations():
    """The demo's occupations as the ESCO loader would write them; one under a changed code,
    found by its English label."""
    labels = {code: job.label_en for code, job in JOBS.items()} | OTHER_LABELS
    Occupation.objects.bulk_create(
        Occupation(
            concept_uri=f"http://data.europa.eu/esco/occupation/demo-{number}",
            code="9333.9" if code == "9333.8" else code,
            isco_code=code[:4],
            preferred_label_en=label,
            kldb_code=f"{code[:3].replace('.', '0')}12",
        )
        for number, (code, label) in enumerate(labels.items())
    )


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def demo(occupations, today):
    generate(persons=PERSONS, seed=4, today=today)
    assert ensure_demo_jobs(seed=4, today=today)


def employed_cases():
    return Case.objects.filter(status__in=EMPLOYED) | Case.objects.filter(
        status=Case.Status.CLOSED, closing_reason=Case.ClosingReason.SUSTAINED_EMPLOYMENT
    )


@pytest.mark.django_db
def test_loader_creates_employers_vacancies_and_placements_once(demo, today):
    counts = [m.objects.count() for m in (Employer, Vacancy, Experience, JobProposal, Placement)]

    assert not ensure_demo_jobs(seed=4, today=today)  # a second run changes nothing

    assert [m.objects.count() for m in (Employer, Vacancy, Experience, JobProposal, Placement)] == (
        counts
    )
    assert 25 <= Employer.objects.count() <= 30
    assert Employer.objects.filter(little_german_ok=True).exists()
    assert Employer.objects.filter(channel="development_agency").exists()
    assert 140 <= Vacancy.objects.filter(status=Vacancy.Status.OPEN).count() <= 170
    assert Vacancy.objects.filter(status=Vacancy.Status.WITHDRAWN).exists()
    assert Vacancy.objects.filter(occupation__code="9333.9").exists()  # found by its label
    assert set(JobProposal.objects.values_list("status", flat=True)) == set(
        JobProposal.Status.values
    )
    assert AuditEntry.objects.filter(object_type="demo.jobs").count() == 1


@pytest.mark.django_db
def test_experience_is_coded_from_the_persons_background(demo):
    persons_with_experience = Experience.objects.values("person").distinct().count()
    assert persons_with_experience > PERSONS * 0.4
    told = dict(Orientation.objects.values_list("case__person_id", "work_experience"))
    for person_id, title in Experience.objects.filter(kind=Experience.Kind.WORKED).values_list(
        "person_id", "title"
    ):
        assert told[person_id].startswith(title)


@pytest.mark.django_db
def test_placements_follow_the_cases_and_their_dates(demo, today):
    placements = Placement.objects.select_related("proposal", "vacancy", "person__case")
    employed = placements.filter(person__case__in=employed_cases())
    assert employed.count() == employed_cases().count() > 0
    # Active cases may have had a job that did not last: it ended, and the case is active.
    lost = placements.exclude(person__case__in=employed_cases())
    assert lost.exists()
    assert not lost.filter(ended_on__isnull=True).exists()
    assert set(lost.values_list("person__case__status", flat=True)) == {Case.Status.ACTIVE}
    for placement in lost:
        done = [f for f in placement.follow_ups.order_by("month") if f.is_done]
        assert done and done[-1].still_employed is False
        assert all(f.still_employed for f in done[:-1])
    for placement in placements:
        case = placement.person.case
        proposal = placement.proposal
        assert proposal is not None and proposal.status == JobProposal.Status.HIRED
        assert placement.vacancy is not None
        assert placement.vacancy.status == Vacancy.Status.FILLED
        assert case.opened_on <= proposal.proposed_on <= proposal.updated_on <= placement.starts_on
        assert proposal.consent.recipient_id == placement.employer.organisation_id
        assert proposal.consent.given_on <= proposal.proposed_on
        steps = list(ProposalStep.objects.filter(proposal=proposal).values_list("status", "on"))
        assert steps[0][0] == "proposed" and steps[-1] == ("hired", proposal.updated_on)
        follow_ups = list(placement.follow_ups.order_by("month"))
        assert [f.month for f in follow_ups] == [1, 3, 6, 12]
        for follow_up in follow_ups:
            if follow_up.due_on >= today:
                assert not follow_up.is_done
            elif not (case.status == Case.Status.FOLLOW_UP and follow_up.month == 12):
                assert follow_up.is_done or placement.ended_on is not None
        if case.status == Case.Status.PLACED:
            assert not any(f.is_done for f in follow_ups)
    recorded = FollowUp.objects.filter(contacted_on__isnull=False)
    assert recorded.filter(still_employed=True).count() > 0.8 * recorded.count()


@pytest.mark.django_db
def test_employer_login_sees_only_its_own_vacancies_and_proposals(demo):
    username, password = EMPLOYER_LOGIN
    user = User.objects.get(username=username)
    assert user.check_password(password) and user.role == User.Role.EMPLOYER
    assert user.organisation is not None and user.organisation.name == LOGIN_EMPLOYER

    vacancies = vacancies_visible_to(user)
    assert vacancies.filter(status=Vacancy.Status.OPEN).exists()
    assert {v.employer.organisation_id for v in vacancies} == {user.organisation_id}
    assert vacancies.count() < Vacancy.objects.count()
    proposals = proposals_visible_to(user)
    assert proposals.exclude(status__in=JobProposal.ENDED).exists()
    assert {p.employer.organisation_id for p in proposals} == {user.organisation_id}


@pytest.mark.django_db
def test_loader_waits_for_the_occupation_data(today):
    generate(persons=20, seed=4, today=today)

    assert not ensure_demo_jobs(seed=4, today=today)
    assert not Employer.objects.exists() and not User.objects.filter(username="employer").exists()


@pytest.mark.django_db
def test_demo_command_loads_the_labour_market_and_prints_the_employer_login(
    settings: Settings, tmp_path: Path
) -> None:
    settings.STATIC_ROOT = tmp_path / "static"
    out = io.StringIO()

    call_command("demo", "--no-serve", "--persons", "60", stdout=out)

    username, password = EMPLOYER_LOGIN
    assert username in out.getvalue() and password in out.getvalue()
    found = Occupation.objects.filter(code__in=[*JOBS, *OTHER_LABELS])
    assert found.count() == len(JOBS) + len(OTHER_LABELS)  # every code is in the ESCO data
    assert Employer.objects.count() == len(EMPLOYERS)
