"""The comparison columns and settings of the duplicate-detection model (no database)."""

from __future__ import annotations

import datetime as dt
import json

from wegweiser.identity import duplicate_model
from wegweiser.identity.dates import BirthDate, DatePrecision
from wegweiser.identity.scorer import NameSpelling, PersonRecord


def test_a_placeholder_birthday_keeps_only_its_year():
    row = duplicate_model.comparison_row(
        1,
        PersonRecord(
            "Mohammad", "Ahmadi", birth_date=BirthDate(dt.date(1990, 1, 1), placeholder=True)
        ),
    )
    assert (row["dob_year"], row["dob_month"], row["dob_day"], row["dob_full"]) == (
        1990,
        None,
        None,
        None,
    )
    exact = duplicate_model.comparison_row(
        2, PersonRecord("Mohammad", "Ahmadi", birth_date=BirthDate(dt.date(1990, 5, 17)))
    )
    assert exact["dob_full"] == dt.date(1990, 5, 17)
    year_only = duplicate_model.comparison_row(
        3,
        PersonRecord(
            "Mohammad", "Ahmadi", birth_date=BirthDate(dt.date(1990, 1, 1), DatePrecision.YEAR)
        ),
    )
    assert year_only["dob_month"] is None and year_only["dob_year"] == 1990


def test_arabic_script_and_latin_spellings_share_keys_and_pair_keys():
    latin = duplicate_model.comparison_row(1, PersonRecord("Mohammed", "Ahmady"))
    arabic = duplicate_model.comparison_row(2, PersonRecord("محمد", "احمدی"))
    assert set(latin["g_var"]) & set(arabic["g_var"])
    assert set(latin["f_skel"]) & set(arabic["f_skel"])
    assert set(latin["pair_keys"]) & set(arabic["pair_keys"])


def test_a_swapped_spelling_is_turned_the_way_the_first_reads():
    record = PersonRecord(
        "Hamza", "Al-Kurdi", other_spellings=(NameSpelling("Al-Kurdi", "Hamzah"),)
    )
    row = duplicate_model.comparison_row(1, record)
    other = duplicate_model.comparison_row(2, PersonRecord("Tarek", "Al-Kurdi"))
    assert not set(row["g_var"]) & set(other["g_var"])  # Kurdi is no given name of Hamza


def test_settings_are_json_and_run_on_spark_with_the_same_rules():
    duckdb_settings = duplicate_model.build_settings(records=1000)
    spark_settings = duplicate_model.build_settings(records=1000, dialect="spark")
    json.dumps(spark_settings)
    spark_sql = json.dumps(spark_settings["comparisons"])
    assert "list_has_any" not in spark_sql and "arrays_overlap" in spark_sql
    assert (
        spark_settings["blocking_rules_to_generate_predictions"]
        == duckdb_settings["blocking_rules_to_generate_predictions"]
    )
    assert spark_settings["probability_two_random_records_match"] == 0.02 * 1000 / (1000 * 999 / 2)


def test_a_day_off_by_one_across_scripts_still_meets_a_blocking_key():
    # Ignatz Gustav, written once in Latin and once in Arabic script, born a day apart: no
    # other blocking rule meets (the dates differ and both are real, so the loose name keys
    # alone or with the year are not used; the names agree only at the ends of their
    # consonant skeletons).
    def row(unique_id: int, record: PersonRecord) -> dict:
        return duplicate_model.comparison_row(unique_id, record)

    latin = row(1, PersonRecord("Ignatz", "Gustav", birth_date=BirthDate(dt.date(1964, 1, 21))))
    arabic = row(
        2,
        PersonRecord(
            "",
            "",
            other_spellings=(NameSpelling("إغناتز", "جوستاف"),),
            birth_date=BirthDate(dt.date(1964, 1, 22)),
        ),
    )
    other_month = row(
        3, PersonRecord("Ignatz", "Gustav", birth_date=BirthDate(dt.date(1964, 3, 22)))
    )

    assert not set(latin["loose_date_keys"]) & set(arabic["loose_date_keys"])
    assert set(latin["loose_month_keys"]) & set(arabic["loose_month_keys"])
    assert not set(other_month["loose_month_keys"]) & set(arabic["loose_month_keys"])
    rules = [r["blocking_rule"] for r in duplicate_model.PREDICTION_BLOCKING if isinstance(r, dict)]
    assert "l.loose_month_keys = r.loose_month_keys" in rules
