"""Index keys: the strings stored per person in an indexed table for candidate lookup.

A query (a name typed in any script) is turned into keys the same way; persons sharing keys
with it are the candidates, which the scorer then ranks. Keys are plain strings with a kind
prefix, at most :data:`MAX_KEY_LENGTH` characters:

``o:<word>``
    a name part in its original non-Latin script, normalised (``o:حسين``)
``p:<phonetic>``
    a phonetic key of a name part (``p:muhamad``, ``p:husain``)
``g:<group>``
    the variant group of a name part (``g:muhammad`` for Mohamed, Mehmet and محمد)
``s:<skeleton>``
    a consonant skeleton with at least two consonants (``s:MHMD``); it is what an
    Arabic-script name and its Latin spellings share
``ps:<a>|<b>``
    two name parts of the same person together, each as its group or skeleton, sorted
    (``ps:g:muhammad|s:HMD`` for Mohammad Ahmadi): selective where single names are common

Keys depend only on the set of name parts, not on their order, so a name with given and
family name swapped has the same keys. ``p:`` and ``g:`` keys are also what the scorer asks
for name frequencies, so a register can compute frequencies from its key table.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable

from wegweiser.identity.analysis import PartKeys, analyse_name
from wegweiser.identity.scorer import PersonRecord

__all__ = ["MAX_KEY_LENGTH", "name_keys", "part_index_keys", "person_keys"]

MAX_KEY_LENGTH = 64
_MAX_PAIR_PARTS = 6  # beyond six parts (rare) only the first six form pair keys


@functools.lru_cache(maxsize=200_000)
def _anchor_keys(part: PartKeys) -> tuple[str, ...]:
    """The keys of a part used in pair keys: its variant group, else its skeletons (cached:
    names repeat a lot, and a register's keys are computed for every person)."""
    if part.groups:
        return tuple(f"g:{group}" for group in sorted(part.groups))
    return tuple(f"s:{skeleton}" for skeleton in sorted(part.skeletons) if len(skeleton) >= 2)


def part_index_keys(part: PartKeys) -> set[str]:
    """The single-part keys of one name part."""
    return set(_part_index_keys(part))


@functools.lru_cache(maxsize=200_000)
def _part_index_keys(part: PartKeys) -> frozenset[str]:
    keys = {f"p:{key}" for key in part.phonetic}
    keys.update(f"g:{group}" for group in part.groups)
    keys.update(f"s:{skeleton}" for skeleton in part.skeletons if len(skeleton) >= 2)
    if part.original:
        keys.add(f"o:{part.original}")
    return frozenset(key[:MAX_KEY_LENGTH] for key in keys)


@functools.lru_cache(maxsize=500_000)
def _pair_keys(first: tuple[str, ...], second: tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for a, b in itertools.product(first, second):
        if a != b:
            low, high = sorted((a, b))
            keys.add(f"ps:{low}|{high}"[:MAX_KEY_LENGTH])
    return frozenset(keys)


def _keys_of_parts(parts: Iterable[PartKeys]) -> frozenset[str]:
    unique = sorted(set(parts), key=lambda p: (p.written, p.script))
    keys: set[str] = set()
    for part in unique:
        keys |= _part_index_keys(part)
    anchors = sorted({anchor for part in unique if (anchor := _anchor_keys(part))})
    for first, second in itertools.combinations(anchors[:_MAX_PAIR_PARTS], 2):
        keys |= _pair_keys(first, second)
    return frozenset(keys)


def name_keys(text: str) -> frozenset[str]:
    """Index keys of a name written in any script (a whole name or what was typed so far)."""
    return _keys_of_parts(analyse_name(text).parts)


def person_keys(record: PersonRecord) -> frozenset[str]:
    """Index keys of a person: all name parts of all spellings, given and family together."""
    parts: list[PartKeys] = []
    for spelling in record.spellings:
        parts.extend(analyse_name(spelling.given_names).parts)
        parts.extend(analyse_name(spelling.family_name).parts)
    return _keys_of_parts(parts)
