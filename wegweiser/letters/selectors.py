"""Reads of letter texts and letters: texts for any caller, letters scoped to the user's
cases and audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case
from wegweiser.core.audit import audit_event, audit_list
from wegweiser.core.models import AuditEntry
from wegweiser.core.request_memo import once

from .merge import fill_html, fill_text
from .models import RTL_LANGUAGES, Kind, Language, Letter, Letterhead, LetterText


class LetterTextMissing(ValidationError):
    """There is no text for this kind of letter in this language (or none in German)."""


@dataclass(frozen=True)
class LetterTexts:
    """One kind of letter filled in, in German (binding) and in the person's language.

    For German letters the two are the same. Plain texts carry Unicode isolates around the
    filled-in values in right-to-left languages; the HTML bodies carry `<bdi>`."""

    kind: str
    language: str
    subject_de: str
    body_de: str
    subject: str
    body: str
    reviewed: bool
    body_de_html: str = ""
    body_html: str = ""

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    @property
    def bilingual(self) -> bool:
        return self.language != Language.DE


def _missing(kind: str, language: str) -> LetterTextMissing:
    return LetterTextMissing(
        {
            "language": _(
                "There is no text in %(language)s for the letter “%(kind)s”. "
                "Choose another language, or ask an administrator to add the text."
            )
            % {
                "language": Language(language).label if language in Language.values else language,
                "kind": Kind(kind).label if kind in Kind.values else kind,
            }
        }
    )


def letter_texts(
    *,
    kind: str,
    language: str,
    context: Mapping[str, str],
    context_de: Mapping[str, str] | None = None,
) -> LetterTexts:
    """The letter's subject and body in German and in `language`, filled in from `context`
    (and from `context_de` for the German part where values are language-specific, such as
    dates). Raises `LetterTextMissing` when either text does not exist or is empty."""
    if kind not in Kind.values or language not in Language.values:
        raise _missing(kind, language)
    rows = {
        t.language: t
        for t in LetterText.objects.filter(kind=kind, language__in={Language.DE, language})
    }
    german, translated = rows.get(Language.DE), rows.get(language)
    if translated is None or not translated.body.strip():
        raise _missing(kind, language)
    if german is None or not german.body.strip():
        raise _missing(kind, Language.DE)
    values_de = context if context_de is None else context_de
    isolate = language in RTL_LANGUAGES
    return LetterTexts(
        kind=kind,
        language=language,
        subject_de=fill_text(german.subject, values_de),
        body_de=fill_text(german.body, values_de),
        subject=fill_text(translated.subject, context, isolate=isolate),
        body=fill_text(translated.body, context, isolate=isolate),
        reviewed=german.is_reviewed and translated.is_reviewed,
        body_de_html=fill_html(german.body, values_de),
        body_html=fill_html(translated.body, context, isolate=isolate),
    )


def languages_with_text(*, kind: str) -> set[str]:
    return set(
        LetterText.objects.filter(kind=kind).exclude(body="").values_list("language", flat=True)
    )


def letters_for_case(*, user: User, case: Case) -> list[Letter]:
    """The case's letters (without their PDFs), listed in the audit log; read once per page
    (the person page's timeline and letters panel both show them)."""

    def read() -> list[Letter]:
        letters = list(
            Letter.objects.filter(case__in=Case.objects.visible_to(user), case=case)
            .defer("pdf")
            .select_related("made_by")
        )
        if letters:
            audit_list(
                actor=user, model=Letter, ids=[x.pk for x in letters], purpose="case_letters"
            )
        return letters

    return once(f"letters.for_case:{user.pk}:{case.pk}", read)


def letter_download(*, user: User, pk: int) -> Letter:
    """A letter of a case the user may see (404 otherwise); the download is audited."""
    letter = get_object_or_404(
        Letter.objects.filter(case__in=Case.objects.visible_to(user)).select_related("case"),
        pk=pk,
    )
    audit_event(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        object_type="letters.letter",
        object_id=letter.pk,
        person_id=letter.case.person_id,
        purpose="letter_download",
    )
    return letter


def letter_texts_overview(*, user: User) -> QuerySet[LetterText]:
    _require_administrator(user)
    return LetterText.objects.select_related("reviewed_by", "updated_by").order_by(
        "kind", "language"
    )


def letter_text_for(*, user: User, kind: str, language: str) -> LetterText | None:
    _require_administrator(user)
    return (
        LetterText.objects.select_related("reviewed_by", "updated_by")
        .filter(kind=kind, language=language)
        .first()
    )


def letterhead_of(*, user: User, organisation: Any) -> Letterhead | None:
    _require_administrator(user)
    return Letterhead.objects.filter(organisation=organisation).first()


def letterhead_for(*, case: Case) -> Letterhead | None:
    return Letterhead.objects.filter(organisation_id=case.team.organisation_id).first()


def _require_administrator(user: User) -> None:
    if not getattr(user, "is_administrator", False):
        raise PermissionDenied


def appointments_for_letter(*, user: User, case: Case) -> QuerySet[Any]:
    """The person's coming appointments (not cancelled) in the user's scope, soonest first."""
    from wegweiser.appointments.models import Appointment

    return (
        Appointment.objects.visible_to(user)
        .filter(participants__person_id=case.person_id, starts_at__gte=timezone.now())
        .exclude(outcome__in=[o for o in Appointment.Outcome.values if o])
        .select_related("room")
        .distinct()
        .order_by("starts_at", "id")
    )


def next_appointment(*, user: User, case: Case) -> Any:
    return appointments_for_letter(user=user, case=case).first()


def appointment_for_letter(*, user: User, case: Case, pk: int) -> Any:
    """An appointment of the case's person in the user's scope (404 otherwise)."""
    from wegweiser.appointments.models import Appointment

    return get_object_or_404(
        Appointment.objects.visible_to(user)
        .filter(participants__person_id=case.person_id)
        .distinct(),
        pk=pk,
    )


def agreed_plan(*, case: Case) -> Any:
    """The agreed plan in force, for the plan letter (the caller has read the case)."""
    from wegweiser.cases.selectors import plan_in_force

    return plan_in_force(case=case)


@dataclass(frozen=True)
class ReviewState:
    kind: str
    label: str
    states: dict[str, str]


def review_states(*, languages: list[str]) -> list[ReviewState]:
    """Per kind of letter, the review state of the texts in `languages` ('' where missing)."""
    rows: dict[tuple[str, str], str] = {
        (kind, language): state
        for kind, language, state in LetterText.objects.filter(language__in=languages).values_list(
            "kind", "language", "state"
        )
    }
    return [
        ReviewState(
            kind=kind,
            label=str(label),
            states={language: rows.get((kind, language), "") for language in languages},
        )
        for kind, label in Kind.choices
    ]
