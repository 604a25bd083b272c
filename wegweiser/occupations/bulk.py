"""Bulk coding of a CSV of job titles (no Django import).

Input: a CSV with a header that names the columns `id` and `title` (other columns are
ignored; comma, semicolon or tab separated; UTF-8 with or without BOM). Output: one row per
match, `id,rank,concept_uri,score,label`. Rows without an id or title, with an empty title or
with bytes that are not UTF-8 are reported with their line number and skipped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from wegweiser.core.exports import safe_row

from .coding import Match, OccupationCoder

OUTPUT_COLUMNS = ("id", "rank", "concept_uri", "score", "label")


class InputError(ValueError):
    """The file as a whole cannot be read (no header, no id or title column)."""


@dataclass(slots=True)
class Summary:
    titles: int = 0
    unmatched: int = 0
    skipped: int = 0
    rows_written: int = 0
    problems: list[str] = field(default_factory=list)


def _has_bad_bytes(value: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in value)


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def code_csv(
    source: BinaryIO,
    target: TextIO,
    coder: OccupationCoder,
    *,
    top: int = 10,
    language: str = "de",
    report: Callable[[str], object] | None = None,
) -> Summary:
    """Code every good row of `source` and write the matches to `target`; each skipped row is
    passed to `report` as a message with its line number."""
    text = io.TextIOWrapper(source, encoding="utf-8-sig", errors="surrogateescape", newline="")
    sample = text.read(4096)
    text.seek(0)
    reader = csv.reader(text, _dialect(sample))
    header = next(reader, None)
    if header is None:
        raise InputError("the input file is empty")
    columns = [name.strip().lower() for name in header]
    if "id" not in columns or "title" not in columns:
        raise InputError("the input file needs a header with the columns id and title")
    id_at, title_at = columns.index("id"), columns.index("title")

    summary = Summary()
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    cache: dict[str, list[Match]] = {}

    def skip(line: int, reason: str) -> None:
        summary.skipped += 1
        message = f"line {line}: {reason}, row skipped"
        summary.problems.append(message)
        if report is not None:
            report(message)

    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            skip(reader.line_num, f"unreadable CSV ({error})")
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if any(_has_bad_bytes(cell) for cell in row):
            skip(line, "not valid UTF-8")
            continue
        if len(row) <= max(id_at, title_at):
            skip(line, "missing id or title column")
            continue
        record_id, title = row[id_at].strip(), " ".join(row[title_at].split())
        if not record_id:
            skip(line, "empty id")
            continue
        if not title:
            skip(line, "empty title")
            continue
        summary.titles += 1
        matches = cache.get(title)
        if matches is None:
            matches = coder.code(title, top=top, language=language)
            if len(cache) < 100_000:
                cache[title] = matches
        if not matches:
            summary.unmatched += 1
        for rank, match in enumerate(matches, start=1):
            writer.writerow(
                safe_row((record_id, rank, match.concept_uri, f"{match.score:.4f}", match.label))
            )
            summary.rows_written += 1
    return summary
