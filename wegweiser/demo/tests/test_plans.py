"""The demo plans: a share of the cases in work, versions, reviews due now, one disagreement."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import translation

from wegweiser.cases.models import Case, GoalOutcome, Plan, PlanGoal, PlanReview, PlanStep
from wegweiser.cases.selectors import plan_reviews_due
from wegweiser.core.models import AuditEntry
from wegweiser.demo.generator import generate
from wegweiser.demo.plans import ensure_demo_plans

TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def demo(db):
    generate(persons=600, seed=4, today=TODAY)
    assert ensure_demo_plans(seed=4, today=TODAY)


def test_plans_for_a_share_of_the_cases_in_work_and_once_only(demo):
    in_work = Case.objects.filter(
        status__in=[Case.Status.ACTIVE, Case.Status.PLACED, Case.Status.FOLLOW_UP]
    ).count()
    with_plan = Case.objects.filter(plans__isnull=False).distinct().count()
    assert 0.4 * in_work <= with_plan <= 0.8 * in_work
    assert not Plan.objects.filter(case__status__in=[Case.Status.INTAKE, Case.Status.CLOSED])
    assert not ensure_demo_plans(seed=4, today=TODAY)
    assert AuditEntry.objects.filter(object_type="demo.plans").count() == 1


def test_every_demo_record_passes_the_models_rules(demo):
    for model in (Plan, PlanGoal, PlanStep, PlanReview, GoalOutcome):
        for record in model.objects.all():
            record.full_clean()


def test_versions_reviews_due_and_one_disagreement(demo):
    assert Plan.objects.filter(version__gte=2, status=Plan.Status.AGREED).exists()
    for case_id in Plan.objects.filter(version=2).values_list("case_id", flat=True):
        assert Plan.objects.filter(case_id=case_id, version=1, status="superseded").exists()
    assert Plan.objects.filter(case__plans__status="agreed").exists()
    due = list(plan_reviews_due(as_of=TODAY))
    assert 1 <= len(due) <= 12
    assert all(TODAY - dt.timedelta(days=14) < plan.review_due_on <= TODAY for plan in due)
    assert Plan.objects.exclude(disagreement_reason="").count() == 1
    assert PlanStep.objects.filter(status="dropped").exclude(status_reason="").exists()
    assert not PlanStep.objects.filter(status="dropped", status_reason="").exists()


def test_sgb2_cases_show_the_kooperationsplan(demo):
    sgb2 = Plan.objects.filter(case__legal_domain=Case.LegalDomain.SGB_II).first()
    other = Plan.objects.exclude(case__legal_domain=Case.LegalDomain.SGB_II).first()
    assert sgb2 is not None and other is not None
    with translation.override("de"):
        assert sgb2.name == "Kooperationsplan"
        assert other.name == "Integrationsplan"
