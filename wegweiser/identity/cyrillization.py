# ruff: noqa: RUF001, RUF002 - letters of non-Latin scripts are data in this module
"""Latin names as Russian and Ukrainian writers put them into Cyrillic.

The other direction of :mod:`conventions`: a French, English, German, Italian, Spanish,
Portuguese, Czech, Scandinavian, Polish, Hungarian, Japanese, Turkish or Serbo-Croatian name
reaches a Cyrillic register not letter by letter but by its sound, following the practical
transcription of its language (Hollande is Олланд, William is Уильям, Heinrich is Генрих,
Cesare is Чезаре, Jiří is Иржи, Ødegaard is Эдегор, Shigeru is Сигэру). No letter-by-letter
reading of the Cyrillic gets back to such a spelling, so the Latin name is carried into
Cyrillic here instead, once for each of these languages, and both sides are compared in a
coarse Cyrillic form (:func:`fold_cyrillic`) that ignores what the writers do not agree on
(ё and е, э and е, й and и, the soft sign, double letters).

Each table follows the common rules of Russian practical transcription from that language
(Ermolovich, "Имена собственные на стыке языков и культур", the Polivanov system for Japanese,
and the usual dictionary practice). They are rules, not a dictionary: irregular traditional
forms (Descartes as Декарт, Abraham as Авраам) stay out of reach, and the origin of a Latin
name is not known, so every table is tried and the renderings are compared, never shown.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["CYRILLIZATIONS", "cyrillic_renderings", "fold_cyrillic"]

_V = "aeiouyàáâäãåæèéêëìíîïòóôöõøùúûüýœ"  # Latin vowels, for context
_C = "bcdfghjklmnpqrstvwxzçčćďđľłňńřšśťžźß"  # Latin consonants, for context

# Letters left over after a table's own rules: the plain reading.
_BASE = {
    "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х",
    "i": "и", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п",
    "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс",
    "y": "и", "z": "з", "ß": "сс", "æ": "е", "œ": "е", "ø": "е", "å": "о", "đ": "дж",
    "ł": "л",
}  # fmt: skip

# Rules of each language, tried in order at every position: (regular expression, Cyrillic).
# Context is written with look-behind and look-ahead, so a rule consumes only its own letters.
_RULES: dict[str, list[tuple[str, str]]] = {
    "fr": [
        ("^h", ""), ("ault$", "о"), ("eaux?$", "о"), ("eau", "о"), ("aux?$", "о"), ("au", "о"),
        ("la(?=s?$)", "ля"), ("ieu", "ьё"), ("[eœ]u", "ё"), ("oi", "уа"), ("oy", "уай"),
        ("ou", "у"), ("eill(?=e?s?$)", "ей"), ("aill(?=e?s?$)", "ай"), ("ill(?=e?s?$)", "й"),
        ("(?<=[aeou])ill", "й"), ("uill", "ий"), ("gu(?=[eéèiy])", "г"),
        ("cqu", "к"), ("qu", "к"), ("ch", "ш"), ("gn", "нь"), ("ph", "ф"), ("th", "т"),
        ("g(?=[eéèêiy])", "ж"), ("c(?=[eéèêiy])", "с"), ("ç", "с"), ("j", "ж"),
        (f"(?<=[{_V}])s(?=[{_V}])", "з"), ("ier$", "ье"), ("i(?=[aeéèou])", "и"),
        ("(?:ai|ei)n(?![aeiouyn])", "ен"), ("[iy]n(?![aeiouyn])", "ен"),
        ("(?:an|en|am|em)(?![aeiouymn])", "ан"), ("un(?![aeiouyn])", "ен"),
        ("im(?=[bp])", "ем"), ("ai", "е"), ("ei", "е"), ("^[éeè]", "э"), ("[éèêë]", "е"),
        ("(?<=[^aeiou])es$", ""), ("(?<=[^aeiouy])e$", ""), ("(?<=[aeiouéy])[stdxzp]s?$", ""),
        ("(?<=[rn])[td]s?$", ""), ("u", "ю"), ("y", "и"), ("l(?![aeiouyl])", "ль"),
    ],
    "en": [
        ("^mc", "мак"), ("^wh", "у"), ("^geo", "джо"), ("wa(?=[lt])", "уо"), ("w(?=[aeiou])", "у"),
        ("ew", "ью"), ("aw", "о"), ("ow", "оу"), ("oo", "у"), ("ee", "и"), ("ea", "и"),
        ("ay$", "эй"), ("ey$", "ей"), ("oe$", "о"), ("air", "эр"), ("ai", "ей"), ("oh", "о"),
        (f"a(?=[{_C}]es?$)", "ей"), (f"i(?=[{_C}]{{1,2}}es?$)", "ай"), ("tch", "тч"),
        ("ch(?=r)", "к"), ("ch", "ч"), ("sh", "ш"), ("th", "т"), ("ph", "ф"), ("ck", "к"),
        ("qu", "кв"), ("j", "дж"), ("ge$", "дж"), ("dg(?=e)", "дж"), ("g(?=[eiy])", "дж"),
        ("c(?=[eiy])", "с"), ("ham$", "хэм"), ("ie$", "и"), ("y$", "и"), ("i(?=[ao])", "и"),
        ("^e", "э"), ("(?<=[^aeiou])es$", "с"), ("(?<=[^aeiou])e$", ""), ("y", "и"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "en2": [  # the same, with the open a of cat and the u of cut (Hanks, Musk)
        ("^mc", "мак"), ("^wh", "у"), ("^geo", "джо"), ("wa(?=[lt])", "уо"), ("w(?=[aeiou])", "у"),
        ("ew", "ью"), ("aw", "о"), ("ow", "оу"), ("oo", "у"), ("ee", "и"), ("ea", "и"),
        ("ay$", "эй"), ("ey$", "и"), ("oe$", "о"), ("air", "эр"), ("ai", "ей"), ("oh", "о"),
        (f"a(?=[{_C}]es?$)", "ей"), (f"i(?=[{_C}]{{1,2}}es?$)", "ай"), ("tch", "тч"),
        ("ch(?=r)", "к"), ("ch", "ч"), ("sh", "ш"), ("th", "т"), ("ph", "ф"), ("ck", "к"),
        ("qu", "кв"), ("j", "дж"), ("ge$", "дж"), ("dg(?=e)", "дж"), ("g(?=[eiy])", "дж"),
        ("c(?=[eiy])", "с"), ("ie$", "и"), ("y$", "и"), ("i(?=[ao])", "и"), ("^e", "э"),
        ("(?<=[^aeiou])es$", "с"), ("(?<=[^aeiou])e$", ""), ("a(?!$)", "э"), ("u", "а"), ("y", "и"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "de": [  # the modern reading: Heinz Хайнц, Freud Фройд
        ("tsch", "ч"), ("sch", "ш"), ("^s(?=[tp])", "ш"), ("(?<=[nlr])st(?=ei)", "шт"),
        ("ch", "х"), ("ck", "к"), ("tz", "ц"), ("z", "ц"), ("ph", "ф"), ("th", "т"),
        ("qu", "кв"), ("ei|ey|ai", "ай"), ("eu|äu", "ой"), ("ie", "и"), ("oe|ö", "ё"),
        ("ue|ü", "ю"), ("ae|ä", "е"), ("ß", "с"), ("v", "ф"), ("ja", "я"), ("ju", "ю"),
        ("je", "е"), ("jo", "йо"), (f"(?<=[{_V}])h(?![{_V}])", ""), ("h$", ""),
        (f"^s(?=[{_V}])", "з"), (f"(?<=[{_V}])s(?=[{_V}])", "з"), ("^e", "э"),
        ("(?<=[aeiouy])er$", "эр"), ("l(?![aeiouyl])", "ль"),
    ],
    "de1": [  # the older reading: Heinrich Генрих, Heine Гейне, Johann Иоганн
        ("tsch", "ч"), ("sch", "ш"), ("^s(?=[tp])", "ш"), ("(?<=[nlr])st(?=ei)", "шт"),
        ("ch", "х"), ("ck", "к"), ("tz", "ц"), ("z", "ц"), ("ph", "ф"), ("th", "т"),
        ("qu", "кв"), ("lu", "лю"), ("^ei", "эй"), ("ei|ey|ai", "ей"), ("eu|äu", "ей"), ("ie", "и"),
        ("oe|ö", "е"), ("ue|ü", "ю"), ("ae|ä", "е"), ("ß", "с"), ("v", "ф"), ("^jo", "ио"),
        ("ja", "я"), ("ju", "ю"), ("je", "е"), (f"(?<=[{_V}])h(?![{_V}])", ""), ("h$", ""),
        ("h", "г"), (f"^s(?=[{_V}])", "з"), (f"(?<=[{_V}])s(?=[{_V}])", "з"), ("^e", "э"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "it": [
        ("cch", "кк"), ("ch", "к"), ("gh", "г"), ("cci(?=[aou])", "чч"), ("cc(?=[ei])", "чч"),
        ("ci(?=[aou])", "ч"), ("c(?=[ei])", "ч"), ("ggi(?=[aou])", "дж"), ("gg(?=[ei])", "дж"),
        ("gi(?=[aou])", "дж"), ("g(?=[ei])", "дж"), ("gli", "ль"), ("gn", "нь"),
        ("sc(?=[ei])", "ш"), ("qu", "кв"), ("zz", "цц"), ("z", "ц"), ("h", ""),
        (f"(?<=[{_V}])s(?=[{_V}])", "з"), ("(?<=[aeiou])ia", "я"), ("^e", "э"), ("j", "й"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "es": [
        ("gu(?=[eéií])", "г"), ("gü", "гу"), ("qu", "к"), ("ch", "ч"), ("ll", "ль"),
        ("ñ", "нь"), ("j", "х"), ("g(?=[eéií])", "х"), ("c(?=[eéií])", "с"), ("z", "с"),
        ("h", ""), ("(?<=[aeiou])y(?=[aeiou])", "й"), ("y$", "й"), ("^y", "й"),
        ("i(?=[aeou])", "и"), ("^e", "э"), ("x", "кс"), ("l(?![aeiouyl])", "ль"),
    ],
    "pt": [
        ("lh", "ль"), ("nho$", "нью"), ("nh", "нь"), ("ch", "ш"), ("ç", "с"), ("ão", "ан"),
        ("gu(?=[eéi])", "г"), ("qu(?=[eéi])", "к"), ("qu", "кв"), ("j", "ж"), ("g(?=[eéi])", "ж"),
        ("c(?=[eéi])", "с"), (f"(?<=[{_V}])s(?=[{_V}])", "з"), (f"s(?=[{_C}])", "ш"), ("s$", "ш"),
        ("x", "ш"), ("h", ""), ("o$", "у"), ("os$", "уш"), ("e$", "и"),
        ("^e", "э"), ("l(?![aeiouyl])", "л"),
    ],
    "cs": [  # Czech and Slovak
        ("ch", "х"), ("č", "ч"), ("š", "ш"), ("ž", "ж"), ("řa|ři", "ржи"), ("ř", "рж"),
        ("ě", "е"), ("ň", "нь"), ("ť", "ть"), ("ď", "дь"), ("ľ", "ль"), ("^ji", "и"),
        ("ja", "я"), ("ju", "ю"), ("je", "е"), ("j", "й"), ("c", "ц"), ("h", "г"), ("y", "ы"),
        ("ý", "ы"), ("ou", "оу"), ("ů", "у"), ("l(?![aeiouyl])", "л"),
    ],
    "sv": [  # Swedish, Norwegian and Danish
        ("^ø|^ö", "э"), ("aa|å", "о"), ("ø|ö", "ё"), ("æ|ä", "е"), ("skj|stj|sj|sch", "ш"),
        ("kj|tj", "ч"), ("k(?=[eiyæøäö])", "ч"), ("hj|lj|gj|dj", "й"), ("g(?=[eiyæøäö])", "й"),
        ("ja", "я"), ("ju", "ю"), ("jo", "йо"), ("je", "е"), ("j", "й"), ("rd$", "р"),
        ("(?<=[aeiouyåø])d$", ""), ("ph", "ф"), ("th", "т"), ("ch", "х"), ("^e", "э"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "pl": [
        ("szcz", "щ"), ("sz", "ш"), ("cz", "ч"), ("rz", "ж"), ("ż", "ж"), ("ch", "х"),
        ("dż", "дж"), ("dź|dzi", "дзь"), ("dz", "дз"), ("(?<=[sz])ki$", "кий"),
        ("(?<=c)ki$", "кий"), ("(?<=[szc])ka$", "кая"), ("ny$", "ный"), ("ś|si(?=[aeou])", "сь"),
        ("ź|zi(?=[aeou])", "зь"), ("ć|ci(?=[aeou])", "ць"), ("ń|ni(?=[aeou])", "нь"),
        ("ł", "л"), ("ą(?=[bp])", "ом"), ("ą", "он"), ("ę(?=[bp])", "ем"), ("ę", "ен"),
        ("ó", "у"), ("ia", "я"), ("ie", "е"), ("io", "ё"), ("iu", "ю"), ("ja", "я"), ("je", "е"),
        ("jo", "йо"), ("ju", "ю"), ("j", "й"), ("y", "ы"), ("c", "ц"), ("w", "в"),
        ("l(?![aeiouyl])", "ль"), ("l", "ль"),
    ],
    "hu": [
        ("cs", "ч"), ("zs", "ж"), ("sz", "с"), ("s", "ш"), ("gy", "дь"), ("ny", "нь"),
        ("ly", "й"), ("ty", "ть"), ("c", "ц"), ("[öő]", "ё"), ("[üű]", "ю"), ("ja", "я"),
        ("ju", "ю"), ("j", "й"), ("^[eé]", "э"), ("(?<=[aeiouáéíóú])y$", "и"),
        ("l(?![aeiouyl])", "ль"),
    ],
    "ja": [  # Hepburn into Polivanov
        ("sh", "с"), ("ch", "т"), ("ts", "ц"), ("j", "дз"), ("z", "дз"), ("ya", "я"),
        ("yu", "ю"), ("yo", "ё"), ("(?<=[aeiou])i", "й"), ("e", "э"), ("n(?=[aeiouy])", "н"),
        ("n'", "нъ"), ("w", "в"), ("f", "ф"), ("y", "й"), ("ō", "о"), ("ū", "у"),
    ],
    "tr": [
        ("ç", "ч"), ("c", "дж"), ("ş", "ш"), ("ğ", ""), ("ı", "ы"), ("j", "ж"), ("ö", "ё"),
        ("ü", "ю"), ("ya", "я"), ("yu", "ю"), ("y", "й"), ("^e", "э"), ("l", "ль"),
    ],
    "sh": [  # Serbian, Croatian, Bosnian in Latin letters
        ("dž|đ", "дж"), ("č|ć", "ч"), ("š", "ш"), ("ž", "ж"), ("lj", "ль"), ("nj", "нь"),
        ("ja", "я"), ("ju", "ю"), ("je", "е"), ("j", "й"), ("c", "ц"), ("h", "х"),
        ("^e", "э"), ("l(?![aeiouyl])", "ль"),
    ],
}  # fmt: skip

CYRILLIZATIONS = tuple(_RULES)

_COMPILED = {
    name: (re.compile("|".join(f"(?P<r{i}>{pattern})" for i, (pattern, _) in enumerate(rules))),
           [out for _, out in rules])
    for name, rules in _RULES.items()
}  # fmt: skip


class _Leftover(dict[int, str]):
    """Letters no rule took, read plainly (marks dropped); Cyrillic output stays as it is."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if "\u0400" <= char <= "\u04ff":
            raise LookupError(char)
        plain = _BASE.get(char)
        if plain is None:
            marks = unicodedata.normalize("NFD", char)
            plain = "".join(_BASE.get(c, "") for c in marks if not unicodedata.combining(c))
        self[code] = plain
        return plain


_LEFTOVER = _Leftover()


def _cyrillize(word: str, name: str) -> str:
    pattern, outputs = _COMPILED[name]
    ruled = pattern.sub(lambda match: outputs[int(str(match.lastgroup)[1:])], word)
    return ruled.translate(_LEFTOVER)


_FOLD = str.maketrans(
    {
        "ё": "ио", "ю": "иу", "я": "иа", "є": "е", "ї": "и", "і": "и", "й": "и", "ы": "и",
        "э": "е", "ґ": "г", "ь": None, "ъ": None, "'": None, "’": None, "ʼ": None,
    }
)  # fmt: skip
_IE = re.compile(r"и(?=е)")


@functools.lru_cache(maxsize=100_000)
def fold_cyrillic(text: str) -> str:
    """A coarse comparison form of a Cyrillic name: lower case; ё ю я as ио иу иа, so that
    they meet the Latin yo, yu, ya written out (Фёдор / Fyodor, Юрий / Yuri); э є as е; й ы і ї
    as и; no soft or hard sign or apostrophe; и before е dropped (Габриэль / Gabriel as
    Габрьель); тч as ч (Тэтчер / Thatcher); double letters single."""
    lowered = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    folded = _IE.sub("", lowered).replace("тч", "ч")
    out: list[str] = []
    for char in folded:
        if not out or out[-1] != char:
            out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=100_000)
def cyrillic_renderings(latin: str) -> frozenset[str]:
    """Folded Cyrillic forms of a Latin name part, one per transcription table (at most
    :data:`CYRILLIZATIONS` many, fewer where tables agree)."""
    word = unicodedata.normalize("NFC", latin).lower()
    word = "".join(char for char in word if char.isalpha())
    if not word:
        return frozenset()
    return frozenset(fold_cyrillic(_cyrillize(word, name)) for name in _RULES)
