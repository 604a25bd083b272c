"""German title words put into English through ESCO's own label pairs (no Django import).

ESCO names most occupations in both languages ("Schweißer/Schweißerin" and "welder",
"Lagerarbeiter" and "warehouse worker"). Every German label of an occupation paired with its
English preferred label, and every English label with the German preferred label, is a small
parallel text; IBM Model 1 (expectation maximisation over which English word each German
word, or none, accounts for) learns from them how likely each English word is as the
translation of a German word. The most likely one, if likely enough, is the word's
translation: schweisser -> welder, koch -> cook, fahrer -> driver, leiter -> manager. German
compounds are also split into words the German labels use. Words without a translation stay
as they are (Manager, IT, Software are the same in both).

The coder uses this when only English labels are searched: the translated title is matched
lexically against the English labels beside the title itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import numpy as np

from .index import Label
from .text import CompoundSplitter, normalise

# Function words carry no occupation, in either language.
_FUNCTION_WORDS = frozenset(
    {"fur", "und", "im", "in", "der", "die", "das", "den", "dem", "des", "von", "vom", "zur"}
    | {"zum", "mit", "eines", "einer", "ein", "eine", "als", "bei", "auf", "aus", "an", "am"}
    | {"of", "and", "the", "for", "to", "with", "at", "on", "or", "a", "an", "in"}
)
Pair = tuple[list[str], list[str]]


class WordTranslator:
    """German label words to English label words, learnt from occupations named in both."""

    def __init__(
        self, labels: Iterable[Label], *, iterations: int = 8, min_probability: float = 0.2
    ) -> None:
        labels = list(labels)
        german_counts: Counter[str] = Counter()
        for label in labels:
            if label.language == "de":
                german_counts.update(normalise(label.text).split())
        self.splitter = CompoundSplitter(
            w for w, n in german_counts.items() if n >= 2 and w not in _FUNCTION_WORDS
        )
        german: dict[int, list[tuple[bool, list[str]]]] = {}
        english: dict[int, list[tuple[bool, list[str]]]] = {}
        for label in labels:
            if label.language not in ("de", "en"):
                continue
            words = [w for w in normalise(label.text).split() if w not in _FUNCTION_WORDS]
            if label.language == "de":
                words += [p for w in words for p in self.splitter.split(w) if p not in words]
            side = german if label.language == "de" else english
            side.setdefault(label.occupation, []).append((label.preferred, words))
        pairs: list[Pair] = []
        for occupation in sorted(german.keys() & english.keys()):
            for german_preferred, german_words in german[occupation]:
                for english_preferred, english_words in english[occupation]:
                    if german_preferred or english_preferred:
                        pairs.append((german_words, english_words))
        self.words = model_one(pairs, iterations=iterations, min_probability=min_probability)

    def word(self, word: str) -> str:
        """The English for one normalised German word (its parts' for a compound), or the word."""
        if word in self.words:
            return self.words[word]
        parts = self.splitter.split(word)
        if parts and any(part in self.words for part in parts):
            return " ".join(self.words.get(part, part) for part in parts)
        return word

    def translate(self, text: str) -> str:
        """The normalised text with every German word it can translate in English."""
        out: list[str] = []
        for word in normalise(text).split():
            if word in _FUNCTION_WORDS:
                continue
            for english in self.word(word).split():
                if english not in out:
                    out.append(english)
        return " ".join(out)


def model_one(pairs: list[Pair], *, iterations: int, min_probability: float) -> dict[str, str]:
    """IBM Model 1 over (German words, English words) pairs: for each German word the most
    probable English word, when its probability t(english | german) reaches min_probability.
    A null German word in every pair takes English words nothing else accounts for."""
    german_ids: dict[str, int] = {}
    english_ids: dict[str, int] = {}
    german_at: list[int] = []  # one entry per (pair, German word or null, English word)
    english_at: list[int] = []
    slot_at: list[int] = []  # which (pair, English word) the entry explains
    slots = 0
    for german_words, english_words in pairs:
        gs = [german_ids.setdefault(w, len(german_ids)) for w in german_words]
        for word in english_words:
            e = english_ids.setdefault(word, len(english_ids))
            for g in (*gs, -1):
                german_at.append(g)
                english_at.append(e)
                slot_at.append(slots)
            slots += 1
    if not slots:
        return {}
    null = len(german_ids)
    german_of = np.array(german_at, dtype=np.int64)
    german_of[german_of < 0] = null
    combos, combo_at = np.unique(
        german_of * len(english_ids) + np.array(english_at, dtype=np.int64), return_inverse=True
    )
    combo_german, combo_english = np.divmod(combos, len(english_ids))
    slot = np.array(slot_at, dtype=np.int64)
    probability = np.ones(combos.size)
    for _ in range(iterations):
        share = probability[combo_at]
        share /= np.bincount(slot, weights=share)[slot]
        counts = np.bincount(combo_at, weights=share, minlength=combos.size)
        totals = np.bincount(combo_german, weights=counts, minlength=null + 1)
        probability = counts / totals[combo_german]
    english_words = sorted(english_ids, key=english_ids.__getitem__)
    german_words = sorted(german_ids, key=german_ids.__getitem__)
    words: dict[str, str] = {}
    # Most probable first (ties in the order the words were first seen): the first English
    # word met for a German word is its translation.
    for combo in np.lexsort((combo_english, -probability)):
        if probability[combo] < min_probability:
            break
        g = int(combo_german[combo])
        if g != null and german_words[g] not in words:
            words[german_words[g]] = english_words[int(combo_english[combo])]
    return words
