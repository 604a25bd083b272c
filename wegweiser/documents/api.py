from __future__ import annotations

import datetime as dt

from django.http import HttpResponse
from ninja import Router, Schema

from wegweiser.core.downloads import stored_file
from wegweiser.core.types import AuthedRequest
from wegweiser.people.selectors import person_get_for_user

from . import selectors
from .file_checks import CONTENT_TYPES

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    person_id: int
    kind: str
    title: str
    language: str
    document_date: dt.date | None
    content_type: str
    size: int
    sha256: str
    has_preview: bool
    qualification_id: int | None
    procedure_id: int | None
    consent_id: int | None
    uploaded_at: dt.datetime

    @staticmethod
    def resolve_has_preview(obj: object) -> bool:
        return bool(getattr(obj, "preview", None))


@router.get("/persons/{person_id}", response=list[DocumentOut])
def list_person_documents(request: AuthedRequest, person_id: int) -> list:
    person = person_get_for_user(user=request.user, pk=person_id, purpose="api_documents")
    return selectors.documents_for_person(user=request.user, person=person)


@router.get("/{document_id}", response=DocumentOut)
def get_document(request: AuthedRequest, document_id: int) -> object:
    return selectors.document_get_for_user(
        user=request.user, pk=document_id, purpose="api_document"
    )


FILE_RESPONSE = {
    200: {
        "description": "The file as uploaded",
        "content": {
            content_type: {"schema": {"type": "string", "format": "binary"}}
            for content_type in CONTENT_TYPES.values()
        },
    }
}


@router.get("/{document_id}/file", openapi_extra={"responses": FILE_RESPONSE})
def download_document(request: AuthedRequest, document_id: int) -> HttpResponse:
    """The file itself, as uploaded (its type checked by content at upload)."""
    document, handle = selectors.document_open(user=request.user, pk=document_id)
    return stored_file(
        handle,
        filename=selectors.document_filename(document),
        content_type=document.content_type,
    )
