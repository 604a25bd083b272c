"""Name analysis: every part of a name with its Latin renderings and comparison keys, and the
comparison of two parts or two lists of parts.

``analyse_name("Олександр Шевченко")`` gives two parts; the first carries the Latin renderings
Oleksandr (2010 passport standard), OLEKSANDR (ICAO), Olexandr (German), Aleksandr (ICAO
Russian table) and so on, their folded forms, phonetic keys, consonant skeletons and the
variant group ``oleksandr``. Comparing it with the Latin part "Aleksandr" finds the shared
rendering and reports a transliteration.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import JaroWinkler, Levenshtein

from wegweiser.identity import bgn
from wegweiser.identity.alignment import alignment_cost
from wegweiser.identity.conventions import convention_renderings
from wegweiser.identity.cyrillization import cyrillic_renderings, fold_cyrillic
from wegweiser.identity.normalize import fold_latin, normalize_arabic, normalize_original
from wegweiser.identity.phonetic import arabic_skeletons, latin_skeletons, phonetic_keys
from wegweiser.identity.scripts import (
    Script,
    guess_arabic_script_language,
    guess_cyrillic_language,
)
from wegweiser.identity.structure import NamePart, split_name
from wegweiser.identity.translit import (
    german_cyrillic,
    icao_9303_cyrillic,
    icu_transliterate,
    ukrainian_passport_2010,
)
from wegweiser.identity.variants import (
    ARABIC_SPELLINGS,
    ARABIC_VARIANT_GROUPS,
    LATIN_TO_ARABIC,
    VARIANT_GROUPS,
)

__all__ = [
    "Coverage",
    "NameAnalysis",
    "PartKeys",
    "PartLevel",
    "PartListMatch",
    "analyse_name",
    "compare_names",
    "compare_part_lists",
    "compare_parts",
    "latin_renderings",
    "part_keys",
]

# Two folded spellings are similar when their Jaro-Winkler similarity reaches this
# (Shevchenko / Shevchneko 0.98; Hassan / Hussein 0.77) or when they are one edit apart
# (two for long names: Honcharenko / Goncharenko).
SIMILARITY_THRESHOLD = 0.92


class PartLevel(enum.IntEnum):
    """How well two name parts agree, weakest first. The names are the explanation codes."""

    DIFFERENT = 0
    SIMILAR = 1
    CONSONANTS = 2
    READING = 3  # the Latin spelling reads as one voweling of the Arabic-script word
    SPELLING_VARIANT = 4
    TRANSLITERATION = 5
    EXACT = 6
    SAME_ORIGINAL_SCRIPT = 7

    @property
    def code(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True, eq=False)
class PartKeys:
    """One name part with everything needed to compare and index it.

    Two PartKeys are equal when they come from the same name part (``source``); everything
    else is derived from it. Hash and equality use the source only, which keeps the
    comparison caches fast.
    """

    source: NamePart
    script: Script
    original: str
    latin: tuple[str, ...]
    folds: frozenset[str]
    phonetic: frozenset[str]
    skeletons: frozenset[str]
    groups: frozenset[str]
    frequency_keys: tuple[str, ...]
    """The index keys under which the frequency of this name is looked up."""

    @property
    def written(self) -> str:
        return self.source.written

    @property
    def patronymic(self) -> bool:
        return self.source.patronymic

    def __hash__(self) -> int:
        return hash(self.source)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PartKeys) and self.source == other.source


@dataclass(frozen=True, slots=True, eq=False)
class NameAnalysis:
    """A name split into parts with their keys, and its parts written together as one.

    Compared by identity: ``analyse_name`` returns the same object for the same text while it
    is cached, which is what the comparison cache needs.
    """

    text: str
    parts: tuple[PartKeys, ...]
    particles: tuple[str, ...]
    joined_part: NamePart | None

    @property
    def joined(self) -> PartKeys | None:
        """Keys of all parts written as one word (Mohammad Reza -> Mohammadreza), on demand."""
        return part_keys(self.joined_part) if self.joined_part is not None else None


def _clean_latin(text: str) -> str:
    """A romanisation without marks that only mean 'vowel unknown' or 'glottal stop'."""
    for mark in ("ĭ", "Ĭ", "ǝ", "ə", "ɨ", "·"):
        text = text.replace(mark, "")
    return unicodedata.normalize("NFC", text)


def latin_renderings(core: str, script: Script) -> tuple[str, ...]:
    """The Latin spellings authorities produce for a name part written in ``script``."""
    renderings: list[str] = []
    if script == Script.CYRILLIC:
        language = guess_cyrillic_language(core)
        if language != "ru":
            renderings.append(ukrainian_passport_2010(core))
            renderings.append(german_cyrillic(core, "uk"))
            renderings.append(icu_transliterate(core, "Ukrainian-Latin/BGN"))
            renderings.append(icao_9303_cyrillic(core, "uk"))
        if language != "uk":
            renderings.append(bgn.russian_bgn_1947(core))
            renderings.append(german_cyrillic(core, "ru"))
            renderings.append(icu_transliterate(core, "Russian-Latin/BGN"))
            renderings.append(icao_9303_cyrillic(core, "ru"))
        renderings.extend(convention_renderings(core))
    elif script == Script.ARABIC:
        language = guess_arabic_script_language(core)
        renderings.extend(ARABIC_SPELLINGS.get(core, ()))
        if language == "ps":
            renderings.append(bgn.pashto_bgn_1968(core))
            renderings.append(icu_transliterate(core, "Pashto-Latin/BGN"))
        elif language == "fa":
            renderings.append(bgn.dari_bgn_2007(core))
            renderings.append(icu_transliterate(core, "Persian-Latin/BGN"))
        else:
            renderings.append(bgn.arabic_bgn_1956(core))
        renderings.append(icu_transliterate(core, "Arabic-Latin"))
    elif script == Script.ETHIOPIC:
        renderings.append(bgn.tigrinya_bgn_2007(core))
        renderings.append(icu_transliterate(core, "Ethiopic-Latin"))
    else:
        renderings.append(icu_transliterate(core, "Any-Latin"))
    unique: list[str] = []
    for rendering in renderings:
        cleaned = _clean_latin(rendering)
        if cleaned and cleaned not in unique:
            unique.append(cleaned)
    return tuple(unique)


@functools.lru_cache(maxsize=200_000)
def part_keys(part: NamePart) -> PartKeys:
    """Keys of one name part (cached: names repeat a lot)."""
    if part.script == Script.LATIN:
        latin: tuple[str, ...] = (part.core, *part.alternates)
        original = ""
    else:
        original = normalize_original(part.core, part.script)
        latin = latin_renderings(part.core, part.script)
    folds = frozenset(fold for text in latin for fold in fold_latin(text))
    phonetic = frozenset(key for fold in folds for key in phonetic_keys(fold))
    if part.script == Script.ARABIC:
        skeletons = frozenset(arabic_skeletons(original))
        groups = ARABIC_VARIANT_GROUPS.get(original, frozenset())
    else:
        skeletons = frozenset(key for fold in folds for key in latin_skeletons(fold))
        groups = frozenset()
    groups = groups.union(*(VARIANT_GROUPS.get(key, frozenset()) for key in phonetic))
    frequency_keys = tuple(f"p:{key}" for key in sorted(phonetic)) + tuple(
        f"g:{group}" for group in sorted(groups)
    )
    return PartKeys(
        source=part,
        script=part.script,
        original=original,
        latin=latin,
        folds=folds,
        phonetic=phonetic,
        skeletons=skeletons,
        groups=groups,
        frequency_keys=frequency_keys,
    )


def _joined(parts: Sequence[NamePart]) -> NamePart | None:
    scripts = {part.script for part in parts}
    if len(parts) < 2 or len(scripts) != 1:
        return None
    core = "".join(part.core for part in parts if not part.patronymic)
    written = " ".join(part.written for part in parts)
    return NamePart(written, core, parts[0].script)


@functools.lru_cache(maxsize=100_000)
def analyse_name(text: str) -> NameAnalysis:
    """Parts, particles and keys of a name in any script (cached)."""
    structure = split_name(text)
    parts = tuple(part_keys(part) for part in structure.parts)
    return NameAnalysis(text, parts, structure.particles, _joined(structure.parts))


@functools.lru_cache(maxsize=500_000)
def compare_parts(a: PartKeys, b: PartKeys) -> PartLevel:
    """How well two name parts agree; symmetric."""
    cross_script = a.script != b.script
    if a.original and a.original == b.original:
        return PartLevel.SAME_ORIGINAL_SCRIPT
    if a.folds & b.folds:
        return PartLevel.TRANSLITERATION if cross_script else PartLevel.EXACT
    if a.groups & b.groups:
        return PartLevel.TRANSLITERATION if cross_script else PartLevel.SPELLING_VARIANT
    if cross_script and _heard_in_cyrillic(a, b):
        return PartLevel.TRANSLITERATION
    if a.phonetic & b.phonetic:
        return PartLevel.SPELLING_VARIANT
    arabic, latin = (a, b) if a.script == Script.ARABIC else (b, a)
    if arabic.script == Script.ARABIC and latin.script == Script.LATIN:
        return _arabic_latin_level(arabic, latin)
    if a.skeletons & b.skeletons or _similar_spelling(a, b):
        return PartLevel.SIMILAR
    if cross_script and _near_skeletons(a, b):
        return PartLevel.SIMILAR
    return PartLevel.DIFFERENT


def _heard_in_cyrillic(a: PartKeys, b: PartKeys) -> bool:
    """A Latin name and the Cyrillic writing of how it sounds in its own language (Hollande /
    Олланд, Cesare / Чезаре): the Latin part carried into Cyrillic by the practical
    transcription of each language meets the Cyrillic part (both folded)."""
    cyrillic, latin = (a, b) if a.script == Script.CYRILLIC else (b, a)
    if cyrillic.script != Script.CYRILLIC or latin.script != Script.LATIN:
        return False
    return fold_cyrillic(cyrillic.source.core) in cyrillic_renderings(latin.source.core)


_MIN_NEAR_SKELETON = 5  # shorter skeletons one apart join too many different names


def _near_skeletons(a: PartKeys, b: PartKeys) -> bool:
    """Across scripts, consonants that differ in one place (Wallenstein / فالنشتاين: W and F,
    S and SH): a foreign name in Arabic or Cyrillic script is rendered by ear."""
    return any(
        min(len(x), len(y)) >= _MIN_NEAR_SKELETON
        and Levenshtein.distance(x, y, score_cutoff=1) <= 1
        for x in a.skeletons
        for y in b.skeletons
    )


READING_COST = 0.5
"""Alignment cost (:func:`~wegweiser.identity.alignment.alignment_cost`) up to which a Latin
spelling counts as a reading of an Arabic-script word: every consonant and long vowel where
the conventions put it, short vowels between them. Chosen on the dev half of the real name
pairs (docs/benchmarks.md, "Third round"): half of the true pairs the dictionary does not
know reach it, one random pair of different names in 3,000 does not."""

SIMILAR_READING_COST = 0.9
"""Up to this cost (a long vowel not written, a consonant read another way) an Arabic-script
word and a Latin spelling are similar; above it they are different, however alike the Latin
renderings look (the look-alikes of the renderings were the most false "same name" answers
on hard pairs)."""


CONSONANTS_READING_COST = 1.3
"""The same consonant skeleton counts only up to this cost: beyond it the Latin spelling
needs more than one consonant the Arabic letters do not give, or long vowels they do not
write, and the shared skeleton is chance (dev half: 13 of 61 hard negatives at this level
went, 6 of 266 true pairs)."""


def _arabic_latin_level(arabic: PartKeys, latin: PartKeys) -> PartLevel:
    """An Arabic-script part against a Latin part that share no rendering, variant group or
    phonetic key: how cheaply the Latin spelling reads out of the Arabic letters, and the
    consonant skeletons, decide.

    Arabic script does not write short vowels, so the same consonants are worth something
    even where the vowels read differently - unless what is known about the two names says
    they differ (حسين is Hussein, and Hassan is a known spelling of حسن, so حسين / Hassan is
    at most similar).
    """
    known_other = _known_as_other(arabic, latin)
    cost = min(
        (
            alignment_cost(form, fold, CONSONANTS_READING_COST)
            for form in _arabic_forms(arabic)
            for fold in latin.folds
        ),
        default=4.0,
    )
    if cost <= READING_COST and not known_other:
        return PartLevel.READING
    if arabic.skeletons & latin.skeletons and not known_other and cost <= CONSONANTS_READING_COST:
        return PartLevel.CONSONANTS
    if cost <= SIMILAR_READING_COST:
        return PartLevel.SIMILAR
    return PartLevel.DIFFERENT


@functools.lru_cache(maxsize=100_000)
def _arabic_forms(part: PartKeys) -> tuple[str, ...]:
    """The part's Arabic letters as compared, and as written where the article al- was taken
    off (ألكساندرو: Alexandru; البين: Albin): a Latin spelling may keep it."""
    written = normalize_arabic(part.written).replace(" ", "")
    if written != part.original and written.startswith("ال"):
        return (part.original, written)
    return (part.original,)


def _known_as_other(arabic: PartKeys, latin: PartKeys) -> bool:
    """What is known about the two names says they differ: حسين is Hussein, and Hassan is a
    known spelling of حسن, so حسين / Hassan is at most similar."""
    if arabic.groups and latin.groups and not arabic.groups & latin.groups:
        return True
    known_sources = frozenset().union(
        *(LATIN_TO_ARABIC.get(fold, frozenset()) for fold in latin.folds)
    )
    return bool(known_sources) and arabic.original not in known_sources


_SILENT_H = re.compile(r"(?<=[aeiouy])h(?![aeiouy])")
_MIN_STEM = 5  # Silvan / Silvanus: a Latin or Scandinavian ending added to the same stem
_MAX_ENDING = 3


def _similar_spelling(a: PartKeys, b: PartKeys) -> bool:
    for fold_a in a.folds:
        for fold_b in b.folds:
            if _SILENT_H.sub("", fold_a) == _SILENT_H.sub("", fold_b):
                return True  # Om / Ohm, Mahmud / Mamud: an h that only lengthens the vowel
            shorter = min(len(fold_a), len(fold_b))
            if shorter < 4:
                continue  # Ali / Ari: too short for spelling similarity to mean anything
            max_edits = 2 if shorter >= 8 else 1
            if Levenshtein.distance(fold_a, fold_b, score_cutoff=max_edits) <= max_edits:
                return True
            if JaroWinkler.similarity(fold_a, fold_b) >= SIMILARITY_THRESHOLD:
                return True
    return any(
        len(short) >= _MIN_STEM
        and 0 < len(long) - len(short) <= _MAX_ENDING
        and long.startswith(short)
        for x in a.phonetic
        for y in b.phonetic
        for short, long in ((min(x, y, key=len), max(x, y, key=len)),)
    )


class Coverage(enum.StrEnum):
    FULL = "full"  # every part on both sides agrees
    SUBSET = "subset"  # every part of the shorter side agrees; the other has more
    PARTIAL = "partial"  # some parts agree
    NONE = "none"


@dataclass(frozen=True, slots=True)
class PartListMatch:
    """The result of comparing two lists of name parts (two given-name fields, say)."""

    level: PartLevel  # the weakest level among the agreeing parts, or DIFFERENT
    coverage: Coverage
    pairs: tuple[tuple[PartKeys, PartKeys, PartLevel], ...]


def _without_unmatched_patronymics(
    a: Sequence[PartKeys], b: Sequence[PartKeys]
) -> tuple[Sequence[PartKeys], Sequence[PartKeys]]:
    a_has = any(p.patronymic for p in a)
    b_has = any(p.patronymic for p in b)
    if a_has == b_has:
        return a, b
    return [p for p in a if not p.patronymic] or a, [p for p in b if not p.patronymic] or b


@functools.lru_cache(maxsize=200_000)
def compare_names(a: NameAnalysis, b: NameAnalysis) -> PartListMatch:
    """:func:`compare_part_lists` of two analysed names, with their joined forms (cached)."""
    return compare_part_lists(a.parts, b.parts, joined_a=a.joined_part, joined_b=b.joined_part)


def compare_part_lists(
    a: Sequence[PartKeys],
    b: Sequence[PartKeys],
    *,
    joined_a: NamePart | None = None,
    joined_b: NamePart | None = None,
) -> PartListMatch:
    """Align the parts of two name fields, best agreements first, each part used once.

    A patronymic that only one side carries is left out. Written-together and written-apart
    compounds (Mohammadreza / Mohammad Reza) are compared through the joined forms.
    """
    a, b = _without_unmatched_patronymics(a, b)
    if not a or not b:
        return PartListMatch(PartLevel.DIFFERENT, Coverage.NONE, ())
    if len(a) == 1 and len(b) == 1:
        level = compare_parts(a[0], b[0])
        if level == PartLevel.DIFFERENT:
            return PartListMatch(level, Coverage.NONE, ())
        return PartListMatch(level, Coverage.FULL, ((a[0], b[0], level),))
    candidates = sorted(
        ((compare_parts(x, y), i, j) for i, x in enumerate(a) for j, y in enumerate(b)),
        key=lambda item: -item[0],
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[PartKeys, PartKeys, PartLevel]] = []
    for level, i, j in candidates:
        if level == PartLevel.DIFFERENT:
            break
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((a[i], b[j], level))
    shorter, longer = sorted((len(a), len(b)))
    if pairs and len(pairs) == shorter:
        coverage = Coverage.FULL if shorter == longer else Coverage.SUBSET
    elif pairs:
        coverage = Coverage.PARTIAL
    else:
        coverage = Coverage.NONE
    result = PartListMatch(
        min((p[2] for p in pairs), default=PartLevel.DIFFERENT), coverage, tuple(pairs)
    )
    if coverage != Coverage.FULL and (len(a) != len(b) or coverage == Coverage.NONE):
        # Nothing, or not everything, agrees part by part: maybe one side writes a compound
        # together (Mohammadreza, Nuruddin) that the other writes apart.
        lowest = PartLevel.SIMILAR if coverage == Coverage.NONE else PartLevel.CONSONANTS
        joined = _compare_joined(a, b, joined_a, joined_b, lowest)
        if joined is not None and (
            result.coverage != Coverage.SUBSET or joined.level >= result.level
        ):
            return joined
    return result


def _compare_joined(
    a: Sequence[PartKeys],
    b: Sequence[PartKeys],
    joined_a: NamePart | None,
    joined_b: NamePart | None,
    lowest: PartLevel,
) -> PartListMatch | None:
    whole_a = (part_keys(joined_a) if joined_a else None) if len(a) > 1 else a[0]
    whole_b = (part_keys(joined_b) if joined_b else None) if len(b) > 1 else b[0]
    if whole_a is None or whole_b is None or (len(a) == 1 and len(b) == 1):
        return None
    level = compare_parts(whole_a, whole_b)
    if level < lowest:
        return None
    return PartListMatch(level, Coverage.FULL, ((whole_a, whole_b, level),))
