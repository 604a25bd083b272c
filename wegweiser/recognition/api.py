"""Read-only API: a person's foreign qualifications and recognition procedures (scoped to
the user's teams, 404 outside, the read audited like the page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .models import Qualification
from .selectors import PersonRecognition, person_recognition

router = Router(tags=["recognition"])


class QualificationOut(Schema):
    id: int
    kind: str
    country: str
    title_original: str
    title_german: str
    institution: str
    year_from: int | None
    year_to: int | None
    isced_level: str
    dqr_level: int | None
    occupation_id: int | None
    has_original: bool
    has_certified_translation: bool

    @staticmethod
    def resolve_country(obj: Qualification) -> str:
        return str(obj.country)  # the ISO code


class ProcedureOut(Schema):
    id: int
    qualification_id: int | None
    reference_occupation_id: int | None
    reference_title: str
    regulated: bool
    authority_id: int | None
    counselling_on: dt.date | None
    application_submitted_on: dt.date | None
    extended_until: dt.date | None
    decision_on: dt.date | None
    outcome: str
    measure: str
    completed_on: dt.date | None
    fee_amount: Decimal | None
    fee_payer: str


class PersonRecognitionOut(Schema):
    person_id: int
    qualifications: list[QualificationOut]
    procedures: list[ProcedureOut]


@router.get("/persons/{person_id}", response=PersonRecognitionOut)
def get_person_recognition(request: AuthedRequest, person_id: int) -> dict:
    data: PersonRecognition = person_recognition(user=request.user, pk=person_id)
    return {
        "person_id": data.person.pk,
        "qualifications": data.qualifications,
        "procedures": data.procedures,
    }
