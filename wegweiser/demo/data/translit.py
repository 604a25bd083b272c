# ruff: noqa: RUF001, RUF002 - letters of other scripts are intended, not look-alikes.
"""Small transliteration tables for synthetic names: how documents render Cyrillic in Latin.

Only what the demo generator needs; the identity app owns matching across spellings.
"""

from __future__ import annotations

import unicodedata

from wegweiser.identity.translit import load_table
from wegweiser.identity.translit import ukrainian_passport_2010 as ukrainian_2010

__all__ = [
    "bulgarian_2009",
    "bulgarian_french",
    "german_system_spelling",
    "ukrainian_2010",
    "ukrainian_german",
    "without_diacritics",
]

_APOSTROPHES = "'’ʼ"

# German transcription (Duden), as older German documents and some authorities write it.
_UK_GERMAN: dict[str, str] = {
    **load_table("ua-ukr-Cyrl-Latn-2010-table.tsv"),
    "в": "w",
    "є": "je",
    "ж": "sch",
    "з": "s",
    "ї": "ji",
    "й": "j",
    "х": "ch",
    "ц": "z",
    "ч": "tsch",
    "ш": "sch",
    "щ": "schtsch",
    "ю": "ju",
    "я": "ja",
}

# Bulgaria, Transliteration Act 2009 (the "streamlined system"); "ия" at a word's end is "ia".
_BG_2009: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sht",
    "ъ": "a",
    "ь": "y",
    "ю": "yu",
    "я": "ya",
}

# The French-influenced spelling of Bulgarian passports issued before 2009 (Gueorgui).
_BG_FRENCH: dict[str, str] = {
    **_BG_2009,
    "ж": "j",
    "й": "i",
    "у": "ou",
    "х": "kh",
    "ч": "tch",
    "ш": "ch",
    "щ": "cht",
    "ю": "iou",
    "я": "ia",
}


def _cased(latin: str, upper: bool) -> str:
    return latin[:1].upper() + latin[1:] if upper else latin


def ukrainian_german(text: str) -> str:
    """Ukrainian Cyrillic in the German (Duden) transcription: Schewtschenko."""
    return _by_table(text, _UK_GERMAN)


def bulgarian_2009(text: str) -> str:
    """Bulgarian Cyrillic in Latin by the Transliteration Act 2009: Georgiev, Yordanka."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        word_end = i + 1 == len(text) or not text[i + 1].isalpha()
        if lower == "я" and word_end and i > 0 and text[i - 1].lower() == "и":
            out.append(_cased("a", char != lower))
        elif lower in _BG_2009:
            out.append(_cased(_BG_2009[lower], char != lower))
        else:
            out.append(char)
    return "".join(out)


def bulgarian_french(text: str) -> str:
    """Bulgarian Cyrillic as older passports wrote it: Gueorgui Gueorguiev."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        following = text[i + 1].lower() if i + 1 < len(text) else ""
        if lower == "г" and following in ("е", "и"):
            out.append(_cased("gu", char != lower))
        elif lower in _BG_FRENCH:
            out.append(_cased(_BG_FRENCH[lower], char != lower))
        else:
            out.append(char)
    return "".join(out)


def _by_table(text: str, table: dict[str, str]) -> str:
    out: list[str] = []
    for char in text:
        lower = char.lower()
        if char in _APOSTROPHES:
            continue
        if lower in table:
            out.append(_cased(table[lower], char != lower))
        else:
            out.append(char)
    return "".join(out)


_NO_DECOMPOSITION = str.maketrans({"ł": "l", "Ł": "L", "ı": "i", "İ": "I", "ß": "ss", "đ": "d"})


def without_diacritics(text: str) -> str:
    """Latin letters without accents, as a machine-readable zone or an old system stores them."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_NO_DECOMPOSITION))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_GERMAN_UMLAUTS = str.maketrans({"ö": "oe", "Ö": "Oe", "ü": "ue", "Ü": "Ue", "ä": "ae", "Ä": "Ae"})


def german_system_spelling(text: str) -> str:
    """A Turkish name in a German register without ş, ğ, ı: Öztürk → Oeztuerk."""
    return without_diacritics(text.translate(_GERMAN_UMLAUTS))
