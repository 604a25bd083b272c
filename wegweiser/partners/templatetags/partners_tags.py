"""The dashboard's panel of unanswered referrals."""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings

from ..selectors import referrals_awaiting_answer

register = template.Library()


@register.inclusion_tag("partners/partials/unanswered.html", takes_context=True)
def referrals_unanswered_panel(context: template.Context) -> dict[str, Any]:
    """`{% referrals_unanswered_panel %}`: the user's referrals sent and unanswered for more
    than the set number of days; renders nothing when there are none."""
    request = context["request"]
    return {
        "rows": referrals_awaiting_answer(user=request.user),
        "days": settings.WEGWEISER_REFERRAL_ANSWER_DAYS,
        "request": request,
    }
