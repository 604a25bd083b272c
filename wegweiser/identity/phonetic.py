# ruff: noqa: RUF001, RUF003 - letters of non-Latin scripts are data in this module
"""Sound-based keys for one name word: phonetic keys and consonant skeletons.

Both take a folded Latin word (``fold_latin``: ASCII lower-case letters) or, for skeletons,
an Arabic-script word (``normalize_arabic``), and return a small tuple of keys: where a
spelling is ambiguous (``e`` stands for Arabic fatha in Mohamed and for kasra in Ebrahim) the
word gets one key per reading instead of a guess.

* A **phonetic key** keeps the vowel pattern but merges the spellings that transliteration
  systems and authorities use for one sound: o/u (damma), ou/oo/u, ei/ai/ay, kh/h, sch/sh,
  w/v, ph/f, doubled consonants, a final h after a vowel. Mohamed, Mohammed, Muhammad and
  Mohammad all give ``muhamad``; Hussein, Hossein and Husain give ``husain``; Müller,
  Mueller and Muller give ``mular``.
* A **consonant skeleton** keeps only consonant classes, the way Arabic script writes a name:
  محمد, Mohammed and Muhammad all give ``MHMD``. It bridges Arabic script and Latin script
  without knowing the vowels, and is coarse on purpose (Hassan and Hussein share ``HSN``), so
  it is weak evidence on its own.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

__all__ = ["arabic_skeletons", "latin_skeletons", "phonetic_keys"]

_VOWELS = frozenset("aeiou")
_MAX_KEYS = 4

# Multi-letter spellings of one sound, longest first; upper-case letters are placeholders for
# classes so that later rules do not see them again.
_PHONETIC_DIGRAPHS = (
    ("tsch", "C"), ("dsch", "J"), ("sch", "X"), ("dzh", "J"), ("zh", "J"), ("dj", "J"),
    ("kh", "H"), ("ch", "C"), ("sh", "X"), ("ph", "F"), ("th", "T"), ("dh", "D"),
    ("gh", "G"), ("ck", "K"), ("tz", "ts"), ("yy", "y"), ("q", "Q"), ("x", "ks"), ("w", "v"),
)  # fmt: skip
_PHONETIC_OUTPUT = str.maketrans({"C": "c", "J": "j", "X": "x", "H": "h", "F": "f", "T": "t",
                                  "D": "d", "G": "g", "K": "k"})  # fmt: skip
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLE_CONSONANT = re.compile(r"([b-df-hj-np-tv-zA-Z])\1+")
_DOUBLE_LETTER = re.compile(r"([a-z])\1+")

_VOWEL_RUNS = {
    "a": "a", "e": "E", "i": "i", "o": "u", "u": "u",
    "ai": "ai", "ei": "ai", "ae": "ai", "au": "au", "ao": "au", "ou": "u", "uo": "u",
    "ue": "u", "oe": "u", "ie": "i", "ia": "ia", "io": "iu", "iu": "iu", "ea": "ia",
    "eo": "iu", "eu": "iu", "ua": "ua", "ui": "ui", "oi": "ui", "oa": "ua",
}  # fmt: skip


def _collapse_repeats(run: str) -> str:
    return "".join(char for i, char in enumerate(run) if i == 0 or run[i - 1] != char)


def _map_vowel_run(run: str) -> str:
    run = _collapse_repeats(run)
    if run in _VOWEL_RUNS:
        return _VOWEL_RUNS[run]
    return _collapse_repeats("".join(_VOWEL_RUNS[char] for char in run))


def _resolve_glides(word: str) -> str:
    """Decide for each j and y whether it is a consonant or part of a vowel.

    Works on a word whose digraphs are already replaced by upper-case placeholders. Returns
    the word with ``y`` (consonant y), ``i`` (vowel), ``j`` (consonant j) and ``Y`` for a j
    that may be read as j or as y (Jusuf, Maja).
    """
    out: list[str] = []
    n = len(word)
    for i, char in enumerate(word):
        prev = out[-1] if out else ""
        next_is_vowel = i + 1 < n and word[i + 1] in _VOWELS
        prev_is_vowel = prev != "" and prev in _VOWELS
        if char == "y":
            if prev == "i" and next_is_vowel:
                continue  # Mariya = Maria
            if next_is_vowel and (i == 0 or prev_is_vowel):
                out.append("y")
            else:
                out.append("i")  # Natalya, Aly, Husayn
        elif char == "j":
            if prev == "i" and next_is_vowel:
                continue  # Marija = Maria
            if next_is_vowel and (i == 0 or prev_is_vowel):
                out.append("Y")
            elif next_is_vowel or prev_is_vowel:
                out.append("i")  # Tatjana, Serhij, Mychajlo
            else:
                out.append("j")
        elif char == "i" and i == 0 and next_is_vowel:
            out.append("y")  # Iurii = Yurii (ICAO writes Ю as IU)
        else:
            out.append(char)
    return "".join(out)


def _phonetic_symbols(word: str) -> str:
    """The word with consonant classes and glides resolved; vowels still raw."""
    for source, target in _PHONETIC_DIGRAPHS:
        word = word.replace(source, target)
    word = _SOFT_C.sub("s", word).replace("c", "k")
    symbols = _resolve_glides(word)
    if len(symbols) > 2 and symbols.endswith("h") and symbols[-2] in _VOWELS:
        symbols = symbols[:-1]  # Fatimah = Fatima, Abdullah = Abdulla
    return symbols


def _map_vowels(symbols: str) -> str:
    parts: list[str] = []
    i = 0
    n = len(symbols)
    while i < n:
        if symbols[i] in _VOWELS:
            j = i
            while j < n and symbols[j] in _VOWELS:
                j += 1
            run = symbols[i:j]
            if run == "e" and j == n and i > 0:
                parts.append("a")  # Persian final -eh/-e: Fatemeh = Fatema
            else:
                parts.append(_map_vowel_run(run))
            i = j
        else:
            parts.append(symbols[i])
            i += 1
    return "".join(parts)


# Letters that stand for two readings; each key is made for every combination of readings.
_AMBIGUOUS = (
    ("E", ("a", "i")),  # e is fatha (Mohamed) or kasra (Ebrahim)
    ("Y", ("j", "y")),  # j is j (Jamal) or y (German Jusuf)
    ("Q", ("k", "g")),  # q is k (Qasim) or, in Persian, gh (Ghasemi)
)


def phonetic_keys(word: str) -> tuple[str, ...]:
    """Phonetic keys of one folded Latin word (ASCII lower case), at most four."""
    if not word:
        return ()
    pattern = _map_vowels(_phonetic_symbols(word))
    pattern = _DOUBLE_CONSONANT.sub(r"\1", pattern)
    present = [(mark, readings) for mark, readings in _AMBIGUOUS if mark in pattern]
    keys: list[str] = []
    for combination in itertools.product(*(readings for _, readings in present)):
        key = pattern
        for (mark, _), reading in zip(present, combination, strict=True):
            key = key.replace(mark, reading)
        key = _DOUBLE_LETTER.sub(r"\1", key.translate(_PHONETIC_OUTPUT))
        if key not in keys:
            keys.append(key)
            if len(keys) == _MAX_KEYS:
                break
    return tuple(keys)


# --- consonant skeletons -------------------------------------------------------------------

# Latin: one class letter per consonant sound as Arabic script distinguishes them. "ch" is
# kh in German spellings (Chalid), tsh in English and Ukrainian (Chernivtsi, written تش in
# Arabic) and sh in French (Chaker): placeholder C stands for both K and X.
_SKELETON_DIGRAPHS = (
    ("tsch", "K"), ("dsch", "J"), ("sch", "X"), ("dzh", "J"), ("zh", "Z"), ("dj", "J"),
    ("kh", "K"), ("ch", "C"), ("sh", "X"), ("ph", "F"), ("th", "T"), ("dh", "D"),
    ("gh", "G"), ("ck", "K"), ("tz", "ts"), ("x", "KS"),
)  # fmt: skip
_SKELETON_LETTERS = {
    "b": "B", "p": "B", "t": "T", "d": "D", "k": "K", "q": "K", "g": "J", "j": "J", "f": "F",
    "v": "W", "w": "W", "s": "S", "z": "Z", "h": "H", "l": "L", "m": "M", "n": "N", "r": "R",
    "y": "Y",
}  # fmt: skip
_GLIDES = frozenset("WY")


def _collapse(symbols: Iterable[str]) -> str:
    symbols = list(symbols)
    return "".join(s for i, s in enumerate(symbols) if i == 0 or symbols[i - 1] != s)


def _expand(choices: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The skeletons of all readings, primary reading first, at most _MAX_KEYS."""
    keys: list[str] = []
    for combination in itertools.islice(itertools.product(*choices), 32):
        key = _collapse(symbol for symbol in combination if symbol)
        if key and key not in keys:
            keys.append(key)
            if len(keys) == _MAX_KEYS:
                break
    return tuple(keys)


def latin_skeletons(word: str) -> tuple[str, ...]:
    """Consonant skeletons of one folded Latin word: 'muhammad' -> ('MHMD',)."""
    if not word:
        return ()
    for source, target in _SKELETON_DIGRAPHS:
        word = word.replace(source, target)
    word = _resolve_glides(_SOFT_C.sub("s", word).replace("c", "K").replace("yy", "y"))
    choices: list[tuple[str, ...]] = []
    for i, char in enumerate(word):
        if char in _VOWELS:
            continue
        if char == "Y":
            choices.append(("J", "Y") if not choices else ("J",))  # German j for y: Jusuf
        elif char == "C":
            choices.append(("K", "X"))
        elif char == "v":
            # Persian v is و (Vahid, Javad); v in foreign names is ف (Viktor, Ivanov)
            choices.append(("W", "F") if i == 0 else ("", "F"))
        else:
            symbol = char if char.isupper() else _SKELETON_LETTERS.get(char, "")
            if symbol in _GLIDES and i > 0:
                continue  # w and y inside a word are written as long vowels in Arabic script
            if symbol:
                choices.append((symbol,))
    if len(word) > 2 and word[-1] == "h" and word[-2] in _VOWELS and choices:
        choices[-1] = ("H", "")  # Abdullah = Abdulla; but Saleh (صالح) keeps its H
    return _expand(choices)


# Arabic script (after normalize_arabic). A tuple lists the Latin classes a letter is commonly
# written with; alif, ayn and hamza carry no consonant class.
_ARABIC_SKELETON: dict[str, tuple[str, ...]] = {
    "ب": ("B",), "پ": ("B",), "ت": ("T",), "ث": ("T", "S"), "ج": ("J",), "چ": ("K",),
    "ح": ("H",), "خ": ("K",), "د": ("D",), "ذ": ("D", "Z"), "ر": ("R",), "ز": ("Z",),
    "ژ": ("Z",), "س": ("S",), "ش": ("X",), "ص": ("S",), "ض": ("D", "Z"), "ط": ("T",),
    "ظ": ("Z", "D"), "غ": ("G", "J"), "ف": ("F",), "ق": ("K", "G", "J"), "ك": ("K",), "گ": ("J",),
    "ل": ("L",), "م": ("M",), "ن": ("N",), "ه": ("H",), "و": ("W",), "ي": ("Y",),
    "ټ": ("T",), "ډ": ("D",), "ړ": ("R",), "ږ": ("Z", "J"), "ښ": ("X", "K"), "ځ": ("Z",),
    "څ": ("TS", "S"), "ڼ": ("N",), "ٹ": ("T",), "ڈ": ("D",), "ڑ": ("R",), "ڤ": ("W",),
}  # fmt: skip


def arabic_skeletons(word: str) -> tuple[str, ...]:
    """Consonant skeletons of one normalised Arabic-script word: 'محمد' -> ('MHMD',)."""
    choices: list[tuple[str, ...]] = []
    last = len(word) - 1
    for i, char in enumerate(word):
        classes = _ARABIC_SKELETON.get(char)
        if classes is None:
            continue
        if classes[0] in _GLIDES and i > 0:
            continue  # و and ي after the first letter are mostly long vowels
        if char == "ه" and i == last and i > 0:
            continue  # final ه and ة (normalised to ه) are the feminine ending: Fatima
        if char == "ش" and i > 0 and word[i - 1] == "ت" and choices:
            choices[-1] = ("TX", "K")  # تش writes the ch of foreign names (Chernivtsi)
            continue
        choices.append(classes)
    return _expand(choices)
