"""Every user-facing string is translated into German, English, Arabic and Ukrainian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["de", "en", "ar", "uk"]


def untranslated(po_file: Path) -> list[str]:
    """msgids whose translation is empty or marked fuzzy (the header entry excluded)."""
    missing = []
    for entry in po_file.read_text(encoding="utf-8").split("\n\n")[1:]:
        lines = [line for line in entry.strip().splitlines() if not line.startswith("#~")]
        msgid = next((line for line in lines if line.startswith("msgid ")), None)
        if msgid is None:
            continue
        values = re.findall(r'^msgstr(?:\[\d\])? "(.*)"((?:\n".*")*)', "\n".join(lines), re.M)
        empty = any(first == "" and not rest.strip().strip('"') for first, rest in values)
        if "#, fuzzy" in entry or not values or empty:
            missing.append(msgid)
    return missing


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    po_file = LOCALE / language / "LC_MESSAGES" / "django.po"
    assert po_file.exists()
    assert untranslated(po_file) == []
    assert (LOCALE / language / "LC_MESSAGES" / "django.mo").exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "Meine Fälle"), ("ar", None), ("uk", None), ("en", "My cases")],
)
def test_compiled_translations_are_used(language, expected):
    with translation.override(language):
        text = translation.gettext("My cases")
    if expected:
        assert text == expected
    else:
        assert text != "My cases"


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="de")
def test_arabic_pages_are_right_to_left_and_german_is_the_default(client):
    german = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="de" dir="ltr">' in german
    client.cookies["django_language"] = "ar"
    arabic = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "kern.rtl.min.css" in arabic


def test_the_product_default_language_is_german():
    from config.settings import base

    assert base.LANGUAGE_CODE == "de"


@pytest.mark.django_db
def test_pages_credit_esco(client, caseworker):
    client.force_login(caseworker)
    html = client.get(reverse("cases:my")).content.decode()
    assert "ESCO classification of the European Commission" in html
