"""Template helpers every app uses: names for codes, isolation of values of either direction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.html import format_html

from wegweiser.core import i18n

register = template.Library()


@register.filter
def language_name(code: str | None) -> str:
    """{{ person.letter_language|language_name }}: "Arabisch", not "ar"."""
    return i18n.language_name(code)


@register.filter
def language_names(codes: Iterable[str] | None) -> str:
    """{{ partner.languages|language_names }}: "Arabisch, Türkisch", not "ar, tr"."""
    return i18n.join_list(i18n.language_name(code) for code in codes or ())


@register.filter
def country_name(code: object) -> str:
    """{{ code|country_name }}: the CLDR name in the interface language."""
    return i18n.country_name(str(getattr(code, "code", code) or ""))


@register.filter
def join_list(items: Iterable[object]) -> str:
    """{{ labels|join_list }}: joined with the interface language's comma ("، " in Arabic)."""
    return i18n.join_list(items)


@register.inclusion_tag("core/partials/error_summary.html")
def error_summary(*forms: Any) -> dict[str, Any]:
    """{% error_summary form %} or {% error_summary person_form case_form %}: every error of
    the forms at the top, each linked to its field; static/js/forms.js moves the focus here."""
    errors: list[dict[str, str]] = []
    for form in forms:
        if form is None or not getattr(form, "is_bound", False) or not form.errors:
            continue
        for message in form.non_field_errors():
            errors.append({"field_id": "", "label": "", "message": str(message)})
        for field in form:
            for message in field.errors:
                errors.append(
                    {
                        "field_id": field.id_for_label or field.auto_id or "",
                        "label": str(field.label or ""),
                        "message": str(message),
                    }
                )
    prefix = next((f.prefix for f in forms if f is not None and f.prefix), "")
    return {"errors": errors, "suffix": f"-{prefix}" if prefix else ""}


@register.filter
def bdi(value: object) -> str:
    """{{ person.latin_name|bdi }}: the value isolated from the text around it, so a Latin name
    or a date in an Arabic sentence (or an Arabic name in a German one) keeps its own
    direction and does not drag neighbouring numbers and punctuation along."""
    if value is None or value == "":
        return ""
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value: object) -> str:
    """{{ value|isolate }}: Unicode isolates (FSI ... PDI) around a value in plain text and in
    PDFs, where no <bdi> is read."""
    return i18n.isolate(value)
