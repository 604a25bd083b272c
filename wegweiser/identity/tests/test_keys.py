# ruff: noqa: RUF001 - letters of non-Latin scripts are data in this module
"""Index keys: the same person is found under the same keys, whatever the script or order."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from wegweiser.identity.keys import MAX_KEY_LENGTH, name_keys, person_keys
from wegweiser.identity.normalize import normalize_arabic, strip_marks
from wegweiser.identity.scorer import NameSpelling, PersonRecord
from wegweiser.identity.structure import PARTICLE_WORDS, split_name


def test_spellings_of_one_person_share_the_pair_key() -> None:
    pair = "ps:g:muhammad|s:HMD"
    for spelling in ("Mohammad Ahmadi", "Muhammad Ahmady", "محمد أحمدي", "Ahmadi Mohamed"):
        assert pair in name_keys(spelling), spelling


def test_cyrillic_and_latin_spellings_share_phonetic_and_group_keys() -> None:
    cyrillic = name_keys("Олександр Шевченко")
    for latin in ("Oleksandr Shevchenko", "Olexandr Schewtschenko", "Aleksandr Shevchenko"):
        shared = cyrillic & name_keys(latin)
        assert {"g:oleksandr", "ps:g:oleksandr|s:XKNK"} <= shared, latin


def test_abd_names_share_keys_in_every_spelling() -> None:
    keys = [name_keys(s) for s in ("Abd al-Rahman", "Abdulrahman", "Abdel Rahman", "عبد الرحمن")]
    assert set.intersection(*(set(k) for k in keys)) >= {"s:BDRHMN"}


def test_original_script_is_a_key_of_its_own() -> None:
    assert "o:حسين" in name_keys("حُسَين")
    assert "o:олександр" in name_keys("Олександр")


def test_person_keys_cover_every_spelling_of_the_person() -> None:
    record = PersonRecord("Hussein", "Al-Ali", other_spellings=(NameSpelling("حسين", "العلي"),))
    keys = person_keys(record)
    assert name_keys("Hussein Al-Ali") <= keys
    assert name_keys("حسين العلي") <= keys


def test_different_people_do_not_share_pair_keys() -> None:
    a = {k for k in name_keys("Mohammad Ahmadi") if k.startswith("ps:")}
    b = {k for k in name_keys("Oleksandr Shevchenko") if k.startswith("ps:")}
    assert a and b and not a & b


ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=200, deadline=None, database=None)
@given(ANY_TEXT)
def test_keys_never_crash_and_stay_short(text: str) -> None:
    keys = name_keys(text)
    assert all(0 < len(key) <= MAX_KEY_LENGTH for key in keys)
    kinds = ("o", "p", "g", "s", "ps", "c", "cl")
    assert all(key.split(":", 1)[0] in kinds and key.split(":", 1)[1] for key in keys)


NAME_WORDS = [
    "Mohammad", "Ahmadi", "Hussein", "Fatima", "Rahimi", "Zainab", "Oleksandr", "Shevchenko",
    "Müller", "Yılmaz", "Tesfay", "محمد", "حسين", "أحمدي", "فاطمة", "Олександр", "Шевченко",
    "Юлія", "ተስፋይ", "ገብረመድህን", "Abdulrahman", "Gul", "Noor", "Hosseini",
]  # fmt: skip


def _plain_name_word(word: str) -> bool:
    """A word that is a name part wherever it stands (not al, bin, abd, von, an, ...)."""
    parts = split_name(word).parts
    plain = strip_marks(word).lower().replace("ı", "i")
    particle = plain in PARTICLE_WORDS or normalize_arabic(word) in PARTICLE_WORDS
    return [p.core for p in parts] == [word] and not particle


LETTER_WORDS = st.text(
    alphabet=st.sampled_from("abdefghiklmnorstuyzäüşıабвгдеиклмнорстуіїبتحدرسعلمنهوي"),
    min_size=2,
    max_size=9,
).filter(_plain_name_word)


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(st.sampled_from(NAME_WORDS) | LETTER_WORDS, min_size=1, max_size=5), st.randoms())
def test_keys_do_not_depend_on_the_order_of_name_parts(
    words: list[str], rnd: random.Random
) -> None:
    shuffled = list(words)
    rnd.shuffle(shuffled)
    assert name_keys(" ".join(words)) == name_keys(" ".join(shuffled))


@settings(max_examples=100, deadline=None, database=None)
@given(st.sampled_from(NAME_WORDS), st.sampled_from(NAME_WORDS))
def test_swapped_given_and_family_name_give_the_same_person_keys(first: str, second: str) -> None:
    assert person_keys(PersonRecord(first, second)) == person_keys(PersonRecord(second, first))
