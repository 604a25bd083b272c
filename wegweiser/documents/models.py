"""Documents kept for a person: copies of passports and permits, certificates and their
translations, recognition notices, CVs, signed consent forms. The files live in the storage
named "documents" (outside the web root; see docs/documents.md), never under static files."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from wegweiser.core.audit import AuditedModel
from wegweiser.people.models import Consent, Person
from wegweiser.recognition.models import Qualification, RecognitionProcedure

STORAGE_ALIAS = "documents"


def document_storage() -> Storage:
    """The configured storage for documents (a directory under the data directory by
    default, or an S3-compatible store through django-storages)."""
    return storages[STORAGE_ALIAS]


class Document(AuditedModel):
    class Kind(models.TextChoices):
        ID_COPY = "id_copy", _("copy of passport or ID card")
        RESIDENCE_PERMIT = "residence_permit", _("residence permit")
        CERTIFICATE = "certificate", _("certificate")
        TRANSLATION = "translation", _("translation of a certificate")
        RECOGNITION_NOTICE = "recognition_notice", _("recognition notice")
        CV = "cv", _("CV")
        CONSENT_FORM = "consent_form", _("signed consent form")
        OTHER = "other", _("other document")

    WRITABLE = (
        "kind",
        "title",
        "language",
        "document_date",
        "qualification",
        "procedure",
        "consent",
    )
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "title": "personal",
        "language": "personal",
        "document_date": "personal",
        "qualification": "identifier",
        "procedure": "identifier",
        "consent": "identifier",
        "file": "personal",
        "preview": "personal",
        "original_name": "personal",
        "content_type": "internal",
        "size": "internal",
        "sha256": "internal",
        "uploaded_by": "internal",
        "uploaded_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("kind of document"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("description"), max_length=200, blank=True)
    language = models.CharField(
        _("language of the document"),
        max_length=8,
        choices=settings.SPOKEN_LANGUAGES,
        blank=True,
    )
    document_date = models.DateField(_("date of the document"), null=True, blank=True)
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    procedure = models.ForeignKey(
        RecognitionProcedure,
        verbose_name=_("recognition procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
    )
    file = models.FileField(_("file"), storage=document_storage, max_length=200)
    preview = models.FileField(_("preview"), storage=document_storage, max_length=200, blank=True)
    original_name = models.CharField(_("file name when uploaded"), max_length=200, blank=True)
    content_type = models.CharField(_("file type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "sha256"], name="document_once_per_person")
        ]

    @staticmethod
    def storage() -> Storage:
        """Where the files are, as the fields hold it: uploads, downloads and deletions use this
        one instance (the alias is resolved once, when the model is loaded)."""
        return Document._meta.get_field("file").storage

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        for name in ("qualification", "procedure", "consent"):
            linked = getattr(self, name)
            if linked is not None and linked.person_id != self.person_id:
                errors[name] = _("This record belongs to another person.")
        if errors:
            raise ValidationError(errors)


@receiver(post_delete, sender=Document)
def _remove_files(sender: type[Document], instance: Document, **kwargs: Any) -> None:
    """A deleted document's file and preview leave the storage once the deletion is committed
    (a rolled-back deletion keeps them)."""
    names = [name for name in (instance.file.name, instance.preview.name) if name]

    def remove() -> None:
        storage = Document.storage()
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)
