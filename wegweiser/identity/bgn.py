# ruff: noqa: RUF001, RUF002 - letters of non-Latin scripts are data in this module
"""BGN/PCGN romanization systems, implemented here from the published tables.

* :func:`arabic_bgn_1956` - Romanization of Arabic (BGN 1946, PCGN 1956).
* :func:`dari_bgn_2007` and :func:`pashto_bgn_1968` - the Afghan system (BGN/PCGN 2007) for
  Dari, and Pashto as encoded in the same tables.
* :func:`russian_bgn_1947` - Russian (BGN 1944, PCGN 1947), with the optional middle dot that
  separates letters which would otherwise read as a digraph (t·s, sh·ch, y·a).
* :func:`tigrinya_bgn_2007` - Tigrinya (Ge'ez script).

These systems are defined for fully pointed text (with short-vowel marks). Names in records
are usually unpointed; the functions then render long vowels and consonants only
(محمد -> Mḩmd), which is still a stable key for a name written in that script.
ICU ships transforms of the same names, but in the installed ICU they do not reproduce the
standards' own examples; every example in ``tests/vectors`` passes with these functions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

__all__ = [
    "arabic_bgn_1956",
    "dari_bgn_2007",
    "pashto_bgn_1968",
    "russian_bgn_1947",
    "tigrinya_bgn_2007",
]

_FATHA, _DAMMA, _KASRA, _SUKUN, _SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
_DAGGER_ALIF, _E_MARK = "\u0670", "\u0659"
_TANWIN = frozenset("\u064b\u064c\u064d")
_SHORT_VOWELS = {_FATHA: "a", _KASRA: "i", _DAMMA: "u"}
_MARKS = frozenset({_FATHA, _DAMMA, _KASRA, _SUKUN, _SHADDA, _DAGGER_ALIF, _E_MARK, *_TANWIN})
_QUOTE_MARKS = "‘’"

_ARABIC_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "ḩ", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "ş", "ض": "ḑ", "ط": "ţ", "ظ": "z̧",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h", "پ": "p", "چ": "ch", "ڤ": "v", "ڨ": "g", "گ": "g", "ڴ": "g", "ڭ": "g",
    "ژ": "zh",
}  # fmt: skip
_AFGHAN_CONSONANTS = {
    **_ARABIC_CONSONANTS,
    "ث": "s̄", "ذ": "z̄", "ض": "ẕ", "ح": "ḩ", "ټ": "ṯ", "ډ": "ḏ", "ړ": "ṟ", "ڼ": "ṉ",
    "ږ": "z͟h", "ښ": "s͟h", "ځ": "dz", "څ": "ts", "ګ": "g",
}  # fmt: skip
_SUN_LETTERS = frozenset("تثدذرزسشصضطظلن")
_HAMZA_CARRIERS = frozenset("ئؤء")


@dataclass(frozen=True, slots=True)
class _Letter:
    char: str
    marks: frozenset[str]

    @property
    def vowel(self) -> str:
        for mark, latin in _SHORT_VOWELS.items():
            if mark in self.marks:
                return latin
        return ""


def _letters(word: str) -> list[_Letter]:
    letters: list[_Letter] = []
    for char in word:
        if char in _MARKS and letters:
            last = letters[-1]
            letters[-1] = _Letter(last.char, last.marks | {char})
        elif char not in _MARKS:
            letters.append(_Letter(char, frozenset()))
    return letters


@dataclass(frozen=True, slots=True)
class _System:
    consonants: dict[str, str]
    afghan: bool
    article_vowel: str


_ARABIC = _System(_ARABIC_CONSONANTS, afghan=False, article_vowel="a")
_DARI = _System(_AFGHAN_CONSONANTS, afghan=True, article_vowel="a")
_PASHTO = _System(_AFGHAN_CONSONANTS, afghan=True, article_vowel="u")


def _replace_last(out: list[str], old: str, new: str) -> bool:
    if out and out[-1].endswith(old):
        out[-1] = out[-1][: -len(old)] + new
        return True
    return False


def _has_article(letters: list[_Letter]) -> bool:
    return (
        len(letters) > 2
        and letters[0].char == "ا"
        and not letters[0].marks
        and letters[1].char == "ل"
        and not (letters[1].marks - {_SUKUN})
    )


def _romanize_word(
    letters: list[_Letter], system: _System, *, last_word: bool, next_has_article: bool
) -> tuple[str, str]:
    """(article, word) in lower case; the article is '' when the word has none."""
    article = ""
    start = 0
    if _has_article(letters):
        first = letters[2].char
        sun = system.consonants.get(first, "l") if first in _SUN_LETTERS else "l"
        article = system.article_vowel + sun
        start = 2
    out: list[str] = []
    n = len(letters)
    for i in range(start, n):
        letter = letters[i]
        char, marks, vowel = letter.char, letter.marks, letter.vowel
        initial = i == start
        prev = letters[i - 1] if i > start else None
        shadda = _SHADDA in marks and not (article and initial)
        if char == "آ":
            out.append("ā" if initial or system.afghan else "’ā")
        elif char in "أإ":
            default = "i" if char == "إ" else "a"
            out.append((vowel or default) if initial else "’" + vowel)
        elif char == "ا":
            if initial:
                out.append(vowel or ("ā" if system.afghan else "a"))
            elif not _replace_last(out, "a", "ā"):
                out.append("ā")
        elif char == "ٱ":
            out.append("’")
        elif char == "ى":
            if _DAGGER_ALIF in marks or not system.afghan:
                if not _replace_last(out, "a", "á"):
                    out.append("á")
            else:
                out.append("y")
        elif char == "ة":
            after_long_a = bool(out) and out[-1].endswith("ā")
            if not after_long_a:
                _replace_last(out, "a", "")  # the fatha before it is part of -ah
            ending = "h" if last_word or next_has_article else "t"  # Muḩāfaz̧at Dimashq
            out.append(("" if after_long_a else "a") + ending)
        elif char in ("و", "ي", "ی") and not (vowel or shadda) and not initial:
            out.append(_long_vowel_or_glide(char, marks, prev, out, system))
        elif char == "ۍ":
            out.append("êy")
        elif char == "ې":
            out.append("ē")
        elif char in _HAMZA_CARRIERS:
            out.append("’" + vowel)
        elif char == "ع":
            out.append("‘" + vowel)
        else:
            latin = {"و": "w", "ي": "y", "ی": "y"}.get(char) or system.consonants.get(char, char)
            if char in ("ي", "ی") and shadda and _replace_last(out, "i", "ī"):
                shadda = False  # -īyah, not -iyyah (Note 7)
            out.append(latin * 2 if shadda else latin)
            if _E_MARK in marks:
                out.append("ê")
            elif vowel == "i" and system.afghan and i == n - 1 and not last_word:
                out.append("-e")  # izafah
            else:
                out.append(vowel)
            if _DAGGER_ALIF in marks:
                out.append("ā")
    return article, "".join(out)


def _long_vowel_or_glide(
    char: str, marks: frozenset[str], prev: _Letter | None, out: list[str], system: _System
) -> str:
    """A و or ي without its own vowel: part of a long vowel or diphthong, or a consonant."""
    glide = "w" if char == "و" else "y"
    short, long_ = ("u", "ō" if system.afghan else "ū") if char == "و" else ("i", "ī")
    if out and out[-1].endswith(short) and _replace_last(out, short, long_):
        return ""
    if out and out[-1].endswith("a"):
        if system.afghan and _SUKUN not in marks:
            _replace_last(out, "a", "o" if char == "و" else "a")
            return "w" if char == "و" else "ī"
        return glide
    if prev is None or prev.marks or (out and out[-1].endswith(("ā", "ī", "ū", "ō"))):
        return glide  # after a long vowel or a vowelless (sukun) consonant
    return long_  # unpointed text: a long vowel is the likelier reading


def _capitalize(word: str) -> str:
    for i, char in enumerate(word):
        if char not in _QUOTE_MARKS:
            return word[:i] + char.upper() + word[i + 1 :]
    return word


def _romanize_arabic_script(text: str, system: _System) -> str:
    words = [_letters(word) for word in text.split()]
    rendered: list[str] = []
    for index, letters in enumerate(words):
        bare = "".join(letter.char for letter in letters)
        if system.afghan and bare == "آباد" and rendered:
            rendered[-1] += "ābād"  # -ābād is written together with the name before it
            continue
        if bare in ("الله", "اللّه", "ﷲ"):
            rendered.append("Allāh")  # the word for God is always Allāh
            continue
        last = index == len(words) - 1
        next_has_article = not last and _has_article(words[index + 1])
        article, word = _romanize_word(
            letters, system, last_word=last, next_has_article=next_has_article
        )
        word = _capitalize(word)
        if article:
            rendered.append((_capitalize(article) if not rendered else article) + " " + word)
        else:
            rendered.append(word)
    return unicodedata.normalize("NFC", " ".join(rendered))


def arabic_bgn_1956(text: str) -> str:
    """Arabic by the BGN/PCGN 1956 system: الرِّيَاض -> Ar Riyāḑ, مُحَمَّد -> Muḩammad."""
    return _romanize_arabic_script(text, _ARABIC)


def dari_bgn_2007(text: str) -> str:
    """Dari by the BGN/PCGN 2007 Afghan system: مَزَارِ شَرِيف -> Mazār-e Sharīf."""
    return _romanize_arabic_script(text, _DARI)


def pashto_bgn_1968(text: str) -> str:
    """Pashto by the BGN/PCGN Afghan tables: خُوْسْت -> Khōst; the article is 'us'."""
    return _romanize_arabic_script(text, _PASHTO)


# --- Russian -------------------------------------------------------------------------------

_RUSSIAN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "ë", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": '"', "ы": "y", "ь": "’", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip
_RUSSIAN_VOWELS = frozenset("аеёиоуыэюя")
_DOT_BEFORE = frozenset("ауыэ")


def _cased(latin: str, source: str, word_upper: bool) -> str:
    if not source.isupper():
        return latin
    return latin.upper() if word_upper else latin[:1].upper() + latin[1:]


def _word_upper(text: str, index: int) -> bool:
    start = index
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    end = index
    while end < len(text) and text[end].isalpha():
        end += 1
    letters = [c for c in text[start:end] if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def russian_bgn_1947(text: str) -> str:
    """Russian by the BGN/PCGN 1947 system: Ёж -> Yëzh, Выборы -> Vybory, ТС -> T·S."""
    out: list[str] = []
    for i, char in enumerate(text):
        lower = char.lower()
        if lower not in _RUSSIAN:
            out.append(char)
            continue
        prev = text[i - 1].lower() if i > 0 else ""
        latin = _RUSSIAN[lower]
        if lower in "её" and (
            not prev or prev in _RUSSIAN_VOWELS or prev in "йъь" or not prev.isalpha()
        ):
            latin = "y" + latin
        dot = "·" if _needs_dot(prev, lower) else ""
        out.append(dot + _cased(latin, char, _word_upper(text, i)))
    return "".join(out)


def _needs_dot(prev: str, letter: str) -> bool:
    """Whether a middle dot goes between two letters so they are not read as one digraph."""
    return (
        (prev, letter) in (("т", "с"), ("ш", "ч"))  # t·s, sh·ch
        or (prev in ("й", "ы") and letter in _DOT_BEFORE)  # y·a, y·u
        or (letter == "ы" and prev in _RUSSIAN_VOWELS)  # o·y
        or (letter == "э" and prev in _RUSSIAN and prev not in _RUSSIAN_VOWELS and prev != "й")
    )


# --- Tigrinya ------------------------------------------------------------------------------

_ETHIOPIC_ROWS = {
    0x1200: "h", 0x1208: "l", 0x1210: "ḥ", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s",
    0x1238: "sh", 0x1240: "k’", 0x1250: "kh’", 0x1260: "b", 0x1268: "v", 0x1270: "t",
    0x1278: "ch", 0x1280: "ḥ", 0x1290: "n", 0x1298: "ny", 0x12A0: "’", 0x12A8: "k",
    0x12B8: "kh", 0x12C8: "w", 0x12D0: "‘", 0x12D8: "z", 0x12E0: "zh", 0x12E8: "y",
    0x12F0: "d", 0x1300: "j", 0x1308: "g", 0x1320: "t’", 0x1328: "ch’", 0x1330: "p’",
    0x1338: "ts’", 0x1340: "ts’", 0x1348: "f", 0x1350: "p",
}  # fmt: skip
_ETHIOPIC_ORDERS = ("e", "u", "i", "a", "ie", "ĭ", "o")
# Rows whose eighth position is not a plain -wa syllable (a labialised row follows instead).
_ROWS_WITHOUT_WA = frozenset(
    {
        0x1200,
        0x1210,
        0x1220,
        0x1240,
        0x1250,
        0x1280,
        0x12A0,
        0x12A8,
        0x12B8,
        0x12C8,
        0x12D0,
        0x12E8,
        0x1308,
    }
)
# Labialised rows: first order, then third to sixth (the second order is unassigned).
_ETHIOPIC_LABIALISED = {0x1248: "k’w", 0x1288: "ḥw", 0x12B0: "kw", 0x1310: "gw", 0x12C0: "khw",
                        0x1258: "kh’"}  # fmt: skip
_ETHIOPIC_PUNCTUATION = {"፡": " ", "።": ".", "፣": ",", "፤": ";", "፥": ":", "፦": ":", "፧": "?"}


def _tigrinya_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for base, consonant in _ETHIOPIC_ROWS.items():
        for order, vowel in enumerate(_ETHIOPIC_ORDERS):
            table[chr(base + order)] = consonant + vowel
        if base not in _ROWS_WITHOUT_WA:
            table[chr(base + 7)] = consonant + "wa"
    for base, consonant in _ETHIOPIC_LABIALISED.items():
        for order, vowel in ((0, "e"), (2, "i"), (3, "a"), (4, "ie"), (5, "ĭ")):
            table[chr(base + order)] = consonant + vowel
    for number, digit in enumerate("፩፪፫፬፭፮፯፰፱", start=1):
        table[digit] = str(number)
    table.update(_ETHIOPIC_PUNCTUATION)
    return table


_TIGRINYA = _tigrinya_table()


def tigrinya_bgn_2007(text: str) -> str:
    """Tigrinya by the BGN/PCGN 2007 system: ኣስመራ -> ’asĭmera, ሰላም -> selamĭ."""
    return "".join(_TIGRINYA.get(char, char) for char in text)
