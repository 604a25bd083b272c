"""Reading an uploaded list of persons (CSV in any common encoding, or an XLSX workbook's first
sheet) within the limits of core/spreadsheets.py, into identity.linking's Table. The file
handling lives here so that the identity library stays free of Django."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from wegweiser.core.exports import safe_row
from wegweiser.core.spreadsheets import (
    SpreadsheetRefused,
    SpreadsheetUnreadable,
    guarded,
    xlsx_rows,
)
from wegweiser.identity.reconciliation import (
    ENCODINGS,
    FileProblem,
    Link,
    PairScore,
    Table,
    read_rows,
)


def decode(data: bytes) -> tuple[str, str]:
    """Text of an uploaded file: UTF-8 (with or without BOM), else Windows-1252."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def read_csv(text: str, required: Sequence[str]) -> Table:
    """Rows of a CSV (comma or semicolon separated) keyed by lower-case column name."""
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return read_rows((values for _, values in guarded(enumerate(reader, start=1))), required)


def read_upload(data: bytes, filename: str, required: Sequence[str]) -> Table:
    """A CSV (any common encoding) or an XLSX workbook's first sheet, read within the limits
    of core/spreadsheets.py (a refusal is a FileProblem with a translated message)."""
    try:
        if filename.lower().endswith(".xlsx"):
            rows = (
                [cell.isoformat()[:10] if isinstance(cell, dt.date) else cell for cell in row]
                for _, row in xlsx_rows(data)
            )
            table = read_rows(rows, required)
            table.encoding = "xlsx"
            return table
        text, encoding = decode(data)
        table = read_csv(text, required)
        table.encoding = encoding
        return table
    except SpreadsheetRefused as refused:
        raise FileProblem(str(refused)) from refused
    except SpreadsheetUnreadable as error:
        raise FileProblem("The file is not a readable XLSX workbook.") from error


def write_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(safe_row(row) for row in rows)
    return out.getvalue()


def links_csv(links: Iterable[Link]) -> str:
    return write_csv(
        ["query_id", "rank", "registry_id", "score", "percent"],
        (
            (x.query_id, x.rank, x.registry_id, f"{x.score:.4f}", f"{round(x.score * 100)}")
            for x in links
        ),
    )


def pairs_csv(scores: Iterable[PairScore]) -> str:
    return write_csv(
        ["pair_id", "score", "match"],
        ((s.pair_id, f"{s.score:.4f}", "true" if s.match else "false") for s in scores),
    )
