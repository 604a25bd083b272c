"""The packaged occupation reference data, read without Django.

`data/esco.json.gz` holds the ESCO occupations (labels, ISCO-08 group, derived KldB code,
skill links), the skills and the ISCO-08 groups; `data/kldb.json.gz` the KldB 2010 structure;
`data/manifest.json` the versions and source checksums; `data/label_vectors.npz` (optional)
the multilingual-e5-small vectors of every label text. See data/README.md.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
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


@dataclass(frozen=True, slots=True)
class LabelVectors:
    """Label vectors (unit length); `project` maps a model vector into the same space (the
    identity for full vectors, a PCA projection for reduced ones)."""

    matrix: np.ndarray  # (rows, dims) float32, unit length
    components: np.ndarray | None = None  # (model dims, dims) float32, None: full vectors
    mean: np.ndarray | None = None  # (model dims,) float32

    def project(self, vector: np.ndarray) -> np.ndarray:
        vector = vector.astype(np.float32)
        if self.components is not None and self.mean is not None:
            vector = (vector - self.mean) @ self.components
        norm = float(np.linalg.norm(vector))
        result: np.ndarray = vector / norm if norm else vector
        return result


def save_vectors(path: Path, vectors: np.ndarray, *, dims: int | None = None) -> None:
    """int8 with one scale per dimension: all 384 model dimensions by default (40,000 labels in
    15 MB instead of 62 MB of float32, ranking as good as float32, see docs/benchmarks.md), or
    a PCA to `dims` dimensions first (smaller, but it costs ranking quality)."""
    vectors = vectors.astype(np.float32)
    extra: dict[str, np.ndarray] = {}
    if dims is not None:
        mean = vectors.mean(axis=0)
        _, _, vt = np.linalg.svd(vectors - mean, full_matrices=False)
        components = vt[:dims].T.astype(np.float32)
        vectors = (vectors - mean) @ components
        extra = {"components": components, "mean": mean.astype(np.float32)}
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    scale = np.abs(vectors).max(axis=0) / 127.0
    scale[scale == 0] = 1.0
    quantised = np.round(vectors / scale).astype(np.int8)
    arrays: dict[str, Any] = {"vectors": quantised, "scale": scale.astype(np.float32), **extra}
    np.savez_compressed(path, **arrays)


def load_vectors(path: Path) -> LabelVectors | None:
    """The packaged label vectors, or None when they have not been built."""
    if not path.exists():
        return None
    with np.load(path) as stored:
        matrix = stored["vectors"].astype(np.float32) * stored["scale"]
        components = stored["components"] if "components" in stored.files else None
        mean = stored["mean"] if "mean" in stored.files else None
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return LabelVectors(matrix=matrix / norms, components=components, mean=mean)
