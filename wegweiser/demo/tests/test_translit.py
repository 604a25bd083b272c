# ruff: noqa: RUF001 - Cyrillic test vectors.
from __future__ import annotations

import pytest

from wegweiser.demo.data.translit import (
    bulgarian_2009,
    bulgarian_french,
    german_system_spelling,
    ukrainian_2010,
    ukrainian_german,
    without_diacritics,
)

# Examples published with Resolution No. 55 of the Cabinet of Ministers of Ukraine (2010).
UKRAINIAN_2010 = [
    ("Алушта", "Alushta"),
    ("Андрій", "Andrii"),
    ("Згурський", "Zghurskyi"),
    ("Ґалаґан", "Galagan"),
    ("Єнакієве", "Yenakiieve"),
    ("Гаєвич", "Haievych"),
    ("Короп'є", "Koropie"),
    ("Їжакевич", "Yizhakevych"),
    ("Кадиївка", "Kadyivka"),
    ("Мар'їне", "Marine"),
    ("Йосипівка", "Yosypivka"),
    ("Стрий", "Stryi"),
    ("Олексій", "Oleksii"),
    ("Наталія", "Nataliia"),
    ("Щербухи", "Shcherbukhy"),
    ("Юрій", "Yurii"),
    ("Костянтин", "Kostiantyn"),
    ("Знам'янка", "Znamianka"),
    ("Феодосія", "Feodosiia"),
    ("Біла Церква", "Bila Tserkva"),
]


@pytest.mark.parametrize(("cyrillic", "latin"), UKRAINIAN_2010)
def test_ukrainian_names_follow_the_2010_passport_standard(cyrillic: str, latin: str) -> None:
    assert ukrainian_2010(cyrillic) == latin


def test_other_spellings_differ_as_documents_do() -> None:
    assert ukrainian_german("Шевченко") == "Schewtschenko"
    assert bulgarian_2009("Анелия Георгиева") == "Anelia Georgieva"
    assert bulgarian_french("Георги Георгиев") == "Gueorgui Gueorguiev"
    assert german_system_spelling("Öztürk Yıldız") == "Oeztuerk Yildiz"
    assert without_diacritics("Łukasz Wiśniewski, Ștefan") == "Lukasz Wisniewski, Stefan"
