"""Writes of qualifications and recognition procedures; the audit entries follow by signal."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.core.audit import service
from wegweiser.core.forms import writable_fields
from wegweiser.people.models import Person

from .models import Qualification, RecognitionProcedure


@service
def qualification_add(*, actor: User, person: Person, **data: Any) -> Qualification:
    qualification = Qualification(person=person, **writable_fields(Qualification, data))
    qualification.full_clean()
    qualification.save()
    return qualification


@service
def qualification_update(
    *, actor: User, qualification: Qualification, data: dict[str, Any]
) -> Qualification:
    for name, value in writable_fields(Qualification, data).items():
        setattr(qualification, name, value)
    qualification.full_clean()
    qualification.save()
    return qualification


@service
def procedure_start(
    *, actor: User, person: Person, regulated: bool | None = None, **data: Any
) -> RecognitionProcedure:
    """Opens a procedure; `regulated=None` takes the reference occupation's flag (EU database)."""
    procedure = RecognitionProcedure(person=person, **writable_fields(RecognitionProcedure, data))
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
    data = dict(writable_fields(RecognitionProcedure, data))
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
