from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404
from ninja import Router, Schema

from wegweiser.core.types import AuthedRequest

from .models import PlanStep
from .selectors import (
    case_get_for_user,
    may_see_health_data,
    my_cases_api_page,
    plan_current_for_case,
    plan_goals,
)

router = Router(tags=["cases"])


class CaseOut(Schema):
    id: int
    person_id: int
    status: str
    legal_domain: str
    team_id: int
    caseworker_id: int | None
    opened_on: dt.date
    closed_on: dt.date | None
    closing_reason: str


@router.get("/mine", response=list[CaseOut])
def my_cases(request: AuthedRequest, page: int = 1) -> list:
    """The caller's open cases, 100 a page in name order (`?page=2` for the next)."""
    return my_cases_api_page(user=request.user, page=page)


@router.get("/{case_id}", response=CaseOut)
def get_case(request: AuthedRequest, case_id: int) -> object:
    return case_get_for_user(user=request.user, pk=case_id, purpose="api_case")


class PlanStepOut(Schema):
    id: int
    description: str
    who: str
    partner_name: str
    due_on: dt.date
    status: str
    status_reason: str
    linked_type: str | None
    linked_id: int | None


class PlanGoalOut(Schema):
    id: int
    area: str
    description: str | None  # None: a health goal the caller may not read
    steps: list[PlanStepOut]


class PlanOut(Schema):
    id: int
    case_id: int
    name: str
    version: int
    status: str
    integration_goal: str
    agreed_on: dt.date | None
    person_present: bool
    interpreter_language: str
    review_due_on: dt.date | None
    disagreement_reason: str
    goals: list[PlanGoalOut]


@router.get("/{case_id}/plan", response=PlanOut)
def get_plan(request: AuthedRequest, case_id: int) -> dict[str, Any]:
    """The newest version of the case's plan with its goals and steps."""
    case = case_get_for_user(user=request.user, pk=case_id, purpose="api_plan")
    plan = plan_current_for_case(user=request.user, case=case)
    if plan is None:
        raise Http404
    show_health = may_see_health_data(user=request.user, case=case)
    goals = []
    for goal in plan_goals(plan=plan):
        hidden = goal.is_health and not show_health
        steps = []
        for step in [] if hidden else goal.steps.all():
            link = next((n for n in PlanStep.LINK_FIELDS if getattr(step, f"{n}_id")), None)
            steps.append(
                {
                    **{f: getattr(step, f) for f in PlanStepOut.model_fields if hasattr(step, f)},
                    "linked_type": link,
                    "linked_id": getattr(step, f"{link}_id") if link else None,
                }
            )
        goals.append(
            {
                "id": goal.pk,
                "area": goal.area,
                "description": None if hidden else goal.description,
                "steps": steps,
            }
        )
    return {
        **{f: getattr(plan, f) for f in PlanOut.model_fields if f != "goals"},
        "goals": goals,
    }
