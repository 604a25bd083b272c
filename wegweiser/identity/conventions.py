# ruff: noqa: RUF001, RUF003 - letters of non-Latin scripts are data in this module
"""Cyrillic names as other languages spell them in Latin script.

A name written in Cyrillic is not always Russian or Ukrainian: a Polish, Hungarian, Japanese,
French, Spanish or Scandinavian name written in Cyrillic comes back to Latin script in the
spelling of its own language (Ивашкевич is Iwaszkiewicz, Лёринц is Lőrinc, Сюсукэ is Shusuke),
and a Russian name is spelled by a Polish, French, Spanish or Scandinavian authority in that
language's convention (Щукин: Szczukin, Chtchoukine, Shchukin, Sjtsjukin). ICU has no
transforms for these; the tables below follow the usual practice of each language (Polish:
the Polish transcription of Russian; Hungarian: the Hungarian academic transcription; French:
the French transcription; Spanish: the Spanish transcription; Scandinavian: the Swedish and
Norwegian transcription; Japanese: the Polivanov system read backwards into Hepburn).
Each is a rendering among many; the matcher keeps them all.
"""

from __future__ import annotations

import functools

__all__ = ["CONVENTIONS", "convention_renderings"]

_VOWELS = frozenset("аеёиоуыэюяєії")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "з": "z", "и": "i",
    "і": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "ы": "y", "ь": "", "ъ": "", "э": "e",
    "ґ": "g", "'": "", "’": "",
}  # fmt: skip

# Per convention: letters (several characters first), and the forms of е ё ю я є ї at the
# start of a word or after a vowel (iotated) where they differ.
_TABLES: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "pl": (
        {"в": "w", "ж": "ż", "й": "j", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz",
         "щ": "szcz", "ы": "y", "е": "ie", "ё": "io", "ю": "iu", "я": "ia", "є": "ie",
         "ї": "ji", "и": "i", "ль": "l", "л": "ł", "кий": "ki", "кі": "ki", "ке": "kie",
         "ге": "gie", "ки": "ki", "ги": "gi", "ый": "y", "ий": "i", "же": "że", "це": "ce",
         "че": "cze", "ше": "sze", "ще": "szcze", "ле": "le", "лё": "lo", "лю": "lu",
         "ля": "la", "ли": "li", "жи": "ży", "ши": "szy", "чи": "czy", "ци": "cy"},
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja", "є": "je", "ї": "ji"},
    ),
    "hu": (
        {"в": "v", "ж": "zs", "й": "j", "х": "h", "ц": "c", "ч": "cs", "ш": "s", "с": "sz",
         "щ": "scs", "е": "e", "ё": "ö", "ю": "ü", "я": "ja", "є": "je", "ї": "ji",
         "дь": "gy", "нь": "ny", "ль": "ly", "ть": "ty", "ий": "ij", "ый": "ij", "у": "u"},
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
    ),
    "fr": (
        {"ж": "j", "й": "ï", "х": "kh", "ц": "ts", "ч": "tch", "ш": "ch", "щ": "chtch",
         "у": "ou", "е": "e", "ё": "io", "ю": "iou", "я": "ia", "є": "ie", "ї": "ï",
         "ий": "i", "ый": "y", "ой": "oï", "ай": "aï", "гу": "gou", "ге": "gue", "ги": "gui",
         "ун": "oun", "он": "on", "ан": "an"},
        {"е": "ie", "ё": "io", "ю": "iou", "я": "ia"},
    ),
    "es": (
        {"ж": "zh", "й": "i", "х": "j", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sch",
         "е": "e", "ё": "io", "ю": "iu", "я": "ia", "є": "ie", "ї": "i", "ий": "i",
         "ый": "i", "ге": "gue", "ги": "gui"},
        {"е": "ie", "ё": "io", "ю": "iu", "я": "ia"},
    ),
    "sv": (
        {"ж": "zj", "й": "j", "х": "ch", "ц": "ts", "ч": "tj", "ш": "sj", "щ": "sjtj",
         "е": "e", "ё": "jo", "ю": "ju", "я": "ja", "є": "je", "ї": "ji", "ий": "ij",
         "ый": "yj", "у": "u"},
        {"е": "je", "ё": "jo", "ю": "ju", "я": "ja"},
    ),
    "ja": (
        {"ся": "sha", "сю": "shu", "сё": "sho", "си": "shi", "тя": "cha", "тю": "chu",
         "тё": "cho", "ти": "chi", "дзи": "ji", "дзя": "ja", "дзю": "ju", "дзё": "jo",
         "дз": "z", "дж": "j", "цу": "tsu", "ц": "ts", "фу": "fu", "ху": "fu", "х": "h",
         "ва": "wa", "й": "i", "э": "e", "е": "e", "ё": "yo", "ю": "yu", "я": "ya",
         "ж": "j", "ш": "sh", "ч": "ch", "щ": "sh", "в": "w", "нъ": "n", "ль": "r",
         "л": "r", "ы": "i", "ии": "ii", "оо": "o", "уу": "u", "ау": "au",
         "ки": "ki", "кя": "kya", "кю": "kyu", "кё": "kyo", "ря": "rya", "рю": "ryu",
         "рё": "ryo", "ня": "nya", "ню": "nyu", "нё": "nyo", "мя": "mya", "мю": "myu",
         "мё": "myo", "хя": "hya", "хю": "hyu", "хё": "hyo", "гя": "gya", "гю": "gyu",
         "гё": "gyo", "бя": "bya", "бю": "byu", "бё": "byo", "пя": "pya", "пю": "pyu",
         "пё": "pyo", "дзу": "zu"},
        {},
    ),
}  # fmt: skip

CONVENTIONS = tuple(_TABLES)


def _transliterate(word: str, letters: dict[str, str], initial: dict[str, str]) -> str:
    longest = max(len(key) for key in letters)
    out: list[str] = []
    index = 0
    while index < len(word):
        char = word[index]
        iotated = index == 0 or word[index - 1] in _VOWELS or word[index - 1] in "ьъ'’"
        if iotated and char in initial:
            out.append(initial[char])
            index += 1
            continue
        for size in range(min(longest, len(word) - index), 0, -1):
            chunk = word[index : index + size]
            if chunk in letters:
                out.append(letters[chunk])
                index += size
                break
        else:
            out.append(_COMMON.get(char, char))
            index += 1
    return "".join(out)


@functools.lru_cache(maxsize=50_000)
def convention_renderings(core: str) -> tuple[str, ...]:
    """Latin spellings of a Cyrillic name part in the Polish, Hungarian, French, Spanish,
    Scandinavian and Japanese (Polivanov -> Hepburn) conventions, lower case."""
    word = core.lower()
    renderings = []
    for letters, initial in _TABLES.values():
        rendering = _transliterate(word, letters, initial)
        if rendering not in renderings:
            renderings.append(rendering)
    return tuple(renderings)
