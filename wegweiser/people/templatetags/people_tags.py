from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from wegweiser.core.links import id_url

register = template.Library()


@register.filter
def birth_date(person: object) -> str:
    """The date of birth as precisely as it is known, in the user's locale."""
    value: dt.date | None = getattr(person, "date_of_birth", None)
    precision = getattr(person, "dob_precision", "exact")
    if value is None or precision == "unknown":
        return _("unknown")
    if precision == "year":
        return str(value.year)
    if precision == "month":
        return date_format(value, "YEAR_MONTH_FORMAT")
    text = date_format(value, "SHORT_DATE_FORMAT")
    if getattr(person, "dob_placeholder", False):
        text = _("%(date)s (placeholder)") % {"date": text}
    return text


@register.filter
def person_url(person_id: int) -> str:
    """The person page's address: `{{ case.person_id|person_url }}`, for lists."""
    return id_url("people:detail", person_id)


@register.filter
def person_name(person: object) -> SafeString:
    """The name in Latin letters, then in the original script where that differs, each
    isolated for right-to-left pages: `{{ case.person|person_name }}`."""
    latin = getattr(person, "latin_name", "")
    original = getattr(person, "original_name", "")
    if original and original != latin:
        return format_html(
            '<bdi>{}</bdi> <bdi class="ww-original" dir="{}">{}</bdi>',
            latin,
            getattr(person, "original_dir", "ltr"),
            original,
        )
    return format_html("<bdi>{}</bdi>", latin)
