"""Reading uploaded spreadsheets with limits enforced while reading, not after.

An .xlsx file is a zip archive: a few hundred kilobytes can unpack to gigabytes of text. Before
openpyxl sees the file, the archive's directory is checked (number of members, the size each
member unpacks to, the total, and the compression ratio); Python's zipfile never unpacks more
than a member's declared size, so what passes the check is all that can be read. The rows are
then streamed (openpyxl's read-only mode) and each is checked as it arrives: rows, columns,
characters per cell and characters in all. CSV rows pass the same row checks. Used by the
vacancy import (jobs) and the list reconciliation (people) alike.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import filesizeformat
from django.utils import formats
from django.utils.translation import gettext as _

Row = tuple[int, Sequence[Any]]  # row number as the user sees it (1 = the first row), values


@dataclass(frozen=True)
class Limits:
    """Our own choices, generous for a list of 10,000 persons or vacancies with descriptions."""

    max_rows: int = 20_000  # rows in the file, empty ones included
    max_columns: int = 100
    max_cell_chars: int = 4_000  # the longest text field (a vacancy's description)
    max_total_chars: int = 10_000_000  # as much text as the largest CSV upload (10 MB)
    max_members: int = 1_000  # files inside the .xlsx archive
    max_member_bytes: int = 16 * 1024 * 1024  # what one file in the archive unpacks to
    max_unpacked_bytes: int = 64 * 1024 * 1024  # all of them together
    max_ratio: int = 100  # unpacked ÷ packed, for members above one megabyte


LIMITS = Limits()


class SpreadsheetRefused(ValueError):
    """The file exceeds a limit. The message is translated; `row`/`column` locate it (0: file)."""

    def __init__(self, message: str, *, row: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.row = row
        self.column = column


class SpreadsheetUnreadable(ValueError):
    """The file is no workbook, or breaks while its rows are read."""


def _too_large() -> SpreadsheetRefused:
    return SpreadsheetRefused(
        _(
            "The workbook unpacks to far more data than its size suggests and was not read. "
            "Save it again as .xlsx or CSV without hidden content."
        )
    )


def check_xlsx_archive(data: bytes, limits: Limits = LIMITS) -> None:
    """Refuse an archive whose directory promises more than the limits allow."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SpreadsheetUnreadable(str(error)) from error
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise _too_large()
        total = 0
        for member in members:
            total += member.file_size
            if member.file_size > limits.max_member_bytes or total > limits.max_unpacked_bytes:
                raise _too_large()
            packed = max(member.compress_size, 1)
            if member.file_size > 1024 * 1024 and member.file_size / packed > limits.max_ratio:
                raise _too_large()


def xlsx_rows(data: bytes, limits: Limits = LIMITS) -> Iterator[Row]:
    """The first sheet's rows as openpyxl's values, checked as they are read."""
    check_xlsx_archive(data, limits)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is no workbook
        raise SpreadsheetUnreadable(str(error)) from error
    try:
        sheet = workbook.worksheets[0]
        # The sheet's own claim about its size is not trusted (it pads rows to it).
        sheet.reset_dimensions()
        rows = enumerate(sheet.iter_rows(values_only=True), start=1)
        yield from guarded(rows, limits)
    except SpreadsheetRefused:
        raise
    except Exception as error:  # damaged XML inside the archive, found while reading on
        raise SpreadsheetUnreadable(str(error)) from error
    finally:
        workbook.close()


def guarded(rows: Iterable[Row], limits: Limits = LIMITS) -> Iterator[Row]:
    """Pass rows on while they keep within the limits; refuse at the first that does not."""
    total = 0
    for number, values in rows:
        if number > limits.max_rows:
            raise SpreadsheetRefused(
                _("The file has more than %(limit)s rows.")
                % {"limit": formats.number_format(limits.max_rows, force_grouping=True)},
                row=number,
            )
        if len(values) > limits.max_columns:
            raise SpreadsheetRefused(
                _("Row %(row)s has more than %(limit)s columns.")
                % {"row": number, "limit": limits.max_columns},
                row=number,
            )
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                if len(value) > limits.max_cell_chars:
                    raise SpreadsheetRefused(
                        _(
                            "Row %(row)s, column %(column)s holds more than %(limit)s "
                            "characters; no field takes that much text."
                        )
                        % {
                            "row": number,
                            "column": column,
                            "limit": formats.number_format(
                                limits.max_cell_chars, force_grouping=True
                            ),
                        },
                        row=number,
                        column=column,
                    )
                total += len(value)
        if total > limits.max_total_chars:
            raise SpreadsheetRefused(
                _("The file holds more than %(size)s of text.")
                % {"size": filesizeformat(limits.max_total_chars)},
                row=number,
            )
        yield number, values
