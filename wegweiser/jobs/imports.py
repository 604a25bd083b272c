"""Vacancies from a spreadsheet (CSV or XLSX) with a report of every problem.

All or nothing: every row is checked and every problem reported with its row and column;
the vacancies are created, through `vacancy_create`, only when no row has a problem. Headers
are accepted in German or English. A bad file is a problem in the report, never an error.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.models import Municipality
from wegweiser.core.spreadsheets import (
    SpreadsheetRefused,
    SpreadsheetUnreadable,
    guarded,
    xlsx_rows,
)
from wegweiser.identity.dates import parse_date
from wegweiser.occupations.models import Occupation, OccupationLabel
from wegweiser.recognition.selectors import occupation_search

from .models import CEFR, Duration, Employer, EmployerSite, Hours, Vacancy, WageBand
from .selectors import employers_visible_to, own_employer
from .services import vacancy_create

MAX_ROWS = 5_000
MAX_BYTES = 10 * 1024 * 1024  # the upload limit; 5,000 rows with descriptions fit easily
SUGGESTIONS = 3
# Suggestions cost one run of the occupation coder each; a file full of unknown occupations
# gets them for the first few only.
SUGGESTED_OCCUPATIONS = 50
ENCODINGS = ("utf-8-sig", "cp1252")

# Vacancy field -> accepted headers (compared after `_key`), German first.
COLUMNS: dict[str, tuple[str, ...]] = {
    "employer": ("arbeitgeber", "employer"),
    "title": ("stellentitel", "title", "job title"),
    "occupation": ("beruf", "occupation", "esco"),
    "municipality": ("ort", "arbeitsort", "municipality", "place of work"),
    "site": ("standort", "site"),
    "german_level": ("deutschniveau", "german level"),
    "hours": ("arbeitszeit", "hours", "working hours"),
    "starts_on": ("beginn", "start", "start date"),
    "duration": ("dauer", "duration"),
    "recognition_required": ("anerkennung erforderlich", "recognition required"),
    "driving_licence_required": (
        "führerschein erforderlich",
        "fuehrerschein erforderlich",
        "driving licence required",
        "driving license required",
    ),
    "wage_band": ("lohnband", "wage band"),
    "positions": ("stellen", "positions"),
    "description": ("beschreibung", "description"),
}
REQUIRED = ("title", "occupation", "hours", "starts_on", "duration")

# German words people write for the choices, accepted whatever the state of the translations.
CHOICE_WORDS: dict[str, dict[str, str]] = {
    "hours": {
        "vollzeit": Hours.FULL_TIME,
        "teilzeit": Hours.PART_TIME,
        "schicht": Hours.SHIFTS,
        "schichtarbeit": Hours.SHIFTS,
        "schichtdienst": Hours.SHIFTS,
    },
    "duration": {
        "unbefristet": Duration.PERMANENT,
        "befristet": Duration.FIXED_TERM,
        "ausbildung": Duration.APPRENTICESHIP,
        "praktikum": Duration.INTERNSHIP,
        "probearbeit": Duration.TRIAL_WORK,
    },
    "wage_band": {
        "mindestlohn": WageBand.MINIMUM,
        "ausbildungsvergütung": WageBand.TRAINING,
    },
}
CHOICES: dict[str, type[models.TextChoices]] = {
    "hours": Hours,
    "duration": Duration,
    "wage_band": WageBand,
}
TRUE = frozenset({"ja", "j", "yes", "y", "x", "1", "true", "wahr"})
FALSE = frozenset({"nein", "n", "no", "0", "false", "falsch", ""})
LEVELS = frozenset(value for value, _label in CEFR)
Cell = str | dt.date


@dataclass(frozen=True)
class RowProblem:
    row: int  # 1-based row number as the user sees it in the file (header is row 1; 0: the file)
    column: str  # the column header as in the file ("" for the whole row)
    message: str  # translated, in the user's language

    def __str__(self) -> str:
        if not self.row:
            return self.message
        where = f"row {self.row}, {self.column}" if self.column else f"row {self.row}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    rows: int  # data rows read
    problems: list[RowProblem] = field(default_factory=list)
    created: list[int] = field(default_factory=list)  # ids of vacancies created (empty unless ok)

    @property
    def ok(self) -> bool:
        return not self.problems


class _FileProblem(ValueError):
    """The file as a whole cannot be imported; the message is for the user."""

    def __init__(self, message: str, *, row: int = 0, column: str = "") -> None:
        super().__init__(message)
        self.row = row
        self.column = column


class _BrokenWorkbook(ValueError):
    """A workbook that opened but breaks while its rows are read."""


class _RollBack(Exception):
    pass


def vacancy_import(
    *, actor: User, data: bytes, filename: str, employer: Employer | None = None
) -> ImportReport:
    """Check every row of the file and create its vacancies, or none if any row has a problem.

    An employer's staff always import for their own employer; anyone else names the employer
    with `employer` or, when it is None, row by row in the employer column."""
    try:
        employer = _employer_for(actor, employer)
        header, rows = _read(data, filename)
        columns = _columns(header, employer_column=employer is None)
    except _FileProblem as problem:
        return ImportReport(
            rows=0, problems=[RowProblem(problem.row, problem.column, str(problem))]
        )
    if not rows:
        return ImportReport(rows=0, problems=[RowProblem(0, "", _("The file has no data rows."))])

    report = ImportReport(rows=len(rows))
    resolver = _Resolver(actor=actor, employer=employer)
    try:
        with transaction.atomic():
            for number, cells in rows:
                row = _Row(number, cells, columns)
                values = resolver.values(row)
                if row.problems:
                    _check_model(row, values, actor)
                else:
                    try:
                        report.created.append(vacancy_create(actor=actor, **values).pk)
                    except ValidationError as error:
                        row.add_errors(error)
                report.problems.extend(row.in_file_order())
            if report.problems:
                raise _RollBack
    except _RollBack:
        report.created = []
    return report


# ---------------------------------------------------------------------------------------------
# Reading the file


def _employer_for(actor: User, employer: Employer | None) -> Employer | None:
    if actor.is_employer:
        own = own_employer(actor)
        if own is None:
            raise _FileProblem(_("Your account belongs to no employer."))
        return own
    if not actor.works_cases:
        raise _FileProblem(_("You may not enter vacancies."))
    return employer


def _read(data: bytes, filename: str) -> tuple[list[str], list[tuple[int, list[Cell]]]]:
    """The header and the non-empty data rows with their row numbers (header: row 1)."""
    name = filename.lower()
    if len(data) > MAX_BYTES:
        raise _FileProblem(
            _("The file is larger than %(size)s; a file of %(limit)s rows is far smaller.")
            % {
                "size": filesizeformat(MAX_BYTES),
                "limit": formats.number_format(MAX_ROWS, force_grouping=True),
            }
        )
    if name.endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif name.endswith(".csv"):
        table = _csv_rows(data)
    else:
        raise _FileProblem(_("Upload a CSV file or an Excel workbook (.xlsx)."))
    try:
        first = next(table, None)
        if first is None or not any(first[1]):
            raise _FileProblem(_("The file is empty or its first row has no column headers."))
        header = [str(cell).strip() for cell in first[1]]
        rows: list[tuple[int, list[Cell]]] = []
        for number, cells in table:
            if not any(cells):
                continue
            if len(rows) == MAX_ROWS:
                raise _FileProblem(
                    _(
                        "The file has more than %(limit)s rows. Split it into files of at most "
                        "%(limit)s rows."
                    )
                    % {"limit": formats.number_format(MAX_ROWS, force_grouping=True)}
                )
            rows.append((number, cells))
    except (csv.Error, _BrokenWorkbook) as error:
        raise _FileProblem(_("The file cannot be read: it is damaged or not a table.")) from error
    return header, rows


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    text = _decode(data)
    if "\x00" in text:
        raise _FileProblem(_("The file is not a CSV file (it contains binary data)."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in guarded(enumerate(reader, start=1)):
            yield number, [str(value).strip() for value in values]
    except SpreadsheetRefused as refused:
        raise _FileProblem(str(refused), row=refused.row) from refused


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252 as Excel writes it on German systems."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[Cell]]]:
    """The first sheet, read within the limits of core/spreadsheets.py; dates stay dates,
    whole numbers lose their '.0'."""
    started = False
    try:
        for number, values in xlsx_rows(data):
            started = True
            yield number, [_xlsx_cell(value) for value in values]
    except SpreadsheetRefused as refused:
        raise _FileProblem(str(refused), row=refused.row) from refused
    except SpreadsheetUnreadable as error:
        if started:
            raise _BrokenWorkbook(str(error)) from error
        raise _FileProblem(
            _(
                "The file is not a readable Excel workbook (.xlsx). An older .xls file must be "
                "saved again as .xlsx or CSV."
            )
        ) from error


def _xlsx_cell(value: Any) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _key(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").casefold().split())


def _columns(header: list[str], *, employer_column: bool) -> dict[str, tuple[int, str]]:
    """Vacancy field -> (position, header as written) for the columns the file has."""
    field_of = {_key(name): name_field for name_field, names in COLUMNS.items() for name in names}
    columns: dict[str, tuple[int, str]] = {}
    for position, name in enumerate(header):
        found = field_of.get(_key(name))
        if found is None:
            continue
        if found in columns:
            raise _FileProblem(
                _("Two columns mean the same (“%(first)s” and “%(second)s”); keep one.")
                % {"first": columns[found][1], "second": name},
                row=1,
                column=name,
            )
        columns[found] = (position, name)
    required = list(REQUIRED) + (["employer"] if employer_column else [])
    missing = [name for name in required if name not in columns]
    if missing:
        names = ", ".join(
            f"“{COLUMNS[name][0].capitalize()}” / “{COLUMNS[name][1]}”" for name in missing
        )
        raise _FileProblem(
            _("Required columns are missing: %(columns)s.") % {"columns": names}, row=1
        )
    if "municipality" not in columns and "site" not in columns:
        raise _FileProblem(
            _("The file needs a column “Ort” / “municipality” or “Standort” / “site”."), row=1
        )
    return columns


# ---------------------------------------------------------------------------------------------
# Reading a row


class _Row:
    def __init__(self, number: int, cells: list[Cell], columns: dict[str, tuple[int, str]]) -> None:
        self.number = number
        self.problems: list[RowProblem] = []
        self.bad: set[str] = set()
        self.headers = {name: header for name, (_position, header) in columns.items()}
        self.positions = {header: position for position, header in columns.values()}
        self.cells = {
            name: cells[position] if position < len(cells) else ""
            for name, (position, _header) in columns.items()
        }

    def text(self, name: str) -> str:
        value = self.cells.get(name, "")
        return value.isoformat() if isinstance(value, dt.date) else value

    def in_file_order(self) -> list[RowProblem]:
        """Problems from left to right, those of the whole row first."""
        return sorted(self.problems, key=lambda p: self.positions.get(p.column, -1))

    def problem(self, name: str, message: str) -> None:
        self.bad.add(name)
        self.problems.append(RowProblem(self.number, self.headers.get(name, ""), message))

    def add_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            for message in error.messages:
                self.problems.append(RowProblem(self.number, "", message))
            return
        for name, messages in error.message_dict.items():
            if name in self.bad:
                continue
            for message in messages:
                header = "" if name == NON_FIELD_ERRORS else self.headers.get(name, "")
                self.problems.append(RowProblem(self.number, header, message))


def _check_model(row: _Row, values: dict[str, Any], actor: User) -> None:
    """The model's own checks for the cells that were readable, so one pass reports all."""
    vacancy = Vacancy(created_by=actor, **values)
    if vacancy.site_id and vacancy.municipality_id is None:
        vacancy.municipality = vacancy.site.municipality
    unset = {"employer", "site", "municipality", "occupation"} - set(values)
    try:
        vacancy.full_clean(exclude=sorted(row.bad | unset), validate_unique=False)
    except ValidationError as error:
        row.add_errors(error)


class _Resolver:
    """Turns the cells of a row into vacancy values, remembering what it looked up."""

    def __init__(self, *, actor: User, employer: Employer | None) -> None:
        self.actor = actor
        self.employer = employer
        self.today = timezone.localdate()
        self.language = "de" if (translation.get_language() or "").startswith("de") else "en"
        self.choices = {name: _choice_keys(name) for name in CHOICES}
        self._employers: dict[str, Employer | None] = {}
        self._occupations: dict[str, Occupation | str] = {}
        self._municipalities: dict[str, Municipality | None] = {}
        self._sites: dict[tuple[int, str], EmployerSite | None] = {}
        self._suggested = 0

    def values(self, row: _Row) -> dict[str, Any]:
        values: dict[str, Any] = {}
        employer = self.employer or self._row_employer(row)
        if employer is not None:
            values["employer"] = employer
        title = row.text("title")
        if title:
            values["title"] = title
        else:
            row.problem("title", _("Write the job title."))
        occupation = self.occupation(row.text("occupation"))
        if isinstance(occupation, Occupation):
            values["occupation"] = occupation
        else:
            row.problem("occupation", occupation)
        self._place(row, employer, values)
        level = row.text("german_level").upper()
        if level in LEVELS or not level:
            values["german_level"] = level
        else:
            row.problem(
                "german_level",
                _(
                    "“%(value)s” is no German level; write A1, A2, B1, B2, C1 or C2, or leave "
                    "the cell empty."
                )
                % {"value": row.text("german_level")},
            )
        for name in CHOICES:
            self._choice(row, name, values)
        self._start(row, values)
        for name in ("recognition_required", "driving_licence_required"):
            flag = row.text(name).casefold()
            if flag in TRUE or flag in FALSE:
                values[name] = flag in TRUE
            else:
                row.problem(
                    name,
                    _("“%(value)s” is neither yes nor no; write ja, nein, yes, no, x or 1 and 0.")
                    % {"value": row.text(name)},
                )
        positions = row.text("positions")
        if positions:
            try:
                values["positions"] = int(positions)
            except ValueError:
                row.problem(
                    "positions",
                    _("“%(value)s” is not a whole number.") % {"value": positions},
                )
        values["description"] = row.text("description")
        return values

    def _row_employer(self, row: _Row) -> Employer | None:
        name = " ".join(row.text("employer").split())
        if not name:
            row.problem("employer", _("Name the employer."))
            return None
        if name.casefold() not in self._employers:
            self._employers[name.casefold()] = (
                employers_visible_to(self.actor).filter(organisation__name__iexact=name).first()
            )
        found = self._employers[name.casefold()]
        if found is None:
            row.problem("employer", _("No employer is called “%(name)s”.") % {"name": name})
        return found

    def _place(self, row: _Row, employer: Employer | None, values: dict[str, Any]) -> None:
        site_name = " ".join(row.text("site").split())
        if site_name and employer is not None:
            key = (employer.pk, site_name.casefold())
            if key not in self._sites:
                self._sites[key] = (
                    EmployerSite.objects.select_related("municipality")
                    .filter(employer=employer, name__iexact=site_name)
                    .first()
                )
            site = self._sites[key]
            if site is None:
                row.problem(
                    "site",
                    _("%(employer)s has no site called “%(name)s”.")
                    % {"employer": employer, "name": site_name},
                )
            else:
                values["site"] = site
        place = " ".join(row.text("municipality").split())
        if not place:
            if not site_name:
                row.problem("municipality", _("Write the place of work or the employer's site."))
            return
        if place.casefold() not in self._municipalities:
            self._municipalities[place.casefold()] = Municipality.objects.filter(
                name__iexact=place
            ).first()
        municipality = self._municipalities[place.casefold()]
        if municipality is None:
            row.problem(
                "municipality",
                _("“%(name)s” is not a municipality of the county.") % {"name": place},
            )
        else:
            values["municipality"] = municipality

    def _choice(self, row: _Row, name: str, values: dict[str, Any]) -> None:
        text = row.text(name)
        if not text and name == "wage_band":
            values[name] = ""
            return
        value = self.choices[name].get(_key(text))
        if value is not None:
            values[name] = value
            return
        labels = ", ".join(str(label) for label in CHOICES[name].labels)
        if not text:
            message = _("Choose one of: %(choices)s.") % {"choices": labels}
        else:
            message = _("“%(value)s” is not one of: %(choices)s.") % {
                "value": text,
                "choices": labels,
            }
        row.problem(name, message)

    def _start(self, row: _Row, values: dict[str, Any]) -> None:
        cell = row.cells.get("starts_on", "")
        if not cell:
            row.problem("starts_on", _("Write the start date."))
            return
        day = cell if isinstance(cell, dt.date) else _cell_date(cell)
        if day is None:
            row.problem(
                "starts_on",
                _("“%(value)s” is not a date; write DD.MM.YYYY or YYYY-MM-DD.") % {"value": cell},
            )
        elif day < self.today:
            row.problem(
                "starts_on",
                _("The start %(day)s is in the past; a new vacancy starts today or later.")
                % {"day": formats.date_format(day, "SHORT_DATE_FORMAT")},
            )
        else:
            values["starts_on"] = day

    def occupation(self, text: str) -> Occupation | str:
        """The occupation an ESCO URI, ESCO code or exact label names, or why there is none."""
        text = " ".join(text.split())
        if not text:
            return _("Write the occupation: an ESCO URI, an ESCO code or the occupation's name.")
        if text.casefold() not in self._occupations:
            self._occupations[text.casefold()] = self._find_occupation(text)
        return self._occupations[text.casefold()]

    def _find_occupation(self, text: str) -> Occupation | str:
        current = Occupation.objects.filter(is_current=True)
        found = list(
            current.filter(concept_uri=text)
            or current.filter(code=text)
            or current.filter(preferred_label_de__iexact=text)
            or current.filter(preferred_label_en__iexact=text)
        )
        if not found:
            owners = OccupationLabel.objects.filter(text__iexact=text).values("occupation_id")
            found = list(current.filter(pk__in=owners).order_by("code", "pk"))
        if len(found) == 1:
            return found[0]
        if found:
            return _(
                "“%(value)s” names several occupations: %(choices)s. Write the ESCO code of the "
                "one you mean."
            ) % {"value": text, "choices": self._names(found[:SUGGESTIONS])}
        message = _(
            "Unknown occupation “%(value)s”: write an ESCO URI, an ESCO code or the exact name "
            "of the occupation."
        ) % {"value": text}
        suggestions = self._suggestions(text)
        if suggestions:
            message += " " + _("Did you mean: %(choices)s?") % {"choices": self._names(suggestions)}
        return message

    def _suggestions(self, text: str) -> list[Occupation]:
        if self._suggested >= SUGGESTED_OCCUPATIONS:
            return []
        self._suggested += 1
        return occupation_search(title=text, language=self.language)[:SUGGESTIONS]

    def _names(self, occupations: Iterable[Occupation]) -> str:
        return "; ".join(
            f"{o.label(self.language)} ({o.code})" if o.code else o.label(self.language)
            for o in occupations
        )


def _choice_keys(name: str) -> dict[str, str]:
    """Each way of writing a choice (code, label in every language, German word) -> code."""
    choices = CHOICES[name]
    keys = {_key(word): value for word, value in CHOICE_WORDS.get(name, {}).items()}
    for code, label in choices.choices:
        keys[_key(code)] = code
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                keys.setdefault(_key(str(label)), code)
    return keys


def _cell_date(cell: str) -> dt.date | None:
    try:
        return parse_date(cell)
    except ValueError:
        return None
    return None
