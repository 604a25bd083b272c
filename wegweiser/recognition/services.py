"""Writes of qualifications and recognition procedures; the audit entries follow by signal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.audit import service
from wegweiser.people.models import Person

from .models import Qualification, RecognitionProcedure

QUALIFICATION_FIELDS = (
    "kind",
    "country",
    "title_original",
    "title_german",
    "institution",
    "year_from",
    "year_to",
    "isced_level",
    "dqr_level",
    "occupation",
    "has_original",
    "has_certified_translation",
)
PROCEDURE_FIELDS = (
    "qualification",
    "reference_occupation",
    "reference_title",
    "regulated",
    "authority",
    "file_reference",
    "counselling_on",
    "documents_complete_on",
    "application_submitted_on",
    "documents_requested_on",
    "documents_supplied_on",
    "extended_until",
    "decision_on",
    "outcome",
    "measure",
    "measure_starts_on",
    "measure_ends_on",
    "completed_on",
    "fee_amount",
    "fee_payer",
)


def _only(data: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {', '.join(sorted(unknown))}")
    return data


@service
def qualification_add(*, actor: User, person: Person, **data: Any) -> Qualification:
    qualification = Qualification(person=person, **_only(data, QUALIFICATION_FIELDS))
    qualification.full_clean()
    qualification.save()
    return qualification


@service
def qualification_update(
    *, actor: User, qualification: Qualification, data: dict[str, Any]
) -> Qualification:
    for name, value in _only(data, QUALIFICATION_FIELDS).items():
        setattr(qualification, name, value)
    qualification.full_clean()
    qualification.save()
    return qualification


@service
def procedure_start(
    *, actor: User, person: Person, regulated: bool | None = None, **data: Any
) -> RecognitionProcedure:
    """Opens a procedure; `regulated=None` takes the reference occupation's flag (EU database)."""
    procedure = RecognitionProcedure(person=person, **_only(data, PROCEDURE_FIELDS))
    if regulated is None:
        occupation = procedure.reference_occupation
        regulated = bool(occupation and occupation.regulated)
    procedure.regulated = regulated
    procedure.full_clean()
    procedure.save()
    return procedure


@service
def procedure_update(
    *, actor: User, procedure: RecognitionProcedure, data: dict[str, Any]
) -> RecognitionProcedure:
    """Records the stages reached. The decision period can be extended once: an extension
    that is already recorded cannot be replaced by another."""
    data = dict(_only(data, PROCEDURE_FIELDS))
    if data.get("regulated") is None:
        data.pop("regulated", None)
    already = RecognitionProcedure.objects.filter(pk=procedure.pk).values_list(
        "extended_until", flat=True
    )[0]
    if "extended_until" in data and already and data["extended_until"] != already:
        raise ValidationError(
            {"extended_until": _("The decision period can be extended only once.")}
        )
    for name, value in data.items():
        setattr(procedure, name, value)
    procedure.full_clean()
    procedure.save()
    return procedure


@service
def procedure_extend(
    *, actor: User, procedure: RecognitionProcedure, until: Any
) -> RecognitionProcedure:
    """The authority extended the decision period (once)."""
    if procedure.extended_until:
        raise ValidationError(
            {"extended_until": _("The decision period can be extended only once.")}
        )
    procedure.extended_until = until
    procedure.full_clean()
    procedure.save(update_fields=["extended_until"])
    return procedure
