"""Template helpers every app uses: names for codes, isolation of values of either direction."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from wegweiser.core import i18n

register = template.Library()


@register.filter
def language_name(code: str | None) -> str:
    """{{ person.letter_language|language_name }}: "Arabisch", not "ar"."""
    return i18n.language_name(code)


@register.filter
def country_name(code: object) -> str:
    """{{ code|country_name }}: the CLDR name in the interface language."""
    return i18n.country_name(str(getattr(code, "code", code) or ""))


@register.filter
def join_list(items: Iterable[object]) -> str:
    """{{ labels|join_list }}: joined with the interface language's comma ("، " in Arabic)."""
    return i18n.join_list(items)
