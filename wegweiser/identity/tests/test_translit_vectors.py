# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Every example pair of every standard in tests/vectors, and every row of the ICAO tables."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from wegweiser.identity import bgn
from wegweiser.identity.translit import (
    icao_9303,
    icao_9303_arabic,
    icao_9303_cyrillic,
    ukrainian_passport_2010,
)

VECTORS = Path(__file__).parent / "vectors"
DATA = Path(__file__).parent.parent / "data"

STANDARDS: dict[str, Callable[[str], str]] = {
    "ua-ukr-Cyrl-Latn-2010.tsv": ukrainian_passport_2010,
    "bgnpcgn-ukr-Cyrl-Latn-2019.tsv": ukrainian_passport_2010,
    "bgnpcgn-ara-Arab-Latn-1956.tsv": bgn.arabic_bgn_1956,
    "bgnpcgn-prs-Arab-Latn-2007.tsv": bgn.dari_bgn_2007,
    "bgnpcgn-pus-Arab-Latn-1968.tsv": bgn.pashto_bgn_1968,
    "bgnpcgn-rus-Cyrl-Latn-1947.tsv": bgn.russian_bgn_1947,
    "bgnpcgn-tir-Ethi-Latn-2007.tsv": bgn.tigrinya_bgn_2007,
}


def _unescape(cell: str) -> str:
    return cell.replace("\\n", "\n").replace('\\"', '"')


def _rows(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(row[0], row[1] if len(row) > 1 else "") for row in reader if row]


VECTOR_CASES = [
    pytest.param(name, _unescape(source), _unescape(expected), id=f"{name}:{i}")
    for name in STANDARDS
    for i, (source, expected) in enumerate(_rows(VECTORS / name))
]


def test_every_vector_file_in_the_folder_is_checked() -> None:
    assert {p.name for p in VECTORS.glob("*.tsv")} == set(STANDARDS)


def test_vector_counts_match_the_published_files() -> None:
    counts = {name: len(_rows(VECTORS / name)) for name in STANDARDS}
    assert counts == {
        "ua-ukr-Cyrl-Latn-2010.tsv": 74,
        "bgnpcgn-ukr-Cyrl-Latn-2019.tsv": 41,
        "bgnpcgn-ara-Arab-Latn-1956.tsv": 56,
        "bgnpcgn-prs-Arab-Latn-2007.tsv": 48,
        "bgnpcgn-pus-Arab-Latn-1968.tsv": 46,
        "bgnpcgn-rus-Cyrl-Latn-1947.tsv": 18,
        "bgnpcgn-tir-Ethi-Latn-2007.tsv": 62,
    }


@pytest.mark.parametrize(("standard", "source", "expected"), VECTOR_CASES)
def test_standard_reproduces_its_published_example(
    standard: str, source: str, expected: str
) -> None:
    result = STANDARDS[standard](source)
    assert unicodedata.normalize("NFC", result) == unicodedata.normalize("NFC", expected)


# The published lower-case rows of the Ukrainian ICAO table that disagree with its own
# upper-case rows (see data/README.md); the MRZ is written in capitals.
UKRAINIAN_TABLE_ERRATA = {"у": "", "ю": "i", "ў": "", "ѫ": ""}

ICAO_CYRILLIC_CASES = [
    pytest.param(language, source, latin, id=f"{language}:{source}")
    for language, name in (
        ("ru", "icao-rus-Cyrl-Latn-9303-table.tsv"),
        ("uk", "icao-ukr-Cyrl-Latn-9303-table.tsv"),
    )
    for source, latin in _rows(DATA / name)
]


@pytest.mark.parametrize(("language", "source", "latin"), ICAO_CYRILLIC_CASES)
def test_icao_cyrillic_table_row_is_reproduced_in_capitals(
    language: str, source: str, latin: str
) -> None:
    result = icao_9303_cyrillic(source, "uk" if language == "uk" else "ru")
    if language == "uk" and source in UKRAINIAN_TABLE_ERRATA:
        assert latin == UKRAINIAN_TABLE_ERRATA[source]
        assert result == icao_9303_cyrillic(source.upper(), "uk")
        assert result != latin.upper()
    else:
        assert result == latin.upper()


@pytest.mark.parametrize(
    ("source", "latin"),
    [
        pytest.param(s, latin, id=s)
        for s, latin in _rows(DATA / "icao-fas-Arab-Latn-9303-table.tsv")
    ],
)
def test_icao_arabic_table_row_is_reproduced(source: str, latin: str) -> None:
    assert icao_9303_arabic(source) == latin


def test_icao_names_read_like_a_passport_zone() -> None:
    assert icao_9303("Олександр Шевченко") == "OLEKSANDR SHEVCHENKO"
    assert icao_9303("Дмитро Ковальов") == "DMITRO KOVALOV"
    assert icao_9303("Дмитро Їжак") == "DMYTRO IZHAK"
    assert icao_9303("Jürgen Groß") == "JUERGEN GROSS"
    assert icao_9303("Søren Åberg") == "SOEREN AABERG"
