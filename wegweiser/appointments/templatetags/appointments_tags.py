"""The appointments on the dashboard and on the person page (included by one line each)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, timezone

from wegweiser.appointments.forms import ContactConsentForm
from wegweiser.appointments.selectors import (
    appointments_for_dashboard,
    appointments_for_person,
    contact_consents_for_person,
    missed_count,
    missed_recently,
)

register = template.Library()


@register.filter
def day_time(value: dt.datetime | None) -> str:
    """Date and time as on the rest of the page: the language's short date and a 24-hour
    time (Django's fallback date-and-time format for Arabic is "m/d/Y P", month first)."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'SHORT_DATE_FORMAT')} {local:%H:%M}"


PAST_SHOWN = 8  # past appointments listed on the person page; the missed count covers all


@register.inclusion_tag("appointments/partials/dashboard_panel.html", takes_context=True)
def appointments_dashboard_panel(context: template.Context) -> dict[str, Any]:
    """Today's and tomorrow's appointments of the user, and those missed in the last 30 days."""
    request = context["request"]
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    upcoming = appointments_for_dashboard(user=request.user, day_from=today, day_to=tomorrow)
    return {
        "request": request,
        "today_list": [a for a in upcoming if timezone.localdate(a.starts_at) == today],
        "tomorrow_list": [a for a in upcoming if timezone.localdate(a.starts_at) == tomorrow],
        "missed": missed_recently(user=request.user),
    }


@register.inclusion_tag("appointments/partials/person_panel.html", takes_context=True)
def person_appointments_panel(context: template.Context, person: Any) -> dict[str, Any]:
    """The person's appointments (in the user's scope), missed count and contact consents."""
    request = context["request"]
    case = getattr(person, "case", None)
    now = timezone.now()
    appointments = appointments_for_person(user=request.user, person=person)
    upcoming = [a for a in appointments if a.starts_at >= now]
    past = [a for a in appointments if a.starts_at < now]
    return {
        "request": request,
        "person": person,
        "case": case,
        "appointments": upcoming + past[:PAST_SHOWN],
        "earlier": len(past) - PAST_SHOWN if len(past) > PAST_SHOWN else 0,
        "missed": missed_count(person=person),
        "consents": contact_consents_for_person(person=person),
        "consent_form": ContactConsentForm(auto_id="id_contact_%s"),
        "now": now,
    }
