"""`wegweiser identity link` gives the same candidates in every process.

Python's set and dict iteration order of strings follows PYTHONHASHSEED, which differs per
process; the candidates (and so the written links) must not depend on it."""

from __future__ import annotations

import gzip
import os
import random
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "ar2en.tsv.gz"


def _files(tmp_path: Path) -> tuple[Path, Path]:
    """A register of 2,000 persons named with real Arabic / English name pairs, each in one
    script, and 50 queries naming registered persons in the other script: many persons share
    a name, so candidates tie and the order of visiting keys would show."""
    with gzip.open(DATA, "rt", encoding="utf-8") as handle:
        rows = [line.rstrip("\n").split("\t") for line in handle]
    pairs = [r for r in rows if len(r) == 2 and r[1].isalpha() and " " not in r[0]][:60]
    rng = random.Random(4)
    registry = ["id,given_name,family_name,date_of_birth"]
    queries = ["query_id,given_name,family_name,date_of_birth"]
    for number in range(2000):
        given, family = rng.choice(pairs), rng.choice(pairs)
        side = number % 2
        born = f"{rng.randint(1960, 2000)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        registry.append(f"r{number},{given[side]},{family[side]},{born}")
        if number % 40 == 0:
            queries.append(f"q{number},{given[1 - side]},{family[1 - side]},")
    (tmp_path / "r.csv").write_text("\n".join(registry) + "\n", encoding="utf-8")
    (tmp_path / "q.csv").write_text("\n".join(queries) + "\n", encoding="utf-8")
    return tmp_path / "r.csv", tmp_path / "q.csv"


def _link(tmp_path: Path, seed: str) -> str:
    registry, queries = _files(tmp_path)
    output = tmp_path / f"out-{seed}.csv"
    environment = {**os.environ, "PYTHONHASHSEED": seed}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    subprocess.run(  # noqa: S603 - the interpreter running the tests, fixed arguments
        [sys.executable, "-m", "wegweiser.cli", "identity", "link",
         "--queries", str(queries), "--registry", str(registry), "--top", "10",
         "--output", str(output)],
        check=True,
        env={**environment, "WEGWEISER_SETTINGS": "config.settings.test"},
        capture_output=True,
        cwd=Path(__file__).resolve().parents[3],
    )  # fmt: skip
    return output.read_text(encoding="utf-8")


def test_link_writes_the_same_candidates_whatever_the_hash_seed(tmp_path):
    first, second = _link(tmp_path, "1"), _link(tmp_path, "2")
    assert first.count("\n") == 1 + 50 * 10  # header and ten candidates per query
    assert first == second
