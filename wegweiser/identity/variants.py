"""Name knowledge loaded from package data: spelling-variant groups, common-name frequencies and
Latin spellings of Arabic-script names.

All three are keyed by the phonetic keys of ``phonetic.py`` (or, for Arabic script, by the
normalised core of a name part), so any spelling of a listed name finds its entry.

Run ``uv run python -m wegweiser.identity.variants`` to derive ``data/arabic_spellings.tsv``
again from ``data/ar2en.tsv.gz`` (see ``data/README.md``).
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterable
from importlib import resources

from wegweiser.identity.normalize import fold_latin
from wegweiser.identity.phonetic import arabic_skeletons, latin_skeletons, phonetic_keys
from wegweiser.identity.scripts import Script
from wegweiser.identity.structure import split_name

__all__ = [
    "ARABIC_SPELLINGS",
    "ARABIC_VARIANT_GROUPS",
    "COMMON_NAME_FREQUENCIES",
    "LATIN_TO_ARABIC",
    "VARIANT_GROUPS",
    "derive_arabic_spellings",
    "latin_core_phonetic_keys",
]

_DATA = resources.files("wegweiser.identity").joinpath("data")


def _rows(filename: str) -> list[list[str]]:
    text = _DATA.joinpath(filename).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines()[1:] if line.strip()]


def _single_core(text: str) -> tuple[str, Script] | None:
    parts = split_name(text).parts
    if len(parts) != 1:
        return None
    return parts[0].core, parts[0].script


def latin_core_phonetic_keys(spelling: str) -> frozenset[str]:
    """Phonetic keys of a one-part Latin spelling, as the name analysis computes them."""
    single = _single_core(spelling)
    if single is None:
        return frozenset()
    return frozenset(key for fold in fold_latin(single[0]) for key in phonetic_keys(fold))


def _load_variant_groups() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    by_key: dict[str, set[str]] = {}
    by_arabic: dict[str, set[str]] = {}
    for group, spellings, arabic in _rows("name_variants.tsv"):
        for spelling in spellings.split(","):
            for key in latin_core_phonetic_keys(spelling.strip()):
                by_key.setdefault(key, set()).add(group)
        for arabic_spelling in filter(None, arabic.split(",")):
            single = _single_core(arabic_spelling)
            if single is not None:
                by_arabic.setdefault(single[0], set()).add(group)
    return (
        {key: frozenset(names) for key, names in by_key.items()},
        {core: frozenset(names) for core, names in by_arabic.items()},
    )


def _load_frequencies() -> dict[str, float]:
    """Index key (``p:`` phonetic, ``g:`` variant group) -> assumed frequency."""
    frequencies: dict[str, float] = {}
    for spelling, frequency in _rows("common_names.tsv"):
        for phonetic in latin_core_phonetic_keys(spelling):
            keys = [f"p:{phonetic}"] + [f"g:{group}" for group in VARIANT_GROUPS.get(phonetic, ())]
            for key in keys:
                frequencies[key] = max(frequencies.get(key, 0.0), float(frequency))
    return frequencies


def _load_arabic_spellings() -> dict[str, tuple[str, ...]]:
    return {core: tuple(spellings.split(",")) for core, spellings in _rows("arabic_spellings.tsv")}


VARIANT_GROUPS, ARABIC_VARIANT_GROUPS = _load_variant_groups()
"""Phonetic key -> names of the variant groups it belongs to (``muhamad`` -> {``muhammad``}),
and normalised Arabic-script core -> groups (``محمد`` -> {``muhammad``})."""

COMMON_NAME_FREQUENCIES: dict[str, float] = _load_frequencies()
"""Index key (``p:muhamad``, ``g:muhammad``) -> assumed share of persons carrying the name
(hand-set bands, see ``data/README.md``)."""

ARABIC_SPELLINGS: dict[str, tuple[str, ...]] = _load_arabic_spellings()
"""Normalised Arabic-script core -> folded Latin spellings seen for it (from ar2en)."""


def _invert(spellings: dict[str, tuple[str, ...]]) -> dict[str, frozenset[str]]:
    inverted: dict[str, set[str]] = {}
    for core, latin_spellings in spellings.items():
        for latin in latin_spellings:
            inverted.setdefault(latin, set()).add(core)
    return {latin: frozenset(cores) for latin, cores in inverted.items()}


LATIN_TO_ARABIC: dict[str, frozenset[str]] = _invert(ARABIC_SPELLINGS)
"""Folded Latin spelling -> the Arabic-script cores it is a known spelling of."""


def derive_arabic_spellings(pairs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Arabic-script core -> Latin spellings, keeping only pairs whose consonants agree.

    The source pairs are aligned automatically and contain mismatches (المالك -> abdelmalek);
    a pair is kept when the consonant skeleton of the Arabic word and of the Latin spelling
    share a reading, which removes the misalignments and keeps the vowels the Latin spelling
    adds.
    """
    spellings: dict[str, list[str]] = {}
    for arabic, latin in pairs:
        arabic_core = _single_core(arabic)
        latin_core = _single_core(latin)
        if arabic_core is None or latin_core is None or arabic_core[1] != Script.ARABIC:
            continue
        folds = fold_latin(latin_core[0])
        if not folds:
            continue
        skeletons = {s for fold in folds for s in latin_skeletons(fold)}
        if not skeletons & set(arabic_skeletons(arabic_core[0])):
            continue
        known = spellings.setdefault(arabic_core[0], [])
        if folds[0] not in known:
            known.append(folds[0])
    return spellings


def _read_ar2en() -> list[tuple[str, str]]:
    with (
        _DATA.joinpath("ar2en.tsv.gz").open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as f,
    ):
        return [
            (row[0], row[1])
            for row in (line.rstrip("\n").split("\t") for line in f)
            if len(row) == 2
        ]


def main() -> None:
    """Write ``data/arabic_spellings.tsv`` derived from ``data/ar2en.tsv.gz`` to stdout."""
    derived = derive_arabic_spellings(_read_ar2en())
    sys.stdout.write("arabic\tlatin\n")
    for core in sorted(derived):
        sys.stdout.write(f"{core}\t{','.join(derived[core])}\n")


if __name__ == "__main__":
    main()
