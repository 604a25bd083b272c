"""Reads of documents: scoped to the persons the user may see (404 outside), always audited."""

from __future__ import annotations

from typing import IO

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.request_memo import once
from wegweiser.people.models import Person
from wegweiser.people.selectors import persons_visible_to

from .file_checks import CONTENT_TYPES, EXTENSIONS
from .models import Document


def documents_visible_to(user: User) -> QuerySet[Document]:
    return Document.objects.filter(person__in=persons_visible_to(user))


def documents_for_person(*, user: User, person: Person) -> list[Document]:
    """The person's documents, newest first; the list read is audited with the ids shown."""

    def read() -> list[Document]:
        documents = list(
            documents_visible_to(user)
            .filter(person=person)
            .select_related("uploaded_by", "qualification", "procedure", "consent__recipient")
        )
        audit_list(
            actor=user, model=Document, ids=[d.pk for d in documents], purpose="person_documents"
        )
        return documents

    return once(f"documents.for_person:{user.pk}:{person.pk}", read)


def document_get_for_user(*, user: User, pk: int, purpose: str = "document_view") -> Document:
    document = get_object_or_404(documents_visible_to(user).select_related("person"), pk=pk)
    audit_read(actor=user, obj=document, purpose=purpose)
    return document


def document_open(*, user: User, pk: int, preview: bool = False) -> tuple[Document, IO[bytes]]:
    """The document's file (or its preview) for download, after the scope check; the read is
    audited before a byte leaves. A document without a preview answers 404 for it."""
    document = get_object_or_404(documents_visible_to(user).select_related("person"), pk=pk)
    stored = document.preview if preview else document.file
    if not stored.name:
        raise Http404
    try:
        handle = stored.storage.open(stored.name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing
    audit_read(
        actor=user, obj=document, purpose="document_preview" if preview else "document_download"
    )
    return document, handle


def document_filename(document: Document) -> str:
    """The download's name: the uploaded name's stem with the extension of the real type."""
    kind = next((k for k, v in CONTENT_TYPES.items() if v == document.content_type), "pdf")
    stem = document.original_name.rsplit(".", 1)[0].strip() or f"document-{document.pk}"
    return f"{stem[:100]}{EXTENSIONS[kind]}"
