"""Each figure computed by hand on a small fixture and compared with `figures.figure`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction
from django.utils import translation

from wegweiser.accounts.tests.factories import OrganisationFactory, TeamFactory, UserFactory
from wegweiser.cases.models import Case
from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.audit import acting_as
from wegweiser.courses.models import Enrolment, Exam, ExamResult, LevelRecord
from wegweiser.courses.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LevelRecordFactory,
    WaitingEntryFactory,
)
from wegweiser.jobs.models import FollowUp, Placement
from wegweiser.jobs.tests.factories import EmployerFactory
from wegweiser.people.tests.factories import ResidenceStatusFactory
from wegweiser.recognition.tests.factories import OccupationFactory, ProcedureFactory
from wegweiser.reporting.figures import (
    Breakdown,
    Scope,
    figure,
    time_to_first_job,
    trend,
)
from wegweiser.reporting.periods import Period

pytestmark = pytest.mark.django_db

Y2025 = Period.year(2025)


def _case(team, **kwargs):
    person = {
        f"person__{k}": v
        for k, v in kwargs.pop("person", {}).items()  # person fields
    }
    return CaseFactory(team=team, person__organisation=team.organisation, **person, **kwargs)


def _scope(team):
    return Scope(organisation_id=team.organisation_id)


def _place(case, start, ended_on=None, employed_at=None):
    """A placement, with the follow-up contacts {month: still employed}."""
    with transaction.atomic(), acting_as(None):
        placement = Placement.objects.create(
            person=case.person,
            employer=EmployerFactory(),
            occupation=OccupationFactory(),
            starts_on=start,
            contract="permanent",
            hours="full_time",
            ended_on=ended_on,
            recorded_by=UserFactory(),
        )
        for month, employed in (employed_at or {}).items():
            FollowUp.objects.update_or_create(
                placement=placement,
                month=month,
                defaults={
                    "due_on": start,
                    "contacted_on": start + dt.timedelta(days=30 * month),
                    "still_employed": employed,
                },
            )
    return placement


def test_intakes_by_sex_count_cases_opened_in_the_period(team):
    for sex, opened in [
        ("f", dt.date(2025, 1, 1)),
        ("f", dt.date(2025, 12, 31)),
        ("m", dt.date(2025, 6, 1)),
        ("m", dt.date(2024, 12, 31)),  # the year before
        ("f", dt.date(2026, 1, 1)),  # the year after
    ]:
        _case(team, person={"sex": sex}, opened_on=opened)
    with translation.override("en"):
        result = figure("intakes", Y2025, Breakdown.SEX, scope=_scope(team))
    assert result.group_totals == {"f": 2, "m": 1}
    assert result.total == 3
    assert [label for _key, label in result.groups] == ["female", "male"]


def test_other_organisations_and_teams_are_not_counted(team, other_team):
    _case(team, opened_on=dt.date(2025, 3, 1))
    _case(other_team, opened_on=dt.date(2025, 3, 1))
    elsewhere = OrganisationFactory(name="Migrationszentrum Nachbarkreis")
    CaseFactory(
        opened_on=dt.date(2025, 3, 1),
        team=TeamFactory(organisation=elsewhere),
        person__organisation=elsewhere,
    )
    whole = figure("intakes", Y2025, scope=_scope(team))
    own = figure(
        "intakes",
        Y2025,
        scope=Scope(organisation_id=team.organisation_id, team_ids=(team.pk,)),
    )
    assert (whole.total, own.total) == (2, 1)


def test_open_cases_by_status_on_the_last_day(team):
    _case(team, status=Case.Status.ACTIVE, opened_on=dt.date(2024, 1, 1))
    _case(team, status=Case.Status.INTAKE, opened_on=dt.date(2025, 11, 1))
    _case(  # closed after the period: open on its last day
        team,
        status=Case.Status.CLOSED,
        closing_reason=Case.ClosingReason.MOVED_AWAY,
        opened_on=dt.date(2024, 1, 1),
        closed_on=dt.date(2026, 2, 1),
    )
    _case(  # closed within: not open
        team,
        status=Case.Status.CLOSED,
        closing_reason=Case.ClosingReason.MOVED_AWAY,
        opened_on=dt.date(2024, 1, 1),
        closed_on=dt.date(2025, 2, 1),
    )
    _case(team, status=Case.Status.ACTIVE, opened_on=dt.date(2026, 1, 5))  # not yet opened
    result = figure("active_cases", Y2025, scope=_scope(team))
    # The case closed in 2026 has no status history: its status now (closed) is all we know,
    # so it is left out rather than guessed.
    assert result.category_totals == {"active": 1, "intake": 1}
    assert result.total == 2


def test_closures_by_reason(team):
    for reason, closed in [
        (Case.ClosingReason.SUSTAINED_EMPLOYMENT, dt.date(2025, 5, 1)),
        (Case.ClosingReason.SUSTAINED_EMPLOYMENT, dt.date(2025, 7, 1)),
        (Case.ClosingReason.MOVED_AWAY, dt.date(2025, 8, 1)),
        (Case.ClosingReason.MOVED_AWAY, dt.date(2024, 8, 1)),
    ]:
        _case(
            team,
            status=Case.Status.CLOSED,
            closing_reason=reason,
            opened_on=dt.date(2024, 1, 1),
            closed_on=closed,
        )
    result = figure("closures", Y2025, scope=_scope(team))
    assert result.category_totals == {"employment": 2, "moved": 1}


def test_intakes_by_age_band_and_residence_title_on_the_last_day(team):
    march = dt.date(2025, 3, 1)
    young = _case(team, person={"date_of_birth": dt.date(2001, 1, 1)}, opened_on=march)
    older = _case(team, person={"date_of_birth": dt.date(1970, 6, 1)}, opened_on=march)
    _case(team, person={"date_of_birth": None}, opened_on=march)
    ResidenceStatusFactory(person=young.person, title="s24", valid_from=dt.date(2022, 4, 1))
    ResidenceStatusFactory(person=older.person, title="gestattung", valid_from=dt.date(2023, 1, 1))
    ResidenceStatusFactory(person=older.person, title="s25", valid_from=dt.date(2025, 6, 1))
    ResidenceStatusFactory(person=older.person, title="settlement", valid_from=dt.date(2026, 6, 1))
    ages = figure("intakes", Y2025, Breakdown.AGE_BAND, scope=_scope(team))
    # on 31 December 2025: 24 and 55
    assert ages.group_totals == {"18-24": 1, "55+": 1, "unknown": 1}
    titles = figure("intakes", Y2025, Breakdown.RESIDENCE_TITLE, scope=_scope(team))
    assert titles.group_totals == {"s24": 1, "s25": 1, "unknown": 1}


def test_region_of_origin_rolls_nationalities_up(team):
    for nationalities in (["SY"], ["IQ", "DE"], ["UA"], []):
        _case(team, person={"nationalities": nationalities}, opened_on=dt.date(2025, 3, 1))
    by_country = figure("intakes", Y2025, Breakdown.NATIONALITY, scope=_scope(team))
    assert by_country.group_totals == {"SY": 1, "IQ": 1, "UA": 1, "unknown": 1}
    by_region = figure("intakes", Y2025, Breakdown.REGION, scope=_scope(team))
    assert by_region.group_totals == {"mena": 2, "other_europe": 1, "unknown": 1}


def test_sustained_employment_at_six_months(team):
    cases = [_case(team, opened_on=dt.date(2024, 1, 1)) for _ in range(4)]
    _place(cases[0], dt.date(2025, 1, 10), employed_at={6: True})
    _place(cases[1], dt.date(2025, 2, 1), employed_at={6: False})
    _place(cases[2], dt.date(2025, 3, 1), ended_on=dt.date(2025, 5, 1))  # ended before the mark
    _place(cases[3], dt.date(2025, 11, 1))  # not yet known
    _place(_case(team), dt.date(2024, 11, 1), employed_at={6: True})  # started the year before
    result = figure("sustained_6", Y2025, scope=_scope(team))
    assert result.category_totals == {"sustained": 1, "not_sustained": 2, "unknown": 1}
    placements = trend("placements", scope=_scope(team), until=dt.date(2025, 12, 31))
    by_year = {point.year: point for point in placements}
    assert (by_year[2024].total, by_year[2025].total, by_year[2025].cumulative) == (1, 4, 5)


def test_language_figures(team):
    people = [_case(team, opened_on=dt.date(2024, 1, 1)).person for _ in range(4)]
    course = CourseFactory(starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 12, 1))
    waits = [
        WaitingEntryFactory(person=people[0], registered_on=dt.date(2025, 2, 1)),  # 28 days
        WaitingEntryFactory(person=people[1], registered_on=dt.date(2024, 11, 1)),  # 120 days
        WaitingEntryFactory(person=people[2], registered_on=dt.date(2024, 1, 1)),  # 425 days
    ]
    for person, wait, status in zip(
        people[:3],
        waits,
        [Enrolment.Status.COMPLETED, Enrolment.Status.DROPPED_OUT, Enrolment.Status.ATTENDING],
        strict=True,
    ):
        EnrolmentFactory(
            person=person,
            course=course,
            waiting_entry=wait,
            status=status,
            status_changed_on=dt.date(2025, 12, 1),
        )
    EnrolmentFactory(person=people[3], course=course, status=Enrolment.Status.DECLINED)
    entries = figure("course_entries", Y2025, scope=_scope(team))
    assert entries.category_totals == {"integration": 3}
    exits = figure("course_exits", Y2025, scope=_scope(team))
    assert exits.category_totals == {"completed": 1, "dropped_out": 1}
    waiting = figure("waiting_time", Y2025, scope=_scope(team))
    assert waiting.category_totals == {"0-3": 1, "3-6": 1, "12+": 1}
    assert waiting.median_days == 120

    recorder = UserFactory()
    with transaction.atomic(), acting_as(None):
        for person, level in [(people[0], "B1"), (people[1], "")]:
            ExamResult.objects.create(
                person=person,
                exam=Exam.DTZ,
                taken_on=dt.date(2025, 11, 1),
                level_reached=level,
                recorded_by=recorder,
            )
        for person, points in [(people[0], 17), (people[1], 15), (people[2], 9)]:
            ExamResult.objects.create(
                person=person,
                exam=Exam.LID,
                taken_on=dt.date(2025, 11, 2),
                points=points,
                recorded_by=recorder,
            )
    dtz = figure("dtz_results", Y2025, scope=_scope(team))
    assert dtz.category_totals == {"b1": 1, "below": 1}
    lid = figure("lid_results", Y2025, scope=_scope(team))
    assert lid.category_totals == {"naturalisation": 1, "orientation": 1, "not_passed": 1}

    LevelRecordFactory(person=people[0], level="A2", assessed_on=dt.date(2024, 6, 1))
    LevelRecordFactory(person=people[0], level="B1", assessed_on=dt.date(2025, 6, 1))  # gained
    LevelRecordFactory(person=people[1], level="B1", assessed_on=dt.date(2024, 6, 1))
    LevelRecordFactory(person=people[1], level="A2", assessed_on=dt.date(2025, 6, 1))  # lower
    LevelRecordFactory(  # self-assessed: not a level gained
        person=people[2],
        level="B2",
        assessed_on=dt.date(2025, 6, 1),
        source=LevelRecord.Source.SELF_ASSESSED,
    )
    gained = figure("levels_gained", Y2025, scope=_scope(team))
    assert gained.category_totals == {"B1": 1}


def test_recognition_decisions_against_the_statutory_period(team):
    people = [_case(team, opened_on=dt.date(2024, 1, 1)).person for _ in range(3)]
    common = {"application_submitted_on": dt.date(2025, 1, 10)}
    ProcedureFactory(
        person=people[0],
        documents_complete_on=dt.date(2025, 1, 10),
        decision_on=dt.date(2025, 4, 10),  # three months to the day: in time
        outcome="full",
        **common,
    )
    ProcedureFactory(
        person=people[1],
        documents_complete_on=dt.date(2025, 2, 1),
        extended_until=dt.date(2025, 7, 1),
        decision_on=dt.date(2025, 6, 1),
        outcome="partial",
        **common,
    )
    ProcedureFactory(
        person=people[2],
        documents_complete_on=dt.date(2025, 1, 10),
        decision_on=dt.date(2025, 9, 1),
        outcome="none",
        **common,
    )
    decided = figure("recognition_decided", Y2025, scope=_scope(team))
    assert decided.category_totals == {"full": 1, "partial": 1, "none": 1}
    duration = figure("recognition_duration", Y2025, scope=_scope(team))
    assert duration.category_totals == {"in_time": 1, "ext": 1, "late": 1}
    assert duration.median_days == 120  # 90, 120, 234 days
    started = figure("recognition_started", Y2025, scope=_scope(team))
    assert started.total == 3


def test_time_to_first_job_counts_those_without_a_job_as_censored(team):
    opened = dt.date(2025, 1, 1)
    placed = [_case(team, opened_on=opened) for _ in range(2)]
    _place(placed[0], dt.date(2025, 3, 1))  # 59 days
    _place(placed[1], dt.date(2025, 7, 20))  # 200 days
    _case(  # closed without a job after 100 days: censored at 100
        team,
        opened_on=opened,
        status=Case.Status.CLOSED,
        closing_reason=Case.ClosingReason.NO_CONTACT,
        closed_on=dt.date(2025, 4, 11),
    )
    _case(team, opened_on=opened)  # still looking on 1 January 2026: censored at 365
    (curve,) = time_to_first_job(Period.year(2025), scope=_scope(team), today=dt.date(2026, 1, 1))
    assert (curve.persons, curve.placed) == (4, 2)
    # By hand: at 59 days 1 of 4 placed -> 3/4; the one closed at 100 leaves;
    # at 200 days 1 of 2 placed -> 3/4 * 1/2 = 3/8.
    assert [(s.time, s.at_risk, round(s.survival, 4)) for s in curve.steps] == [
        (59, 4, 0.75),
        (100, 3, 0.75),
        (200, 2, 0.375),
        (365, 1, 0.375),
    ]
    assert curve.median_days == 200


def test_every_definition_is_written_in_the_docs_word_for_word():
    from pathlib import Path

    from django.conf import settings
    from django.utils import translation

    from wegweiser.reporting.figures import FIGURES

    doc = " ".join((Path(settings.BASE_DIR) / "docs" / "reporting.md").read_text().split())
    with translation.override("en"):
        for definition in FIGURES.values():
            assert " ".join(str(definition.definition).split()) in doc, definition.name


def _refer(case, partner, *, sent_on, status):
    from wegweiser.partners.models import Referral

    caseworker = case.caseworker or UserFactory.create()
    with transaction.atomic(), acting_as(None):
        return Referral.objects.create(
            person=case.person,
            partner=partner,
            purpose="counselling",
            shared_fields=["name"],
            legal_basis="§ 69 Abs. 1 Nr. 1 SGB X",
            status=status,
            drafted_on=sent_on or dt.date(2025, 1, 1),
            sent_on=sent_on,
            created_by=caseworker,
        )


def test_referrals_by_outcome_and_by_kind_of_partner(team):
    from wegweiser.partners.models import PartnerKind
    from wegweiser.partners.tests.factories import PartnerFactory

    counselling = PartnerFactory(kind=PartnerKind.MIGRATION_COUNSELLING)
    childcare = PartnerFactory(kind=PartnerKind.CHILDCARE)
    amina, jonas, olena, kofi = (_case(team, opened_on=dt.date(2024, 5, 1)) for _ in range(4))
    _refer(amina, counselling, sent_on=dt.date(2025, 2, 1), status="completed")
    _refer(amina, childcare, sent_on=dt.date(2025, 9, 1), status="sent")
    _refer(jonas, counselling, sent_on=dt.date(2025, 3, 1), status="declined")
    _refer(olena, counselling, sent_on=None, status="drafted")  # never sent: not counted
    _refer(kofi, childcare, sent_on=dt.date(2024, 12, 1), status="accepted")  # the year before
    outcome = figure("referrals_by_outcome", Y2025, scope=_scope(team))
    assert outcome.category_totals == {"completed": 1, "sent": 1, "declined": 1}
    assert outcome.total == 2  # Amina twice, Jonas once
    by_kind = figure("referrals_by_partner", Y2025, scope=_scope(team))
    assert by_kind.category_totals == {"migration_counselling": 2, "childcare": 1}
    assert by_kind.total == 2
