"""The person page's recognition panel and the warning of overdue decisions for "My cases"."""

from __future__ import annotations

from typing import Any

from django import template

from wegweiser.recognition.selectors import overdue_procedures, person_recognition

register = template.Library()


@register.inclusion_tag("recognition/partials/person_recognition.html", takes_context=True)
def person_recognition_panel(context: template.Context, person: Any) -> dict[str, Any]:
    """`{% person_recognition_panel person %}`: qualifications and recognition procedures of
    the person, with a warning when a decision is near or overdue (404 outside the scope)."""
    request = context["request"]
    return {
        "data": person_recognition(user=request.user, pk=person.pk),
        "form": None,
        "section": "",
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "user": request.user,
    }


@register.inclusion_tag("recognition/partials/overdue.html", takes_context=True)
def recognition_overdue_panel(context: template.Context) -> dict[str, Any]:
    """`{% recognition_overdue_panel %}`: procedures of the user's own cases whose decision
    is overdue; renders nothing when there are none."""
    request = context["request"]
    return {"overdue": overdue_procedures(user=request.user), "request": request}
