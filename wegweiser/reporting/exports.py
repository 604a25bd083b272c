"""Supply and demand by occupation as CSV and XLSX, with small cells suppressed.

A few lines above the table say what it shows and how cells are suppressed, so that a figure
taken out of the file cannot be read without the note. Only person counts are suppressed; open
positions are figures about employers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook

from wegweiser.core.exports import spreadsheet_safe

from .selectors import SMALL_CELL, Grouping, SupplyDemand, SupplyDemandRow

Cell = str | int
SMALL = f"<{SMALL_CELL}"
WITHHELD = ""


def notes(report: SupplyDemand, *, municipality: str, today: dt.date) -> list[str]:
    filters = report.filters
    grouping = dict(Grouping.CHOICES)[filters.grouping]
    scope = [
        _("grouped by %(grouping)s") % {"grouping": grouping},
        _("municipality: %(municipality)s") % {"municipality": municipality or _("all")},
    ]
    if filters.only_open_vacancies:
        scope.append(_("only where there are open vacancies"))
    return [
        _("Supply and demand by occupation, %(date)s")
        % {"date": formats.date_format(today, "SHORT_DATE_FORMAT")},
        "; ".join(scope),
        _(
            "Persons with an open case whose work experience, qualification or recognition "
            "procedure names the occupation, counted once per row, by municipality of residence; "
            "open positions of open vacancies by place of work."
        ),
        _(
            "Cells with fewer than %(n)s persons are shown as “%(small)s”. A blank cell is "
            "withheld so that a suppressed cell cannot be worked out from the row."
        )
        % {"n": SMALL_CELL, "small": SMALL},
    ]


def header(report: SupplyDemand) -> list[str]:
    first = (
        _("KldB occupational group")
        if report.filters.grouping == Grouping.KLDB_GROUP
        else _("occupation (ESCO)")
    )
    return [
        first,
        _("ISCO-08"),
        _("KldB 2010"),
        _("municipality"),
        _("open positions"),
        _("persons with an open case"),
        _("of them no German, A1 or A2"),
        _("of them B1"),
        _("of them B2 or higher"),
    ]


def person_cells(row: SupplyDemandRow) -> list[Cell]:
    """The persons and their German bands as published. A row of one to four persons shows
    "<5" and no bands. In a larger row a band of one to four shows "<5"; if that is the only
    one, the smallest other non-empty band is withheld too, or total minus the others would
    give it away."""
    if 0 < row.persons < SMALL_CELL:
        return [SMALL, WITHHELD, WITHHELD, WITHHELD]
    bands = [row.basic, row.b1, row.b2_plus]
    cells: list[Cell] = [SMALL if 0 < band < SMALL_CELL else band for band in bands]
    hidden = [i for i, cell in enumerate(cells) if cell == SMALL]
    if len(hidden) == 1:
        others = [i for i in range(len(bands)) if i not in hidden and bands[i] > 0]
        cells[min(others, key=lambda i: bands[i])] = WITHHELD
    return [row.persons, *cells]


def suppressed_rows(rows: Iterable[SupplyDemandRow]) -> list[list[Cell]]:
    result: list[list[Cell]] = []
    for row in rows:
        place: list[Cell] = [row.label, row.isco_code, row.kldb_code, row.municipality]
        result.append([*place, row.positions, *person_cells(row)])
    return result


def as_csv(report: SupplyDemand, *, municipality: str, today: dt.date) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for line in notes(report, municipality=municipality, today=today):
        writer.writerow([spreadsheet_safe(line)])
    writer.writerow(header(report))
    for row in suppressed_rows(report.rows):
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def as_xlsx(report: SupplyDemand, *, municipality: str, today: dt.date) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = _("Supply and demand")[:31]
    for line in notes(report, municipality=municipality, today=today):
        sheet.append([spreadsheet_safe(line)])
    sheet.append(header(report))
    for row in suppressed_rows(report.rows):
        sheet.append([spreadsheet_safe(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
