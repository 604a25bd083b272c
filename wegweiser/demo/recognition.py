"""Demo recognition procedures: foreign qualifications brought to a German authority over the
years, from the counselling to the decision (and a compensatory measure after a partial one).

Runs after the persons exist; deterministic for a seed and a reference date. About one person
in nine with a case had a qualification recognised: counselling some weeks after the case was
opened, the documents complete and the application submitted within months, in one procedure
in four further documents requested, the decision mostly within the statutory three months of
the complete documents, some after an extension, a few late. Written in bulk, with one audit
entry stating what was created; every procedure passes the model's own checks.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.dates import add_months
from wegweiser.core.models import AuditEntry
from wegweiser.recognition.models import (
    DECISION_PERIOD_MONTHS,
    CompetentAuthority,
    Measure,
    Outcome,
    RecognitionProcedure,
)

SHARE = 0.11  # of the persons with a case
REFERENCES = (  # the German reference occupation, regulated or not
    ("Pflegefachfrau/Pflegefachmann", True),
    ("Ärztin/Arzt", True),
    ("Lehrerin/Lehrer", True),
    ("Erzieherin/Erzieher", True),
    ("Ingenieurin/Ingenieur", False),
    ("Elektronikerin/Elektroniker", False),
    ("Kraftfahrzeugmechatronikerin/-mechatroniker", False),
    ("Kauffrau/Kaufmann für Büromanagement", False),
    ("Bauzeichnerin/Bauzeichner", False),
)
OUTCOMES = ((Outcome.FULL, 52), (Outcome.PARTIAL, 30), (Outcome.NONE, 12), (Outcome.REJECTED, 6))


def _after(rng: random.Random, day: dt.date, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


@transaction.atomic
def ensure_demo_recognition(*, seed: int, today: dt.date) -> int:
    """Creates the procedures unless there are some; returns how many were created."""
    if RecognitionProcedure.objects.exists():
        return 0
    rng = random.Random(seed * 31 + 7)
    authorities = list(CompetentAuthority.objects.filter(is_active=True).order_by("pk"))
    cases = list(Case.objects.order_by("pk").values_list("person_id", "opened_on", "closed_on"))
    procedures = []
    for person, opened, closed in cases:
        if rng.random() >= SHARE:
            continue
        procedure = _procedure(rng, person, opened, closed or today, today)
        if procedure is None:
            continue
        procedure.authority = rng.choice(authorities) if authorities else None
        procedure.full_clean(exclude=["person", "authority"])
        procedures.append(procedure)
    with acting_as(None):
        RecognitionProcedure.objects.bulk_create(procedures, batch_size=500)
        audit_event(
            actor=None,
            action=AuditEntry.Action.CREATE,
            object_type="demo.recognition",
            object_id=f"seed={seed}",
            fields=["recognition_procedures"],
            purpose="synthetic demo recognition procedures",
        )
    return len(procedures)


def _procedure(
    rng: random.Random, person: int, opened: dt.date, last: dt.date, today: dt.date
) -> RecognitionProcedure | None:
    """One procedure whose steps all lie between the case's opening and its closing (or
    today); the steps not reached by then stay empty."""
    counselling = _after(rng, opened, 14, 240)
    if counselling > min(last, today):
        return None
    title, regulated = rng.choice(REFERENCES)
    procedure = RecognitionProcedure(
        person_id=person,
        reference_title=title,
        regulated=regulated,
        counselling_on=counselling,
    )
    complete = _after(rng, counselling, 20, 150)
    if complete > today:
        return procedure
    procedure.documents_complete_on = complete
    submitted = _after(rng, complete, 0, 30)
    if submitted > today:
        return procedure
    procedure.application_submitted_on = submitted
    period_start = submitted
    if rng.random() < 0.25:
        requested = _after(rng, submitted, 15, 50)
        if requested > today:
            return procedure
        procedure.documents_requested_on = requested
        supplied = _after(rng, requested, 10, 70)
        if supplied > today:
            return procedure
        procedure.documents_supplied_on = supplied
        period_start = supplied
    due = add_months(period_start, DECISION_PERIOD_MONTHS)
    late = rng.random()
    if late < 0.1:  # extended once, decided within the extension
        procedure.extended_until = add_months(due, rng.randint(1, 3))
        decision = _after(rng, due, 1, (procedure.extended_until - due).days)
    elif late < 0.18:  # late without an extension
        decision = _after(rng, due, 5, 80)
    else:
        decision = _after(rng, period_start, 30, (due - period_start).days)
    if decision > today:
        return procedure
    procedure.decision_on = decision
    procedure.outcome = rng.choices([o for o, _w in OUTCOMES], [w for _o, w in OUTCOMES])[0]
    if procedure.outcome == Outcome.PARTIAL and rng.random() < 0.6:
        adapt = regulated and rng.random() < 0.5
        procedure.measure = Measure.ADAPTATION_COURSE if adapt else Measure.KNOWLEDGE_TEST
        starts = _after(rng, decision, 30, 120)
        if starts <= today:
            procedure.measure_starts_on = starts
            ends = _after(rng, starts, 90, 360)
            procedure.measure_ends_on = ends
            if ends <= today:
                procedure.completed_on = _after(rng, ends, 0, 20)
                if procedure.completed_on > today:
                    procedure.completed_on = None
    elif procedure.outcome == Outcome.FULL:
        completed = _after(rng, decision, 0, 30)
        procedure.completed_on = completed if completed <= today else None
    return procedure
