# ruff: noqa: RUF001, RUF002, RUF003 - letters of non-Latin scripts are data in this module
"""How well a Latin spelling reads as one voweling of an Arabic-script word.

Arabic script writes the consonants and the long vowels; the short vowels are left to the
reader. A Latin spelling of the same name is one reading of it: each Arabic letter becomes
one of the Latin letters used for it (ش: sh, ch, sch, sz; و: w, v, u, o, ou; final ه: a, e,
ah, or nothing), and short vowels appear between them. :func:`alignment_cost` is the cheapest
way to read the Latin spelling out of the Arabic word - a weighted edit distance in which the
letter correspondences of the transliteration and transcription conventions cost nothing or
little, a short vowel between two consonants costs little, and a consonant that is not there,
or another consonant, costs a full edit.

It is what the consonant skeletons cannot give: the long vowels must agree too (حسين is
Hussein, not Hassan), and a name that differs from the Arabic word in one consonant that is
read another way (Wallenstein / فالنشتاين) costs one edit rather than failing a key. It
needs no dictionary, so it holds for names the spelling dictionary does not know.

The costs are set by hand from the conventions (BGN/PCGN, DIN 31635, the French, English and
German ways of writing Arabic names, and how Arabic writes European names); the thresholds
that turn a cost into a level were chosen on the dev half of the real name pairs
(docs/benchmarks.md, "Third round").
"""

from __future__ import annotations

import functools

__all__ = ["alignment_cost"]

# Arabic letter (after normalize_arabic) -> Latin strings it is written with, and their cost.
# The empty string means the letter is not written in Latin at all.
_EMIT: dict[str, dict[str, float]] = {
    "ا": {"a": 0, "aa": 0, "e": 0.2, "i": 0.3, "o": 0.3, "u": 0.3, "ah": 0.3, "": 0.2},
    "ب": {"b": 0, "p": 0.1, "v": 0.5},
    "پ": {"p": 0, "b": 0.2},
    "ت": {"t": 0, "th": 0.3, "d": 0.6},
    "ث": {"th": 0, "s": 0, "t": 0.2, "z": 0.4},
    "ج": {"j": 0, "g": 0, "dj": 0, "dsch": 0.1, "dzh": 0.1, "gi": 0.1, "ge": 0.1, "zh": 0.3,
          "ch": 0.4, "y": 0.6},
    "چ": {"ch": 0, "tch": 0, "tsch": 0, "cz": 0.1, "c": 0.3, "j": 0.5},
    "ح": {"h": 0, "kh": 0.5, "": 0.4},
    "خ": {"kh": 0, "ch": 0, "h": 0.3, "x": 0.3, "k": 0.3, "j": 0.5},
    "د": {"d": 0, "dh": 0.3, "t": 0.5},
    "ذ": {"dh": 0, "z": 0, "th": 0.2, "d": 0.2},
    "ر": {"r": 0},
    "ز": {"z": 0, "s": 0.3, "ts": 0.5, "tz": 0.5},
    "ژ": {"zh": 0, "j": 0, "z": 0.2, "g": 0.3},
    "س": {"s": 0, "c": 0.2, "ts": 0.6, "z": 0.5, "sz": 0.3},
    "ش": {"sh": 0, "ch": 0, "sch": 0, "sz": 0.2, "s": 0.3, "x": 0.5, "tsch": 0.3},
    "ص": {"s": 0, "ts": 0.5, "c": 0.3},
    "ض": {"d": 0, "dh": 0, "z": 0.2},
    "ط": {"t": 0, "th": 0.3, "d": 0.5},
    "ظ": {"z": 0, "dh": 0, "th": 0.3, "d": 0.3},
    "ع": {"": 0, "a": 0.1, "e": 0.2, "i": 0.2, "o": 0.3, "u": 0.3, "h": 0.6, "g": 0.6},
    "غ": {"gh": 0, "g": 0, "r": 0.3, "gu": 0.1, "kh": 0.5},
    "ف": {"f": 0, "v": 0, "ph": 0, "w": 0.5},
    "ق": {"q": 0, "k": 0, "g": 0.2, "c": 0.2, "qu": 0.1, "ck": 0.2, "gh": 0.3},
    "ك": {"k": 0, "c": 0, "ck": 0, "ch": 0.2, "q": 0.2, "qu": 0.2, "g": 0.3, "kh": 0.4},
    "گ": {"g": 0, "k": 0.3, "gu": 0.1},
    "ل": {"l": 0},
    "م": {"m": 0, "n": 0.6},
    "ن": {"n": 0, "m": 0.6, "ng": 0.3},
    "ه": {"h": 0, "": 0.4},
    "و": {"w": 0, "v": 0, "u": 0, "o": 0, "ou": 0, "oo": 0, "au": 0.1, "ow": 0.1, "aw": 0.1,
          "ue": 0.2, "eu": 0.2, "oe": 0.2, "uw": 0.1, "wh": 0.1, "": 0.6},
    "ي": {"y": 0, "i": 0, "e": 0, "ee": 0, "ie": 0, "ei": 0, "ai": 0.1, "ay": 0.1, "ey": 0.1,
          "iy": 0.1, "j": 0.2, "ye": 0.1, "ya": 0.1, "yu": 0.1, "yo": 0.1, "": 0.6},
    "ټ": {"t": 0}, "ډ": {"d": 0}, "ړ": {"r": 0}, "ږ": {"zh": 0, "g": 0, "z": 0.2},
    "ښ": {"sh": 0, "kh": 0, "x": 0.2}, "ځ": {"z": 0, "dz": 0}, "څ": {"ts": 0, "s": 0.2},
    "ڼ": {"n": 0}, "ٹ": {"t": 0}, "ڈ": {"d": 0}, "ڑ": {"r": 0},
}  # fmt: skip

# Two Arabic letters that write one foreign sound (تش: the ch of Chernivtsi and of Italian
# ci; تس and تز: German and Italian z; دج: dj).
_EMIT_PAIR: dict[str, dict[str, float]] = {
    "تش": {"ch": 0, "tch": 0, "tsch": 0, "c": 0.1, "cz": 0, "cs": 0.1, "tsh": 0, "tx": 0.1},
    "تس": {"ts": 0, "tz": 0, "z": 0, "zz": 0, "c": 0.2, "tc": 0.2},
    "تز": {"tz": 0, "zz": 0, "z": 0.1, "ts": 0.1},
    "دج": {"dj": 0, "dg": 0, "j": 0, "g": 0.1},
    "دز": {"dz": 0, "z": 0.1, "ds": 0.1},
}

# The last letter: ة (normalised to ه) is the feminine ending, written a, ah, e, eh or at.
_FINAL_EMIT: dict[str, dict[str, float]] = {
    "ه": {"h": 0, "a": 0, "ah": 0, "e": 0, "eh": 0, "at": 0.2, "et": 0.3, "": 0.1},
}

_VOWELS = frozenset("aeiouy")
_SHORT_VOWEL = 0.15  # a short vowel Arabic script does not write
_SECOND_VOWEL = 0.4  # a second unwritten vowel after one (a long vowel not written)
_SILENT_H = 0.4  # an h that only lengthens a vowel or marks a foreign spelling (John)
_DOUBLE = 0.1  # a doubled Latin letter (shadda, or a foreign spelling: Wallis)
_EXTRA_CONSONANT = 1.0  # a Latin consonant the Arabic word does not have
_MISSING_LETTER = 1.0  # an Arabic consonant the Latin spelling does not have
_OTHER_CONSONANT = 1.0  # a consonant read as another one
_LIMIT = 4.0  # costs above this are reported as this (the pair is far apart anyway)


def _emissions(letter: str, last: bool) -> dict[str, float]:
    table = _EMIT.get(letter, {"": 0.5})
    if last and letter in _FINAL_EMIT:
        return _FINAL_EMIT[letter]
    return table


@functools.lru_cache(maxsize=500_000)
def alignment_cost(arabic: str, latin: str, limit: float = _LIMIT) -> float:
    """The cheapest reading of the folded Latin word ``latin`` (ASCII lower case) out of the
    normalised Arabic-script word ``arabic``; 0 is a perfect voweling, 1 about one consonant
    wrong. Costs above ``limit`` (at most 4) are reported as 4: the alignment stops as soon as
    every reading of the letters so far costs more."""
    latin = latin.replace("x", "ks")
    n, m = len(arabic), len(latin)
    if not n or not m:
        return _LIMIT
    inf = float("inf")
    # cost[i][j]: the first i Arabic letters read as the first j Latin letters.
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        row = cost[i]
        # Costs only grow: once this row and the next (which the two-letter sounds reach
        # from the row before) are all above the limit, so is every reading.
        if min(row) > limit and (i == n or min(cost[i + 1]) > limit):
            return _LIMIT
        for j in range(m + 1):
            here = row[j]
            if here == inf:
                continue
            if j < m:
                # a Latin letter the Arabic word does not write
                char = latin[j]
                previous = latin[j - 1] if j else ""
                if char == previous:
                    step = _DOUBLE
                elif char in _VOWELS:
                    step = _SECOND_VOWEL if previous in _VOWELS else _SHORT_VOWEL
                elif char == "h" and previous in _VOWELS:
                    step = _SILENT_H
                else:
                    step = _EXTRA_CONSONANT
                if here + step < row[j + 1]:
                    row[j + 1] = here + step
            if i == n:
                continue
            letter = arabic[i]
            following = cost[i + 1]
            emitted_any = False
            for text, step in _emissions(letter, i == n - 1).items():
                if text == "":
                    if here + step < following[j]:
                        following[j] = here + step
                elif latin.startswith(text, j):
                    emitted_any = True
                    end = j + len(text)
                    if here + step < following[end]:
                        following[end] = here + step
            if i + 1 < n and arabic[i : i + 2] in _EMIT_PAIR:
                after = cost[i + 2]
                for text, step in _EMIT_PAIR[arabic[i : i + 2]].items():
                    if latin.startswith(text, j) and here + step < after[j + len(text)]:
                        after[j + len(text)] = here + step
            if here + _MISSING_LETTER < following[j]:
                following[j] = here + _MISSING_LETTER
            if (
                j < m
                and not emitted_any
                and latin[j] not in _VOWELS
                and here + _OTHER_CONSONANT < following[j + 1]
            ):
                following[j + 1] = here + _OTHER_CONSONANT
    total = cost[n][m]
    return total if total <= limit else _LIMIT
