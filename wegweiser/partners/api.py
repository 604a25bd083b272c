"""API: the partner directory (case work), a person's referrals (the team) and a referral
(the team, or the partner's staff while the consent stands); a partner's staff record the
next step. Scoped and audited like the pages (404 outside)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Router, Schema, Status

from wegweiser.core.types import AuthedRequest
from wegweiser.people.selectors import person_get_for_user

from . import services
from .models import Partner, Referral
from .selectors import (
    DirectoryFilters,
    partner_search,
    referral_get_for_user,
    referrals_for_person,
    shared_data,
)

router = Router(tags=["partners"])


class PartnerOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    services: list[str]
    languages: list[str]
    municipality_ids: list[int]
    email: str
    phone: str
    opening_hours: str
    channel: str

    @staticmethod
    def resolve_municipality_ids(obj: Partner) -> list[int]:
        return [m.pk for m in obj.municipalities.all()]


class SharedOut(Schema):
    label: str
    value: str


class ReferralOut(Schema):
    id: int
    partner_id: int
    purpose: str
    status: str
    drafted_on: dt.date
    sent_on: dt.date | None
    answered_on: dt.date | None
    started_on: dt.date | None
    ended_on: dt.date | None
    decline_reason: str
    feedback: str
    shared: list[SharedOut]

    @staticmethod
    def resolve_shared(obj: Referral) -> list[dict[str, str]]:
        return [{"label": item.label, "value": item.value} for item in shared_data(obj)]


class StepIn(Schema):
    status: str
    on: dt.date | None = None
    reason: str = ""
    feedback: str = ""


class ErrorOut(Schema):
    errors: dict[str, list[str]]


@router.get("/", response=list[PartnerOut])
def list_partners(
    request: AuthedRequest, need: str = "", language: str = "", municipality: int | None = None
) -> list[Partner]:
    if not request.user.works_cases:
        raise Http404
    filters = DirectoryFilters(need=need, language=language, municipality=municipality)
    return partner_search(user=request.user, filters=filters)


@router.get("/persons/{person_id}/referrals", response=list[ReferralOut])
def person_referrals(request: AuthedRequest, person_id: int) -> list[Referral]:
    person = person_get_for_user(user=request.user, pk=person_id, purpose="person_referrals")
    return referrals_for_person(user=request.user, person=person)


@router.get("/referrals/{referral_id}", response=ReferralOut)
def get_referral(request: AuthedRequest, referral_id: int) -> Referral:
    return referral_get_for_user(user=request.user, pk=referral_id)


@router.post("/referrals/{referral_id}/steps", response={200: ReferralOut, 422: ErrorOut})
def record_step(request: AuthedRequest, referral_id: int, data: StepIn) -> object:
    referral = referral_get_for_user(user=request.user, pk=referral_id, purpose="referral_step")
    try:
        return services.referral_record(
            actor=request.user,
            referral=referral,
            status=data.status,
            on=data.on,
            reason=data.reason,
            feedback=data.feedback,
        )
    except PermissionDenied as error:
        raise Http404 from error
    except ValidationError as error:
        return Status(422, {"errors": error.message_dict})
