from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from wegweiser.cases.selectors import case_get_for_user
from wegweiser.core.types import AuthedRequest

from .selectors import letters_for_case

router = Router(tags=["letters"])


class LetterOut(Schema):
    id: int
    case_id: int
    kind: str
    language: str
    date: dt.date
    made_by_id: int
    made_at: dt.datetime
    from_draft: bool
    appointment_id: int | None
    plan_id: int | None


@router.get("/cases/{case_id}", response=list[LetterOut])
def case_letters(request: AuthedRequest, case_id: int) -> list:
    """The letters made for a case (without the PDFs; download them on the letter page)."""
    case = case_get_for_user(user=request.user, pk=case_id, purpose="api_case_letters")
    return letters_for_case(user=request.user, case=case)
