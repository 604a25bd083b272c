"""Writes: letters made for a case, and the administrators' edits and reviews of the texts.
Every change is audited by the signal machinery in core/audit.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.core.audit import service

from .contexts import LetterInput, case_reference, letter_values, signing_caseworker
from .formats import FRAME, format_date
from .models import NEEDS_APPOINTMENT, NEEDS_PLAN, Kind, Language, Letter, Letterhead, LetterText
from .pdf import render_pdf
from .selectors import LetterTexts, letter_texts, letterhead_for


@service
def letter_create(
    *,
    actor: User,
    case: Case,
    kind: str,
    language: str,
    appointment: Any = None,
    plan: Any = None,
    details: Mapping[str, Any] | None = None,
    date: dt.date | None = None,
) -> Letter:
    """Renders the letter in German and `language`, stores it with the case and returns it.
    `from_draft` records whether a text used was not reviewed. Nothing is saved when a text
    is missing or the kind needs a record the case does not have."""
    if not Case.objects.visible_to(actor).filter(pk=case.pk).exists():
        raise PermissionDenied
    if kind not in Kind.values:
        raise ValidationError({"kind": _("Choose a kind of letter.")})
    if language not in Language.values:
        raise ValidationError({"language": _("Choose a language for the letter.")})
    if kind in NEEDS_APPOINTMENT:
        if appointment is None:
            raise ValidationError(
                {"appointment": _("Choose the appointment this letter is about.")}
            )
        if not _appointment_belongs_to(appointment, case):
            raise ValidationError(
                {"appointment": _("The appointment is not one of this person's.")}
            )
    if kind in NEEDS_PLAN:
        if plan is None:
            raise ValidationError(
                {
                    "kind": _(
                        "The person has no agreed plan yet. Agree the plan first, then make "
                        "the letter."
                    )
                }
            )
        if plan.case_id != case.pk:
            raise ValidationError({"kind": _("The plan is not this person's plan.")})
    letter_date = date or timezone.localdate()
    data = LetterInput(
        case=case,
        actor=actor,
        letterhead=letterhead_for(case=case),
        letter_date=letter_date,
        appointment=appointment,
        plan=plan,
        details=details or {},
    )
    texts = letter_texts(
        kind=kind,
        language=language,
        context=letter_values(data, kind, language),
        context_de=letter_values(data, kind, Language.DE),
    )
    letter = Letter(
        case=case,
        kind=kind,
        language=language,
        date=letter_date,
        made_by=actor,
        from_draft=not texts.reviewed,
        pdf=render_pdf(pdf_context(data=data, texts=texts)),
        appointment=appointment,
        plan=plan,
    )
    letter.full_clean()
    letter.save()
    return letter


def draft_warning() -> str:
    """What the caseworker is told after making a letter from a text not yet reviewed."""
    return _(
        "The letter was made from a text that has not been reviewed yet. "
        "Check the translation with someone who reads the language before handing it out."
    )


def _appointment_belongs_to(appointment: Any, case: Case) -> bool:
    if getattr(appointment, "case_id", None) == case.pk:
        return True
    persons = getattr(appointment, "persons", None)
    return persons is not None and persons.filter(pk=case.person_id).exists()


def pdf_context(*, data: LetterInput, texts: LetterTexts) -> dict[str, Any]:
    case = data.case
    caseworker = signing_caseworker(data)
    person = case.person
    address = [person.street, f"{person.postal_code} {person.municipality or ''}".strip()]
    blocks = [
        {
            "language": Language.DE,
            "dir": "ltr",
            "frame": FRAME[Language.DE],
            "date": format_date(data.letter_date, Language.DE),
            "subject": texts.subject_de,
            "body": texts.body_de_html,
        }
    ]
    if texts.bilingual:
        blocks.append(
            {
                "language": texts.language,
                "dir": texts.direction,
                "frame": FRAME[texts.language],
                "date": format_date(data.letter_date, texts.language),
                "subject": texts.subject,
                "body": texts.body_html,
            }
        )
    return {
        "letterhead": data.letterhead,
        "organisation": case.team.organisation,
        "team": case.team,
        "caseworker": caseworker,
        "caseworker_name": caseworker.get_full_name() or caseworker.get_username(),
        "person": person,
        "address": [line for line in address if line],
        "reference": case_reference(case),
        "blocks": blocks,
        "frame_de": FRAME[Language.DE],
    }


def _require_administrator(actor: User) -> None:
    if not getattr(actor, "is_administrator", False):
        raise PermissionDenied


@service
def letter_text_save(
    *, actor: User, kind: str, language: str, subject: str, body: str
) -> LetterText:
    """Creates or changes a text. A changed reviewed text becomes a draft again: what was
    reviewed is no longer what is printed."""
    _require_administrator(actor)
    text = LetterText.objects.filter(kind=kind, language=language).first()
    if text is None:
        text = LetterText(kind=kind, language=language)
    elif text.subject == subject and text.body == body:
        return text
    text.subject, text.body = subject, body
    text.state = LetterText.State.DRAFT
    text.reviewed_by, text.reviewed_at = None, None
    text.updated_by = actor
    text.full_clean()
    text.save()
    return text


@service
def letter_text_review(*, actor: User, text: LetterText) -> LetterText:
    """Marks the text as checked by `actor` now."""
    _require_administrator(actor)
    text.state = LetterText.State.REVIEWED
    text.reviewed_by = actor
    text.reviewed_at = timezone.now()
    text.full_clean()
    text.save(update_fields=["state", "reviewed_by", "reviewed_at"])
    return text


@service
def letterhead_save(
    *, actor: User, organisation: Organisation, data: Mapping[str, Any]
) -> Letterhead:
    _require_administrator(actor)
    if actor.organisation_id != organisation.pk:
        raise PermissionDenied
    head = Letterhead.objects.filter(organisation=organisation).first() or Letterhead(
        organisation=organisation
    )
    for name, value in data.items():
        setattr(head, name, value)
    head.full_clean()
    head.save()
    return head
