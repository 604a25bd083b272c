"""Demo plans: the Kooperationsplan (SGB II) or Integrationsplan agreed with the persons.

Runs after the persons, cases, courses and the labour market exist; deterministic for a seed
and a reference date. About two thirds of the cases in active work (active, placed, follow-up)
with an initial orientation have a plan, agreed a few weeks after the orientation:

- goals follow the orientation (German below B1: language; a health limitation: a health goal;
  childcare: family; always work), with steps for the person, the caseworker or a partner,
  linked to the person's wait-list entry or enrolment, recognition procedure or proposal to
  an employer where there is one;
- steps due before today are mostly done, some dropped with a reason;
- plans agreed more than six months ago were reviewed (and some of those continued in a
  second version); a few plans reach their review date in the last two weeks and wait for it,
  so the caseworkers' dashboards show reviews due;
- one person did not agree with the plan, and why is recorded.

One transaction and one audit entry stating what was created, like the other demo modules.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from wegweiser.cases.models import (
    Case,
    GoalOutcome,
    Orientation,
    Plan,
    PlanGoal,
    PlanReview,
    PlanStep,
)
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import Enrolment, WaitingEntry
from wegweiser.jobs.models import JobProposal
from wegweiser.recognition.models import RecognitionProcedure, add_months

from .accounts import DEMO_LOGINS

SHARE_WITH_PLAN = 0.66
REVIEWS_DUE_NOW = 12  # plans whose review date fell in the last two weeks, not yet reviewed
SPOKEN = {code for code, _label in settings.SPOKEN_LANGUAGES} - {"de", "other"}

INTEGRATION_GOALS = [
    "Eine feste Stelle finden, von der ich mit meiner Familie leben kann.",
    "In meinem Beruf arbeiten, sobald mein Abschluss anerkannt ist.",
    "Gut Deutsch lernen und danach eine Ausbildung beginnen.",
    "Eine Arbeit in Teilzeit finden, die zur Betreuung meiner Kinder passt.",
    "Selbstständig leben und nicht mehr auf Bürgergeld angewiesen sein.",
]
GOALS: dict[str, list[str]] = {
    PlanGoal.Area.LANGUAGE: [
        "Deutsch auf Niveau B1 erreichen.",
        "Den Integrationskurs abschließen und die Prüfung bestehen.",
        "Berufsbezogenes Deutsch (B2) für die Arbeit lernen.",
    ],
    PlanGoal.Area.RECOGNITION: [
        "Meinen Berufsabschluss anerkennen lassen.",
        "Die Gleichwertigkeit meines Studiums feststellen lassen.",
    ],
    PlanGoal.Area.WORK: [
        "Eine Arbeit in meinem erlernten Beruf finden.",
        "Ein Praktikum machen, um den Beruf kennenzulernen.",
        "Eine Stelle mit Arbeitszeiten finden, die zur Kinderbetreuung passen.",
    ],
    PlanGoal.Area.EDUCATION: [
        "Den Hauptschulabschluss nachholen.",
        "Eine Ausbildung beginnen.",
    ],
    PlanGoal.Area.FAMILY: [
        "Einen Kitaplatz für mein jüngstes Kind finden.",
        "Die Betreuung der Kinder am Nachmittag regeln.",
    ],
    PlanGoal.Area.HEALTH: [
        "Die Reha abschließen und danach wieder arbeiten.",
        "Eine Arbeit finden, die ohne schweres Heben geht.",
    ],
}
STEPS: dict[str, list[tuple[str, str]]] = {
    PlanGoal.Area.LANGUAGE: [
        (PlanStep.Who.PERSON, "Regelmäßig am Kurs teilnehmen"),
        (PlanStep.Who.CASEWORKER, "Kursplatz beim Träger anfragen"),
        (PlanStep.Who.PERSON, "Zur Prüfung anmelden"),
    ],
    PlanGoal.Area.RECOGNITION: [
        (PlanStep.Who.PERSON, "Zeugnisse übersetzen lassen"),
        (PlanStep.Who.CASEWORKER, "Antrag auf Anerkennung mit der Person ausfüllen"),
        (PlanStep.Who.PARTNER, "Beratung zur Anerkennung wahrnehmen"),
    ],
    PlanGoal.Area.WORK: [
        (PlanStep.Who.PERSON, "Lebenslauf auf Deutsch schreiben"),
        (PlanStep.Who.CASEWORKER, "Passende Stellen heraussuchen und vorschlagen"),
        (PlanStep.Who.PERSON, "Drei Bewerbungen schreiben"),
    ],
    PlanGoal.Area.EDUCATION: [
        (PlanStep.Who.PARTNER, "Anmeldung an der Volkshochschule"),
        (PlanStep.Who.CASEWORKER, "Ausbildungsbetriebe ansprechen"),
    ],
    PlanGoal.Area.FAMILY: [
        (PlanStep.Who.PERSON, "Kind bei der Kita anmelden"),
        (PlanStep.Who.PARTNER, "Beratung beim Familienzentrum"),
    ],
    PlanGoal.Area.HEALTH: [
        (PlanStep.Who.PERSON, "Termin beim Arbeitsmedizinischen Dienst wahrnehmen"),
        (PlanStep.Who.CASEWORKER, "Leistungen zur Teilhabe prüfen"),
    ],
}
PARTNERS = ["Migrationsberatung Caritas", "Volkshochschule Gießen", "IQ Netzwerk Hessen"]
DROP_REASONS = [
    "Die Person hat inzwischen eine Stelle gefunden.",
    "Der Kurs ist ausgefallen; ein neuer Schritt ist vereinbart.",
    "Nicht mehr nötig nach dem Umzug.",
]
INTERVIEW = "Vorstellungsgespräch vorbereiten"
DISAGREEMENT = (
    "Möchte zuerst den Führerschein machen und erst danach den Sprachkurs besuchen; "
    "ist mit der Reihenfolge der Schritte nicht einverstanden."
)


@dataclass
class Links:
    waiting: dict[int, int] = field(default_factory=dict)
    enrolment: dict[int, int] = field(default_factory=dict)
    procedure: dict[int, int] = field(default_factory=dict)
    proposal: dict[int, int] = field(default_factory=dict)


def _links() -> Links:
    links = Links()
    for person_id, pk in WaitingEntry.objects.values_list("person_id", "pk"):
        links.waiting.setdefault(person_id, pk)
    for person_id, pk in Enrolment.objects.values_list("person_id", "pk"):
        links.enrolment.setdefault(person_id, pk)
    for person_id, pk in RecognitionProcedure.objects.values_list("person_id", "pk"):
        links.procedure.setdefault(person_id, pk)
    for person_id, pk in JobProposal.objects.values_list("person_id", "pk"):
        links.proposal.setdefault(person_id, pk)
    return links


class PlanLoader:
    def __init__(self, *, seed: int, today: dt.date) -> None:
        self.rng = random.Random(f"plans-{seed}")
        self.today = today
        self.links = _links()
        self.counts = {"plans": 0, "goals": 0, "steps": 0, "reviews": 0}
        self.due_now = 0
        self.plans: list[Plan] = []
        self.goals: list[PlanGoal] = []
        self.steps: dict[int, list[PlanStep]] = {}  # by id() of the goal
        self.reviews: list[PlanReview] = []
        self.outcomes: list[GoalOutcome] = []

    def run(self) -> None:
        orientations = (
            Orientation.objects.filter(
                case__status__in=[Case.Status.ACTIVE, Case.Status.PLACED, Case.Status.FOLLOW_UP],
                case__caseworker__isnull=False,
                case__plans__isnull=True,
            )
            .select_related("case__person", "case__caseworker")
            .order_by("case_id")
        )
        for orientation in orientations:
            if self.rng.random() < SHARE_WITH_PLAN:
                self.plan_for(orientation)

    def _areas(self, orientation: Orientation) -> list[str]:
        areas: list[str] = []
        if orientation.german_level in ("", "A1", "A2"):
            areas.append(PlanGoal.Area.LANGUAGE)
        if orientation.vocational_training or orientation.higher_education:
            if self.rng.random() < 0.5:
                areas.append(PlanGoal.Area.RECOGNITION)
        elif self.rng.random() < 0.3:
            areas.append(PlanGoal.Area.EDUCATION)
        if orientation.childcare_needed:
            areas.append(PlanGoal.Area.FAMILY)
        if orientation.health_limitations:
            areas.append(PlanGoal.Area.HEALTH)
        areas.append(PlanGoal.Area.WORK)
        return areas[:4]

    def plan_for(self, orientation: Orientation) -> None:
        case = orientation.case
        caseworker = case.caseworker
        assert caseworker is not None  # only cases with a caseworker are chosen
        earliest = max(orientation.assessed_on, case.opened_on)
        agreed_on = earliest + dt.timedelta(days=self.rng.randint(7, 42))
        if agreed_on >= self.today:
            return
        review_on = add_months(agreed_on, settings.WEGWEISER_PLAN_REVIEW_MONTHS)
        language = case.person.letter_language
        plan = self._add_plan(
            case=case,
            version=1,
            status=Plan.Status.AGREED,
            integration_goal=self.rng.choice(INTEGRATION_GOALS),
            agreed_on=agreed_on,
            person_present=self.rng.random() < 0.95,
            interpreter_language=language if language in SPOKEN else "",
            review_due_on=review_on,
            agreed_by=caseworker,
            created_by=caseworker,
        )
        self.counts["plans"] += 1
        goals = self._goals(plan, self._areas(orientation), agreed_on)
        # Reviews every six months until today; a few plans whose review fell due in the last
        # two weeks wait for it.
        while review_on <= self.today:
            if review_on > self.today - dt.timedelta(days=14) and self.due_now < REVIEWS_DUE_NOW:
                self.due_now += 1
                break
            reviewed_on = min(review_on, self.today) - dt.timedelta(days=self.rng.randint(0, 20))
            review = PlanReview(
                plan=plan,
                reviewed_on=reviewed_on,
                comment="Fortschritte besprochen.",
                reviewed_by=caseworker,
            )
            self.reviews.append(review)
            self.counts["reviews"] += 1
            for goal in goals:
                outcome = self.rng.choice(
                    [GoalOutcome.Outcome.ACHIEVED, GoalOutcome.Outcome.PARTLY] * 2
                    + [GoalOutcome.Outcome.NOT_ACHIEVED]
                )
                self.outcomes.append(GoalOutcome(review=review, goal=goal, outcome=outcome))
            review_on = add_months(reviewed_on, settings.WEGWEISER_PLAN_REVIEW_MONTHS)
            plan.review_due_on = review_on
            if self.rng.random() < 0.4 and reviewed_on < self.today:
                plan, goals = self._second_version(plan, goals, reviewed_on)
                review_on = plan.review_due_on or review_on

    def _goals(self, plan: Plan, areas: list[str], agreed_on: dt.date) -> list[PlanGoal]:
        person_id = plan.case.person_id
        goals = []
        for position, area in enumerate(areas):
            goal = self._add_goal(
                plan=plan,
                area=area,
                description=self.rng.choice(GOALS[area]),
                position=position,
            )
            goals.append(goal)
            for index, (who, text) in enumerate(STEPS[area][: self.rng.randint(1, 3)]):
                due_on = agreed_on + dt.timedelta(days=self.rng.randint(14, 120))
                status, reason, changed = PlanStep.Status.OPEN, "", None
                if due_on < self.today:
                    roll = self.rng.random()
                    if roll < 0.8:
                        status, changed = PlanStep.Status.DONE, due_on
                    elif roll < 0.9:
                        status, changed = PlanStep.Status.DROPPED, due_on
                        reason = self.rng.choice(DROP_REASONS)
                link: dict[str, int | None] = {}
                if index == 0 and area == PlanGoal.Area.LANGUAGE:
                    if person_id in self.links.enrolment:
                        link["enrolment_id"] = self.links.enrolment[person_id]
                    elif person_id in self.links.waiting:
                        link["waiting_entry_id"] = self.links.waiting[person_id]
                elif index == 0 and area == PlanGoal.Area.RECOGNITION:
                    link["recognition_procedure_id"] = self.links.procedure.get(person_id)
                elif index == 1 and area == PlanGoal.Area.WORK:
                    link["job_proposal_id"] = self.links.proposal.get(person_id)
                self._add_step(
                    goal=goal,
                    description=text,
                    who=who,
                    partner_name=self.rng.choice(PARTNERS) if who == PlanStep.Who.PARTNER else "",
                    due_on=due_on,
                    status=status,
                    status_reason=reason,
                    status_changed_on=changed,
                    **link,
                )
        return goals

    def _second_version(
        self, plan: Plan, goals: list[PlanGoal], agreed_on: dt.date
    ) -> tuple[Plan, list[PlanGoal]]:
        """After a review the plan is changed: version 2 carries the goals over, drops the
        achieved ones' open steps and adds a new work step."""
        # Open steps that fell due before the change were done or given up by then.
        for goal in goals:
            for step in self.steps[id(goal)]:
                if step.status == PlanStep.Status.OPEN and step.due_on < agreed_on:
                    step.status_changed_on = step.due_on
                    if self.rng.random() < 0.8:
                        step.status = PlanStep.Status.DONE
                    else:
                        step.status = PlanStep.Status.DROPPED
                        step.status_reason = self.rng.choice(DROP_REASONS)
        plan.status = Plan.Status.SUPERSEDED
        second = self._add_plan(
            case=plan.case,
            version=plan.version + 1,
            status=Plan.Status.AGREED,
            integration_goal=plan.integration_goal,
            agreed_on=agreed_on,
            person_present=True,
            interpreter_language=plan.interpreter_language,
            review_due_on=add_months(agreed_on, settings.WEGWEISER_PLAN_REVIEW_MONTHS),
            agreed_by=plan.agreed_by,
            created_by=plan.created_by,
        )
        copies = []
        for goal in goals:
            copy = self._add_goal(
                plan=second,
                area=goal.area,
                description=goal.description,
                position=goal.position,
                carried_from=goal,
            )
            copies.append(copy)
            for step in self.steps[id(goal)]:
                self._add_step(
                    goal=copy,
                    carried_from=step,
                    description=step.description,
                    who=step.who,
                    partner_name=step.partner_name,
                    due_on=step.due_on,
                    status=step.status,
                    status_reason=step.status_reason,
                    status_changed_on=step.status_changed_on,
                    waiting_entry_id=step.waiting_entry_id,
                    enrolment_id=step.enrolment_id,
                    recognition_procedure_id=step.recognition_procedure_id,
                    job_proposal_id=step.job_proposal_id,
                )
            if goal.area == PlanGoal.Area.WORK and not any(
                step.description == INTERVIEW for step in self.steps[id(goal)]
            ):
                self._add_step(
                    goal=copy,
                    description=INTERVIEW,
                    who=PlanStep.Who.CASEWORKER,
                    due_on=agreed_on + dt.timedelta(days=self.rng.randint(14, 60)),
                )
        return second, copies

    def _add_plan(self, **values: Any) -> Plan:
        plan = Plan(**values)
        self.plans.append(plan)
        self.counts["plans"] += 1
        return plan

    def _add_goal(self, **values: Any) -> PlanGoal:
        goal = PlanGoal(**values)
        self.goals.append(goal)
        self.steps[id(goal)] = []
        self.counts["goals"] += 1
        return goal

    def _add_step(self, *, goal: PlanGoal, **values: Any) -> PlanStep:
        step = PlanStep(goal=goal, **values)
        self.steps[id(goal)].append(step)
        self.counts["steps"] += 1
        return step

    def save(self) -> None:
        """Writes everything in batches, versions in order (a copy points to its original)."""
        batch = 500
        # One person does not agree with the plan in force, and why is recorded.
        # (preferably one of the caseworkers who log in to the demo).
        in_force = [plan for plan in self.plans if plan.status == Plan.Status.AGREED]
        logins = {login.username for login in DEMO_LOGINS if login.role == "caseworker"}
        shown = [p for p in in_force if p.created_by.get_username() in logins] or in_force
        if shown:
            plan = shown[min(2, len(shown) - 1)]
            plan.disagreement_reason = DISAGREEMENT
            plan.disagreement_recorded_on = plan.agreed_on
        Plan.objects.bulk_create(self.plans, batch_size=batch)
        for version in sorted({plan.version for plan in self.plans}):
            goals = [goal for goal in self.goals if goal.plan.version == version]
            for goal in goals:
                goal.plan_id = goal.plan.pk
                goal.carried_from_id = goal.carried_from.pk if goal.carried_from else None
            PlanGoal.objects.bulk_create(goals, batch_size=batch)
            steps = [step for goal in goals for step in self.steps[id(goal)]]
            for step in steps:
                step.goal_id = step.goal.pk
                step.carried_from_id = step.carried_from.pk if step.carried_from else None
            PlanStep.objects.bulk_create(steps, batch_size=batch)
        for review in self.reviews:
            review.plan_id = review.plan.pk
        PlanReview.objects.bulk_create(self.reviews, batch_size=batch)
        for outcome in self.outcomes:
            outcome.review_id, outcome.goal_id = outcome.review.pk, outcome.goal.pk
        GoalOutcome.objects.bulk_create(self.outcomes, batch_size=batch)


def ensure_demo_plans(*, seed: int, today: dt.date | None = None) -> bool:
    """Creates the demo plans unless plans exist. One transaction, one audit entry."""
    if Plan.objects.exists():
        return False
    today = today or timezone.localdate()
    with transaction.atomic(), acting_as(None):
        loader = PlanLoader(seed=seed, today=today)
        loader.run()
        loader.save()
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.plans",
            object_id=f"seed={seed}",
            fields=sorted(loader.counts),
            purpose="synthetic demo plans",
        )
    return True
