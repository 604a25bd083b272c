"""The numbers other authorities file a person under: their normal form and their format.

Plain Python, no Django: the model, the form, the search and the tests share these rules.
Where a format is published it is checked in full; where none is, the text is accepted with
light checks (length and the characters such numbers are written with).

Sources:

tax_id
    Steuerliche Identifikationsnummer, § 139b AO; structure in the Steueridentifikations-
    nummerverordnung (StIdV) and the Federal Central Tax Office's published check rules:
    11 digits, the first not 0; among the first ten digits exactly one digit occurs twice or
    three times (three times not all three in a row) and the others at most once; the
    eleventh digit is the check digit of ISO/IEC 7064 MOD 11,10.
bg_number
    Nummer der Bedarfsgemeinschaft (§ 51a SGB II, last sentences): the job centre's
    five-digit office number, the letters BG and a seven-digit running number, e.g.
    12345BG1234567.
azr_number
    AZR-Nummer (§ 2 AZRG-DV: the register's business number, with error detection): twelve
    digits (date of first registration, a running number and a check digit). The check digit
    algorithm is not published, so only the shape is checked.
customer_number
    Kundennummer (§ 51a SGB II): the law fixes no format. Agency numbers look like
    123A456789, but municipal job centres assign their own; light checks only.
immigration_file, bamf_course_file
    The immigration office's file number (Aktenzeichen) and the BAMF file number of the
    integration course (Geschäftszeichen of the entitlement or the course): each office
    writes its own; no published format, light checks only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TAX_ID = "tax_id"
BG_NUMBER = "bg_number"
AZR_NUMBER = "azr_number"
CUSTOMER_NUMBER = "customer_number"
IMMIGRATION_FILE = "immigration_file"
BAMF_COURSE_FILE = "bamf_course_file"

KINDS = (CUSTOMER_NUMBER, BG_NUMBER, IMMIGRATION_FILE, AZR_NUMBER, BAMF_COURSE_FILE, TAX_ID)

_SEPARATORS = re.compile(r"[\s./-]+")
_FREE_TEXT = re.compile(r"[0-9A-Za-zÄÖÜäöüß][0-9A-Za-zÄÖÜäöüß ./:_()-]{0,38}[0-9A-Za-zÄÖÜäöüß)]")
_BG = re.compile(r"[0-9]{5}BG[0-9]{7}")
_AZR = re.compile(r"[0-9]{12}")
_CUSTOMER = re.compile(r"[0-9A-Z]{6,20}")


@dataclass(frozen=True)
class Problem:
    """Why a value does not fit its kind; `code` picks the translated message."""

    code: str


def normalise(kind: str, value: str) -> str:
    """The stored form: numbers without spaces, dots, slashes or dashes and in capitals;
    file numbers as written, with runs of spaces made one."""
    value = " ".join(value.split())
    if kind in (TAX_ID, BG_NUMBER, AZR_NUMBER, CUSTOMER_NUMBER):
        return _SEPARATORS.sub("", value).upper()
    return value


def search_key(value: str) -> str:
    """What a search compares: letters and digits only, in capitals, so that '12345 BG 1234567'
    and '12345BG1234567' find the same person."""
    return re.sub(r"[^0-9A-Za-zÄÖÜäöüß]", "", value).upper()


def tax_id_check_digit(first_ten: str) -> int:
    """The check digit of ISO/IEC 7064 MOD 11,10 over ten digits."""
    product = 10
    for char in first_ten:
        total = (int(char) + product) % 10
        if total == 0:
            total = 10
        product = (total * 2) % 11
    check = 11 - product
    return 0 if check == 10 else check


def tax_id_problem(value: str) -> Problem | None:
    if not re.fullmatch(r"[0-9]{11}", value):
        return Problem("tax_id_digits")
    if value[0] == "0":
        return Problem("tax_id_leading_zero")
    first_ten = value[:10]
    counts = sorted((first_ten.count(d) for d in set(first_ten)), reverse=True)
    repeated = [c for c in counts if c > 1]
    if len(repeated) != 1 or repeated[0] > 3:
        return Problem("tax_id_repetition")
    if repeated[0] == 3 and re.search(r"([0-9])\1\1", first_ten):
        return Problem("tax_id_repetition")
    if tax_id_check_digit(first_ten) != int(value[10]):
        return Problem("tax_id_check_digit")
    return None


def problem(kind: str, value: str) -> Problem | None:
    """What is wrong with a normalised value of `kind`, or None."""
    if kind not in KINDS:
        return Problem("unknown_kind")
    if not value:
        return Problem("empty")
    if kind == TAX_ID:
        return tax_id_problem(value)
    if kind == BG_NUMBER:
        return None if _BG.fullmatch(value) else Problem("bg_number")
    if kind == AZR_NUMBER:
        return None if _AZR.fullmatch(value) else Problem("azr_number")
    if kind == CUSTOMER_NUMBER:
        return None if _CUSTOMER.fullmatch(value) else Problem("customer_number")
    return None if _FREE_TEXT.fullmatch(value) else Problem("file_number")
