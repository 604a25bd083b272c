# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Script detection, the German transcription, MRZ parsing and the ICU fallbacks."""

from __future__ import annotations

from typing import Literal

import pytest

from wegweiser.identity.bgn import arabic_bgn_1956, dari_bgn_2007
from wegweiser.identity.scripts import (
    Script,
    detect_script,
    guess_arabic_script_language,
    guess_cyrillic_language,
)
from wegweiser.identity.translit import (
    TRANSFORM_FALLBACKS,
    first_available,
    german_cyrillic,
    icao_9303_latin,
    icu_transliterate,
    parse_mrz_name,
    resolve_transform,
    ukrainian_passport_2010,
)


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Mohammed Müller", Script.LATIN),
        ("محمد حسين", Script.ARABIC),
        ("محمدرضا حسینی", Script.ARABIC),
        ("Олександр Шевченко", Script.CYRILLIC),
        ("ተስፋይ ገብረመድህን", Script.ETHIOPIC),
        ("Ahmad (أحمد) أحمدي", Script.ARABIC),
        ("山田", Script.OTHER),
    ],
)
def test_detect_script_finds_the_dominant_script(text: str, script: Script) -> None:
    assert detect_script(text) == script


def test_detect_script_returns_none_without_letters() -> None:
    assert detect_script("  01.01.1990 - ") is None


@pytest.mark.parametrize(
    ("text", "language"),
    [("محمد", "ar"), ("حسینی", "fa"), ("پرویز", "fa"), ("ښکلی", "ps"), ("ځدراڼ", "ps")],
)
def test_arabic_script_language_is_told_by_its_own_letters(text: str, language: str) -> None:
    assert guess_arabic_script_language(text) == language


def test_cyrillic_language_is_told_only_when_a_letter_decides() -> None:
    assert guess_cyrillic_language("Олексій") == "uk"
    assert guess_cyrillic_language("Алексей Воробьёв") == "ru"
    assert guess_cyrillic_language("Дмитро") is None


@pytest.mark.parametrize(
    ("cyrillic", "language", "german"),
    [
        ("Хрущёв", "ru", "Chruschtschow"),
        ("Ельцин", "ru", "Jelzin"),
        ("Горбачёв", "ru", "Gorbatschow"),
        ("Чайковский", "ru", "Tschaikowski"),
        ("Достоевский", "ru", "Dostojewski"),
        ("Владимир", "ru", "Wladimir"),
        ("Шевченко", "uk", "Schewtschenko"),
        ("Олександр", "uk", "Olexandr"),
        ("Володимир", "uk", "Wolodymyr"),
        ("Сергій", "uk", "Serhij"),
    ],
)
def test_german_transcription_gives_the_spelling_of_german_registers(
    cyrillic: str, language: Literal["ru", "uk"], german: str
) -> None:
    assert german_cyrillic(cyrillic, language) == german


def test_german_transcription_guesses_ukrainian_from_its_letters() -> None:
    assert german_cyrillic("Сергій") == "Serhij"
    assert german_cyrillic("Сергей") == "Sergej"


def test_ukrainian_passport_standard_keeps_case_of_all_caps_words() -> None:
    assert ukrainian_passport_2010("ЄВГЕН ЩЕРБАК") == "YEVHEN SHCHERBAK"
    assert ukrainian_passport_2010("Юлія Гаєвич") == "Yuliia Haievych"


def test_icao_latin_writes_umlauts_and_special_letters_out() -> None:
    assert icao_9303_latin("Müller-Lüdenscheidt") == "MUELLER-LUEDENSCHEIDT"
    assert icao_9303_latin("Þórunn Ðuric Łukasz") == "THORUNN DURIC LUKASZ"
    assert icao_9303_latin("Çelik Şahin") == "CELIK SAHIN"


def test_mrz_name_field_splits_into_family_and_given_names() -> None:
    assert parse_mrz_name("AL<HASSAN<<MOHAMMAD<REZA<<<<<<<<") == ("AL HASSAN", "MOHAMMAD REZA")
    assert parse_mrz_name("SHEVCHENKO<<<<<<<<") == ("SHEVCHENKO", "")


def test_transform_falls_back_to_the_next_available_one() -> None:
    chain = TRANSFORM_FALLBACKS["Pashto-Latin/BGN"]
    assert first_available(chain, frozenset({"Arabic-Latin", "Any-Latin"})) == "Arabic-Latin"
    assert first_available(chain, frozenset()) is None


def test_all_transforms_the_package_uses_resolve_in_the_installed_icu() -> None:
    assert all(resolve_transform(transform) for transform in TRANSFORM_FALLBACKS)


def test_unknown_transform_leaves_text_unchanged() -> None:
    assert icu_transliterate("Ahmad", "Klingon-Latin") == "Ahmad"


def test_bgn_on_unpointed_names_renders_consonants_and_long_vowels() -> None:
    assert arabic_bgn_1956("محمود") == "Mḩmūd"
    assert arabic_bgn_1956("عبد الله") == "‘Bd Allāh"
    assert dari_bgn_2007("کابل") == "Kābl"
