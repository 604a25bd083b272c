"""A match probability a caseworker can read as a share of being right.

The scorer's probability is a Fellegi-Sunter posterior with hand-set weights and a prior from
the register size; it is not calibrated (the right person often shows 0 %). Here the sum of
the evidence weights (the match weight without the prior) is mapped to the share of
candidates with that weight that were the right person, by isotonic regression fitted on the
dev half of real name pairs (``bench/identity/calibrate.py``, which writes
``data/calibration.tsv``; the curve and the Brier score on the test half are in
docs/benchmarks.md). Between the fitted points the value is interpolated linearly.
"""

from __future__ import annotations

import bisect
from importlib import resources

__all__ = ["calibrated_probability"]


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


def calibrated_probability(evidence_weight: float) -> float:
    """The share of candidates with this evidence weight (in bits) that were the person."""
    if not _WEIGHTS:
        return 0.0
    index = bisect.bisect_left(_WEIGHTS, evidence_weight)
    if index == 0:
        return _PROBABILITIES[0]
    if index >= len(_WEIGHTS):
        return _PROBABILITIES[-1]
    x0, x1 = _WEIGHTS[index - 1], _WEIGHTS[index]
    y0, y1 = _PROBABILITIES[index - 1], _PROBABILITIES[index]
    share = (evidence_weight - x0) / (x1 - x0) if x1 > x0 else 1.0
    return y0 + share * (y1 - y0)
