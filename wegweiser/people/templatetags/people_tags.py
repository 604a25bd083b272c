from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

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
