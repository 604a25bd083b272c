"""Documents of a person: checked by content, kept once, downloaded only in scope, audited,
erased with the person file."""

from __future__ import annotations

import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from wegweiser.core.models import AuditEntry
from wegweiser.demo.documents import synthetic_pdf, synthetic_photo
from wegweiser.documents import file_checks
from wegweiser.documents.models import Document, document_storage

pytestmark = pytest.mark.django_db


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def image_bomb() -> bytes:
    """A PNG of a few hundred bytes whose header announces 20000 x 20000 pixels."""
    header = struct.pack(">IIBBBBB", 20000, 20000, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 25010))
        + _png_chunk(b"IEND", b"")
    )


def upload(client, person, content: bytes, name: str, **extra):
    data = {"kind": "certificate", "title": "Zeugnis", "language": "ar", **extra}
    data["file"] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("documents:person", args=[person.pk]), data)


def test_caseworker_uploads_a_phone_photo_and_downloads_it_again(client, case, caseworker):
    client.force_login(caseworker)
    photo = synthetic_photo(["Zeugnis"], fmt="JPEG")
    response = upload(client, case.person, photo, "IMG_0001.jpg")
    assert response.status_code == 302
    document = Document.objects.get(person=case.person)
    assert document.content_type == "image/jpeg" and document.uploaded_by == caseworker
    assert document.preview.name  # a thumbnail was made on upload

    page = client.get(reverse("people:detail", args=[case.person.pk])).content.decode()
    assert reverse("documents:download", args=[document.pk]) in page

    download = client.get(reverse("documents:download", args=[document.pk]))
    assert download.status_code == 200
    assert download.content == photo
    assert download["Content-Type"] == "image/jpeg"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in download["Content-Disposition"]
    preview = client.get(reverse("documents:preview", args=[document.pk]))
    assert preview.status_code == 200 and preview.content.startswith(b"\xff\xd8\xff")


def test_a_heic_photo_from_a_phone_is_kept_with_a_preview(client, case, caseworker):
    client.force_login(caseworker)
    photo = synthetic_photo(["Zeugnis"], fmt="HEIF")
    assert upload(client, case.person, photo, "IMG_0002.HEIC").status_code == 302
    document = Document.objects.get(person=case.person)
    assert document.content_type == "image/heic"
    assert client.get(reverse("documents:download", args=[document.pk])).content == photo
    preview = client.get(reverse("documents:preview", args=[document.pk]))
    assert preview.content.startswith(b"\xff\xd8\xff")


def test_download_writes_an_audit_read_entry(client, case, caseworker):
    client.force_login(caseworker)
    upload(client, case.person, synthetic_pdf(["Zeugnis"]), "zeugnis.pdf")
    document = Document.objects.get()
    reads = AuditEntry.objects.filter(
        action="read", object_type="documents.document", object_id=str(document.pk)
    )
    assert not reads.filter(purpose="document_download").exists()
    client.get(reverse("documents:download", args=[document.pk]))
    entry = reads.get(purpose="document_download")
    assert entry.actor == caseworker and entry.person_id == case.person.pk
    created = AuditEntry.objects.get(action="create", object_type="documents.document")
    assert "file" in created.fields and "Zeugnis" not in str(created.fields)


def test_another_teams_caseworker_gets_404_for_the_download(
    client, case, caseworker, other_caseworker
):
    client.force_login(caseworker)
    upload(client, case.person, synthetic_photo(["Zeugnis"]), "zeugnis.jpg")
    document = Document.objects.get()
    client.force_login(other_caseworker)
    for name in ("documents:download", "documents:preview"):
        assert client.get(reverse(name, args=[document.pk])).status_code == 404
    assert client.post(reverse("documents:delete", args=[document.pk])).status_code == 404
    assert client.get(reverse("api:download_document", args=[document.pk])).status_code == 404
    assert not AuditEntry.objects.filter(
        action="read", object_type="documents.document", actor=other_caseworker
    ).exists()
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 400, "zeugnis.pdf", "is a program"),
        (synthetic_pdf(["Zeugnis"])[:200], "zeugnis.pdf", "PDF is damaged"),
        (image_bomb(), "foto.png", "more than 64 megapixels"),
        (b"Name;Vorname\nMuster;Max\n", "liste.jpg", "checked by their content"),
    ],
    ids=["renamed-exe", "broken-pdf", "image-bomb", "text-as-jpeg"],
)
def test_a_refused_file_gets_a_message_at_the_field_and_nothing_is_kept(
    client, case, caseworker, content, name, message
):
    client.force_login(caseworker)
    response = upload(client, case.person, content, name)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert 'id="id_file_error"' in response.content.decode()
    assert not Document.objects.exists()
    assert not AuditEntry.objects.filter(object_type="documents.document", action="create")


def test_an_oversize_file_is_refused(client, case, caseworker):
    client.force_login(caseworker)
    too_big = b"%PDF-1.4\n" + b"0" * file_checks.MAX_BYTES
    response = upload(client, case.person, too_big, "scan.pdf")
    assert response.status_code == 422
    assert "larger than 20 MB" in response.content.decode()
    assert not Document.objects.exists()
    with pytest.raises(file_checks.FileRefused) as refused:
        file_checks.inspect(too_big)
    assert refused.value.code == "too_large"


def test_a_duplicate_upload_is_offered_as_the_existing_document(client, case, caseworker):
    client.force_login(caseworker)
    pdf = synthetic_pdf(["Zeugnis"])
    upload(client, case.person, pdf, "zeugnis.pdf")
    existing = Document.objects.get()
    response = upload(client, case.person, pdf, "zeugnis-nochmal.pdf", kind="other")
    assert response.status_code == 422
    html = response.content.decode()
    assert "already kept for this person" in html
    assert reverse("documents:download", args=[existing.pk]) in html
    assert Document.objects.count() == 1


def test_a_deleted_document_leaves_the_storage_and_the_audit_log_keeps_the_deletion(
    client, case, caseworker, django_capture_on_commit_callbacks
):
    client.force_login(caseworker)
    upload(client, case.person, synthetic_photo(["Zeugnis"]), "zeugnis.jpg")
    document = Document.objects.get()
    names = [document.file.name, document.preview.name]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("documents:delete", args=[document.pk]))
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert not any(document_storage().exists(name) for name in names)
    assert AuditEntry.objects.filter(
        action="delete", object_type="documents.document", object_id=str(document.pk)
    ).exists()


def test_erasing_the_person_removes_their_files_and_subject_access_lists_them(
    client, case, caseworker, team_lead, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.db import transaction

    from wegweiser.cases.models import Case
    from wegweiser.core.audit import acting_as
    from wegweiser.gdpr.selectors import subject_access, subject_access_export
    from wegweiser.gdpr.services import person_erase

    client.force_login(caseworker)
    upload(client, case.person, synthetic_pdf(["Zeugnis"]), "zeugnis.pdf")
    document = Document.objects.get()
    report = subject_access(user=team_lead, pk=case.person.pk)
    section = next(s for s in report.sections if s.key == "documents.document")
    assert [record.id for record in section.records] == [document.pk]
    export = subject_access_export(user=team_lead, pk=case.person.pk, fmt="json")
    assert b"documents.document" in export.content

    case.status, case.closing_reason, case.closed_on = Case.Status.CLOSED, "moved", dt.date.today()
    with transaction.atomic(), acting_as(None):
        case.save()
    with django_capture_on_commit_callbacks(execute=True):
        erasure = person_erase(actor=team_lead, person=case.person, reason="request")
    assert not Document.objects.exists()
    assert not document_storage().exists(document.file.name)
    assert erasure.counts["documents.document"] == 1


def test_a_record_of_another_person_cannot_be_linked(client, case, caseworker):
    from wegweiser.recognition.tests.factories import QualificationFactory

    other_qualification = QualificationFactory()
    client.force_login(caseworker)
    response = upload(
        client,
        case.person,
        synthetic_pdf(["Zeugnis"]),
        "zeugnis.pdf",
        qualification=other_qualification.pk,
    )
    assert response.status_code == 422
    assert not Document.objects.exists()


def test_the_timeline_lists_documents(client, case, caseworker):
    client.force_login(caseworker)
    upload(client, case.person, synthetic_pdf(["Zeugnis"]), "zeugnis.pdf", title="Bachelor")
    page = client.get(reverse("people:detail", args=[case.person.pk])).content.decode()
    timeline = page[page.index('id="timeline"') :]
    assert "Bachelor" in timeline


def test_the_api_lists_a_persons_documents_in_scope_only(
    client, case, caseworker, other_caseworker
):
    client.force_login(caseworker)
    upload(client, case.person, synthetic_pdf(["Zeugnis"]), "zeugnis.pdf")
    listed = client.get(reverse("api:list_person_documents", args=[case.person.pk])).json()
    assert [d["kind"] for d in listed] == ["certificate"]
    assert listed[0]["has_preview"] is False
    client.force_login(other_caseworker)
    response = client.get(reverse("api:list_person_documents", args=[case.person.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("language", ["de", "en", "ar", "uk"])
def test_upload_and_download_read_differently_in_every_language(language):
    # In Ukrainian "завантажити" means both; a caseworker must tell the two buttons apart.
    with translation.override(language):
        upload_label = translation.gettext("Upload").casefold()
        download_label = translation.gettext("download").casefold()
    assert upload_label != download_label
