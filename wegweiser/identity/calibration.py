"""A match probability a caseworker can read as a share of being right.

The scorer's probability is a Fellegi-Sunter posterior with hand-set weights and a prior from
the register size; it is not calibrated (the right person often shows 0 %). The number shown
is built in three steps, each of which a caseworker can be told:

1. **The name.** The weight of the name fields (in bits) is mapped to the share of candidates
   with such a name agreement that were the right person, by isotonic regression fitted on
   the dev half of real name pairs searched by the name alone (``bench/identity/calibrate.py``
   writes ``data/calibration.tsv``; between the fitted points the value is interpolated
   linearly). The names of that register are about unique, so this is what a name says when
   nobody else carries it.
2. **Namesakes.** Where several candidates carry the name (each of them would be "likely" by
   the name alone), the name points at one of them at most: each gets its share divided by
   their number (:func:`wegweiser.identity.scorer.share_namesakes` counts them).
3. **The other fields.** The date of birth (the same, swapped day and month, placeholder
   year, different, unknown), the nationality and the place of birth add their weights from
   the scorer (``log2(m / u)``, the same ones that rank the candidates) to the log-odds: a
   different date of birth divides the odds by about 23, the same date multiplies them by
   about 9,000, an unknown date leaves them as they are.

Below the lowest fitted point (names that disagree) the fitted share is a floor, not an
estimate; there the name weight keeps counting as the scorer says, one bit of log-odds per
bit, so that a date of birth shared by chance cannot lift a stranger's name to "likely".
The curve, the Brier score and the reliability on the test half are in docs/benchmarks.md.
"""

from __future__ import annotations

import bisect
import math
from importlib import resources

__all__ = ["NAMESAKE_FROM", "match_probability", "name_probability"]

NAMESAKE_FROM = 0.5
"""A candidate whose name alone gives at least this share is a namesake of the others that do:
the name alone would call each of them "likely the same person"."""


def _load() -> tuple[list[float], list[float]]:
    text = (
        resources.files("wegweiser.identity")
        .joinpath("data", "calibration.tsv")
        .read_text(encoding="utf-8")
    )
    weights: list[float] = []
    probabilities: list[float] = []
    for line in text.splitlines()[1:]:
        if line.strip():
            weight, probability = line.split("\t")
            weights.append(float(weight))
            probabilities.append(float(probability))
    return weights, probabilities


_WEIGHTS, _PROBABILITIES = _load()
# The highest weight that still has the lowest fitted share: where the floor ends.
_FLOOR_END = max(
    (w for w, p in zip(_WEIGHTS, _PROBABILITIES, strict=True) if p <= _PROBABILITIES[0]),
    default=0.0,
)


def _log2_odds(probability: float) -> float:
    probability = min(max(probability, 1e-12), 1.0 - 1e-12)
    return math.log2(probability / (1.0 - probability))


def _probability(log2_odds: float) -> float:
    return 1.0 / (1.0 + 2.0 ** (-log2_odds)) if log2_odds > -1000 else 0.0


def name_probability(name_weight: float) -> float:
    """The share of candidates with this name agreement (in bits) that were the person, where
    nobody else carries the name and nothing but the name is known."""
    if not _WEIGHTS:
        return 0.0
    if name_weight < _FLOOR_END:
        # Below the data's floor: the floor, lowered one bit of log-odds per bit of weight.
        log_odds = _log2_odds(_PROBABILITIES[0]) - (_FLOOR_END - name_weight)
        return _probability(log_odds)
    index = bisect.bisect_right(_WEIGHTS, name_weight)
    if index >= len(_WEIGHTS):
        return _PROBABILITIES[-1]
    x0, x1 = _WEIGHTS[index - 1], _WEIGHTS[index]
    y0, y1 = _PROBABILITIES[index - 1], _PROBABILITIES[index]
    share = (name_weight - x0) / (x1 - x0) if x1 > x0 else 1.0
    return y0 + share * (y1 - y0)


def match_probability(*, name_weight: float, other_weight: float, namesakes: int = 1) -> float:
    """The number to show: the name's share (divided among ``namesakes`` persons carrying the
    name), with the other fields' weights (bits) added to its log-odds."""
    share = name_probability(name_weight) / max(namesakes, 1)
    return _probability(_log2_odds(share) + other_weight)
