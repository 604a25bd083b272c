"""Spreadsheet exports shared by the apps.

No cell may run as a formula: spreadsheet programs treat text starting with = + - @ as a
formula, and a leading tab or carriage return can hide such a start from a naive check (OWASP
"CSV injection"). Such text gets a leading apostrophe, which spreadsheets show as text and do
not display. Also the audit log as CSV and XLSX for the data-protection officer."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .audit_labels import entry_row
from .models import AuditEntry

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def spreadsheet_safe(cell: T) -> T:
    """The cell itself, or for text that a spreadsheet would run, the text behind an apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell  # type: ignore[return-value]
    return cell


def safe_row(cells: Iterable[T]) -> list[T]:
    return [spreadsheet_safe(cell) for cell in cells]


AUDIT_COLUMNS = (
    "at",
    "user",
    "role",
    "action",
    "record_type",
    "record_id",
    "person",
    "shown",
    "purpose",
    "client_address",
)


def audit_header() -> list[str]:
    return [
        _("time"),
        _("user name"),
        _("role"),
        _("action"),
        _("record type"),
        _("record"),
        _("person"),
        _("fields or records shown"),
        _("purpose"),
        _("client address"),
    ]


def audit_rows(entries: Iterable[AuditEntry]) -> Iterable[list[Any]]:
    for entry in entries:
        row = entry_row(entry)
        row["at"] = timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M:%S")
        yield [spreadsheet_safe(row[column]) for column in AUDIT_COLUMNS]


def audit_csv(entries: Iterable[AuditEntry], notes: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for line in notes:
        writer.writerow([spreadsheet_safe(line)])
    writer.writerow(audit_header())
    writer.writerows(audit_rows(entries))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def audit_xlsx(entries: Iterable[AuditEntry], notes: Sequence[str]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Audit log")[:31])
    for line in notes:
        sheet.append([spreadsheet_safe(line)])
    sheet.append(audit_header())
    for row in audit_rows(entries):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
