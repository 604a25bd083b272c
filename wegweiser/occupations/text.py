"""Normalisation of occupation titles the way people write them (no Django import).

German titles come in many gendered spellings (Schweißer/in, Elektriker*in, Lagerist:innen,
SchweißerIn, Kauffrau/Kaufmann, "(m/w/d)") and with or without umlauts. Every form is mapped to
one key so that the query and the labels meet on the same letters. The same function is applied
to both sides, so a fold that is linguistically rough (ae → a) is still consistent.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# "(m/w/d)", "m/w/d", "(w/m/x)", "(all genders)", "(gn)" as in job advertisements.
_GENDER_TAG = re.compile(
    r"\(\s*(?:[mwfdx]\s*[/|,]\s*){1,3}[mwfdx]\s*\)|\b[mwfd]\s*/\s*[mwfd]\s*/\s*[mwfdx]\b"
    r"|\(\s*(?:all genders|gn|divers)\s*\)",
    re.IGNORECASE,
)
# Binnen-I: SchweißerIn, ElektrikerInnen (before lowercasing).
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])In(?:nen)?\b")
# Gender markers: Elektriker*in, Lagerist:innen, Schweißer_in, Schweißer/-in, Schweißer/in,
# Mitarbeiter(in), Kaufmann/-frau.
_GENDER_SUFFIX = re.compile(
    r"(?<=\w)\s*(?:[*:_·/]\s*-?\s*in(?:nen)?|\(\s*-?in(?:nen)?\s*\))(?=\W|$)", re.IGNORECASE
)
_MANN_FRAU = re.compile(r"mann\s*/\s*-?\s*frau\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w]+")
_DIGRAPHS = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss"})
# Arabic-script letters that Arabic and Persian keyboards write differently, hamza forms of
# alef, taa marbuta, tatweel and short-vowel marks; Cyrillic ё.
_SCRIPT_FOLD = str.maketrans(
    {
        "\u0643": "\u06a9",  # Arabic kaf -> Persian keheh
        "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
        "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0622": "\u0627",  # alef with madda -> alef
        "\u0629": "\u0647",  # taa marbuta -> heh
        "\u0640": None,  # tatweel
        "\u200c": None,  # zero-width non-joiner (Persian half-space)
        "\u0451": "\u0435",  # Cyrillic io -> ie
        **{chr(mark): None for mark in range(0x064B, 0x0653)},
    }
)
_VOWEL_E = re.compile(r"(?<=[aou])e")

# Words ending in "in" that are not a feminine form; stripping them would still be harmless
# because both sides are treated alike, but the rarer the collision the cleaner the n-grams.
_NOT_FEMININE = frozenset(
    {
        "medizin",
        "termin",
        "disziplin",
        "magazin",
        "kamin",
        "benzin",
        "vitamin",
        "insulin",
        "protein",
        "routin",
        "maschin",
        "online",
        "terrain",
        "kabin",
        "cousin",
        "bulletin",
        "violin",
        "mandolin",
        "margin",
        "admin",
        "plugin",
        "login",
        "domain",
        "chain",
        "captain",
        "train",
        "main",
        "brain",
        "cabin",
        "origin",
        "resin",
        "toxin",
        "latin",
        "muslin",
        "chaplain",
        "maintain",
    }
)
_FEMININE_WORD = {"frau": "mann", "frauen": "mann", "leute": "mann", "schwester": "pfleger"}


def fold(text: str) -> str:
    """Lowercase, compose, fold German umlauts and ß (both 'ä' and 'ae' become 'a') and the
    Arabic/Persian letter variants."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_DIGRAPHS)
    text = text.translate(_SCRIPT_FOLD)
    # casefold turns ß into "ss" already; the translate table covers the umlauts.
    return _VOWEL_E.sub("", text)


def _neutral_word(word: str) -> str:
    if word in _FEMININE_WORD:
        return _FEMININE_WORD[word]
    for suffix, replacement in (("frau", "mann"), ("frauen", "mann"), ("leute", "mann")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    if word.endswith("innen") and len(word) > 7:
        return word[:-5]
    if word.endswith("in") and len(word) > 5 and word not in _NOT_FEMININE:
        return word[:-2]
    return word


@lru_cache(maxsize=65536)
def normalise(text: str) -> str:
    """The matching key of a title: gender-neutral, folded, punctuation removed, words joined
    by single spaces. Duplicate words (from "Koch/Köchin") are kept once."""
    text = unicodedata.normalize("NFKC", text)
    text = _GENDER_TAG.sub(" ", text)
    text = _MANN_FRAU.sub("mann", text)
    text = _BINNEN_I.sub("", text)
    text = _GENDER_SUFFIX.sub("", text)
    words: list[str] = []
    for raw in _NON_WORD.split(fold(text)):
        if not raw:
            continue
        word = _neutral_word(raw.replace("_", ""))
        if word and word not in words:
            words.append(word)
    return " ".join(words)


class CompoundSplitter:
    """Splits German compounds into words known from the labels ("lagerlogistikhelfer" →
    "lager logistik helfer"), allowing the linking -s- and -n-. Greedy on the fewest parts."""

    def __init__(self, vocabulary: Iterable[str], *, min_part: int = 3) -> None:
        self.min_part = min_part
        self.vocabulary = frozenset(w for w in vocabulary if len(w) >= min_part)
        self._cache: dict[str, tuple[str, ...]] = {}

    def split(self, word: str) -> tuple[str, ...]:
        """The parts of a compound, or an empty tuple when it cannot be split (or is short)."""
        if len(word) < 2 * self.min_part or not word.isalpha():
            return ()
        cached = self._cache.get(word)
        if cached is None:
            cached = self._best(word) or ()
            if len(cached) == 1:
                cached = ()
            if len(self._cache) < 200_000:
                self._cache[word] = cached
        return cached

    def _best(self, word: str) -> tuple[str, ...] | None:
        n = len(word)
        # best[i]: fewest-part split of word[i:], None when impossible.
        best: list[tuple[str, ...] | None] = [None] * (n + 1)
        best[n] = ()
        for i in range(n - self.min_part, -1, -1):
            candidate: tuple[str, ...] | None = None
            for j in range(n, i + self.min_part - 1, -1):
                part = word[i:j]
                rest = best[j]
                if rest is None:
                    continue
                if part in self.vocabulary or (
                    part[-1] in "sn" and len(part) > self.min_part and part[:-1] in self.vocabulary
                ):
                    option = (part if part in self.vocabulary else part[:-1], *rest)
                    if candidate is None or len(option) < len(candidate):
                        candidate = option
            best[i] = candidate
        return best[0]

    def expand(self, key: str) -> str:
        """The key with the parts of each compound appended."""
        extra: list[str] = []
        for word in key.split():
            extra.extend(p for p in self.split(word) if p not in extra)
        return f"{key} {' '.join(extra)}" if extra else key
