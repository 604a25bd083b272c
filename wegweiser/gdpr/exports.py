"""The subject access report as a file: JSON (UTF-8, for transfer, Art. 20 GDPR) and PDF.

The PDF is rendered by WeasyPrint from a template, with the system's default sans-serif font
(which must cover Arabic and Cyrillic: DejaVu does) and no external resources: the fetcher
refuses every URL. WeasyPrint needs Pango and HarfBuzz from the system; it is imported only
when a PDF is asked for, so a server without them still serves everything else.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .subject import Section, SubjectAccess


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


def withheld_note() -> str:
    return _(
        "Special category of personal data, withheld for the user who produced this report. "
        "The assigned caseworker or a team lead can produce the report with it."
    )


def _section(section: Section) -> dict[str, Any]:
    data: dict[str, Any] = {
        "key": section.key,
        "title": section.title,
        "records": [
            {
                "id": record.id,
                "title": record.title,
                "fields": [
                    {"name": f.name, "label": f.label, "value": f.value} for f in record.fields
                ],
            }
            for record in section.records
        ],
    }
    if section.withheld:
        data["withheld"] = {"fields": section.withheld, "note": withheld_note()}
    return data


def report_data(report: SubjectAccess) -> dict[str, Any]:
    return {
        "report": _("Subject access report (Art. 15 and 20 GDPR)"),
        "generated_at": report.generated_at,
        "language": get_language(),
        "controller": report.controller,
        "produced_by": report.produced_by,
        "person": {"id": report.person.pk, "name": report.person.display_name},
        "special_categories_included": report.special_included,
        "sections": [_section(s) for s in report.sections],
        "recipients": [_section(s) for s in report.recipients],
        "reads": {
            "title": _("Who read or changed the file"),
            "counts": [
                {
                    "month": f"{row.month:%Y-%m}",
                    "organisation": row.organisation,
                    "role": row.role,
                    "action": row.action,
                    "count": row.count,
                }
                for row in report.reads
            ],
        },
    }


def as_json(report: SubjectAccess) -> bytes:
    text = json.dumps(report_data(report), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return text.encode("utf-8")


def _weasyprint() -> ModuleType:
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # the package, or Pango/HarfBuzz, is missing
        raise PdfUnavailable(str(error)) from error
    return weasyprint


def require_pdf() -> None:
    """Raise `PdfUnavailable` now rather than after the person's data was read."""
    _weasyprint()


def as_pdf(report: SubjectAccess) -> bytes:
    weasyprint = _weasyprint()
    html = render_to_string(
        "gdpr/subject_access_pdf.html", {"report": report, "withheld_note": withheld_note()}
    )
    no_fetching = weasyprint.URLFetcher(allowed_protocols=())
    pdf: bytes = weasyprint.HTML(string=html, url_fetcher=no_fetching).write_pdf()
    return pdf


FORMATS: dict[str, tuple[str, Callable[[SubjectAccess], bytes]]] = {
    "json": ("application/json; charset=utf-8", as_json),
    "pdf": ("application/pdf", as_pdf),
}
