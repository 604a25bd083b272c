"""The appointments on the dashboard (included by one line), and their date and time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, timezone

from wegweiser.appointments.selectors import appointments_on_dashboard

register = template.Library()


@register.filter
def day_time(value: dt.datetime | None) -> str:
    """Date and time as on the rest of the page: the language's short date and a 24-hour
    time (Django's fallback date-and-time format for Arabic is "m/d/Y P", month first)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"


@register.inclusion_tag("appointments/partials/dashboard_panel.html", takes_context=True)
def appointments_dashboard_panel(context: template.Context) -> dict[str, Any]:
    """Today's and tomorrow's appointments of the user, and those missed in the last 30 days."""
    request = context["request"]
    panel = appointments_on_dashboard(user=request.user, today=timezone.localdate())
    return {
        "request": request,
        "today_list": panel.today,
        "tomorrow_list": panel.tomorrow,
        "missed": panel.missed,
    }
