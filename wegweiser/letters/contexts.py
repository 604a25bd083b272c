"""What each kind of letter fills in: one builder per kind, all in this module.

A builder returns the merge values for one language (dates and times are written in that
language's form); `letter_values` runs it for German and for the person's language. A kind
that needs a record the case does not have raises a `ValidationError` at the form's field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case
from wegweiser.people.selectors import person_reference_values

from .formats import FRAME, format_date, format_time
from .models import Kind, Letterhead


@dataclass(frozen=True)
class LetterInput:
    """Everything a builder may read: the case and the records the caseworker chose."""

    case: Case
    actor: User
    letterhead: Letterhead | None
    letter_date: dt.date
    appointment: Any = None
    plan: Any = None
    details: Mapping[str, Any] = field(default_factory=dict)


# The numbers other authorities gave the person that a letter may quote (the tax ID is not
# among them: only a placement needs it).
QUOTED_REFERENCES = (
    "customer_number",
    "bg_number",
    "immigration_file",
    "azr_number",
    "bamf_course_file",
)


def case_reference(case: Case) -> str:
    """The case file number printed on letters: year the case was opened and case number."""
    return f"{case.opened_on:%Y}-{case.pk:05d}"


def signing_caseworker(data: LetterInput) -> User:
    """Who signs and is named as the contact: the caseworker who holds the appointment the
    letter is about, else the case's caseworker, else the one making the letter."""
    holder = getattr(data.appointment, "caseworker", None)
    return holder or data.case.caseworker or data.actor


def _common(data: LetterInput) -> dict[str, str]:
    case, head = data.case, data.letterhead
    caseworker = signing_caseworker(data)
    numbers = person_reference_values(person=case.person)
    return {
        "given_name": case.person.given_names_latin,
        "family_name": case.person.family_name_latin,
        "reference": case_reference(case),
        "caseworker": caseworker.get_full_name() or caseworker.get_username(),
        "caseworker_phone": head.phone if head else "",
        "caseworker_email": caseworker.email or (head.email if head else ""),
    } | {kind: numbers.get(kind, "") for kind in QUOTED_REFERENCES}


def _course_referral(data: LetterInput, language: str) -> dict[str, str]:
    from wegweiser.courses.models import Enrolment

    enrolment = (
        Enrolment.objects.filter(
            person=data.case.person,
            status__in=[
                Enrolment.Status.OFFERED,
                Enrolment.Status.ACCEPTED,
                Enrolment.Status.ENROLLED,
            ],
        )
        .select_related("course__provider", "course__location__municipality")
        .order_by("-offered_on", "-id")
        .first()
    )
    if enrolment is None:
        raise ValidationError(
            {
                "kind": _(
                    "The person has no course place offered or booked. Offer a course place "
                    "first, then make the referral letter."
                )
            }
        )
    course = enrolment.course
    location = course.location
    place = ", ".join(
        part for part in (location.name, location.street, str(location.municipality)) if part
    )
    return {
        "course": f"{course.title} ({course.provider.name})",
        "date": format_date(course.starts_on, language),
        "place": place,
    }


def _documents_request(data: LetterInput, language: str) -> dict[str, str]:
    documents = str(data.details.get("documents", "")).strip()
    if not documents:
        raise ValidationError({"documents": _("List the documents the person should bring.")})
    reply_by = data.details.get("reply_by") or data.letter_date + dt.timedelta(days=14)
    if reply_by < data.letter_date:
        raise ValidationError({"reply_by": _("The date to reply by cannot be in the past.")})
    return {"documents": documents, "date": format_date(reply_by, language)}


def _follow_up(data: LetterInput, language: str) -> dict[str, str]:
    from wegweiser.jobs.models import FollowUp

    follow_up = (
        FollowUp.objects.filter(placement__person=data.case.person, contacted_on__isnull=False)
        .select_related("placement__employer__organisation")
        .order_by("-contacted_on", "-id")
        .first()
    )
    if follow_up is None:
        raise ValidationError(
            {
                "kind": _(
                    "No follow-up contact after a placement is recorded for this person. "
                    "Record the contact first, then confirm it by letter."
                )
            }
        )
    return {
        "date": format_date(follow_up.contacted_on or data.letter_date, language),
        "place": follow_up.placement.employer.organisation.name,
    }


def _appointment(data: LetterInput, language: str) -> dict[str, str]:
    appointment = data.appointment
    frame = FRAME[language]
    starts = timezone.localtime(appointment.starts_at)
    place_kind = appointment.place
    head = data.letterhead
    if place_kind == "room":
        room = appointment.room.name if appointment.room_id else ""
        address = ", ".join(line.strip() for line in head.address.splitlines()) if head else ""
        place = ", ".join(p for p in (address, room) if p)
    elif place_kind == "phone":
        place = frame["by_phone"]
    elif place_kind == "video":
        place = f"{frame['video']}: {appointment.video_link}"
    elif place_kind == "home_visit":
        place = frame["home_visit"]
    else:
        place = appointment.place_detail
    booked = bool(appointment.interpreter_id and appointment.interpreter_language)
    return {
        "date": format_date(starts.date(), language),
        "time": format_time(starts.time()),
        "place": place,
        "interpreter": frame["interpreter_booked" if booked else "interpreter_ask"],
    }


def _plan(data: LetterInput, language: str) -> dict[str, str]:
    plan = data.plan
    frame = FRAME[language]
    who = {
        "person": frame["who_person"],
        "caseworker": frame["who_caseworker"],
        "partner": frame["who_partner"],
    }
    lines = [plan.integration_goal.strip(), ""]
    for number, goal in enumerate(plan.goals.prefetch_related("steps").order_by("position"), 1):
        lines.append(f"{number}. {goal.description.strip()}")
        for step in goal.steps.exclude(status="dropped").order_by("due_on", "id"):
            partner = f" ({step.partner_name})" if step.partner_name else ""
            lines.append(
                f"   \u2013 {step.description} · {who.get(step.who, step.who)}{partner} · "
                f"{format_date(step.due_on, language)}"
            )
    agreed = plan.agreed_on or data.letter_date
    return {"goals": "\n".join(lines).strip(), "date": format_date(agreed, language)}


Builder = Callable[[LetterInput, str], dict[str, str]]

BUILDERS: dict[str, Builder] = {
    Kind.INVITATION: _appointment,
    Kind.REMINDER: _appointment,
    Kind.PLAN: _plan,
    Kind.COURSE_REFERRAL: _course_referral,
    Kind.DOCUMENTS_REQUEST: _documents_request,
    Kind.FOLLOW_UP: _follow_up,
}


def available_kinds() -> list[str]:
    return [kind for kind in Kind.values if kind in BUILDERS]


def letter_values(data: LetterInput, kind: str, language: str) -> dict[str, str]:
    builder = BUILDERS.get(kind)
    if builder is None:
        raise ValidationError({"kind": _("This kind of letter cannot be made yet.")})
    return {**_common(data), **builder(data, language)}


def today() -> dt.date:
    return timezone.localdate()
