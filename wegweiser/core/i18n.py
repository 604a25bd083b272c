"""Names of languages and countries in the interface language, from CLDR (through ICU).

Codes are stored (ISO 639-1, or 639-3 where a language has no two-letter code: prs, kmr;
ISO 3166-1 alpha-2 for countries); people read names. ICU knows every code a client of the
centre brings and spells the names as the Unicode consortium's CLDR does for each language.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import icu
from django.conf import settings
from django.utils.functional import lazy
from django.utils.translation import get_language


def _interface_language(language: str | None) -> str:
    return (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]


@lru_cache(maxsize=4096)
def _icu_language_name(code: str, language: str) -> str:
    return str(icu.Locale(code).getDisplayLanguage(icu.Locale(language)))


@lru_cache(maxsize=4096)
def _icu_country_name(code: str, language: str) -> str:
    return str(icu.Locale(f"und_{code}").getDisplayCountry(icu.Locale(language)))


def language_name(code: str | None, *, language: str | None = None) -> str:
    """The name of the language `code` in `language` (default: the active interface
    language): "ar" reads "Arabisch" in German, "арабська" in Ukrainian. Codes ICU does not
    know fall back to the project's own list, then to the code itself."""
    if not code:
        return ""
    code = code.strip()
    in_language = _interface_language(language)
    name = _icu_language_name(code.replace("_", "-"), in_language) if code.isascii() else code
    if name and name.lower() != code.lower():
        return name
    own = dict(settings.SPOKEN_LANGUAGES) | dict(settings.LANGUAGES)
    return str(own.get(code, code))


def country_name(code: str | None, *, language: str | None = None) -> str:
    """The name of the country `code` (ISO 3166-1 alpha-2) in `language` (default: the
    active interface language), as CLDR spells it: "Kiribati", "Mosambik", "Eswatini"."""
    if not code:
        return ""
    code = code.strip().upper()
    name = _icu_country_name(code, _interface_language(language))
    return name if name and name.upper() != code else code


def cldr_country_names() -> dict[str, Any]:
    """django-countries' COUNTRIES_OVERRIDE: every country it knows, named lazily by CLDR in
    the language active when the name is read (its own catalogue still has old or wrong
    German spellings such as "Swasiland" and "Kirivati")."""
    from django_countries.data import COUNTRIES

    named = lazy(country_name, str)
    return {code: named(code) for code in COUNTRIES}


# CLDR's list separator where it is not the Latin comma (Arabic and Persian script).
LIST_SEPARATORS = {"ar": "، ", "fa": "، ", "ps": "، ", "ur": "، "}


def join_list(items: Iterable[object], *, language: str | None = None) -> str:
    """Items joined with the interface language's comma: "الاثنين، الثلاثاء", "Mo, Di"."""
    separator = LIST_SEPARATORS.get(_interface_language(language), ", ")
    return separator.join(str(item) for item in items)


FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE


def isolate(text: object) -> str:
    """A value in plain text (PDF, e-mail, CSV for people) isolated with Unicode's first-strong
    isolate, the plain-text twin of <bdi>."""
    value = "" if text is None else str(text)
    return f"{FSI}{value}{PDI}" if value else ""
