from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wegweiser.occupations.coding import OccupationCoder
from wegweiser.occupations.management.commands import occupations as command

from .conftest import uri_of


@pytest.fixture
def session_coder(monkeypatch: pytest.MonkeyPatch, coder: OccupationCoder) -> OccupationCoder:
    monkeypatch.setattr(command, "get_coder", lambda **_: coder)
    return coder


def run_code(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("occupations", "code", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_code_reports_bad_rows_and_writes_the_good_ones(
    session_coder: OccupationCoder, tmp_path: Path
) -> None:
    source = tmp_path / "titles.csv"
    source.write_bytes(
        b"id,title,note\n1,Schwei\xc3\x9ferin,ignored\n,Koch,\n3,,\n4,Schwei\xdfer\n5\n6,welder\n"
    )
    target = tmp_path / "coded.csv"

    _, err = run_code("--input", str(source), "--output", str(target), "--top", "3")

    assert "line 3: empty id" in err
    assert "line 4: empty title" in err
    assert "line 5: not valid UTF-8" in err
    assert "line 6: missing id or title column" in err
    assert "Coded 2 titles" in err and "4 bad rows skipped" in err
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["id", "rank", "concept_uri", "score", "label"]
    assert [r["id"] for r in rows] == ["1", "1", "1", "6", "6", "6"]
    assert rows[0]["concept_uri"] == uri_of("welder")
    assert rows[0]["rank"] == "1"
    assert rows[0]["label"] == "Schweißer/Schweißerin"


def test_code_reads_semicolons_and_writes_english_labels(
    session_coder: OccupationCoder, tmp_path: Path
) -> None:
    source = tmp_path / "titles.csv"
    source.write_text("\ufeffTitle;ID\nElektriker*in;a-1\n", encoding="utf-8")
    target = tmp_path / "coded.csv"

    run_code("--input", str(source), "--output", str(target), "--top", "1", "--lang", "en")

    row = next(csv.DictReader(target.open(encoding="utf-8")))
    assert row["id"] == "a-1"
    assert "electrician" in row["label"]


def test_code_refuses_a_file_without_id_and_title(
    session_coder: OccupationCoder, tmp_path: Path
) -> None:
    source = tmp_path / "titles.csv"
    source.write_text("name,job\nx,y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="id and title"):
        run_code("--input", str(source), "--output", str(tmp_path / "out.csv"))


def test_code_rejects_unknown_label_languages(tmp_path: Path) -> None:
    source = tmp_path / "titles.csv"
    source.write_text("id,title\n1,Koch\n", encoding="utf-8")
    with pytest.raises(CommandError, match="--labels"):
        run_code("--input", str(source), "--output", str(tmp_path / "o.csv"), "--labels", "fr")
