"""Invitations and reminders to persons (e-mail with an .ics, SMS) and the staff digest.

The texts are the letters' texts (`letters.selectors.letter_texts`, filled in by the letters'
own builder), so a translated text has one home: the person's letter language and German. A
language without a text of that kind falls back to German alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from wegweiser.letters.contexts import LetterInput, letter_values
from wegweiser.letters.models import Language, letter_language_for
from wegweiser.letters.selectors import LetterTextMissing, letter_texts, letterhead_for
from wegweiser.people.models import Person

from . import ics
from .models import Appointment, Channel
from .selectors import active_contact_channels

UI_LANGUAGES = {code for code, _label in settings.LANGUAGES}


@dataclass(frozen=True)
class Texts:
    language: str
    subject: str
    body: str
    subject_de: str
    body_de: str
    reviewed: bool = True
    values: Mapping[str, str] = field(default_factory=dict)

    @property
    def bilingual(self) -> bool:
        return self.language != "de"

    def mail_subject(self) -> str:
        return f"{self.subject} / {self.subject_de}" if self.bilingual else self.subject_de

    def mail_body(self) -> str:
        if not self.bilingual:
            return self.body_de
        return f"{self.body}\n\n— Deutsch —\n\n{self.body_de}"


def letter_language(person: Person) -> str:
    """The person's letter language where letters have texts in it, German otherwise."""
    return letter_language_for(person.letter_language or Language.DE)


def _format_language(language: str) -> str:
    return language if language in UI_LANGUAGES else "de"


def texts_for(kind: str, appointment: Appointment, person: Person) -> Texts:
    """The letter texts of `kind` (invitation, reminder) for this appointment, in the person's
    letter language and German, filled in by the letters' own builder; German alone when the
    language has no text of that kind."""
    case = person.case
    data = LetterInput(
        case=case,
        actor=appointment.caseworker,
        letterhead=letterhead_for(case=case),
        letter_date=timezone.localdate(),
        appointment=appointment,
    )
    language = letter_language(person)
    values_de = letter_values(data, kind, Language.DE)
    try:
        values = letter_values(data, kind, language)
        found = letter_texts(kind=kind, language=language, context=values, context_de=values_de)
    except LetterTextMissing:
        values = values_de
        found = letter_texts(kind=kind, language=Language.DE, context=values_de)
    return Texts(
        language=found.language,
        subject=found.subject,
        body=found.body,
        subject_de=found.subject_de,
        body_de=found.body_de,
        reviewed=found.reviewed,
        values=values,
    )


def check_reachable(*, person: Person, channel: str) -> None:
    """Raises a translated error (at the field `person`) when the person cannot be contacted
    on the channel: no consent, or no address."""
    if channel not in active_contact_channels(person=person):
        raise ValidationError(
            {
                "person": _("%(name)s has not agreed to be contacted by %(channel)s.")
                % {"name": person.latin_name, "channel": Channel(channel).label}
            }
        )
    if channel == Channel.EMAIL and not person.email:
        raise ValidationError(
            {"person": _("%(name)s has no e-mail address.") % {"name": person.latin_name}}
        )
    if channel == Channel.SMS and not person.phone:
        raise ValidationError(
            {"person": _("%(name)s has no phone number.") % {"name": person.latin_name}}
        )


def appointment_mail(kind: str, appointment: Appointment, person: Person) -> EmailMessage:
    texts = texts_for(kind, appointment, person)
    message = EmailMessage(
        subject=texts.mail_subject(),
        body=texts.mail_body(),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[person.email],
        reply_to=[appointment.caseworker.email] if appointment.caseworker.email else None,
    )
    message.attach(
        "termin.ics",
        ics.invitation(appointment, language=_format_language(texts.language)),
        "text/calendar; method=PUBLISH; charset=utf-8",
    )
    return message


def appointment_sms(appointment: Appointment, person: Person) -> str:
    texts = texts_for("reminder", appointment, person)
    values = texts.values
    return f"{texts.subject}: {values['date']} {values['time']}, {values['place']}"


def digest_mail(*, user: Any, day: dt.date, reviews: list[Any], steps: list[Any]) -> EmailMessage:
    with translation.override(settings.LANGUAGE_CODE):
        lines = [_("Good morning,"), ""]
        if reviews:
            lines.append(_("Plan reviews due:"))
            for plan in reviews:
                lines.append(
                    _("- person no. %(number)s, review due on %(due)s")
                    % {
                        "number": plan.case.person_id,
                        "due": formats.date_format(plan.review_due_on, "SHORT_DATE_FORMAT"),
                    }
                )
            lines.append("")
        if steps:
            lines.append(_("Next steps due:"))
            for step in steps:
                lines.append(
                    _("- person no. %(number)s, due on %(due)s")
                    % {
                        "number": step.case.person_id,
                        "due": formats.date_format(step.due_on, "SHORT_DATE_FORMAT"),
                    }
                )
            lines.append("")
        lines.append(_("Details are in Wegweiser under “My cases”."))
        subject = _("Wegweiser: due on %(day)s") % {
            "day": formats.date_format(day, "SHORT_DATE_FORMAT")
        }
    return EmailMessage(
        subject=subject,
        body="\n".join(lines),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
