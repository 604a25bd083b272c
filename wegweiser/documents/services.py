"""Writes of documents: upload (checked by content, once per person) and deletion. Each runs in
one transaction; the audit entries follow by signal (field names and ids, never the file)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.audit import service
from wegweiser.core.forms import writable_fields
from wegweiser.people.models import Person

from . import file_checks
from .models import Document


def refusal_message(code: str) -> str:
    """The translated reason a file was refused."""
    messages = {
        "empty": _("The file is empty."),
        "too_large": _(
            "The file is larger than 20 MB. Scan it with a lower resolution or split it."
        ),
        "type": _(
            "Only PDF, JPEG, PNG, WebP and HEIC files can be kept (checked by their content, "
            "not their name)."
        ),
        "program": _("This file is a program, not a document, and is refused."),
        "broken_pdf": _("This PDF is damaged and cannot be read. Save or scan it again."),
        "encrypted_pdf": _("This PDF is protected by a password. Save it without the protection."),
        "broken_image": _(
            "This image is damaged or not what its first bytes claim. Take the photo again."
        ),
        "image_bomb": _(
            "This image has more than 64 megapixels and is refused. Send a smaller photo."
        ),
    }
    return messages.get(code, messages["type"])


class DuplicateDocument(ValidationError):
    """The same file (by SHA-256) is already kept for the person; `existing` is that one."""

    def __init__(self, existing: Document) -> None:
        super().__init__(
            {
                "file": _("This file is already kept for this person (uploaded on %(date)s).")
                % {"date": existing.uploaded_at.date().isoformat()}
            }
        )
        self.existing = existing


def _stored_name(person: Person, suffix: str) -> str:
    """A name in the storage that says nothing about the person or the file's original name."""
    return f"{person.pk}/{uuid.uuid4().hex}{suffix}"


@service
def document_upload(
    *,
    actor: User,
    person: Person,
    content: bytes,
    original_name: str = "",
    **data: Any,
) -> Document:
    """Keep a file for the person. Refused with a message at the file field when its content
    is not an allowed type, too large, broken, an image bomb, or already kept for the person
    (`DuplicateDocument` names the existing one)."""
    try:
        checked = file_checks.inspect(content)
    except file_checks.FileRefused as refused:
        raise ValidationError({"file": refusal_message(refused.code)}) from refused
    existing = Document.objects.filter(person=person, sha256=checked.sha256).first()
    if existing is not None:
        raise DuplicateDocument(existing)
    document = Document(
        person=person,
        uploaded_by=actor,
        original_name=original_name[-200:],
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        **writable_fields(Document, data),
    )
    storage = Document.storage()
    saved: list[str] = []
    try:
        name = storage.save(_stored_name(person, checked.extension), ContentFile(content))
        saved.append(name)
        document.file.name = name
        if checked.is_image:
            thumb = file_checks.preview(content, checked.kind)
            preview_name = storage.save(_stored_name(person, "-preview.jpg"), ContentFile(thumb))
            saved.append(preview_name)
            document.preview.name = preview_name
        document.full_clean()
        document.save()
    except BaseException:
        for name in saved:  # nothing half-saved: no file without its row
            storage.delete(name)
        raise
    return document


@service
def document_delete(*, actor: User, document: Document) -> None:
    """Remove a document; the audit log keeps the deletion, the file leaves the storage when
    the transaction commits."""
    document.delete()
