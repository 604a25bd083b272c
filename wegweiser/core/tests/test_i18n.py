"""Language and country names come from CLDR in the interface language, never as raw codes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from wegweiser.core.i18n import language_name


@pytest.mark.parametrize(
    ("interface", "expected"),
    [
        ("de", ["Arabisch", "Dari", "Paschtu", "Tigrinya", "Kurdisch", "Ukrainisch"]),
        ("ar", ["العربية", "الدارية", "البشتو", "التغرينية", "الكردية", "الأوكرانية"]),
        ("uk", ["арабська", "дарі", "пушту", "тигринья", "курдська", "українська"]),
        ("en", ["Arabic", "Dari", "Pashto", "Tigrinya", "Kurdish", "Ukrainian"]),
    ],
)
def test_language_codes_of_iso_639_1_and_3_have_names_in_every_interface_language(
    interface, expected
):
    with translation.override(interface):
        assert [language_name(c) for c in ("ar", "prs", "ps", "ti", "kmr", "uk")] == expected


def test_unknown_and_own_codes_fall_back_to_the_projects_list_then_the_code():
    with translation.override("de"):
        assert language_name("other") == "andere Sprache"
        assert language_name("qqq") == "qqq"
        assert language_name("") == ""


@pytest.mark.django_db
def test_person_page_names_the_letter_language(client, caseworker, case):
    person = case.person
    type(person).objects.filter(pk=person.pk).update(letter_language="prs")
    client.force_login(caseworker)
    for interface, name in (("de", "Dari"), ("ar", "الدارية"), ("uk", "дарі")):
        client.cookies["django_language"] = interface
        html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
        assert f"<dd>{name}</dd>" in html
        assert "<dd>prs</dd>" not in html
