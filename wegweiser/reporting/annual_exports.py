"""The annual figures and the ESF Plus indicators as CSV and XLSX. Only published cells are
written: a hidden count is "*" in every file, never the number. The notes on top
say what the figures are and how cells are suppressed; the ESF file lists what the data cannot
answer."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook

from wegweiser.core.exports import spreadsheet_safe

from .annual import AnnualFigures, Cell, definitions
from .esf import EsfIndicators, published_indicators
from .published import hidden_note

Line = list[Cell]


def suppression_note() -> str:
    return hidden_note()


def _dated(title: str, today: dt.date) -> str:
    return _("%(title)s, as of %(date)s") % {
        "title": title,
        "date": formats.date_format(today, "SHORT_DATE_FORMAT"),
    }


def figure_lines(figures: AnnualFigures, *, today: dt.date) -> Iterator[Line]:
    yield [_dated(_("Annual report %(year)s") % {"year": figures.year}, today)]
    yield [figures.organisation]
    yield [suppression_note()]
    yield []
    yield [_("topic"), _("figure"), _("category"), _("number")]
    for topic in figures.topics:
        for figure in topic.figures:
            yield [str(topic.title), str(figure.label), "", figure.cell]
        for table in topic.tables:
            for label, cell in table.rows:
                yield [str(topic.title), str(table.title), label, cell]
            yield [str(topic.title), str(table.title), _("total"), table.total]
    yield []
    yield [_("Definitions")]
    for term, definition in definitions():
        yield [str(term), str(definition)]


def indicator_lines(esf: EsfIndicators, *, today: dt.date) -> Iterator[Line]:
    yield [_dated(_("ESF Plus indicators on participants %(year)s") % {"year": esf.year}, today)]
    yield [esf.organisation]
    yield [
        _(
            "Participants: persons whose case was opened in the year. Results at exit: persons "
            "whose case was closed in the year."
        )
    ]
    yield [suppression_note()]
    yield []
    yield [_("group"), _("indicator"), _("number"), _("how it is counted")]
    for indicator, cell in published_indicators(esf.indicators):
        yield [str(indicator.group), str(indicator.label), cell, str(indicator.note)]
    yield []
    yield [_("What the data cannot answer")]
    yield [_("indicator"), _("reason")]
    for item in esf.unanswered:
        yield [str(item.label), str(item.reason)]


def _csv(lines: Iterator[Line]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for line in lines:
        writer.writerow([spreadsheet_safe(cell) for cell in line])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel reads it as UTF-8


def _xlsx(lines: Iterator[Line], *, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    for line in lines:
        sheet.append([spreadsheet_safe(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def figures_csv(figures: AnnualFigures, *, today: dt.date) -> bytes:
    return _csv(figure_lines(figures, today=today))


def figures_xlsx(figures: AnnualFigures, *, today: dt.date) -> bytes:
    return _xlsx(figure_lines(figures, today=today), title=str(figures.year))


def indicators_csv(esf: EsfIndicators, *, today: dt.date) -> bytes:
    return _csv(indicator_lines(esf, today=today))


def indicators_xlsx(esf: EsfIndicators, *, today: dt.date) -> bytes:
    return _xlsx(indicator_lines(esf, today=today), title=f"ESF+ {esf.year}")
