"""Seat assignment benchmark: the exact assignment and first-come-first-served in one run.

    uv run python -m bench.courses --persons 10000 --courses 500 --seed 1

Generates a synthetic county (bench/courses/synthetic.py), solves it both ways with the same
score and prints people placed, objective, average distance and days waited of the placed.
The same pairs and points are also solved as a linear programme by an independent solver,
HiGHS (scipy.optimize.linprog; the constraint matrix of a bipartite b-matching is totally
unimodular, so the relaxation's optimum is the integer optimum). The last line is
`solve_seconds=S placed=N fcfs_placed=M objective=X fcfs_objective=Y highs_objective=H
gap=G dual_bound=B`: `gap` is (H - X) / H, measured against HiGHS, not against anything the
solver computed itself; `dual_bound` is the bound from the solver's own seat prices
(`assignment.dual_bound`). `solve_seconds` is the whole `assign()` call: building and scoring
every feasible person-course pair, and the exact solve.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from wegweiser.courses.assignment import (
    SCALE,
    Applicant,
    Assignment,
    Offer,
    Weights,
    _edges,
    assign,
    first_come_first_served,
)

from .synthetic import applicants, county, offers


def describe(name: str, result: Assignment, pool: Sequence[Applicant]) -> str:
    by_key = {a.key: a for a in pool}
    placed = [by_key[k] for k in result.placements]
    distance = np.mean(list(result.distances_km.values())) if placed else 0.0
    waited = np.mean([a.days_waited for a in placed]) if placed else 0.0
    obligated = sum(a.obligated for a in placed)
    long_waits = sum(a.days_waited >= 180 for a in placed)
    return (
        f"{name}: placed={result.placed} objective={result.objective:.2f} "
        f"avg_distance_km={distance:.2f} avg_days_waited={waited:.1f} "
        f"obligated_placed={obligated} waited_180_days_placed={long_waits} "
        f"seconds={result.seconds:.2f}"
    )


def lp_optimum(pool: Sequence[Applicant], courses: Sequence[Offer]) -> tuple[float, float]:
    """The optimum of the linear relaxation over the same pairs and points, and its time."""
    started = time.perf_counter()
    pairs = _edges(pool, courses, Weights())
    n = len(pairs.score)
    matrix = sparse.csr_matrix(
        (
            np.ones(2 * n),
            (np.concatenate([pairs.applicant, len(pool) + pairs.offer]), np.tile(np.arange(n), 2)),
        ),
        shape=(len(pool) + len(courses), n),
    )
    limits = np.concatenate([np.ones(len(pool)), [o.seats for o in courses]])
    points = np.round(pairs.score * SCALE) / SCALE
    result = linprog(-points, A_ub=matrix, b_ub=limits, bounds=(0, None), method="highs-ipm")
    return -float(result.fun), time.perf_counter() - started


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=10_000)
    parser.add_argument("--courses", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(args.seed)
    place = county(rng)
    courses = offers(rng, place, args.courses)
    pool = applicants(rng, place, args.persons)
    seats = sum(o.seats for o in courses)
    obligated = sum(a.obligated for a in pool)
    print(
        f"persons={len(pool)} courses={len(courses)} seats={seats} obligated={obligated} "
        f"avg_days_waited={np.mean([a.days_waited for a in pool]):.1f}"
    )

    fcfs = first_come_first_served(pool, courses)
    best = assign(pool, courses)
    print(f"feasible_pairs={best.pairs}")
    print(describe("exact", best, pool))
    print(describe("fcfs", fcfs, pool))
    highs, seconds = lp_optimum(pool, courses)
    print(f"highs_seconds={seconds:.1f}")
    gap = (highs - best.objective) / highs if highs > 0 else 0.0
    print(
        f"solve_seconds={best.seconds:.2f} placed={best.placed} fcfs_placed={fcfs.placed} "
        f"objective={best.objective:.2f} fcfs_objective={fcfs.objective:.2f} "
        f"highs_objective={highs:.2f} gap={gap:.4g} dual_bound={best.bound:.2f}"
    )


if __name__ == "__main__":
    main()
