"""Which writing system a name is written in, and which language that script most likely carries.

The script codes are ISO 15924 codes, the same the people model stores in
``Person.original_script``.
"""

from __future__ import annotations

import enum

__all__ = [
    "Script",
    "char_script",
    "detect_script",
    "guess_arabic_script_language",
    "guess_cyrillic_language",
]


class Script(enum.StrEnum):
    LATIN = "Latn"
    ARABIC = "Arab"
    CYRILLIC = "Cyrl"
    ETHIOPIC = "Ethi"
    OTHER = "Zyyy"


def char_script(char: str) -> Script | None:
    """The script of one letter; None for digits, punctuation, spaces and combining marks."""
    code = ord(char)
    if code < 0x80:
        return Script.LATIN if char.isalpha() else None
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF:
        if char.isalpha():
            return Script.ARABIC
        return None
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return Script.ARABIC if char.isalpha() else None
    if 0x0400 <= code <= 0x052F or 0x1C80 <= code <= 0x1C8F or 0xA640 <= code <= 0xA69F:
        return Script.CYRILLIC if char.isalpha() else None
    if 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF or 0xAB00 <= code <= 0xAB2F:
        return Script.ETHIOPIC if char.isalpha() else None
    if code <= 0x024F or 0x1E00 <= code <= 0x1EFF or 0x2C60 <= code <= 0x2C7F:
        return Script.LATIN if char.isalpha() else None
    if char.isalpha():
        return Script.OTHER
    return None


def detect_script(text: str) -> Script | None:
    """The dominant script of ``text`` by count of letters; None when it holds no letter."""
    counts: dict[Script, int] = {}
    for char in text:
        script = char_script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda script: counts[script])


# Letters that occur in Pashto but not in Persian or Arabic, and in Persian but not in Arabic.
_PASHTO_LETTERS = frozenset("ټډړږښګڼځڅۍې")
_PERSIAN_LETTERS = frozenset("پچژگکی")
_UKRAINIAN_LETTERS = frozenset("ґєіїҐЄІЇ")
_RUSSIAN_LETTERS = frozenset("ёъыэЁЪЫЭ")


def guess_arabic_script_language(text: str) -> str:
    """'ps', 'fa' or 'ar' from the letters that only one of these alphabets uses.

    Names without such a letter (محمد) cannot be told apart; they count as Arabic.
    """
    letters = set(text)
    if letters & _PASHTO_LETTERS:
        return "ps"
    if letters & _PERSIAN_LETTERS:
        return "fa"
    return "ar"


def guess_cyrillic_language(text: str) -> str | None:
    """'uk' or 'ru' when a letter only one of the two alphabets has occurs, else None."""
    letters = set(text)
    if letters & _UKRAINIAN_LETTERS:
        return "uk"
    if letters & _RUSSIAN_LETTERS:
        return "ru"
    return None
