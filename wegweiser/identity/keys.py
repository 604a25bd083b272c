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
``c:<sound>`` and ``cl:<sound>``
    how a name part sounds, written in a folded Cyrillic form (``cyrillization``): ``c:`` for
    a part written in Cyrillic (Олланд), ``cl:`` for each practical transcription of a part
    written in Latin script (Hollande as French, English, German ... would put it into
    Cyrillic). A query looks up the other kind (:func:`lookup_keys`), so these keys join a
    Cyrillic spelling to a Latin one and nothing else
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
from wegweiser.identity.cyrillization import cyrillic_renderings, fold_cyrillic
from wegweiser.identity.scorer import PersonRecord
from wegweiser.identity.scripts import Script

__all__ = [
    "MAX_KEY_LENGTH",
    "SOUND_KINDS",
    "lookup_keys",
    "name_keys",
    "part_index_keys",
    "person_keys",
]

SOUND_KINDS = ("c:", "cl:")

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
    if part.script == Script.CYRILLIC and (sound := fold_cyrillic(part.source.core)):
        keys.add(f"c:{sound}")
    elif part.script == Script.LATIN:
        keys.update(f"cl:{sound}" for sound in cyrillic_renderings(part.source.core) if sound)
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


def lookup_keys(keys: Iterable[str]) -> frozenset[str]:
    """The keys to look up for a query with these keys: the sound keys of one script are
    looked up among those of the other (``c:`` as ``cl:`` and back); the rest as they are."""
    swapped = set()
    for key in keys:
        if key.startswith("cl:"):
            swapped.add(f"c:{key[3:]}")
        elif key.startswith("c:"):
            swapped.add(f"cl:{key[2:]}"[:MAX_KEY_LENGTH])
        else:
            swapped.add(key)
    return frozenset(swapped)
