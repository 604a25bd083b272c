# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Transliteration: the national and ICAO standards implemented here, and ICU transforms.

Implemented here, from the published tables (see ``data/README.md``):

* :func:`ukrainian_passport_2010` - Resolution No. 55 of the Cabinet of Ministers of Ukraine
  (27 January 2010), the system of Ukrainian passports since 2010.
* :func:`icao_9303` - ICAO Doc 9303 Part 3, the transliteration used in the machine-readable
  zone (MRZ) of passports: Cyrillic (Russian and Ukrainian tables), Arabic-script letters and
  Latin letters with diacritics.
* :func:`german_cyrillic` - the German (Duden) transcription of Russian and Ukrainian that
  German registers used for decades (Schewtschenko, Olexandr, Jelena).

ICU transforms (Any-Latin, Arabic-Latin, the BGN transforms, Latin-ASCII) go through
:func:`icu_transliterate`, which falls back to the next transform when the installed ICU lacks
one.
"""

from __future__ import annotations

import csv
import functools
import threading
import unicodedata
from collections.abc import Mapping
from importlib import resources
from typing import Literal

import icu

from wegweiser.identity.scripts import Script, char_script, guess_cyrillic_language

__all__ = [
    "AVAILABLE_TRANSFORMS",
    "TRANSFORM_FALLBACKS",
    "first_available",
    "german_cyrillic",
    "icao_9303",
    "icao_9303_arabic",
    "icao_9303_cyrillic",
    "icao_9303_latin",
    "icu_transliterate",
    "load_table",
    "parse_mrz_name",
    "resolve_transform",
    "ukrainian_passport_2010",
]

_APOSTROPHES = frozenset("'’ʼ`´ʹ")


def load_table(filename: str) -> dict[str, str]:
    """A two-column TSV table (with a header row) from this package's data folder."""
    text = resources.files("wegweiser.identity").joinpath("data", filename).read_text("utf-8")
    rows = csv.reader(text.splitlines()[1:], delimiter="\t", quoting=csv.QUOTE_NONE)
    return {row[0]: (row[1] if len(row) > 1 else "") for row in rows if row}


def _is_letter(char: str) -> bool:
    return char.isalpha() or char in _APOSTROPHES


def _cased(latin: str, source: str, word_upper: bool) -> str:
    """``latin`` in the case of the source letter: 'Zh' for Ж in a word, 'ZH' in an all-caps one."""
    if not source.isupper():
        return latin
    if word_upper:
        return latin.upper()
    return latin[:1].upper() + latin[1:]


def _word_is_upper(text: str, index: int) -> bool:
    """Whether the word around ``text[index]`` is written in capitals (and is longer than 1)."""
    start = index
    while start > 0 and _is_letter(text[start - 1]):
        start -= 1
    end = index
    while end < len(text) and _is_letter(text[end]):
        end += 1
    letters = [c for c in text[start:end] if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


# --- Ukraine 2010 -------------------------------------------------------------------------

_UA2010 = load_table("ua-ukr-Cyrl-Latn-2010-table.tsv")
_UA2010_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def ukrainian_passport_2010(text: str) -> str:
    """Ukrainian Cyrillic to Latin as in Ukrainian passports (Resolution No. 55, 2010).

    Є, Ї, Й, Ю, Я are Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere;
    зг is zgh; the soft sign and the apostrophe are not rendered. Other characters pass through.
    """
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        if char in _APOSTROPHES:
            continue
        if lower not in _UA2010:
            out.append(char)
            continue
        at_start = i == 0 or not _is_letter(text[i - 1])
        if lower in _UA2010_INITIAL and at_start:
            latin = _UA2010_INITIAL[lower]
        elif lower == "г" and i > 0 and text[i - 1].lower() == "з":
            latin = "gh"
        else:
            latin = _UA2010[lower]
        out.append(_cased(latin, char, _word_is_upper(text, i)))
    return "".join(out)


# --- ICAO Doc 9303 ------------------------------------------------------------------------

_ICAO_CYRILLIC: dict[str, Mapping[str, str]] = {
    "ru": load_table("icao-rus-Cyrl-Latn-9303-table.tsv"),
    "uk": load_table("icao-ukr-Cyrl-Latn-9303-table.tsv"),
}
_ICAO_ARABIC = load_table("icao-fas-Arab-Latn-9303-table.tsv")

# Doc 9303 Part 3, transliteration of multinational Latin-based characters: letters with a
# recommended multi-letter form; every other diacritic is dropped (É -> E).
_ICAO_LATIN_SPECIAL = {
    "Ä": "AE",
    "Æ": "AE",
    "Å": "AA",
    "Ö": "OE",
    "Ø": "OE",
    "Œ": "OE",
    "Ü": "UE",
    "ß": "SS",
    "ẞ": "SS",
    "Þ": "TH",
    "Ð": "D",
    "Đ": "D",
    "Ħ": "H",
    "Ĳ": "IJ",
    "Ł": "L",
    "Ŀ": "L",
    "Ŋ": "N",
    "Ŧ": "T",
    "ı": "I",
}


def icao_9303_cyrillic(text: str, language: Literal["ru", "uk"] = "ru") -> str:
    """Cyrillic as written in the MRZ (ICAO Doc 9303 Part 3), in capitals.

    Doc 9303 defines the MRZ in capitals only, so the input is read in capitals and the
    upper-case rows of the table apply (the published lower-case rows of the Ukrainian table
    contain errors, see ``data/README.md``). Cyrillic letters without a row (the soft and
    hard signs) are not written; other characters pass through.
    """
    table = _ICAO_CYRILLIC[language]
    out: list[str] = []
    for char in text.upper():
        if char in table:
            out.append(table[char])
        elif char not in _APOSTROPHES and char_script(char) != Script.CYRILLIC:
            out.append(char)
    return "".join(out)


def icao_9303_arabic(text: str) -> str:
    """Arabic-script letters as in the ICAO Doc 9303 Part 3 table (reversible X-codes)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if char in _ICAO_ARABIC:
            out.append(_ICAO_ARABIC[char])
        elif char_script(char) == Script.ARABIC or unicodedata.combining(char):
            continue  # letters and marks outside the table have no MRZ form
        else:
            out.append(char)
    return "".join(out)


def icao_9303_latin(text: str) -> str:
    """Latin letters with diacritics as in the MRZ: Müller -> MUELLER, Ørsted -> OERSTED."""
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text).upper():
        if char in _ICAO_LATIN_SPECIAL:
            out.append(_ICAO_LATIN_SPECIAL[char])
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
        )
        out.append(base)
    return "".join(out)


def icao_9303(text: str) -> str:
    """Any supported script to MRZ letters, in capitals, keeping spaces between words."""
    script = None
    for char in text:
        script = char_script(char)
        if script is not None:
            break
    if script == Script.CYRILLIC:
        language: Literal["ru", "uk"] = "uk" if guess_cyrillic_language(text) == "uk" else "ru"
        return icao_9303_cyrillic(text, language)
    if script == Script.ARABIC:
        return icao_9303_arabic(text)
    return icao_9303_latin(text)


def parse_mrz_name(field: str) -> tuple[str, str]:
    """Split an MRZ name field into (family name, given names): 'AHMADI<<MOHAMMAD<REZA'."""
    primary, _, secondary = field.strip().strip("<").partition("<<")
    family = " ".join(part for part in primary.split("<") if part)
    given = " ".join(part for part in secondary.split("<") if part)
    return family, given


# --- German (Duden) transcription ---------------------------------------------------------

_DUDEN_COMMON = {
    "а": "a", "б": "b", "в": "w", "д": "d", "ж": "sch", "з": "s", "к": "k", "л": "l",
    "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u",
    "ф": "f", "х": "ch", "ц": "z", "ч": "tsch", "ш": "sch", "щ": "schtsch", "ъ": "",
    "ь": "", "ю": "ju", "я": "ja",
}  # fmt: skip
_DUDEN = {
    "ru": {**_DUDEN_COMMON, "г": "g", "е": "e", "ё": "jo", "и": "i", "й": "i", "ы": "y",
           "э": "e"},
    "uk": {**_DUDEN_COMMON, "г": "h", "ґ": "g", "е": "e", "є": "je", "и": "y", "і": "i",
           "ї": "ji", "й": "j"},
}  # fmt: skip
_CYRILLIC_VOWELS = frozenset("аеёиоуыэюяєіїАЕЁИОУЫЭЮЯЄІЇ")


def german_cyrillic(text: str, language: Literal["ru", "uk"] | None = None) -> str:
    """Russian or Ukrainian Cyrillic in the German (Duden) transcription.

    Хрущёв -> Chruschtschow, Ельцин -> Jelzin, Шевченко -> Schewtschenko, Олександр ->
    Olexandr. Used because older German documents and registers spell names this way.
    """
    if language is None:
        language = "uk" if guess_cyrillic_language(text) == "uk" else "ru"
    table = _DUDEN[language]
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        lower = char.lower()
        prev = text[i - 1].lower() if i > 0 else ""
        at_start = i == 0 or not _is_letter(text[i - 1])
        nxt = text[i + 1].lower() if i + 1 < len(text) else ""
        if lower == "к" and nxt == "с":
            latin, i = "x", i + 2
        elif lower not in table:
            out.append("" if char in _APOSTROPHES else char)
            i += 1
            continue
        else:
            latin = table[lower]
            if (
                lower == "е"
                and language == "ru"
                and (at_start or prev in _CYRILLIC_VOWELS or prev in "ъь")
            ):
                latin = "je"
            elif lower == "ё" and prev in ("ж", "ч", "ш", "щ"):
                latin = "o"
            elif lower == "с" and prev in _CYRILLIC_VOWELS and nxt and nxt in _CYRILLIC_VOWELS:
                latin = "ss"
            elif lower == "й" and language == "ru" and prev in ("и", "ы") and not _is_letter(nxt):
                latin = ""  # Достоевский -> Dostojewski
            elif lower == "й" and language == "ru" and prev == "е":
                latin = "j"  # Сергей -> Sergej, but Николай -> Nikolai
            i += 1
        out.append(_cased(latin, char, _word_is_upper(text, i - 1)))
    return "".join(out)


# --- ICU ----------------------------------------------------------------------------------

AVAILABLE_TRANSFORMS: frozenset[str] = frozenset(icu.Transliterator.getAvailableIDs())

# Preferred transform and what to use when the installed ICU lacks it.
TRANSFORM_FALLBACKS: dict[str, tuple[str, ...]] = {
    "Any-Latin": ("Any-Latin",),
    "Arabic-Latin": ("Arabic-Latin", "Any-Latin"),
    "Arabic-Latin/BGN": ("Arabic-Latin/BGN", "Arabic-Latin", "Any-Latin"),
    "Persian-Latin/BGN": ("Persian-Latin/BGN", "Arabic-Latin/BGN", "Arabic-Latin", "Any-Latin"),
    "Pashto-Latin/BGN": ("Pashto-Latin/BGN", "Persian-Latin/BGN", "Arabic-Latin", "Any-Latin"),
    "Russian-Latin/BGN": ("Russian-Latin/BGN", "Cyrillic-Latin", "Any-Latin"),
    "Ukrainian-Latin/BGN": ("Ukrainian-Latin/BGN", "Cyrillic-Latin", "Any-Latin"),
    "Ethiopic-Latin": ("Ethiopic-Latin", "Any-Latin"),
    "Amharic-Latin/BGN": ("Amharic-Latin/BGN", "Ethiopic-Latin", "Any-Latin"),
    "Latin-ASCII": ("Latin-ASCII",),
}


def first_available(candidates: tuple[str, ...], available: frozenset[str]) -> str | None:
    """The first of ``candidates`` that ``available`` contains."""
    return next((candidate for candidate in candidates if candidate in available), None)


@functools.cache
def resolve_transform(transform_id: str) -> str | None:
    """The transform ID to use for ``transform_id`` in this ICU, following the fallbacks."""
    return first_available(
        TRANSFORM_FALLBACKS.get(transform_id, (transform_id,)), AVAILABLE_TRANSFORMS
    )


_local = threading.local()


def _transliterator(transform_id: str) -> icu.Transliterator:
    # ICU transliterator objects are not documented as thread-safe: one set per thread.
    cache: dict[str, icu.Transliterator] | None = getattr(_local, "cache", None)
    if cache is None:
        cache = {}
        _local.cache = cache
    if transform_id not in cache:
        cache[transform_id] = icu.Transliterator.createInstance(transform_id)
    return cache[transform_id]


def icu_transliterate(text: str, transform_id: str) -> str:
    """``text`` through an ICU transform (or its fallback); unchanged if none is available."""
    resolved = resolve_transform(transform_id)
    if resolved is None:
        return text
    return str(_transliterator(resolved).transliterate(text))
