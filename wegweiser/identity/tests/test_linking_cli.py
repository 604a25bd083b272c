"""`wegweiser identity link` and `compare`: results, and bad rows reported by row and column."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from wegweiser.cases.services import intake_create
from wegweiser.core.models import AuditEntry


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


REGISTRY = """id,given_name,family_name,date_of_birth
r1,Mohammad,Al-Hassan,1988-01-01
r2,Oleksandr,Shevchenko,1979-06-14
r3,Fatima,Haidari,1995-03-02
"""


def test_link_against_a_registry_file(tmp_path):
    queries = write(
        tmp_path / "q.csv",
        "query_id,given_name,family_name,date_of_birth\n"
        "q1,Mohamed,El Hassan,1988-01-01\n"
        "q2,Олександр,Шевченко,1979-06-14\n"
        "q3,Aleksandr,Schewtschenko,\n",
    )
    out = tmp_path / "out.csv"
    call_command(
        "identity",
        "link",
        "--queries",
        str(queries),
        "--registry",
        str(write(tmp_path / "r.csv", REGISTRY)),
        "--top",
        "3",
        "--output",
        str(out),
    )
    rows = read(out)
    best = {r["query_id"]: r["registry_id"] for r in rows if r["rank"] == "1"}
    assert best == {"q1": "r1", "q2": "r2", "q3": "r2"}
    assert list(rows[0]) == ["query_id", "rank", "registry_id", "score", "percent"]


@override_settings(LANGUAGE_CODE="de")
def test_bad_rows_are_named_and_the_rest_processed(tmp_path, capsys):
    queries = write(
        tmp_path / "q.csv",
        "query_id;given_name;family_name;date_of_birth\n"
        "q1;Müller;Jürgen;1970-02-30\n"
        "q2;;;\n"
        "q3;Fatima;Haidari;1995-03-02\n",
        encoding="cp1252",
    )
    out = tmp_path / "out.csv"
    call_command(
        "identity",
        "link",
        "--queries",
        str(queries),
        "--registry",
        str(write(tmp_path / "r.csv", REGISTRY)),
        "--output",
        str(out),
    )
    errors = capsys.readouterr().err
    # In the product's language (German here), like every message of the command.
    assert "Zeile 2, Spalte date_of_birth: „1970-02-30“ ist kein Datum (JJJJ-MM-TT)" in errors
    assert "Zeile 3, Spalte given_name: kein Name angegeben" in errors
    assert {r["query_id"] for r in read(out)} == {"q3"}


def test_missing_columns_stop_with_a_clear_message(tmp_path):
    queries = write(tmp_path / "q.csv", "id,name\n1,Ali\n")
    with pytest.raises(CommandError, match="Required columns missing: query_id, given_name"):
        call_command(
            "identity",
            "link",
            "--queries",
            str(queries),
            "--registry",
            str(write(tmp_path / "r.csv", REGISTRY)),
            "--output",
            str(tmp_path / "o.csv"),
        )


def test_nothing_processable_exits_non_zero(tmp_path):
    queries = write(tmp_path / "q.csv", "query_id,given_name,family_name\nq1,,\n")
    with pytest.raises(CommandError, match="no row could be processed"):
        call_command(
            "identity",
            "link",
            "--queries",
            str(queries),
            "--registry",
            str(write(tmp_path / "r.csv", REGISTRY)),
            "--output",
            str(tmp_path / "o.csv"),
        )


def test_compare_pairs(tmp_path):
    pairs = write(
        tmp_path / "p.csv",
        "pair_id,name1,name2,dob1,dob2\n"
        "1,Hussein Ali,Hossein Ali,,\n"
        "2,Hussein Ali,Maria Schmidt,,\n"
        "3,Oleksandr Kovalenko,Олександр Коваленко,1980-05-01,1980-05-01\n"
        "4,,Ali,,\n",
    )
    out = tmp_path / "o.csv"
    call_command("identity", "compare", "--input", str(pairs), "--output", str(out))
    result = {r["pair_id"]: r["match"] for r in read(out)}
    assert result == {"1": "true", "2": "false", "3": "true"}


@pytest.mark.django_db
def test_link_against_the_database_is_scoped_and_audited(
    tmp_path, team, caseworker, other_team, other_caseworker
):
    mine = intake_create(
        actor=caseworker,
        person_data={
            "given_names_latin": "Fatima",
            "family_name_latin": "Haidari",
            "date_of_birth": dt.date(1995, 3, 2),
        },
        case_data={"team": team},
        orientation_data={},
    ).person
    intake_create(
        actor=other_caseworker,
        person_data={
            "given_names_latin": "Fatemeh",
            "family_name_latin": "Heydari",
            "date_of_birth": dt.date(1995, 3, 2),
        },
        case_data={"team": other_team},
        orientation_data={},
    )
    queries = write(tmp_path / "q.csv", "query_id,given_name,family_name\nq1,Fatima,Heidari\n")
    out = tmp_path / "o.csv"
    call_command(
        "identity",
        "link",
        "--queries",
        str(queries),
        "--user",
        caseworker.username,
        "--output",
        str(out),
    )
    assert [r["registry_id"] for r in read(out)] == [str(mine.pk)]
    entry = AuditEntry.objects.get(purpose="list_reconciliation")
    assert entry.actor == caseworker and entry.object_ids == [mine.pk]
