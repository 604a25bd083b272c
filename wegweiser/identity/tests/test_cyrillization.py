# ruff: noqa: RUF001, RUF003 - names in Cyrillic script are data in these tests
"""Latin names of other languages matched to how Russian and Ukrainian writers put them into
Cyrillic: by the sound of the name in its own language (practical transcription), not letter
by letter. None of these names is in the benchmark's name list."""

from __future__ import annotations

import datetime as dt

import pytest

from wegweiser.identity.cyrillization import CYRILLIZATIONS, cyrillic_renderings, fold_cyrillic
from wegweiser.identity.dates import BirthDate
from wegweiser.identity.keys import SOUND_KINDS, lookup_keys, name_keys
from wegweiser.identity.reconciliation import Entry, Register, link
from wegweiser.identity.scorer import PersonRecord, compare_name_strings


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        # French: silent final letters, au/eau as о, ou as у, u as ю, -ier as -ье, -eille as -ей
        ("Dupont", "Дюпон"),
        ("Rousseau", "Руссо"),
        ("Gautier", "Готье"),
        ("Lacroix", "Лакруа"),
        ("Mireille", "Мирей"),
        ("Thibault", "Тибо"),
        # English: w as у, oo as у, the long a and i before a final e, tch as тч
        ("Walter", "Уолтер"),
        ("Cooper", "Купер"),
        ("Fletcher", "Флетчер"),
        ("Grace", "Грейс"),
        ("Whitaker", "Уитакер"),
        # English: the open a and the u of "cut"
        ("Sandra", "Сэндра"),
        ("Buck", "Бак"),
        # German, modern reading: ei as ай, z as ц, sch as ш, st- as шт-
        ("Reinhard", "Райнхард"),
        ("Schneider", "Шнайдер"),
        ("Zimmermann", "Циммерман"),
        ("Stein", "Штайн"),
        # German, older reading: h as г, ei as ей
        ("Hermann", "Герман"),
        ("Heinrichs", "Гейнрихс"),
        # Italian: ci/ce as чи/че, gi/ge as джи/дже, gn as нь, z as ц
        ("Luigi", "Луиджи"),
        ("Gianni", "Джанни"),
        ("Cecilia", "Чечилия"),
        ("Agnese", "Аньезе"),
        ("Lorenzo", "Лоренцо"),
        # Spanish: j and g before e/i as х, ll as ль, z as с, qu as к, silent h
        ("Guillén", "Гильен"),
        ("Quintero", "Кинтеро"),
        ("Jaramillo", "Харамильо"),
        ("Zúñiga", "Сунига"),
        ("Hortensia", "Ортенсия"),
        # Portuguese: final o as у, final e as и, ç as с, s before a consonant as ш
        ("Azevedo", "Азеведу"),
        ("Gonçalo", "Гонсалу"),
        ("Batista", "Батишта"),
        ("Henrique", "Энрики"),
        # Czech: ř as рж, h as г, ji- as и-, y as ы
        ("Přemysl", "Пржемысл"),
        ("Bohumil", "Богумил"),
        ("Jitka", "Итка"),
        # Scandinavian: å as о, kj as ч, g before a front vowel as й, initial ø as э
        ("Åsa", "Оса"),
        ("Kjell", "Чель"),
        ("Göte", "Йёте"),
        ("Øystein", "Эйстейн"),
    ],
)
def test_a_latin_name_matches_its_cyrillic_writing_by_sound(latin, cyrillic):
    assert fold_cyrillic(cyrillic) in cyrillic_renderings(latin)
    assert compare_name_strings(latin, cyrillic).is_match
    assert compare_name_strings(cyrillic, latin).is_match  # symmetric


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Алёна", "Алиона"),  # ё and io written out
        ("Юлиан", "Иулиан"),
        ("Татьяна", "Татиана"),  # soft sign, я as иа
        ("Габриэль", "Габриель"),
        ("Тэтчер", "Течер"),  # тч as ч, э as е
        ("Сергій", "Сергий"),  # Ukrainian і
    ],
)
def test_the_folded_form_ignores_what_writers_do_not_agree_on(a, b):
    assert fold_cyrillic(a) == fold_cyrillic(b)


@pytest.mark.parametrize(
    ("latin", "cyrillic"),
    [
        ("Dupont", "Дюбуа"),
        ("Walter", "Вальдемар"),
        ("Luigi", "Людмила"),
        ("Hermann", "Гарри"),
        ("Azevedo", "Асадов"),
    ],
)
def test_different_names_stay_apart(latin, cyrillic):
    assert not compare_name_strings(latin, cyrillic).is_match


def test_a_latin_name_gives_few_cyrillic_forms():
    """One per transcription table at most, fewer where the tables agree; no empty form."""
    forms = cyrillic_renderings("Maria")
    assert 1 <= len(forms) < len(CYRILLIZATIONS)
    assert all(forms)
    assert cyrillic_renderings("") == frozenset()


def _register_with(entry: Entry) -> Register:
    given = ["Анна", "Борис", "Вера", "Глеб", "Дина", "Egon", "Fanny", "Gerd", "Hilde", "Ines"]
    family = ["Осипова", "Панин", "Рыбак", "Сомов", "Тарасюк", "Ulbricht", "Vogt", "Wendt"]
    fillers = [
        Entry(
            f"f{number:03d}",
            PersonRecord(
                given[number % 10],
                family[number % 8],
                birth_date=BirthDate(dt.date(1950 + number % 50, 1 + number % 12, 1 + number % 27)),
            ),
        )
        for number in range(200)
    ]
    return Register([*fillers, entry])


@pytest.mark.parametrize(
    ("registered", "typed"),
    [
        (("Мирей", "Готье"), ("Mireille", "Gautier")),
        (("Mireille", "Gautier"), ("Мирей", "Готье")),
    ],
)
def test_a_name_heard_in_cyrillic_is_found_without_a_date_of_birth(registered, typed):
    """No letter-by-letter key joins Мирей Готье and Mireille Gautier; the sound keys do."""
    target = Entry("t", PersonRecord(*registered, birth_date=BirthDate(dt.date(1979, 6, 2))))
    query = Entry("q", PersonRecord(*typed))
    links = link([query], _register_with(target), top=5)
    assert links and links[0].registry_id == "t"


def test_sound_keys_join_scripts_not_two_latin_spellings():
    assert lookup_keys(name_keys("Gautier")) & name_keys("Готье")
    shared = lookup_keys(name_keys("Gautier")) & name_keys("Gotye")
    assert not any(key.startswith(SOUND_KINDS) for key in shared)
