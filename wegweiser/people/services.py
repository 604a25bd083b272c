"""Writes of person data. Each runs in one transaction; the audit entries follow by signal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.audit import service
from wegweiser.core.forms import writable_fields
from wegweiser.core.text import clean_name

from .models import (
    Consent,
    HouseholdLink,
    NameSpelling,
    Person,
    PersonLanguage,
    PersonReference,
    ResidenceStatus,
    usual_work_permission,
)
from .name_keys import refresh_name_keys

# Stored in NFC without invisible format characters (core/text.py), so they match and sort.
TEXT_NAME_FIELDS = (
    "given_names_latin",
    "family_name_latin",
    "given_names_original",
    "family_name_original",
    "place_of_birth",
    "given_names",
    "family_name",
)


def _clean_names(data: dict[str, Any]) -> dict[str, Any]:
    return {
        k: clean_name(v) if k in TEXT_NAME_FIELDS and isinstance(v, str) else v
        for k, v in data.items()
    }


NAME_FIELDS = {
    "given_names_latin",
    "family_name_latin",
    "given_names_original",
    "family_name_original",
    "date_of_birth",
    "dob_precision",
    "dob_placeholder",
    "nationalities",
    "place_of_birth",
}


@service
def person_create(*, actor: User, **data: Any) -> Person:
    data = _clean_names(data)
    nationalities = data.pop("nationalities", [])
    person = Person(organisation=actor.organisation, **writable_fields(Person, data))
    person.nationalities = nationalities
    person.full_clean()
    person.save()
    refresh_name_keys(person)
    return person


@service
def person_update(*, actor: User, person: Person, data: dict[str, Any]) -> Person:
    for name, value in writable_fields(Person, _clean_names(data)).items():
        setattr(person, name, value)
    person.full_clean()
    person.save()
    if NAME_FIELDS & set(data):
        refresh_name_keys(person)
    return person


@service
def residence_status_add(*, actor: User, person: Person, **data: Any) -> ResidenceStatus:
    """A new residence title; without a work permission the title's usual one is recorded."""
    if not data.get("work_permission"):
        previous = person.residence.order_by("-valid_from", "-id").first()
        usual = usual_work_permission(data.get("title", ""), previous)
        if usual is None:
            raise ValidationError(
                {"work_permission": _("Choose the work permission this title carries.")}
            )
        data["work_permission"] = usual
    status = ResidenceStatus(person=person, **writable_fields(ResidenceStatus, data))
    status.full_clean()
    status.save()
    return status


@service
def name_spelling_add(*, actor: User, person: Person, **data: Any) -> NameSpelling:
    spelling = NameSpelling(person=person, **writable_fields(NameSpelling, _clean_names(data)))
    spelling.full_clean()
    spelling.save()
    refresh_name_keys(person)
    return spelling


@service
def person_language_set(*, actor: User, person: Person, language: str, level: str) -> None:
    entry = PersonLanguage.objects.filter(person=person, language=language).first()
    if entry is None:
        entry = PersonLanguage(person=person, language=language, level=level)
    entry.level = level
    entry.full_clean()
    entry.save()


@service
def household_link_add(
    *, actor: User, person: Person, relative: Person, relation: str
) -> HouseholdLink:
    link = HouseholdLink(person=person, relative=relative, relation=relation)
    link.full_clean()
    link.save()
    return link


@service
def consent_record(*, actor: User, person: Person, **data: Any) -> Consent:
    consent = Consent(person=person, recorded_by=actor, **writable_fields(Consent, data))
    consent.full_clean()
    consent.save()
    return consent


@service
def consent_withdraw(*, actor: User, consent: Consent, withdrawn_on: dt.date) -> Consent:
    if consent.withdrawn_on is not None:
        raise ValidationError({"withdrawn_on": _("This consent has already been withdrawn.")})
    consent.withdrawn_on = withdrawn_on
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on"])
    return consent


@service
def person_reference_set(*, actor: User, person: Person, kind: str, value: str) -> PersonReference:
    """Record the person's number of one kind; a second entry of the same kind corrects the
    first (one number per kind and authority)."""
    reference = PersonReference.objects.filter(person=person, kind=kind).first()
    if reference is None:
        reference = PersonReference(person=person, kind=kind)
    for name, given in writable_fields(PersonReference, {"kind": kind, "value": value}).items():
        setattr(reference, name, given)
    reference.full_clean()
    reference.save()
    return reference


@service
def person_reference_remove(*, actor: User, reference: PersonReference) -> None:
    reference.delete()
