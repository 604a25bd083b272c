from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .selectors import (
    CourseFilters,
    PersonCourses,
    course_catalogue,
    course_get_for_user,
    course_participants,
    person_courses,
)

router = Router(tags=["courses"])


class CourseOut(Schema):
    id: int
    title: str
    kind: str
    provider_id: int
    provider: str
    municipality: str
    bamf_number: str
    starts_on: dt.date
    ends_on: dt.date
    time_of_day: str
    weekdays: str
    units: int
    seats: int
    free: int
    childcare: bool
    entry_level: str
    target_level: str

    @staticmethod
    def resolve_provider(obj: object) -> str:
        return str(getattr(obj, "provider", ""))

    @staticmethod
    def resolve_municipality(obj: object) -> str:
        return str(obj.location.municipality)  # type: ignore[attr-defined]


class AttendanceOut(Schema):
    month: dt.date
    percent: Decimal


class ExamOut(Schema):
    id: int
    exam: str
    taken_on: dt.date
    level_reached: str
    points: int | None
    certificate: str


class ParticipantOut(Schema):
    enrolment_id: int
    person_id: int
    given_names_latin: str
    family_name_latin: str
    status: str
    attendance: list[AttendanceOut]
    exams: list[ExamOut]


class EntitlementOut(Schema):
    id: int
    kind: str
    issuer: str
    issued_on: dt.date
    valid_until: dt.date | None


class WaitingOut(Schema):
    id: int
    kind: str
    municipality_id: int
    registered_on: dt.date
    status: str


class EnrolmentOut(Schema):
    id: int
    course_id: int
    status: str
    offered_on: dt.date
    status_changed_on: dt.date
    attendance: list[AttendanceOut]


class LevelOut(Schema):
    level: str
    on: dt.date | None
    source: str
    tested: bool


class PersonCoursesOut(Schema):
    person_id: int
    current_level: str
    integration_certificate: bool
    entitlements: list[EntitlementOut]
    waiting: list[WaitingOut]
    enrolments: list[EnrolmentOut]
    exams: list[ExamOut]
    levels: list[LevelOut]


@router.get("/", response=list[CourseOut])
def list_courses(request: AuthedRequest, kind: str = "", page: int = 1) -> list:
    filters = CourseFilters(kind=kind[:32])
    return list(course_catalogue(user=request.user, filters=filters, page=page))


@router.get("/persons/{person_id}", response=PersonCoursesOut)
def get_person_courses(request: AuthedRequest, person_id: int) -> dict:
    data: PersonCourses = person_courses(user=request.user, pk=person_id)
    return {
        "person_id": data.person.pk,
        "current_level": data.current_level,
        "integration_certificate": data.integration_certificate,
        "entitlements": data.entitlements,
        "waiting": data.waiting,
        "enrolments": [
            {
                "id": e.pk,
                "course_id": e.course_id,
                "status": e.status,
                "offered_on": e.offered_on,
                "status_changed_on": e.status_changed_on,
                "attendance": list(e.attendance.all()),
            }
            for e in data.enrolments
        ],
        "exams": data.exams,
        "levels": [
            {"level": h.level, "on": h.on, "source": h.source, "tested": h.tested}
            for h in data.history
        ],
    }


@router.get("/{course_id}", response=CourseOut)
def get_course(request: AuthedRequest, course_id: int) -> object:
    return course_get_for_user(user=request.user, pk=course_id)


@router.get("/{course_id}/participants", response=list[ParticipantOut])
def list_participants(request: AuthedRequest, course_id: int) -> list:
    course = course_get_for_user(user=request.user, pk=course_id)
    return [
        {
            "enrolment_id": e.pk,
            "person_id": e.person_id,
            "given_names_latin": e.person.given_names_latin,
            "family_name_latin": e.person.family_name_latin,
            "status": e.status,
            "attendance": list(e.attendance.all()),
            "exams": list(e.exam_results.all()),
        }
        for e in course_participants(user=request.user, course=course)
    ]
