"""Erasure of a person file and legal holds. Every change goes through the audit signals (field
names and ids only); the receipt keeps counts, never the erased data."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from wegweiser.cases.models import Case, NextStep, Note
from wegweiser.core.audit import acting_as
from wegweiser.documents.models import Document
from wegweiser.people.models import HouseholdLink, NameKey, NameSpelling, Person, PersonReference

from .models import Erasure, LegalHold
from .selectors import _person_records

if TYPE_CHECKING:
    from wegweiser.accounts.models import User

ERASED = "—"  # stands in for a required name; no letter of the person's is left
ERASABLE_CLASSES = {"personal", "special"}
# Records deleted whole: what they hold is nothing but personal detail. A document's file
# leaves the storage when the erasure commits (documents/models.py).
DELETED = (NextStep, Note, NameSpelling, HouseholdLink, PersonReference, Document)
PERSON_CLEARED: dict[str, Any] = {
    "date_of_birth": None,
    "dob_precision": Person.DobPrecision.UNKNOWN,
    "dob_placeholder": False,
    "original_script": "",
    "municipality": None,
}


def _free_text_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    """Fields that can hold words about the person: text without a fixed list of choices,
    JSON and stored files (letters as PDF), classified personal or special. Choices, dates and
    numbers stay for the counts."""
    privacy: dict[str, str] = getattr(model, "PRIVACY", {})
    found: list[models.Field[Any, Any]] = []
    for f in model._meta.concrete_fields:
        if f.primary_key or f.is_relation or privacy.get(f.name) not in ERASABLE_CLASSES:
            continue
        if isinstance(f, models.JSONField | models.BinaryField) or (
            isinstance(f, models.CharField | models.TextField) and not f.choices
        ):
            found.append(f)
    return found


def _blank(record: models.Model) -> list[str]:
    """Blank the free text of one record; the names of the fields changed."""
    changed = []
    for f in _free_text_fields(type(record)):
        if isinstance(f, models.JSONField):
            empty: Any = f.get_default()
        elif isinstance(f, models.BinaryField):
            empty = b""  # a stored letter: the file of the person's data goes, the row stays
        else:
            empty = "" if f.blank else ERASED
        if getattr(record, f.attname) != empty:
            setattr(record, f.attname, empty)
            changed.append(f.attname)
    return changed


def erasure_refusal(person: Person) -> str | None:
    """Why the file cannot be erased now, or None."""
    case = Case.objects.filter(person=person).first()
    if case is None:
        return None
    if LegalHold.objects.filter(case=case).exists():
        return str(_("The case is under a legal hold; lift the hold first."))
    if case.status != Case.Status.CLOSED:
        return str(_("The case is still open; close it before erasing the file."))
    return None


def erasure_is_done(person: Person) -> bool:
    return Erasure.objects.filter(person_number=person.pk).exists()


@transaction.atomic
def person_erase(*, actor: User | None, person: Person, reason: str) -> Erasure:
    """Anonymise a person file: the person row and every record about them keep their ids,
    dates and choices (so the statistics count as before); names, contact, free text and
    notes go. A held or open case is refused. The receipt counts records per type.

    No full_clean here: the erasure must not fail on a rule unrelated to it that the old
    records no longer meet (a caseworker who has since left the team)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if erasure_is_done(person):
        raise ValidationError(_("This file has already been erased."))
    refusal = erasure_refusal(person)
    if refusal:
        raise ValidationError(refusal)
    case = Case.objects.filter(person=person).first()
    counts: Counter[str] = Counter()
    with acting_as(actor):
        records = _person_records(person)
        for deleted in DELETED:
            for record in records.pop(deleted, []):
                record.delete()
                counts[deleted._meta.label_lower] += 1
        keys, _by_type = NameKey.objects.filter(person=person).delete()
        if keys:
            counts["people.namekey"] += keys
        for model, items in records.items():
            for record in items:
                if model is Person:
                    record = person
                changed = _blank(record)
                if model is Person:
                    for name, value in PERSON_CLEARED.items():
                        if getattr(person, name) != value:
                            setattr(person, name, value)
                            changed.append(name)
                if changed:
                    record.save(update_fields=changed)
                    counts[model._meta.label_lower] += 1
        erasure = Erasure(
            person_number=person.pk,
            case_number=case.pk if case else None,
            organisation_id=person.organisation_id,
            team_id=case.team_id if case else None,
            reason=reason,
            performed_by=actor,
            counts=dict(sorted(counts.items())),
        )
        erasure.save()
    return erasure


@transaction.atomic
def legal_hold_set(*, actor: User, case: Case, reason: str) -> LegalHold:
    hold = LegalHold(case=case, reason=reason.strip(), set_by=actor)
    hold.full_clean()
    with acting_as(actor):
        hold.save()
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold) -> None:
    with acting_as(actor):
        hold.delete()
