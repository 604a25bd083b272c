"""The unmet-demand report as CSV and XLSX, with small cells suppressed."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.utils.translation import gettext as _
from openpyxl import Workbook

from wegweiser.core.exports import spreadsheet_safe

from .selectors import SMALL_CELL, DemandRow

Cell = str | int | float


def header() -> list[str]:
    return [
        _("municipality"),
        _("course type"),
        _("German level"),
        _("persons waiting"),
        _("median days waited"),
        _("90th percentile of days waited"),
        _("free seats starting within three months"),
        _("shortfall"),
    ]


def suppressed_rows(rows: Iterable[DemandRow]) -> list[list[Cell]]:
    """Rows as published: a cell of fewer than five persons shows "<5" and nothing derived
    from those persons (days waited, shortfall), so no one can be singled out."""
    result: list[list[Cell]] = []
    for row in rows:
        level = row.level or _("no German")
        if row.waiting < SMALL_CELL:
            result.append(
                [row.municipality, row.kind_label, level, f"<{SMALL_CELL}", "", "", row.seats, ""]
            )
        else:
            result.append(
                [
                    row.municipality,
                    row.kind_label,
                    level,
                    row.waiting,
                    int(row.median_days) if row.median_days.is_integer() else row.median_days,
                    row.p90_days,
                    row.seats,
                    row.shortfall,
                ]
            )
    return result


def as_csv(rows: Iterable[DemandRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in suppressed_rows(rows):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def as_xlsx(rows: Iterable[DemandRow]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Unmet demand")[:31]
    sheet.append(header())
    for row in suppressed_rows(rows):
        sheet.append([spreadsheet_safe(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
