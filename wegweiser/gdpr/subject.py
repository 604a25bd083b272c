"""The subject access report as data: sections of records with their fields, the recipients
and the reads. `selectors` builds it, `exports` renders it (JSON, HTML, PDF); both import
it from here, so neither has to import the other inside a function or for its types only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from wegweiser.people.models import Person


@dataclass(frozen=True)
class Field:
    name: str  # the model field, a stable key for machines
    label: str  # its translated name
    value: Any  # for the JSON: text, number, yes/no, date, list or mapping
    text: str  # for reading on the page and in the PDF


@dataclass(frozen=True)
class Record:
    id: int
    title: str
    fields: list[Field]


@dataclass(frozen=True)
class Section:
    key: str  # app_label.model
    title: str
    records: list[Record]
    withheld: list[str] = field(default_factory=list)  # labels of special fields left out


@dataclass(frozen=True)
class ReadCount:
    month: dt.date  # the first day
    organisation: str
    role: str
    action: str
    count: int


@dataclass(frozen=True)
class SubjectAccess:
    person: Person
    generated_at: dt.datetime
    produced_by: str  # role and organisation of the user who produced it
    controller: str  # the organisation responsible for the file
    sections: list[Section]
    recipients: list[Section]
    reads: list[ReadCount]
    special_included: bool

    @property
    def withheld(self) -> bool:
        return any(section.withheld for section in self.sections)


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str
