# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Folding, phonetic keys, skeletons, name structure and the comparison of name parts."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from wegweiser.identity.analysis import (
    Coverage,
    PartKeys,
    PartLevel,
    analyse_name,
    compare_names,
    compare_parts,
)
from wegweiser.identity.normalize import fold_latin, normalize_arabic, normalize_cyrillic
from wegweiser.identity.phonetic import arabic_skeletons, latin_skeletons, phonetic_keys
from wegweiser.identity.scorer import compare_name_strings
from wegweiser.identity.structure import split_name
from wegweiser.identity.variants import ARABIC_SPELLINGS, derive_arabic_spellings

DATA = Path(__file__).parent.parent / "data"


def _phonetic(name: str) -> set[str]:
    return {key for fold in fold_latin(name) for key in phonetic_keys(fold)}


def _skeletons(name: str) -> set[str]:
    return {key for fold in fold_latin(name) for key in latin_skeletons(fold)}


def _part(name: str) -> PartKeys:
    parts = analyse_name(name).parts
    assert len(parts) == 1, parts
    return parts[0]


# --- folding and keys ------------------------------------------------------------------------


def test_german_umlaut_and_sharp_s_fold_to_both_spellings() -> None:
    assert fold_latin("Müller") == ("mueller", "muller")
    assert set(fold_latin("Mueller")) & set(fold_latin("Müller"))
    assert set(fold_latin("Muller")) & set(fold_latin("Müller"))
    assert fold_latin("Groß") == ("gross",)


def test_turkish_dotted_and_dotless_i_fold_to_i() -> None:
    assert fold_latin("İbrahim") == ("ibrahim",)
    assert fold_latin("Yılmaz") == ("yilmaz",)
    assert "shahin" in fold_latin("Şahin")


def test_arabic_normalisation_unifies_letter_forms_and_drops_vowel_marks() -> None:
    assert normalize_arabic("مُحَمَّد") == "محمد"
    assert normalize_arabic("أحمد") == normalize_arabic("احمد")
    assert normalize_arabic("فاطمة") == normalize_arabic("فاطمه")
    assert normalize_arabic("علی") == normalize_arabic("علي")  # Persian and Arabic yeh


def test_cyrillic_normalisation_ignores_yo_and_apostrophes() -> None:
    assert normalize_cyrillic("Пётр") == normalize_cyrillic("Петр")
    assert normalize_cyrillic("Мар'яна") == normalize_cyrillic("Марʼяна")


@pytest.mark.parametrize(
    "group",
    [
        ["Mohamed", "Mohammed", "Muhammad", "Mohammad", "Muhamad"],
        ["Hussein", "Hossein", "Husain", "Hussain", "Husein"],
        ["Müller", "Mueller", "Muller"],
        ["Oleksandr", "Olexandr"],
        ["Mahmoud", "Mahmud", "Mahmood"],
        ["Mustafa", "Mostafa", "Moustapha"],
        ["Yurii", "Iurii", "Juri", "Yuriy"],
        ["Fatima", "Fatimah", "Fatemeh"],
        ["Mariia", "Marija", "Mariya", "Maria"],
        ["Ibrahim", "Ebrahim"],
        ["Qasemi", "Ghasemi"],
        ["Qorbani", "Ghorbani", "Qurbani"],
    ],
)
def test_spellings_of_one_name_share_a_phonetic_key(group: list[str]) -> None:
    shared = set.intersection(*(_phonetic(name) for name in group))
    assert shared, {name: _phonetic(name) for name in group}


@pytest.mark.parametrize(
    ("a", "b"), [("Hassan", "Hussein"), ("Omar", "Amir"), ("Ali", "Alia"), ("Iman", "Ayman")]
)
def test_different_names_do_not_share_a_phonetic_key(a: str, b: str) -> None:
    assert not _phonetic(a) & _phonetic(b)


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("محمد", "Mohammed"),
        ("حسين", "Hussein"),
        ("خالد", "Khalid"),
        ("يوسف", "Youssef"),
        ("فاطمة", "Fatimah"),
        ("صالح", "Saleh"),
        ("جمال", "Gamal"),
        ("غلام", "Ghulam"),
        ("پرویز", "Parviz"),
    ],
)
def test_arabic_script_and_latin_spelling_share_a_consonant_skeleton(
    arabic: str, latin: str
) -> None:
    assert set(arabic_skeletons(normalize_arabic(arabic))) & _skeletons(latin)


def test_skeletons_agree_for_most_real_arabic_english_name_pairs() -> None:
    """On the Wikipedia pairs (names of every origin, automatically aligned, so with errors)."""
    with gzip.open(DATA / "ar2en.tsv.gz", "rt", encoding="utf-8") as f:
        pairs = [line.rstrip("\n").split("\t") for line in f]
    agreeing = 0
    for arabic, latin in pairs:
        structure = split_name(arabic)
        arabic_keys = {
            key for part in structure.parts for key in arabic_skeletons(normalize_arabic(part.core))
        }
        if arabic_keys & _skeletons(latin):
            agreeing += 1
    assert agreeing / len(pairs) >= 0.8


def test_arabic_spellings_table_is_derived_from_the_shipped_pairs() -> None:
    with gzip.open(DATA / "ar2en.tsv.gz", "rt", encoding="utf-8") as f:
        pairs = [(row[0], row[1]) for row in (line.rstrip("\n").split("\t") for line in f)]
    derived = derive_arabic_spellings(pairs)
    shipped = {}
    for line in (DATA / "arabic_spellings.tsv").read_text("utf-8").splitlines()[1:]:
        core, spellings = line.split("\t")
        shipped[core] = spellings.split(",")
    assert shipped == derived


# --- structure -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        "Abd al-Rahman",
        "Abdulrahman",
        "Abdel Rahman",
        "Abdurrahman",
        "Abdul Rahman",
        "ABD-UR-RAHMAN",
    ],
)
def test_abd_and_the_following_name_are_one_part(spelling: str) -> None:
    parts = split_name(spelling).parts
    assert [p.core for p in parts] == ["abdrahman"]


def test_arabic_script_abd_names_are_one_part_whether_joined_or_not() -> None:
    assert [p.core for p in split_name("عبد الرحمن").parts] == [
        p.core for p in split_name("عبدالرحمن").parts
    ]
    assert [p.core for p in split_name("عبد الله").parts] == [
        p.core for p in split_name("عبدالله").parts
    ]


@pytest.mark.parametrize(
    "spelling", ["Najibullah", "Najib Ullah", "Najib-Ullah", "Najibollah", "Najib Allah"]
)
def test_compound_with_allah_is_one_part(spelling: str) -> None:
    assert [p.core for p in split_name(spelling).parts] == ["najibullah"]


def test_arabic_script_compound_with_allah_is_one_part() -> None:
    assert [p.core for p in split_name("نجيب الله").parts] == ["نجيبالله"]
    assert compare_parts(_part("نجيب الله"), _part("Najibullah")) == PartLevel.READING


def test_names_ending_in_lla_are_not_allah_compounds() -> None:
    assert [p.core for p in split_name("Gabriella Isabella").parts] == ["Gabriella", "Isabella"]


def test_kunya_is_one_part() -> None:
    assert [p.core for p in split_name("Abu Bakr").parts] == ["abubakr"]
    assert [p.core for p in split_name("Abou Bakr al-Siddiq").parts] == ["abubakr", "Siddiq"]
    assert len(split_name("أبو بكر").parts) == 1


def test_articles_connectors_and_titles_are_set_aside() -> None:
    structure = split_name("Haji Ahmad bin Salman al-Hassan")
    assert [p.written for p in structure.parts] == ["Ahmad", "Salman", "Hassan"]
    assert structure.particles == ("Haji", "bin", "al")
    assert [p.written for p in split_name("أحمد بن سلمان الحسن").parts] == [
        "أحمد",
        "سلمان",
        "الحسن",
    ]


def test_european_particles_are_set_aside() -> None:
    assert [p.written for p in split_name("Ursula von der Leyen").parts] == ["Ursula", "Leyen"]
    assert [p.written for p in split_name("Jan van de Berg").parts] == ["Jan", "Berg"]


def test_a_name_of_particle_words_only_is_kept() -> None:
    assert [p.written for p in split_name("Al").parts] == ["Al"]


def test_sun_letter_article_is_recognised_before_its_letter_only() -> None:
    assert [p.written for p in split_name("Nur ad-Din").parts] == ["Nur", "Din"]
    assert [p.written for p in split_name("As Lan").parts] == ["As", "Lan"]


def test_patronymic_is_marked() -> None:
    parts = split_name("Олександр Петрович").parts
    assert [p.patronymic for p in parts] == [False, True]
    assert [p.patronymic for p in split_name("Olena Ivanivna").parts] == [False, True]


def test_written_together_article_gives_an_alternate_reading() -> None:
    assert split_name("Alhassan").parts[0].alternates == ("hassan",)
    assert split_name("Alexander").parts[0].alternates == ()


# --- comparison of parts -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "level"),
    [
        ("حسين", "حسين", PartLevel.SAME_ORIGINAL_SCRIPT),
        ("مُحَمَّد", "محمد", PartLevel.SAME_ORIGINAL_SCRIPT),
        ("Müller", "Muller", PartLevel.EXACT),
        ("Abdulrahman", "Abd al-Rahman", PartLevel.EXACT),
        ("Олександр", "Oleksandr", PartLevel.TRANSLITERATION),
        ("Олександр", "Aleksandr", PartLevel.TRANSLITERATION),
        ("Шевченко", "Schewtschenko", PartLevel.TRANSLITERATION),
        ("محمد", "Mohamed", PartLevel.TRANSLITERATION),
        ("حسين", "Hossein", PartLevel.TRANSLITERATION),
        ("ተስፋይ", "Tesfay", PartLevel.TRANSLITERATION),
        ("Олександр", "Александр", PartLevel.SPELLING_VARIANT),
        ("Mohammed", "Muhammad", PartLevel.SPELLING_VARIANT),
        ("Mehmet", "Mohammed", PartLevel.SPELLING_VARIANT),
        ("Oleksandr", "Aleksandr", PartLevel.SPELLING_VARIANT),
        ("Ahmadi", "Ahmady", PartLevel.SPELLING_VARIANT),
        ("Honcharenko", "Goncharenko", PartLevel.SIMILAR),
        ("Shevchenko", "Shevchneko", PartLevel.SIMILAR),
        ("Hassan", "Hussein", PartLevel.SIMILAR),
        ("حسين", "Hassan", PartLevel.DIFFERENT),
        ("Ahmadi", "Karimi", PartLevel.DIFFERENT),
        ("Ali", "Ari", PartLevel.DIFFERENT),
    ],
)
def test_name_parts_agree_at_the_expected_level(a: str, b: str, level: PartLevel) -> None:
    assert compare_parts(_part(a), _part(b)) == level
    assert compare_parts(_part(b), _part(a)) == level


def test_arabic_name_without_known_spelling_reads_as_its_latin_spelling() -> None:
    assert compare_parts(_part("زرغونه"), _part("Zarghuna")) == PartLevel.READING
    assert compare_parts(_part("غلام"), _part("Ghulam")) == PartLevel.READING


@pytest.mark.parametrize(
    ("arabic", "latin"),
    [
        ("هيرتفيغ", "Hertwig"),  # ي read as e, ف as w, غ as g
        ("كوبيرنيكوس", "Kopernikus"),  # short e between r and n not written
        ("فولفسبورغ", "Wolfsburg"),
        ("دوبروفسكي", "Dubrovsky"),  # و as u and o, ف as v, final ي as y
        ("ألكساندرو", "Alexandru"),  # the article-like al- kept in the Latin spelling
        ("تسيرميلو", "Zermelo"),  # تس writes the German z
        ("فاسيليفيتش", "Vasilyevich"),  # تش writes ch
    ],
)
def test_foreign_names_the_dictionary_does_not_know_read_out_of_the_arabic_letters(
    arabic: str, latin: str
) -> None:
    assert normalize_arabic(arabic) not in ARABIC_SPELLINGS
    assert compare_parts(_part(arabic), _part(latin)) == PartLevel.READING
    assert compare_name_strings(arabic, latin).is_match


def test_same_consonants_with_other_long_vowels_is_no_reading() -> None:
    # حسين writes a long i (Hussein); Hassan has none, and is a known spelling of حسن
    assert compare_parts(_part("حسين"), _part("Hassan")) == PartLevel.DIFFERENT
    # the same consonants, but the ي of the Arabic spelling is not in the Latin one
    assert compare_parts(_part("سليم"), _part("Salma")) < PartLevel.READING


def test_compound_written_together_in_one_script_and_apart_in_the_other() -> None:
    a, b = analyse_name("محمدرضا"), analyse_name("Mohammad Reza")
    assert compare_names(a, b).level == PartLevel.CONSONANTS
    a, b = analyse_name("Nur ad-Din"), analyse_name("Nuruddin")
    assert compare_names(a, b).level == PartLevel.SIMILAR


def test_compound_given_names_match_written_together_or_apart() -> None:
    a, b = analyse_name("Mohammad Reza"), analyse_name("Mohammadreza")
    match = compare_names(a, b)
    assert match.coverage == Coverage.FULL
    assert match.level == PartLevel.EXACT


def test_extra_given_name_is_a_subset_not_a_mismatch() -> None:
    a, b = analyse_name("Mohammad Nabi"), analyse_name("Nabi")
    match = compare_names(a, b)
    assert match.coverage == Coverage.SUBSET


def test_patronymic_on_one_side_only_is_ignored() -> None:
    a, b = analyse_name("Іван Петрович"), analyse_name("Ivan")
    match = compare_names(a, b)
    assert match.coverage == Coverage.FULL
    assert match.level == PartLevel.TRANSLITERATION
