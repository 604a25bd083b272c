"""The person page's reads in one selector: everything its sections show, each list read once
(the timeline and the sections share what they both show) and each read recorded in the audit
log as the section's own selector records it.

A module of its own because it reads through the selectors of the apps whose sections the page
shows, and those import `people.selectors` for the person's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.appointments.selectors import PersonAppointments, person_appointments
from wegweiser.cases.models import Case, NextStep, Orientation
from wegweiser.cases.selectors import (
    PlanPanel,
    TimelineRecords,
    case_next_steps,
    case_plans,
    case_timeline,
    may_see_health_data,
    open_steps_of,
    plan_panel,
)
from wegweiser.courses.selectors import PersonCourses, person_courses_of, person_enrolments
from wegweiser.documents.models import Document
from wegweiser.documents.selectors import documents_for_person
from wegweiser.letters.models import Letter
from wegweiser.letters.selectors import letters_for_case
from wegweiser.partners.models import Referral
from wegweiser.partners.selectors import referrals_for_person
from wegweiser.recognition.selectors import (
    PersonRecognition,
    person_qualifications,
    person_recognition_of,
)

from .models import Person, PersonReference, ResidenceStatus
from .selectors import (
    HouseholdMember,
    household_of,
    latest_residence,
    person_page_get_for_user,
    person_references,
)

TIMELINE_PAGE_SIZE = 50  # entries of the timeline per page, newest first


@dataclass
class PersonPage:
    """What the person page shows. The sections of the case (plan, courses, recognition,
    referrals, documents, timeline, appointments, letters) only when the person has a case."""

    person: Person
    residence: ResidenceStatus | None
    residence_expiring: bool
    residence_expired: bool
    household: list[HouseholdMember]
    references: list[PersonReference]
    case: Case | None = None
    orientation: Orientation | None = None
    show_health: bool = False
    steps: list[NextStep] = field(default_factory=list)
    timeline: Page | None = None
    plan: PlanPanel | None = None
    courses: PersonCourses | None = None
    recognition: PersonRecognition | None = None
    referrals: list[Referral] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    appointments: PersonAppointments | None = None
    letters: list[Letter] = field(default_factory=list)


def person_page(*, user: User, pk: int, timeline_page: int | str | None = 1) -> PersonPage:
    """The person's page for a user who may see them (404 otherwise), with one page of the
    timeline (`TIMELINE_PAGE_SIZE` entries, newest first)."""
    person = person_page_get_for_user(user=user, pk=pk)
    page = person_sections(person=person)
    case: Case | None = getattr(person, "case", None)
    if case is None:
        return page
    page.case = case
    page.orientation = getattr(case, "orientation", None)
    page.show_health = may_see_health_data(user=user, case=case)
    # Read once, shown twice: in their sections and in the timeline.
    steps = case_next_steps(case=case)
    plans = case_plans(case=case)
    enrolments = person_enrolments(person=person)
    qualifications = person_qualifications(person=person)
    page.documents = documents_for_person(user=user, person=person)
    page.steps = open_steps_of(steps)
    page.plan = plan_panel(user=user, case=case, plans=plans)
    page.courses = person_courses_of(user=user, person=person, enrolments=enrolments)
    page.recognition = person_recognition_of(
        user=user, person=person, qualifications=qualifications
    )
    page.referrals = referrals_for_person(user=user, person=person)
    page.appointments = person_appointments(user=user, person=person)
    page.letters = letters_for_case(user=user, case=case)
    records = TimelineRecords(
        plans=plans,
        next_steps=steps,
        enrolments=enrolments,
        qualifications=qualifications,
        documents=page.documents,
    )
    timeline = case_timeline(case=case, user=user, records=records)
    page.timeline = Paginator(timeline, TIMELINE_PAGE_SIZE).get_page(timeline_page)
    return page


def person_sections(*, person: Person) -> PersonPage:
    """The person's own sections (residence, household, reference numbers) of a person the
    caller has read for the user; for the page and for a section opened or saved inline."""
    residence = latest_residence(person)
    today = timezone.localdate()
    return PersonPage(
        person=person,
        residence=residence,
        residence_expiring=residence is not None
        and residence.expires_within(settings.WEGWEISER_TITLE_EXPIRY_WARNING_DAYS, today),
        residence_expired=_expired(residence, today),
        household=household_of(person=person),
        references=person_references(person=person),
    )


def _expired(residence: ResidenceStatus | None, today: dt.date) -> bool:
    return (
        residence is not None
        and residence.valid_until is not None
        and (residence.valid_until < today)
    )
