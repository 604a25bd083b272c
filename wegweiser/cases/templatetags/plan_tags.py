"""The person page's plan section."""

from __future__ import annotations

from typing import Any

from django import template

from wegweiser.cases.models import Case, PlanStep, plan_name
from wegweiser.cases.selectors import plan_current_for_case, plan_in_force

register = template.Library()


@register.inclusion_tag("cases/partials/plan_panel.html", takes_context=True)
def plan_panel(context: template.Context, case: Case) -> dict[str, Any]:
    """`{% plan_panel case %}`: the newest version of the case's plan, for a user who may see
    the case; the read is recorded."""
    request = context["request"]
    plan = plan_current_for_case(user=request.user, case=case)
    open_steps = (
        PlanStep.objects.filter(goal__plan=plan, status=PlanStep.Status.OPEN).count()
        if plan is not None
        else 0
    )
    return {
        "case": case,
        "plan": plan,
        "plan_name": plan_name(case.legal_domain),
        "in_force": plan_in_force(case=case) if plan is not None else None,
        "open_steps": open_steps,
        "today": context.get("today"),
    }
