from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .selectors import case_get_for_user, my_cases_page

router = Router(tags=["cases"])


class CaseOut(Schema):
    id: int
    person_id: int
    status: str
    legal_domain: str
    team_id: int
    caseworker_id: int | None
    opened_on: dt.date
    closed_on: dt.date | None
    closing_reason: str


@router.get("/mine", response=list[CaseOut])
def my_cases(request: AuthedRequest) -> list:
    cases, _attention = my_cases_page(user=request.user)
    return cases


@router.get("/{case_id}", response=CaseOut)
def get_case(request: AuthedRequest, case_id: int) -> object:
    return case_get_for_user(user=request.user, pk=case_id, purpose="api_case")
