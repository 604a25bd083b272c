"""Invitations and reminders to persons (e-mail with an .ics, SMS) and the staff digest.

The texts come from the letter texts (`letters.selectors.letter_texts`), so a translated text
has one home: the person's letter language and German. A language without a text falls back to
German alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

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
    return person.letter_language or "de"


def _format_language(language: str) -> str:
    return language if language in UI_LANGUAGES else "de"


def place_for_person(appointment: Appointment) -> str:
    if appointment.place == Appointment.Place.ROOM and appointment.room_id:
        return f"{settings.WEGWEISER_CENTRE_NAME}, {appointment.room}"
    if appointment.place == Appointment.Place.VIDEO:
        return appointment.video_link
    if appointment.place == Appointment.Place.PARTNER:
        return appointment.place_detail
    return str(appointment.get_place_display())


def text_context(appointment: Appointment, person: Person, language: str) -> dict[str, str]:
    start = timezone.localtime(appointment.starts_at)
    caseworker = appointment.caseworker
    with translation.override(_format_language(language)):
        return {
            "name": person.latin_name,
            "person_number": str(person.pk),
            "date": formats.date_format(start.date(), "DATE_FORMAT"),
            "time": start.strftime("%H:%M"),
            "place": place_for_person(appointment),
            "kind": str(appointment.get_kind_display()),
            "caseworker": caseworker.get_full_name() or caseworker.get_username(),
            "caseworker_email": caseworker.email,
            "centre": settings.WEGWEISER_CENTRE_NAME,
        }


def _fallback(kind: str, language: str, context: dict[str, str]) -> tuple[str, str]:
    """Our own short text, used only when the letters app offers none for the kind."""
    with translation.override(_format_language(language)):
        if kind == "reminder":
            subject = _("Reminder: your appointment on %(date)s") % context
            body = (
                _(
                    "Hello %(name)s,\n\nthis is a reminder of your appointment (%(kind)s) on "
                    "%(date)s at %(time)s. Place: %(place)s.\n\nIf you cannot come, please tell "
                    "us.\n\n%(caseworker)s, %(centre)s"
                )
                % context
            )
        else:
            subject = _("Invitation: appointment on %(date)s") % context
            body = (
                _(
                    "Hello %(name)s,\n\nwe invite you to an appointment (%(kind)s) on %(date)s at "
                    "%(time)s. Place: %(place)s.\n\nIf you cannot come, please tell us.\n\n"
                    "%(caseworker)s, %(centre)s"
                )
                % context
            )
    return subject, body


def texts_for(kind: str, appointment: Appointment, person: Person) -> Texts:
    language = letter_language(person)
    context = text_context(appointment, person, language)
    context_de = text_context(appointment, person, "de")
    try:
        from wegweiser.letters.selectors import LetterTextMissing, letter_texts
    except ImportError:
        subject, body = _fallback(kind, language, context)
        subject_de, body_de = _fallback(kind, "de", context_de)
        if _format_language(language) != language:
            language = "de"
        return Texts(language, subject, body, subject_de, body_de, reviewed=True)
    try:
        found: Any = letter_texts(kind=kind, language=language, context=context)
    except LetterTextMissing:
        language = "de"
        found = letter_texts(kind=kind, language="de", context=context_de)
    return Texts(
        language=found.language,
        subject=found.subject,
        body=found.body,
        subject_de=found.subject_de,
        body_de=found.body_de,
        reviewed=found.reviewed,
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
    context = text_context(appointment, person, texts.language)
    return f"{texts.subject}: {context['date']} {context['time']}, {context['place']}"


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
