"""The dashboard's list of follow-up contacts due, and the link to a person's work page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from wegweiser.jobs.selectors import follow_ups_due

register = template.Library()


@register.inclusion_tag("jobs/partials/follow_ups_due.html", takes_context=True)
def follow_ups_due_panel(context: template.Context) -> dict[str, Any]:
    """`{% follow_ups_due_panel %}`: follow-ups of the user's own cases due within a week or
    overdue; renders nothing when there are none."""
    request = context["request"]
    return {
        "due": follow_ups_due(user=request.user),
        "today": timezone.localdate(),
        "request": request,
    }
