"""Demo documents and reference numbers: small synthetic PDFs and photos of made-up
certificates (no real person, no real document), kept through the documents service, and
numbers of other authorities in the published shapes (tax IDs with a correct check digit).

Runs after the persons exist; deterministic for a seed; a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from typing import Any

from django.db import transaction
from PIL import Image, ImageDraw

from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.demo.accounts import DEMO_LOGINS
from wegweiser.documents import services as document_services
from wegweiser.documents.models import Document
from wegweiser.people import services as people_services
from wegweiser.people.models import PersonReference
from wegweiser.people.reference_numbers import tax_id_check_digit

DEMO_USERNAMES = {login.username for login in DEMO_LOGINS}
PERSONS_WITH_REFERENCES = 60
PERSONS_WITH_DOCUMENTS = 24
MARK = "SYNTHETISCH - DEMO - KEIN ECHTES DOKUMENT"


def synthetic_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with the given lines in Helvetica (Latin-1 text only), written by hand
    so the demo needs no PDF library: objects, cross-reference table and trailer."""
    text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
    for line in [MARK, *lines]:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text.append(f"({escaped}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def synthetic_photo(
    lines: list[str], *, fmt: str = "JPEG", size: tuple[int, int] = (640, 480)
) -> bytes:
    """A photo-like picture of a made-up certificate: paper on a table, the lines written on
    it. `fmt` is a Pillow format: JPEG, PNG, WEBP or HEIF (a phone's HEIC)."""
    image = Image.new("RGB", size, (92, 78, 64))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle(
        (width // 10, height // 12, width * 9 // 10, height * 11 // 12), fill=(246, 244, 236)
    )
    y = height // 12 + 16
    for line in [MARK, *lines]:
        draw.text((width // 10 + 16, y), line, fill=(20, 20, 40))
        y += 22
    out = io.BytesIO()
    image.save(out, format=fmt, quality=80)
    return out.getvalue()


def synthetic_tax_id(rng: random.Random) -> str:
    """A tax ID of the published shape: ten digits, the first not 0, one digit twice and the
    others once, then the ISO 7064 MOD 11,10 check digit."""
    while True:
        digits = rng.sample("0123456789", 9)
        digits.insert(rng.randrange(1, 10), digits[rng.randrange(9)])
        first_ten = "".join(digits)
        if first_ten[0] != "0":
            return first_ten + str(tax_id_check_digit(first_ten))


def _references(rng: random.Random, index: int) -> dict[str, str]:
    kind = PersonReference.Kind
    office = rng.choice(["53101", "53102"])
    values: dict[str, str] = {
        kind.CUSTOMER_NUMBER: f"{rng.randrange(100, 999)}D{rng.randrange(10**6):06d}",
        kind.BG_NUMBER: f"{office}BG{rng.randrange(10**7):07d}",
        kind.AZR_NUMBER: f"{rng.randrange(10**11, 10**12)}",
        kind.IMMIGRATION_FILE: f"32.1-{rng.randrange(1000, 99999)}/{rng.choice(['24', '25'])}",
    }
    if index % 3 == 0:
        values[kind.BAMF_COURSE_FILE] = f"{rng.randrange(10**6, 10**7)}-{rng.randrange(100, 999)}"
    if index % 4 == 0:
        values[kind.TAX_ID] = synthetic_tax_id(rng)
    return values


def _documents(rng: random.Random, index: int, name: str, today: dt.date) -> list[dict[str, Any]]:
    issued = today - dt.timedelta(days=rng.randrange(200, 4000))
    certificate = [f"Zeugnis / Certificate  {name}", f"Ausgestellt am {issued:%d.%m.%Y}"]
    documents: list[dict[str, Any]] = [
        {
            "content": synthetic_pdf([*certificate, "Berufsausbildung (erfunden)"]),
            "original_name": "zeugnis.pdf",
            "kind": Document.Kind.CERTIFICATE,
            "title": "Abschlusszeugnis",
            "language": "ar",
            "document_date": issued,
        },
        {
            "content": synthetic_pdf(["Lebenslauf / CV", name]),
            "original_name": "lebenslauf.pdf",
            "kind": Document.Kind.CV,
            "title": "",
            "language": "de",
            "document_date": today - dt.timedelta(days=rng.randrange(10, 300)),
        },
    ]
    photo_format, extension = ("HEIF", "heic") if index % 2 else ("JPEG", "jpg")
    documents.append(
        {
            "content": synthetic_photo(["Übersetzung des Zeugnisses", name], fmt=photo_format),
            "original_name": f"IMG_{4000 + index}.{extension}",
            "kind": Document.Kind.TRANSLATION,
            "title": "Foto vom Handy",
            "language": "de",
            "document_date": issued + dt.timedelta(days=30),
        }
    )
    return documents


def ensure_demo_documents(*, seed: int, today: dt.date) -> bool:
    """References for the demo caseworkers' first persons and documents for some of them;
    nothing when documents exist already. One audit entry for the run besides the services'."""
    if Document.objects.exists():
        return False
    rng = random.Random(seed + 31)
    cases = list(
        Case.objects.filter(caseworker__username__in=DEMO_USERNAMES)
        .exclude(status=Case.Status.CLOSED)
        .select_related("person", "caseworker")
        .order_by("id")[:PERSONS_WITH_REFERENCES]
    )
    with transaction.atomic():
        for index, case in enumerate(cases):
            actor = case.caseworker
            assert actor is not None
            for kind, value in _references(rng, index).items():
                people_services.person_reference_set(
                    actor=actor, person=case.person, kind=kind, value=value
                )
            if index >= PERSONS_WITH_DOCUMENTS:
                continue
            for data in _documents(rng, index, case.person.latin_name, today):
                document_services.document_upload(actor=actor, person=case.person, **data)
        with acting_as(None):
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="demo.documents",
                object_id=f"seed={seed}",
                fields=["documents.document", "people.personreference"],
                purpose="synthetic demo documents",
            )
    return bool(cases)
