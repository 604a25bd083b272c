from __future__ import annotations

import datetime as dt

from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .selectors import PersonFilters, person_get_for_user, person_references, person_search

router = Router(tags=["people"])


class PersonOut(Schema):
    id: int
    given_names_latin: str
    family_name_latin: str
    given_names_original: str
    family_name_original: str
    original_script: str
    date_of_birth: dt.date | None
    dob_precision: str
    dob_placeholder: bool
    sex: str
    nationality_status: str
    nationalities: list[str]

    @staticmethod
    def resolve_nationalities(obj: object) -> list[str]:
        return [c.code for c in getattr(obj, "nationalities", [])]


@router.get("/", response=list[PersonOut])
def list_people(request: AuthedRequest, q: str = "", page: int = 1) -> list:
    return list(person_search(user=request.user, filters=PersonFilters(q=q[:100]), page=page))


@router.get("/{person_id}", response=PersonOut)
def get_person(request: AuthedRequest, person_id: int) -> object:
    return person_get_for_user(user=request.user, pk=person_id, purpose="api_person")


class ReferenceOut(Schema):
    kind: str
    value: str


@router.get("/{person_id}/references", response=list[ReferenceOut])
def get_person_references(request: AuthedRequest, person_id: int) -> list:
    """The numbers other authorities file the person under (job centre, immigration office,
    AZR, BAMF, tax office)."""
    person = person_get_for_user(user=request.user, pk=person_id, purpose="api_references")
    return person_references(person=person)
