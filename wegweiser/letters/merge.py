"""Merge fields in letter texts: `{given_name}` and its kind, checked and filled in.

Plain Python, no Django: the same rules serve the editing form (which refuses unknown fields),
the e-mail text and the PDF. Only bare names are allowed: no attribute access, index, format
specification or conversion, so an edited text can never reach into the values it is given.
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping

FIELDS: tuple[str, ...] = (
    "given_name",
    "family_name",
    "date",
    "time",
    "place",
    "caseworker",
    "caseworker_phone",
    "caseworker_email",
    "reference",
    # The person's numbers at other authorities (people/reference_numbers.py), to quote them.
    "customer_number",
    "bg_number",
    "immigration_file",
    "azr_number",
    "bamf_course_file",
    "course",
    "documents",
    "goals",
    # An invitation's interpreter sentence: "one will be there" once booked, else the question.
    "interpreter",
)

# Unicode isolates (FSI ... PDI): a Latin name or a number inside right-to-left text keeps
# its own direction and does not pull the neighbouring words out of order.
FSI, PDI = "\u2068", "\u2069"

_formatter = string.Formatter()


class MergeError(ValueError):
    """The text cannot be parsed, or names fields that do not exist."""

    def __init__(self, message: str, *, unknown: list[str] | None = None) -> None:
        super().__init__(message)
        self.unknown = unknown or []


def fields_used(text: str) -> list[str]:
    """The merge fields a text uses, in order of first use; raises `MergeError` on a field
    that is not in `FIELDS` or on a brace that opens no field."""
    try:
        pieces = list(_formatter.parse(text))
    except ValueError as error:
        raise MergeError(str(error)) from error
    used: list[str] = []
    unknown: list[str] = []
    for _literal, name, spec, conversion in pieces:
        if name is None:
            continue
        if spec or conversion or name not in FIELDS:
            label = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            if label not in unknown:
                unknown.append(label)
        elif name not in used:
            used.append(name)
    if unknown:
        raise MergeError("unknown merge fields", unknown=unknown)
    return used


def _tokens(text: str, values: Mapping[str, str]) -> list[tuple[bool, str]]:
    """(is_value, text) pieces; values next to each other with only spaces between them
    (`{given_name} {family_name}`) become one value, so that a name keeps its word order
    inside right-to-left text."""
    fields_used(text)
    tokens: list[tuple[bool, str]] = []
    for literal, name, _spec, _conversion in _formatter.parse(text):
        if literal:
            tokens.append((False, literal))
        if name is not None:
            value = str(values.get(name, ""))
            if (
                len(tokens) >= 2
                and tokens[-2][0]
                and not tokens[-1][0]
                and tokens[-1][1].strip(" ") == ""
                and value
            ):
                spaces = tokens.pop()[1]
                tokens[-1] = (True, tokens[-1][1] + spaces + value)
            elif tokens and tokens[-1][0]:
                tokens[-1] = (True, tokens[-1][1] + value)
            else:
                tokens.append((True, value))
    return tokens


def _isolated(value: str) -> str:
    """Each line of a value in its own isolate (an isolate ends at a line break)."""
    return "\n".join(f"{FSI}{line}{PDI}" if line else line for line in value.split("\n"))


def fill_text(text: str, values: Mapping[str, str], *, isolate: bool = False) -> str:
    """The text with its fields replaced; a field without a value is left empty.
    `isolate` wraps each value in Unicode isolates (for right-to-left languages)."""
    return "".join(
        _isolated(piece) if is_value and isolate and piece else piece
        for is_value, piece in _tokens(text, values)
    )


def fill_html(text: str, values: Mapping[str, str], *, isolate: bool = False) -> str:
    """The text as HTML paragraphs (a blank line separates them, a single newline breaks the
    line), everything escaped, each filled-in value in its own `<bdi>`; `isolate` adds the
    Unicode isolates inside it too, for renderers that ignore `<bdi>` (WeasyPrint)."""
    out: list[str] = []
    for is_value, piece in _tokens(text, values):
        if not is_value:
            out.append(html.escape(piece))
        elif piece:
            value = _isolated(piece) if isolate else piece
            out.append(f"<bdi>{html.escape(value).replace(chr(10), '<br>')}</bdi>")
    joined = "".join(out).replace("\r\n", "\n").strip()
    paragraphs = [p.strip() for p in joined.split("\n\n") if p.strip()]
    return "\n".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
