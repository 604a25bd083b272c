"""The person page's course panel, and labels for the seat-assignment explanations."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from wegweiser.courses.assignment import Reason, Weights
from wegweiser.courses.selectors import person_courses

register = template.Library()


@register.inclusion_tag("courses/partials/person_courses.html", takes_context=True)
def person_courses_panel(context: template.Context, person: Any) -> dict[str, Any]:
    """`{% person_courses_panel person %}`: entitlements, waiting, enrolments, exams and German
    levels of the person, for a user who may see the person (404 otherwise)."""
    request = context["request"]
    return {
        "data": person_courses(user=request.user, pk=person.pk),
        "form": None,
        "section": "",
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "user": request.user,
    }


@register.filter
def reason_label(code: str) -> str:
    labels = {
        Reason.KIND: _("another course type"),
        Reason.NO_SEATS: _("no free seat"),
        Reason.ENTITLEMENT: _("no entitlement valid on the first course day"),
        Reason.BELOW_ENTRY: _("German level below the entry level"),
        Reason.AT_TARGET: _("already at the course's target level"),
        Reason.WORK_HOURS: _("runs while the person works"),
        Reason.TOO_FAR: _("farther than %(km)s km") % {"km": int(Weights().max_distance_km)},
    }
    return str(labels.get(code, code))  # type: ignore[call-overload]


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
