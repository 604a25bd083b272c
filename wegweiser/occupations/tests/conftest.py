from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from wegweiser.occupations.coding import OccupationCoder
from wegweiser.occupations.index import (
    DATA_DIR,
    ESCO_FILE,
    KLDB_FILE,
    MANIFEST_FILE,
    Reference,
    build_reference,
    load_reference,
)

SUBSET = ("welder", "electrician", "warehouse worker", "cook", "kitchen porter", "baker")


@pytest.fixture(scope="session")
def coder() -> OccupationCoder:
    """The lexical coder over all packaged labels, built once for the whole session."""
    return OccupationCoder(load_reference())


@pytest.fixture(scope="session")
def small_reference() -> Reference:
    """Every 10th occupation plus the ones the tests look for: quick to index."""
    full = load_reference()
    entries = [
        e for n, e in enumerate(full.raw["occupations"]) if n % 10 == 0 or e["label_en"] in SUBSET
    ]
    return build_reference(
        {"occupations": entries}, manifest=full.manifest, kldb_titles=full.kldb_titles
    )


def uri_of(label_en: str) -> str:
    reference = load_reference()
    return next(o.uri for o in reference.occupations if o.label_en == label_en)


def write_subset(target: Path, labels_en: tuple[str, ...], version: str) -> Path:
    """A copy of the packaged data with only a few occupations and their skills."""
    target.mkdir(parents=True, exist_ok=True)
    with gzip.open(DATA_DIR / ESCO_FILE, "rt", encoding="utf-8") as handle:
        esco = json.load(handle)
    keep = [o for o in esco["occupations"] if o["label_en"] in labels_en]
    used = sorted({n for o in keep for n in o["essential"] + o["optional"]})
    renumber = {old: new for new, old in enumerate(used)}
    for occupation in keep:
        occupation["essential"] = [renumber[n] for n in occupation["essential"]]
        occupation["optional"] = [renumber[n] for n in occupation["optional"]]
    esco["occupations"] = keep
    esco["skills"] = [esco["skills"][n] for n in used]
    with gzip.open(target / ESCO_FILE, "wt", encoding="utf-8") as handle:
        json.dump(esco, handle)
    shutil.copy(DATA_DIR / KLDB_FILE, target / KLDB_FILE)
    manifest = json.loads((DATA_DIR / MANIFEST_FILE).read_text(encoding="utf-8"))
    manifest["data_version"] = version
    (target / MANIFEST_FILE).write_text(json.dumps(manifest), encoding="utf-8")
    return target


@pytest.fixture
def subset_data(tmp_path: Path) -> Path:
    return write_subset(tmp_path / "data", SUBSET, "test-1")
