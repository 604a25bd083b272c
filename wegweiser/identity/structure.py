# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Splitting a name into the parts that are compared: words, particles and compound units.

* Articles (al-, el-, ul-, ar-Rahman, ال) and connectors (bin, ibn, bint, بن) are not parts of
  their own: "Ahmad bin Salman al-Hassan" has the parts Ahmad, Salman, Hassan.
* ``abd`` with the following word is one part (a theophoric name is one name): Abd al-Rahman,
  Abdulrahman, Abdel Rahman, Abdurrahman and عبد الرحمن all become the part "abd" + "rahman".
  The same holds for the kunya: Abu Bakr, Abou Bakr, Abubakar; Umm Kulthum.
* European particles (von, van, de, der, ...) and titles (Haji, Dr., Sheikh) are set aside.
* Patronymics (Petrovych, Ивановна) are marked so that a given-name comparison can ignore
  them when only one record carries one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from wegweiser.identity.normalize import normalize_arabic, strip_marks
from wegweiser.identity.scripts import Script, detect_script

__all__ = ["PARTICLE_WORDS", "NamePart", "NameStructure", "split_name", "tokenize"]

_SEPARATORS = re.compile(r"[\s\-‐‑‒–—_,.;:/()<>\"·،؛0-9]+")
_APOSTROPHES = "'’ʼ`´ʹ‘ʿʾ"

_ARTICLES = frozenset({"al", "el", "ul", "il", "ol"})
_SUN_ARTICLES = frozenset(
    {"ad", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "ed", "en", "er", "es", "et",
     "ez", "esh", "ud", "un", "ur", "us", "ut", "uz", "ush"}
)  # fmt: skip
_CONNECTORS = frozenset({"bin", "ibn", "bint", "ben", "bn", "ebn", "ibnu", "binti", "ould"})
_KUNYA = {"abu": "abu", "abou": "abu", "abo": "abu", "abul": "abu", "umm": "umm", "um": "umm",
          "omm": "umm", "oum": "umm", "om": "umm"}  # fmt: skip
_ABD = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdus", "abdil"})
_EUROPEAN = frozenset(
    {"von", "van", "vom", "zu", "zum", "zur", "de", "der", "den", "del", "della", "di", "da",
     "das", "dos", "du", "la", "le", "ten", "ter"}
)  # fmt: skip
_TITLES = frozenset(
    {"haji", "hajji", "hadji", "hadschi", "alhaj", "alhaji", "hajj", "dr", "prof", "eng", "ing",
     "mr", "mrs", "ms", "herr", "frau", "sheikh", "shaikh", "sheik", "scheich", "mullah",
     "mulla", "mawlawi", "maulana"}
)  # fmt: skip
_SUN_CONSONANTS = "tdrzsnl"
# "Allah" as the second element of a compound name: Najib Ullah = Najibullah = نجيب الله.
_ALLAH_WORDS = frozenset({"allah", "ullah", "ulla", "ollah", "illah", "ulloh"})
_ALLAH_SUFFIX = re.compile(r"(?<=[a-z]{3})(?:[aeiou]llah|ulla|ulloh)$")

_ARABIC_CONNECTORS = frozenset({"بن", "ابن", "بنت"})
_ARABIC_KUNYA = frozenset({"ابو", "ابي", "ام"})
_ARABIC_TITLES = frozenset({"حاجي", "الحاج", "حاج", "ملا", "شيخ", "الشيخ"})

PARTICLE_WORDS: frozenset[str] = frozenset().union(
    _ARTICLES, _SUN_ARTICLES, _CONNECTORS, _KUNYA, _ABD, _EUROPEAN, _TITLES,
    _ALLAH_WORDS, _ARABIC_CONNECTORS, _ARABIC_KUNYA, _ARABIC_TITLES, {"عبد", "ال", "الله"},
)  # fmt: skip
"""Words (Latin folded to lower case without marks, Arabic script normalised) that can be
particles, titles or name prefixes, depending on their position in a name."""

_PATRONYMIC = re.compile(
    r"(ovich|evich|ovych|evych|yovych|ovitch|owitsch|ewitsch|ovna|evna|ivna|yivna|owna|ewna"
    r"|ович|евич|євич|овна|евна|івна|ївна)$"
)


@dataclass(frozen=True, slots=True)
class NamePart:
    """One comparable part of a name.

    ``written`` is the part as written (with its particles); ``core`` is what the keys are
    computed from (article removed, ``abd``/``abu`` joined to the next word); ``alternates``
    are further readings of the core (Alhassan may be al-Hassan).
    """

    written: str
    core: str
    script: Script
    patronymic: bool = False
    alternates: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NameStructure:
    parts: tuple[NamePart, ...]
    particles: tuple[str, ...]


def tokenize(text: str) -> list[str]:
    """Words of a name: split at spaces, hyphens and punctuation, apostrophes kept inside."""
    text = unicodedata.normalize("NFC", text)
    return [
        token.strip(_APOSTROPHES) for token in _SEPARATORS.split(text) if token.strip(_APOSTROPHES)
    ]


def _plain(token: str) -> str:
    return "".join(c for c in strip_marks(token.replace("İ", "i").lower()) if c.isalpha())


def _strip_arabic_article(word: str, *, after_prefix: bool = False) -> str:
    """The word without its article; الله keeps it unless it follows عبد (عبد الله = عبدالله)."""
    if word.startswith("ال") and len(word) >= 4 and (after_prefix or word != "الله"):
        return word[2:]
    return word


def _abd_remainder(plain: str) -> str | None:
    """The name after the ``abd`` prefix of one written-together word, or None.

    abdulrahman -> rahman, abdurrahman -> rahman, abdallah -> lah, abdelaziz -> aziz.
    """
    if not plain.startswith("abd") or len(plain) < 6:
        return None
    rest = plain[3:]
    if rest[0] in "aeiou":
        rest = rest[1:]
        if rest.startswith("l") and len(rest) > 2:
            rest = rest[1:]  # the article: abd-u-l-rahman
        elif len(rest) > 2 and rest[0] in _SUN_CONSONANTS and rest[1] == rest[0]:
            rest = rest[1:]  # assimilated article: abd-u-r-rahman
    return rest if len(rest) >= 2 else None


def _strip_latin_article(plain: str) -> str:
    """A word after abd/abu without an article written onto it: allah -> lah, alaziz -> aziz."""
    if plain[:2] in ("al", "el", "ul") and len(plain) >= 5:
        return plain[2:]
    return plain


def _latin_article(plain: str, next_plain: str) -> bool:
    if plain in _ARTICLES:
        return True
    if plain in _SUN_ARTICLES:
        consonant = plain[1:]
        return next_plain.startswith(consonant)
    return False


def _split_latin(tokens: list[str]) -> NameStructure:
    plains = [_plain(t) for t in tokens]
    parts: list[NamePart] = []
    particles: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        token, plain = tokens[i], plains[i]
        has_next = i + 1 < n
        next_plain = plains[i + 1] if has_next else ""
        if not plain:
            i += 1
            continue
        if has_next and (plain in _TITLES or _latin_article(plain, next_plain)):
            particles.append(token)
            i += 1
            continue
        if plain in _TITLES and parts:
            particles.append(token)
            i += 1
            continue
        if parts and has_next and (plain in _CONNECTORS or plain in _EUROPEAN):
            particles.append(token)
            i += 1
            continue
        if has_next and (plain in _ABD or plain in _KUNYA):
            # abd/abu + (article) + name is one part
            j = i + 1
            while j + 1 < n and _latin_article(plains[j], plains[j + 1]):
                j += 1
            prefix = "abd" if plain in _ABD else _KUNYA[plain]
            written = " ".join(tokens[i : j + 1])
            parts.append(NamePart(written, prefix + _strip_latin_article(plains[j]), Script.LATIN))
            i = j + 1
            continue
        if plain in _ALLAH_WORDS and parts and not parts[-1].patronymic:
            previous = parts.pop()
            core = _plain(previous.core) + "ullah"
            parts.append(NamePart(f"{previous.written} {token}", core, Script.LATIN))
            i += 1
            continue
        remainder = _abd_remainder(plain)
        allah = _ALLAH_SUFFIX.search(plain)
        if remainder is not None:
            parts.append(NamePart(token, "abd" + remainder, Script.LATIN))
        elif plain.startswith("abou") and len(plain) > 6:
            parts.append(NamePart(token, "abu" + plain[4:], Script.LATIN))
        elif allah is not None:
            parts.append(NamePart(token, plain[: allah.start()] + "ullah", Script.LATIN))
        else:
            alternates: tuple[str, ...] = ()
            if plain[:2] in ("al", "el") and len(plain) >= 6 and plain[2] not in "aeiouy":
                alternates = (plain[2:],)  # Alhassan may be al-Hassan; Alexander stays
            patronymic = bool(_PATRONYMIC.search(plain)) and i > 0
            parts.append(NamePart(token, token, Script.LATIN, patronymic, alternates))
        i += 1
    return NameStructure(tuple(parts), tuple(particles))


def _split_arabic(tokens: list[str]) -> NameStructure:
    normals = [normalize_arabic(t) for t in tokens]
    parts: list[NamePart] = []
    particles: list[str] = []
    i = 0
    n = len(tokens)
    while i < n:
        token, normal = tokens[i], normals[i]
        has_next = i + 1 < n
        if not normal:
            i += 1
            continue
        if normal == "ال" and has_next:
            particles.append(token)
            i += 1
            continue
        if normal in _ARABIC_TITLES and (has_next or parts):
            particles.append(token)
            i += 1
            continue
        if normal in _ARABIC_CONNECTORS and parts and has_next:
            particles.append(token)
            i += 1
            continue
        if (normal == "عبد" or normal in _ARABIC_KUNYA) and has_next:
            j = i + 1
            if normals[j] == "ال" and j + 1 < n:
                j += 1
            prefix = "ابو" if normal == "ابي" else normal
            written = " ".join(tokens[i : j + 1])
            core = prefix + _strip_arabic_article(normals[j], after_prefix=True)
            parts.append(NamePart(written, core, Script.ARABIC))
            i = j + 1
            continue
        if normal == "الله" and parts:
            previous = parts.pop()
            core = previous.core + "الله"
            parts.append(NamePart(f"{previous.written} {token}", core, Script.ARABIC))
            i += 1
            continue
        if normal.startswith("عبدال") and len(normal) > 6:
            core = "عبد" + normal[5:]
        else:
            core = _strip_arabic_article(normal)
        parts.append(NamePart(token, core, Script.ARABIC))
        i += 1
    return NameStructure(tuple(parts), tuple(particles))


def _split_other(tokens: list[str], script: Script) -> NameStructure:
    parts = tuple(
        NamePart(t, t, script, patronymic=i > 0 and bool(_PATRONYMIC.search(t.lower())))
        for i, t in enumerate(tokens)
    )
    return NameStructure(parts, ())


def split_name(text: str) -> NameStructure:
    """The comparable parts of a name written in any script, with its particles set aside.

    Words in different scripts within one name (rare) are split per script run.
    """
    tokens = tokenize(text)
    if not tokens:
        return NameStructure((), ())
    runs: list[tuple[Script, list[str]]] = []
    for token in tokens:
        script = detect_script(token) or Script.OTHER
        if runs and runs[-1][0] == script:
            runs[-1][1].append(token)
        else:
            runs.append((script, [token]))
    parts: list[NamePart] = []
    particles: list[str] = []
    for script, run_tokens in runs:
        if script == Script.LATIN:
            structure = _split_latin(run_tokens)
        elif script == Script.ARABIC:
            structure = _split_arabic(run_tokens)
        else:
            structure = _split_other(run_tokens, script)
        parts.extend(structure.parts)
        particles.extend(structure.particles)
    if not parts and particles:
        # a name made only of particle-like words ("Al", "De") is still a name
        return NameStructure(
            tuple(NamePart(t, t, detect_script(t) or Script.OTHER) for t in tokens), ()
        )
    return NameStructure(tuple(parts), tuple(particles))
