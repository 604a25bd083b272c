"""Kaplan-Meier product-limit estimator over grouped counts.

Pure: no Django import. The database groups persons by (time, event) and this module turns
those few hundred rows into the survival curve, so the estimate costs the same for a
thousand persons as for a million. Written here rather than taken from `lifelines`: the
estimator is a dozen lines, lifelines would bring pandas, autograd and formulaic into the
web process for it, and it wants one row per person where we have counts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    time: int  # days (or any unit) since the start
    at_risk: int  # still without the event just before `time`
    events: int  # events at `time`
    censored: int  # left the observation at `time` without the event
    survival: float  # S(t): share still without the event after `time`
    std_error: float  # Greenwood's standard error of S(t)


def kaplan_meier(counts: Iterable[tuple[int, int, int]]) -> list[Step]:
    """`counts`: (time, events, censored) rows, several rows per time allowed.

    At each time with events, S(t) = S(t-) · (1 - d/n) with n the persons still at risk just
    before t; a person censored at t counts as at risk at t (the usual convention: censoring
    happens after the events of the same time)."""
    per_time: dict[int, list[int]] = {}
    for time, events, censored in counts:
        if time < 0 or events < 0 or censored < 0:
            raise ValueError("times and counts must not be negative")
        row = per_time.setdefault(time, [0, 0])
        row[0] += events
        row[1] += censored
    at_risk = sum(events + censored for events, censored in per_time.values())
    survival = 1.0
    greenwood = 0.0
    steps: list[Step] = []
    for time in sorted(per_time):
        events, censored = per_time[time]
        if events:
            survival *= 1 - events / at_risk
            if at_risk > events:
                greenwood += events / (at_risk * (at_risk - events))
        steps.append(
            Step(
                time=time,
                at_risk=at_risk,
                events=events,
                censored=censored,
                survival=survival,
                std_error=survival * math.sqrt(greenwood),
            )
        )
        at_risk -= events + censored
    return steps


def survival_at(steps: list[Step], time: int) -> float:
    """S(time): the last step at or before `time` (1 before the first event)."""
    value = 1.0
    for step in steps:
        if step.time > time:
            break
        value = step.survival
    return value


def median_time(steps: list[Step]) -> int | None:
    """The first time at which S(t) falls to one half or below; none if it never does."""
    for step in steps:
        if step.survival <= 0.5:
            return step.time
    return None
