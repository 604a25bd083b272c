"""Writes of the partner directory and of referrals: atomic, validated, audited.

The directory is maintained by administrators and team leads. A referral is drafted and sent by
the person's caseworkers; its answer and progress are recorded by the partner's staff (or by
the caseworker on the partner's word). Every step checks that sharing is still allowed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.core.audit import audit_event, service
from wegweiser.core.forms import writable_fields
from wegweiser.letters.pdf import PdfUnavailable
from wegweiser.people.models import Consent, Person
from wegweiser.people.selectors import persons_visible_to

from .models import Partner, PartnerContact, Referral
from .pdf import referral_letter_pdf

# Organisation kinds the existing roles use, for a partner created from scratch.
ORGANISATION_KIND = {
    "immigration_office": Organisation.Kind.IMMIGRATION_OFFICE,
    "job_centre": Organisation.Kind.JOB_CENTRE,
    "employment_agency": Organisation.Kind.JOB_CENTRE,
    "course_provider": Organisation.Kind.COURSE_PROVIDER,
    "employer": Organisation.Kind.EMPLOYER,
    "welfare": Organisation.Kind.CHARITY,
    "migration_counselling": Organisation.Kind.CHARITY,
    "youth_migration": Organisation.Kind.CHARITY,
}


def may_maintain_directory(user: User) -> bool:
    return bool(user.is_active and (user.is_administrator or user.is_team_lead))


def _require_maintainer(actor: User) -> None:
    if not may_maintain_directory(actor):
        raise PermissionDenied


def _set_fields(partner: Partner, data: dict[str, Any]) -> list[str]:
    writable_fields(Partner, data)
    municipalities = data.pop("municipalities", None)
    for name, value in data.items():
        setattr(partner, name, value)
    partner._municipalities = municipalities  # type: ignore[attr-defined]
    return list(data)


@service
def partner_create(*, actor: User, name: str, data: dict[str, Any]) -> Partner:
    """A new directory entry; an organisation of that name is reused (its consents stay)."""
    _require_maintainer(actor)
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the partner's name.")})
    organisation = Organisation.objects.filter(name=name).first()
    if organisation is not None and Partner.objects.filter(organisation=organisation).exists():
        raise ValidationError({"name": _("This partner is already in the directory.")})
    partner = Partner(organisation=organisation or Organisation(name=name))
    data = dict(data)
    _set_fields(partner, data)
    partner.checked_on, partner.checked_by = timezone.localdate(), actor
    partner.full_clean(exclude=["organisation"])
    if organisation is None:
        kind = ORGANISATION_KIND.get(partner.kind, Organisation.Kind.OTHER)
        organisation = Organisation.objects.create(name=name, kind=kind)
        partner.organisation = organisation
    partner.save()
    municipalities = partner._municipalities  # type: ignore[attr-defined]
    if municipalities is not None:
        partner.municipalities.set(municipalities)
    return partner


@service
def partner_update(*, actor: User, partner: Partner, data: dict[str, Any]) -> Partner:
    _require_maintainer(actor)
    data = dict(data)
    fields = _set_fields(partner, data)
    partner.checked_on, partner.checked_by = timezone.localdate(), actor
    partner.full_clean()
    partner.save(update_fields=[*fields, "checked_on", "checked_by"])
    municipalities = partner._municipalities  # type: ignore[attr-defined]
    if municipalities is not None:
        partner.municipalities.set(municipalities)
        audit_event(
            actor=actor,
            action="update",
            object_type="partners.partner",
            object_id=partner.pk,
            fields=["municipalities"],
        )
    return partner


@service
def partner_contact_add(*, actor: User, partner: Partner, data: dict[str, Any]) -> PartnerContact:
    _require_maintainer(actor)
    contact = PartnerContact(partner=partner, **writable_fields(PartnerContact, data))
    contact.full_clean()
    contact.save()
    return contact


@service
def partner_contact_remove(*, actor: User, contact: PartnerContact) -> None:
    _require_maintainer(actor)
    contact.delete()


# Referrals ---------------------------------------------------------------------------------


def _require_case_work_on(actor: User, person: Person) -> None:
    if not persons_visible_to(actor).filter(pk=person.pk).exists():
        raise PermissionDenied


@service
def referral_create(
    *,
    actor: User,
    person: Person,
    partner: Partner,
    purpose: str,
    shared_fields: list[str],
    consent: Consent | None = None,
    legal_basis: str = "",
    message: str = "",
    on: dt.date | None = None,
) -> Referral:
    """A drafted referral. Without a consent in force for this partner and purpose, or a
    named legal basis, nothing is saved and the form says why at the consent field."""
    _require_case_work_on(actor, person)
    referral = Referral(
        person=person,
        partner=partner,
        purpose=purpose,
        shared_fields=list(shared_fields),
        consent=consent,
        legal_basis=legal_basis.strip(),
        message=message,
        drafted_on=on or timezone.localdate(),
        created_by=actor,
    )
    if referral.drafted_on > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    if partner.status != Partner.Status.ACTIVE:
        raise ValidationError({"partner": _("This partner does not take referrals at present.")})
    referral.full_clean()
    referral.save()
    return referral


def _check_step(referral: Referral, status: str) -> None:
    if status not in Referral.NEXT.get(referral.status, ()):
        raise ValidationError(
            {
                "status": _("A referral that is %(now)s cannot become %(new)s.")
                % {
                    "now": referral.get_status_display(),
                    "new": Referral.Status(status).label,
                }
            }
        )


# The steps the partner's staff record (the caseworker records every step but sending).
PARTNER_STEPS = frozenset({"accepted", "declined", "in_progress", "completed", "no_show"})


def _may_record(actor: User, referral: Referral, status: str | None) -> bool:
    if actor.is_partner_staff:
        own = referral.partner.organisation_id == actor.organisation_id
        return own and referral.consent_stands() and (status is None or status in PARTNER_STEPS)
    return persons_visible_to(actor).filter(pk=referral.person_id).exists()


@service
def referral_send(*, actor: User, referral: Referral, on: dt.date | None = None) -> Referral:
    """Mark the referral sent; the e-mail to the partner leaves once the change is committed."""
    if actor.is_partner_staff or not _may_record(actor, referral, "sent"):
        raise PermissionDenied
    _check_step(referral, "sent")
    if not referral.consent_stands():
        raise ValidationError(
            {"consent": _("The consent was withdrawn: the referral cannot be sent.")}
        )
    referral.status = Referral.Status.SENT
    referral.sent_on = on or timezone.localdate()
    referral.full_clean()
    referral.letter_pdf = _letter_as_sent(referral)
    referral.save(update_fields=["status", "sent_on", "letter_pdf"])
    if referral.partner.channel == "email" and referral.partner.email:
        from .notify import send_referral_email

        pk = referral.pk
        transaction.on_commit(lambda: send_referral_email(referral_id=pk))
    return referral


def _letter_as_sent(referral: Referral) -> bytes:
    try:
        return referral_letter_pdf(referral)
    except PdfUnavailable:
        return b""


@service
def referral_record(
    *,
    actor: User,
    referral: Referral,
    status: str,
    on: dt.date | None = None,
    reason: str = "",
    feedback: str = "",
) -> Referral:
    """The next step of a sent referral: accepted or declined (with a reason), in progress,
    completed or no-show, with the partner's feedback."""
    if status == "sent":
        return referral_send(actor=actor, referral=referral, on=on)
    if not _may_record(actor, referral, status):
        raise PermissionDenied
    _check_step(referral, status)
    if status == "declined" and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for declining.")})
    day = on or timezone.localdate()
    if referral.sent_on and day < referral.sent_on:
        raise ValidationError({"on": _("This date is before the referral was sent.")})
    if day > timezone.localdate():
        raise ValidationError({"on": _("This date is in the future.")})
    referral.status = status
    date_field = Referral.DATE_OF[status]
    setattr(referral, date_field, day)
    fields = ["status", date_field]
    if status == "declined":
        referral.decline_reason = reason.strip()
        fields.append("decline_reason")
    if feedback.strip():
        referral.feedback = feedback.strip()
        fields.append("feedback")
    referral.full_clean()
    referral.save(update_fields=fields)
    return referral


@service
def referral_feedback(*, actor: User, referral: Referral, feedback: str) -> Referral:
    if not _may_record(actor, referral, None):
        raise PermissionDenied
    referral.feedback = feedback.strip()
    referral.full_clean()
    referral.save(update_fields=["feedback"])
    return referral


def consent_withdrawn_stop_sharing(
    sender: type[Consent], instance: Consent, created: bool, **kwargs: Any
) -> None:
    """A withdrawn consent ends what its referrals share (the selectors read the consent on
    every request); each referral that relied on it gets its own entry in the log."""
    if created or instance.withdrawn_on is None:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "withdrawn_on" not in update_fields:
        return
    ids = list(Referral.objects.filter(consent=instance).values_list("pk", flat=True))
    for pk in ids:
        audit_event(
            actor=None,
            action="update",
            object_type="partners.referral",
            object_id=pk,
            person_id=instance.person_id,
            fields=["consent"],
            purpose="sharing_stopped_consent_withdrawn",
        )
