"""The packaged occupation reference data, read without Django.

`data/esco.json.gz` holds the ESCO occupations (labels, ISCO-08 group, derived KldB code,
skill links), the skills and the ISCO-08 groups; `data/kldb.json.gz` the KldB 2010 structure;
`data/manifest.json` the versions and source checksums; `data/label_vectors.npz` (optional)
the multilingual-e5-small vectors of every label text. See data/README.md.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from .text import normalise

DATA_DIR = Path(__file__).resolve().parent / "data"
ESCO_FILE = "esco.json.gz"
KLDB_FILE = "kldb.json.gz"
MANIFEST_FILE = "manifest.json"
VECTORS_FILE = "label_vectors.npz"
# ESCO's German and English labels plus the hand-written titles in extra_labels.tsv.
LANGUAGES = ("de", "en", "ar", "fa", "ru", "uk")


@dataclass(frozen=True, slots=True)
class Occupation:
    uri: str
    code: str
    isco: str
    label_en: str
    label_de: str
    kldb: str
    kldb_method: str
    regulated: bool

    def label(self, language: str) -> str:
        """The preferred label in a language, falling back to English."""
        return (self.label_de if language == "de" else self.label_en) or self.label_en


@dataclass(frozen=True, slots=True)
class Label:
    occupation: int  # index into Reference.occupations
    language: str
    text: str
    preferred: bool


@dataclass(slots=True)
class Reference:
    occupations: list[Occupation]
    labels: list[Label]
    manifest: dict[str, Any]
    raw: dict[str, Any] = field(repr=False)
    kldb_titles: dict[str, str] = field(default_factory=dict)

    @property
    def data_version(self) -> str:
        return str(self.manifest["data_version"])


def read_gzip_json(path: Path) -> Any:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return json.load(handle)


def occupation_labels(entry: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """(language, text, preferred) for one occupation entry of esco.json.gz, preferred first."""
    labels: list[tuple[str, str, bool]] = [("en", entry["label_en"], True)]
    labels += [("en", text, False) for text in entry["labels_en"]]
    if entry["label_de"]:
        labels.append(("de", entry["label_de"], True))
    labels += [("de", text, False) for text in entry["labels_de"] if text != entry["label_de"]]
    labels += [(language, text, False) for language, text in entry.get("labels_other", [])]
    return labels


def label_texts(entries: list[dict[str, Any]]) -> list[str]:
    """The distinct label texts in a fixed order: the rows of the label vectors."""
    return sorted({text for entry in entries for _, text, _ in occupation_labels(entry)})


@lru_cache(maxsize=4)
def load_reference(data_dir: Path = DATA_DIR) -> Reference:
    manifest = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    kldb = read_gzip_json(data_dir / KLDB_FILE)
    return build_reference(
        read_gzip_json(data_dir / ESCO_FILE),
        manifest=manifest,
        kldb_titles={group["code"]: group["title"] for group in kldb["groups"]},
    )


def build_reference(
    raw: dict[str, Any], *, manifest: dict[str, Any], kldb_titles: dict[str, str]
) -> Reference:
    """A Reference from the content of esco.json.gz (or a part of it)."""
    occupations: list[Occupation] = []
    labels: list[Label] = []
    for number, entry in enumerate(raw["occupations"]):
        occupations.append(
            Occupation(
                uri=entry["uri"],
                code=entry["code"],
                isco=entry["isco"],
                label_en=entry["label_en"],
                label_de=entry["label_de"],
                kldb=entry["kldb"],
                kldb_method=entry["kldb_method"],
                regulated=entry["regulated"],
            )
        )
        labels += [Label(number, lang, text, pref) for lang, text, pref in occupation_labels(entry)]
    return Reference(
        occupations=occupations,
        labels=labels,
        manifest=manifest,
        raw=raw,
        kldb_titles=kldb_titles,
    )


def vector_keys(entries: list[dict[str, Any]]) -> list[str]:
    """The rows of the label vectors: distinct normalised label texts, sorted. Labels that
    differ only in gender form or spelling (Schweißer, Schweißerin) share one vector."""
    return sorted({key for text in label_texts(entries) if (key := normalise(text))})


def key_texts(entries: list[dict[str, Any]]) -> list[str]:
    """The label text embedded for each row of `vector_keys` (the first in sorted order)."""
    chosen: dict[str, str] = {}
    for text in label_texts(entries):
        key = normalise(text)
        if key and key not in chosen:
            chosen[key] = text
    return [chosen[key] for key in sorted(chosen)]


# Query time: a first pass over all label vectors reduced by PCA to SHORTLIST_DIMS dimensions
# (a sixth of the memory traffic), then the SHORTLIST best labels rescored with the full
# vectors. On the development sets this ranks like the full vectors and like 128 dimensions
# (docs/benchmarks.md), and the pass takes about 1 ms less.
SHORTLIST_DIMS = 64
SHORTLIST = 1000


@dataclass(frozen=True, slots=True)
class LabelVectors:
    """Label vectors for semantic matching: full vectors kept as int8 with one scale per
    dimension, a PCA-reduced float32 copy for the first pass (computed at load time)."""

    quantised: np.ndarray  # (rows, dims) int8 (or float32 for exact tests)
    scale: np.ndarray  # (dims,) float32
    norms: np.ndarray  # (rows,) float32 length of quantised * scale
    reduced: np.ndarray  # (rows, reduced dims) float32, unit length
    components: np.ndarray  # (dims, reduced dims) float32
    mean: np.ndarray  # (dims,) float32
    shortlist: int = SHORTLIST

    @classmethod
    def build(
        cls,
        quantised: np.ndarray,
        scale: np.ndarray | None = None,
        *,
        dims: int = SHORTLIST_DIMS,
        shortlist: int = SHORTLIST,
    ) -> LabelVectors:
        if scale is None:
            scale = np.ones(quantised.shape[1], dtype=np.float32)
        full = quantised.astype(np.float32) * scale
        norms = np.linalg.norm(full, axis=1)
        norms[norms == 0] = 1.0
        full /= norms[:, np.newaxis]
        dims = min(dims, full.shape[1])
        mean = full.mean(axis=0)
        centred = full - mean
        # The principal axes from the small covariance matrix (deterministic up to sign,
        # which cosines do not see).
        _, vectors = np.linalg.eigh(centred.T @ centred)
        components = np.ascontiguousarray(vectors[:, ::-1][:, :dims], dtype=np.float32)
        reduced = centred @ components
        reduced /= np.maximum(np.linalg.norm(reduced, axis=1, keepdims=True), 1e-12)
        return cls(
            quantised=quantised,
            scale=scale.astype(np.float32),
            norms=norms.astype(np.float32),
            reduced=np.ascontiguousarray(reduced, dtype=np.float32),
            components=components,
            mean=mean.astype(np.float32),
            shortlist=shortlist,
        )

    @property
    def rows(self) -> int:
        return int(self.quantised.shape[0])

    def subset(self, rows: np.ndarray) -> LabelVectors:
        """The same vectors restricted to some rows (in that order)."""
        return LabelVectors(
            quantised=self.quantised[rows],
            scale=self.scale,
            norms=self.norms[rows],
            reduced=np.ascontiguousarray(self.reduced[rows]),
            components=self.components,
            mean=self.mean,
            shortlist=self.shortlist,
        )

    def with_shortlist(self, shortlist: int) -> LabelVectors:
        """0: the reduced vectors alone; at least `rows`: the full vectors for every row."""
        return replace(self, shortlist=shortlist)

    def similarity(self, query: np.ndarray) -> np.ndarray:
        """Cosine of a model vector with every row. Rows outside the shortlist keep their
        order from the first pass, just below the rescored ones."""
        query = query.astype(np.float32)
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        if self.shortlist >= self.rows:
            return self._full(np.arange(self.rows), query)
        # einsum, not BLAS (here and above): a multi-threaded BLAS matrix-vector product takes
        # 16 ms instead of 1.5 ms as soon as other processes share the cores.
        reduced_query = np.einsum("i,ij->j", query - self.mean, self.components)
        reduced_query /= max(float(np.linalg.norm(reduced_query)), 1e-12)
        first: np.ndarray = np.einsum("ij,j->i", self.reduced, reduced_query)
        if self.shortlist <= 0:
            return first
        best = np.argpartition(-first, self.shortlist - 1)[: self.shortlist]
        rescored = self._full(best, query)
        result = first.copy()
        if best.size < self.rows:
            result[best] = -np.inf
            result += float(rescored.min()) - 1e-3 - float(result.max())
        result[best] = rescored
        return result

    def _full(self, rows: np.ndarray, query: np.ndarray) -> np.ndarray:
        vectors = self.quantised[rows].astype(np.float32)
        result: np.ndarray = np.einsum("ij,j->i", vectors, query * self.scale) / self.norms[rows]
        return result


def save_vectors(path: Path, vectors: np.ndarray) -> None:
    """All model dimensions as int8 with one scale per dimension: 40,000 labels in 15 MB
    instead of 62 MB of float32, ranking as float32 does (docs/benchmarks.md)."""
    vectors = vectors.astype(np.float32)
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scale = np.abs(vectors).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(vectors / scale).astype(np.int8)
    np.savez_compressed(path, vectors=quantised, scale=scale.astype(np.float32))


def load_vectors(path: Path) -> LabelVectors | None:
    """The packaged label vectors, or None when they have not been built."""
    if not path.exists():
        return None
    with np.load(path) as stored:
        if "components" in stored.files:
            raise ValueError(f"{path}: PCA-reduced vectors are no longer read; rebuild them")
        return LabelVectors.build(stored["vectors"], stored["scale"])
