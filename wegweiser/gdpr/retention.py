"""Retention periods, in one place, and what the daily run erases (Art. 17 GDPR, § 84 SGB X).

Periods (days; our defaults, each overridable in the settings `WEGWEISER_RETENTION_DAYS`,
the audit log by `WEGWEISER_AUDIT_RETENTION_DAYS`):

closed_case
    The person file of a closed case, counted from the day it closed: the person is
    anonymised (names, birth date, contact, address blanked), every free text about them
    blanked, the consultation notes, next steps, name spellings, household links and name keys
    deleted. What stays is an anonymous row per record (case status and closing reason,
    enrolments, placements, follow-ups, dates), so that the statistics count as before.
note
    Consultation notes and next steps of a closed case, counted from the day it closed:
    deleted earlier than the rest of the file, because they are the most detailed part of it.
consent
    A withdrawn consent, counted from its withdrawal: kept as proof of what was shared while
    it was given (Art. 7(1) GDPR), then deleted unless a job proposal still names it (then it
    goes with the file).
person_without_case
    A person registered at intake for whom no case was ever opened, counted from registration.
audit
    Audit entries older than this are purged by `audit_purge_before` (which records a
    checkpoint so that `wegweiser audit verify` still holds); entries are never rewritten.

Documents (copies of passports, certificates, notices; wegweiser/documents) and reference
numbers of other authorities go with the person file: the erasure at closed_case deletes them
whole, and each document's file leaves the storage when the erasure commits (§ 84 SGB X: a
copy is kept only while the task needs it). A case under a legal hold (`LegalHold`) is left
alone by every rule until the hold is lifted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from wegweiser.cases.models import Case, NextStep, Note
from wegweiser.core import audit as core_audit
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.jobs.models import JobProposal
from wegweiser.people.models import Consent, Person

from .models import Erasure, LegalHold

if TYPE_CHECKING:
    from wegweiser.accounts.models import User

YEAR = 365
DEFAULT_DAYS: dict[str, int] = {
    "closed_case": 5 * YEAR,
    "note": 2 * YEAR,
    "consent": 3 * YEAR,
    "person_without_case": YEAR,
}
KINDS = (*DEFAULT_DAYS, "audit")


def retention_days() -> dict[str, int]:
    """The period of each kind of record, in days, with the settings' overrides applied."""
    days = {**DEFAULT_DAYS, **getattr(settings, "WEGWEISER_RETENTION_DAYS", {})}
    days["audit"] = int(settings.WEGWEISER_AUDIT_RETENTION_DAYS)
    return days


@dataclass
class RetentionPlan:
    """What a run on `today` erases. Ids only; a dry run returns it without touching anything."""

    today: dt.date
    days: dict[str, int]
    persons: list[int] = field(default_factory=list)  # person files to anonymise
    notes: list[int] = field(default_factory=list)
    next_steps: list[int] = field(default_factory=list)
    consents: list[int] = field(default_factory=list)
    audit_entries: int = 0
    audit_cutoff: dt.datetime | None = None
    held_cases: list[int] = field(default_factory=list)  # due, but held
    erasures: list[int] = field(default_factory=list)  # receipts written by the run

    def counts(self) -> dict[str, int]:
        return {
            "persons": len(self.persons),
            "notes": len(self.notes),
            "next_steps": len(self.next_steps),
            "consents": len(self.consents),
            "audit_entries": self.audit_entries,
            "held_cases": len(self.held_cases),
        }


def _erased_persons() -> QuerySet[Erasure]:
    return Erasure.objects.filter(person_number=OuterRef("pk"))


def _cutoff(today: dt.date, days: int) -> dt.date:
    return today - dt.timedelta(days=days)


def _closed_cases(today: dt.date, days: int) -> QuerySet[Case]:
    return Case.objects.filter(status=Case.Status.CLOSED, closed_on__lte=_cutoff(today, days))


def _held(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(Exists(LegalHold.objects.filter(case=OuterRef("pk"))))


def _not_held(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.exclude(Exists(LegalHold.objects.filter(case=OuterRef("pk"))))


def retention_plan(
    *, today: dt.date | None = None, organisation_id: int | None = None
) -> RetentionPlan:
    """What the next run erases; limited to one organisation for its preview page."""
    today = today or timezone.localdate()
    days = retention_days()
    plan = RetentionPlan(today=today, days=days)
    persons = Person.objects.exclude(Exists(_erased_persons()))
    cases = Case.objects.all()
    if organisation_id is not None:
        persons = persons.filter(organisation_id=organisation_id)
        cases = cases.filter(person__organisation_id=organisation_id)
    cases = cases.exclude(person__in=Person.objects.filter(Exists(_erased_persons())))

    due_files = cases.filter(pk__in=_closed_cases(today, days["closed_case"]))
    plan.held_cases = sorted(_held(due_files).values_list("pk", flat=True))
    plan.persons = sorted(_not_held(due_files).values_list("person_id", flat=True))
    created_before = timezone.make_aware(
        dt.datetime.combine(_cutoff(today, days["person_without_case"]), dt.time.min)
    )
    plan.persons += sorted(
        persons.filter(case__isnull=True, created_at__lt=created_before).values_list(
            "pk", flat=True
        )
    )

    notes_due = _not_held(cases.filter(pk__in=_closed_cases(today, days["note"]))).exclude(
        person_id__in=plan.persons
    )
    plan.notes = sorted(Note.objects.filter(case__in=notes_due).values_list("pk", flat=True))
    plan.next_steps = sorted(
        NextStep.objects.filter(case__in=notes_due).values_list("pk", flat=True)
    )

    consents = Consent.objects.filter(
        person__in=persons,
        withdrawn_on__lte=_cutoff(today, days["consent"]),
    ).exclude(person_id__in=plan.persons)
    consents = consents.exclude(Exists(JobProposal.objects.filter(consent=OuterRef("pk"))))
    consents = consents.exclude(
        Exists(LegalHold.objects.filter(case__person_id=OuterRef("person_id")))
    )
    plan.consents = sorted(consents.values_list("pk", flat=True))

    plan.audit_cutoff = timezone.make_aware(
        dt.datetime.combine(_cutoff(today, days["audit"]), dt.time.min)
    )
    plan.audit_entries = AuditEntry.objects.filter(at__lt=plan.audit_cutoff).count()
    return plan


def retention_run(
    *, dry_run: bool = False, today: dt.date | None = None, actor: User | None = None
) -> RetentionPlan:
    """Erase what is due. Each person file in its own transaction, so one failure does not
    undo the others; the run's own entry names ids and counts only."""
    from .services import person_erase  # services import this module for the periods

    plan = retention_plan(today=today)
    if dry_run:
        return plan
    for person in Person.objects.filter(pk__in=plan.persons).order_by("pk"):
        erasure = person_erase(actor=actor, person=person, reason=Erasure.Reason.RETENTION)
        plan.erasures.append(erasure.pk)
    _delete_records(actor=actor, plan=plan)
    purged = _purge_audit(actor=actor, plan=plan)
    audit_event(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        object_type="gdpr.retentionrun",
        object_ids=plan.erasures,
        fields=[f"{kind}:{count}" for kind, count in plan.counts().items()]
        + [f"audit_purged:{purged}"],
        purpose="retention",
    )
    return plan


def _delete_records(*, actor: User | None, plan: RetentionPlan) -> None:
    from django.db import transaction

    with transaction.atomic(), acting_as(actor):
        for step in NextStep.objects.filter(pk__in=plan.next_steps):
            step.delete()
        for note in Note.objects.filter(pk__in=plan.notes):
            note.delete()
        for consent in Consent.objects.filter(pk__in=plan.consents):
            consent.delete()


def _purge_audit(*, actor: User | None, plan: RetentionPlan) -> Any:
    """Old audit entries go through the audit log's own purge, which keeps the chain
    verifiable; without it (an older core) nothing is purged and the count says 0."""
    purge = getattr(core_audit, "audit_purge_before", None)
    if purge is None or not plan.audit_entries or plan.audit_cutoff is None:
        return 0
    return purge(cutoff=plan.audit_cutoff, actor=actor)
