# ruff: noqa: RUF001, RUF002, RUF003 - letters of non-Latin scripts are data in this module
"""Normalisation of names within one script: Latin folding, Arabic-script, Cyrillic and Ge'ez."""

from __future__ import annotations

import re
import unicodedata

from wegweiser.identity.translit import icu_transliterate

__all__ = [
    "fold_latin",
    "normalize_arabic",
    "normalize_cyrillic",
    "normalize_ethiopic",
    "normalize_original",
    "strip_marks",
]

# Letters whose plain-ASCII form is more than "drop the accent". Two readings where German
# and Turkish spelling conventions differ: the "expanded" one writes the sound out
# (ü -> ue, ş -> sh), the "plain" one drops the mark (ü -> u, ş -> s). Müller, Mueller and
# Muller all share one of the two.
_EXPANDED = {
    "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "ş": "sh", "ș": "sh", "š": "sh",
    "ç": "ch", "č": "ch", "ž": "zh", "ğ": "gh", "æ": "ae", "œ": "oe", "ø": "oe", "å": "aa",
    "þ": "th", "ð": "d", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "ŀ": "l", "ĳ": "ij",
}  # fmt: skip
_PLAIN = {
    "ä": "a", "ö": "o", "ü": "u", "ß": "ss", "ẞ": "ss", "ş": "s", "ș": "s", "š": "s",
    "ç": "c", "č": "c", "ž": "z", "ğ": "g", "æ": "ae", "œ": "oe", "ø": "o", "å": "a",
    "þ": "th", "ð": "d", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "ŀ": "l", "ĳ": "ij",
}  # fmt: skip
_EXPANDED_TABLE = str.maketrans(_EXPANDED)
_PLAIN_TABLE = str.maketrans(_PLAIN)
_NON_ASCII_LETTER = re.compile(r"[^a-z]+")


def strip_marks(text: str) -> str:
    """``text`` without combining marks (accents, dots, macrons)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _lower(text: str) -> str:
    # Turkish dotted capital I would lower to "i" plus a combining dot; map it first.
    return text.replace("İ", "i").lower()


def _to_ascii(text: str) -> str:
    if not text.isascii():
        # letters such as ŋ, ɛ or ʃ: ICU's Latin-ASCII knows their closest ASCII letters
        text = icu_transliterate(text, "Latin-ASCII").lower()
    return _NON_ASCII_LETTER.sub("", text)


def fold_latin(text: str) -> tuple[str, ...]:
    """ASCII lower-case forms of a Latin-script name, letters only, one or two readings.

    'Müller' -> ('mueller', 'muller'); 'Şahin' -> ('shahin', 'sahin'); 'Ali' -> ('ali',).
    """
    nfc = unicodedata.normalize("NFC", _lower(text))
    expanded = _to_ascii(strip_marks(nfc.translate(_EXPANDED_TABLE)))
    plain = _to_ascii(strip_marks(nfc.translate(_PLAIN_TABLE)))
    if expanded == plain:
        return (expanded,) if expanded else ()
    return tuple(form for form in (expanded, plain) if form)


# Arabic script: vowel points, Quranic marks and tatweel go; letter variants that authorities
# and keyboards use interchangeably become one letter (أ إ آ -> ا, ى ی -> ي, ک -> ك, ة -> ه).
_ARABIC_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d\u200e\u200f\u061c]"
)
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ی": "ي",
        "ې": "ي", "ۍ": "ي", "ے": "ي", "ئ": "ي", "ک": "ك", "ڪ": "ك", "ة": "ه", "ۀ": "ه",
        "ە": "ه", "ۃ": "ه", "ھ": "ه", "ہ": "ه", "ؤ": "و", "ء": None, "ګ": "گ", "ڭ": "گ",
        "ں": "ن", "ڤ": "ف", "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5",
        "٦": "6", "٧": "7", "٨": "8", "٩": "9",
    }
)  # fmt: skip


def normalize_arabic(text: str) -> str:
    """Arabic-script text without vowel points and with interchangeable letter forms unified."""
    text = unicodedata.normalize("NFKC", text)  # presentation forms -> letters
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)


def normalize_cyrillic(text: str) -> str:
    """Lower-case Cyrillic with ё as е and without apostrophes (Знам'янка = Знамянка)."""
    lowered = unicodedata.normalize("NFC", text).lower().replace("ё", "е")
    return "".join(c for c in lowered if c not in "'’ʼ`")


def _ethiopic_homophones() -> dict[int, int]:
    # Rows that modern Tigrinya and Amharic spelling uses interchangeably: ሠ/ሰ (s), ኀ/ሐ (h),
    # ፀ/ጸ (ts'), and for Amharic ዐ/አ.
    mapping: dict[int, int] = {}
    for source, target in ((0x1220, 0x1230), (0x1280, 0x1210), (0x1340, 0x1338), (0x12D0, 0x12A0)):
        for order in range(8):
            mapping[source + order] = target + order
    return mapping


_ETHIOPIC_HOMOPHONES = _ethiopic_homophones()


def normalize_ethiopic(text: str) -> str:
    """Ge'ez text with homophone letter rows unified."""
    return unicodedata.normalize("NFC", text).translate(_ETHIOPIC_HOMOPHONES)


def normalize_original(text: str, script: str) -> str:
    """The comparison form of a name in its original (non-Latin) script."""
    if script == "Arab":
        return normalize_arabic(text)
    if script == "Cyrl":
        return normalize_cyrillic(text)
    if script == "Ethi":
        return normalize_ethiopic(text)
    return unicodedata.normalize("NFC", text).casefold()
