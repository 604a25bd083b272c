"""A person with `size` records of every kind the person page shows, for the tests that check
the page asks a fixed number of queries and still shows everything."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import OrganisationFactory, TeamFactory
from wegweiser.appointments.models import Appointment
from wegweiser.appointments.tests.factories import (
    AppointmentFactory,
    ContactConsentFactory,
    in_days,
)
from wegweiser.cases.models import (
    Case,
    CaseStatusChange,
    Plan,
    PlanGoal,
    PlanReview,
    PlanStep,
)
from wegweiser.cases.tests.factories import NextStepFactory, NoteFactory
from wegweiser.core.audit import acting_as
from wegweiser.courses.models import AttendanceRecord, ExamResult
from wegweiser.courses.tests.factories import (
    EnrolmentFactory,
    EntitlementFactory,
    LevelRecordFactory,
    WaitingEntryFactory,
)
from wegweiser.documents.models import Document
from wegweiser.jobs.models import JobProposal, Placement
from wegweiser.jobs.tests.factories import EmployerFactory, ExperienceFactory, VacancyFactory
from wegweiser.letters.tests.factories import LetterFactory
from wegweiser.partners.models import Referral
from wegweiser.partners.tests.factories import PartnerFactory
from wegweiser.people.models import (
    Consent,
    HouseholdLink,
    NameSpelling,
    PersonLanguage,
    PersonReference,
)
from wegweiser.people.tests.factories import (
    ConsentFactory,
    PersonFactory,
    ResidenceStatusFactory,
)
from wegweiser.recognition.tests.factories import (
    AuthorityFactory,
    OccupationFactory,
    ProcedureFactory,
    QualificationFactory,
)

LANGUAGES = ["ar", "en", "fr", "ru", "tr", "fa", "ku", "uk", "ps", "ti", "so", "es"]
REFERENCE_KINDS = [kind for kind, _label in PersonReference.Kind.choices]


def grow_every_kind(case: Case, caseworker: User, size: int) -> None:
    """`size` records of every kind on the person page: notes with next steps, open steps,
    status changes, residence titles, consents, spellings, languages, references, household
    members, plan versions with goals, steps and reviews, appointments (some missed, some of
    another team), contact consents, letters, documents, referrals, entitlements, waiting
    entries, enrolments with attendance and exam results, German levels, qualifications,
    recognition procedures, experiences, job proposals and placements."""
    person = case.person
    today = timezone.localdate()
    occupation: Any = OccupationFactory()
    employer: Any = EmployerFactory()
    partner: Any = PartnerFactory()
    authority: Any = AuthorityFactory()
    other_team = TeamFactory(organisation=case.team.organisation)
    for i in range(size):
        note = NoteFactory(case=case, author=caseworker, date=today - dt.timedelta(days=i))
        NextStepFactory(case=case, note=note, owner=caseworker, due_on=today + dt.timedelta(i))
        NextStepFactory(case=case, owner=caseworker, due_on=today - dt.timedelta(days=i))
        ResidenceStatusFactory(person=person, valid_from=dt.date(2020 + i % 5, 1, 1 + i))
        consent: Any = ConsentFactory(
            person=person,
            purpose=Consent.Purpose.JOB_PLACEMENT,
            recipient=employer.organisation,
            recorded_by=caseworker,
        )
        ConsentFactory(person=person, recipient=OrganisationFactory(), recorded_by=caseworker)
        LevelRecordFactory(person=person)
        ExperienceFactory(person=person, occupation=occupation)
        EntitlementFactory(person=person)
        WaitingEntryFactory(
            person=person,
            status="waiting" if i == 0 else "closed",
            closing_reason="" if i == 0 else "moved",
            closed_on=None if i == 0 else today,
        )
        enrolment: Any = EnrolmentFactory(person=person)
        qualification: Any = QualificationFactory(person=person, occupation=occupation)
        procedure: Any = ProcedureFactory(
            person=person,
            qualification=qualification,
            reference_occupation=occupation,
            authority=authority,
        )
        missed = Appointment.Outcome.MISSED if i % 2 else ""
        appointment = AppointmentFactory(case=case, starts_at=in_days(i - size), outcome=missed)
        AppointmentFactory(case=case, starts_at=in_days(i + 1))
        AppointmentFactory(case=case, team=other_team, starts_at=in_days(-i - 1))
        LetterFactory(case=case, made_by=caseworker, appointment=appointment)
        vacancy: Any = VacancyFactory(employer=employer, occupation=occupation)
        relative: Any = PersonFactory(organisation=person.organisation)
        with transaction.atomic(), acting_as(None):
            if i < 2:
                ContactConsentFactory(
                    person=person, channel=["email", "sms"][i], recorded_by=caseworker
                )
            ContactConsentFactory(
                person=person,
                channel="email",
                withdrawn_on=today - dt.timedelta(days=i),
                recorded_by=caseworker,
            )
            NameSpelling.objects.create(
                person=person, family_name=f"Spelling {i}", source=NameSpelling.Source.PASSPORT
            )
            PersonLanguage.objects.create(person=person, language=LANGUAGES[i], level="B1")
            if i < len(REFERENCE_KINDS):
                PersonReference.objects.create(
                    person=person,
                    kind=REFERENCE_KINDS[i],
                    value=f"RF-{i:06d}",
                    search_key=f"rf{i:06d}",
                )
            HouseholdLink.objects.create(person=person, relative=relative, relation="child")
            CaseStatusChange.objects.create(
                case=case,
                from_status="intake",
                to_status="active",
                changed_at=timezone.now() - dt.timedelta(days=i),
            )
            AttendanceRecord.objects.create(
                enrolment=enrolment,
                month=today.replace(day=1),
                percent=Decimal("90.0"),
                recorded_by=caseworker,
            )
            ExamResult.objects.create(
                person=person,
                enrolment=enrolment,
                exam="dtz",
                taken_on=today - dt.timedelta(days=i),
                level_reached="B1",
                recorded_by=caseworker,
            )
            proposal = JobProposal.objects.create(
                person=person,
                vacancy=vacancy,
                employer=employer,
                consent=consent,
                proposed_by=caseworker,
                proposed_on=today - dt.timedelta(days=i),
                updated_on=today,
            )
            Placement.objects.create(
                person=person,
                employer=employer,
                occupation=occupation,
                proposal=proposal,
                starts_on=today - dt.timedelta(days=30 + i),
                contract="permanent",
                hours="full_time",
                recorded_by=caseworker,
            )
            Document.objects.create(
                person=person,
                kind="certificate",
                title=f"Zeugnis {i}",
                file=f"{person.pk}/document-{i}.pdf",
                content_type="application/pdf",
                size=1000,
                sha256=f"{i:064d}",
                uploaded_by=caseworker,
                qualification=qualification,
                procedure=procedure,
                consent=consent,
            )
            Referral.objects.create(
                person=person,
                partner=partner,
                purpose="counselling",
                consent=consent if i % 2 else None,
                legal_basis="" if i % 2 else "§ 16a SGB II",
                drafted_on=today - dt.timedelta(days=i),
                created_by=caseworker,
            )
            # The plan: versions superseded one after the other, the last one agreed, each
            # with a goal, steps and a review.
            status = Plan.Status.AGREED if i == size - 1 else Plan.Status.SUPERSEDED
            plan = Plan.objects.create(
                case=case,
                version=i + 1,
                status=status,
                integration_goal=f"Ziel {i}",
                agreed_on=today - dt.timedelta(days=size - i),
                review_due_on=today + dt.timedelta(days=90),
                created_by=caseworker,
            )
            goal = PlanGoal.objects.create(plan=plan, area="work", description="Arbeit")
            for who in ("person", "caseworker"):
                PlanStep.objects.create(
                    goal=goal, description="Bewerben", who=who, due_on=today, status="open"
                )
            PlanReview.objects.create(plan=plan, reviewed_by=caseworker)
