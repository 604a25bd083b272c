"""Demo letters: the centre's letterhead, reviewed texts for German, Arabic, Ukrainian and
English (the other translations stay drafts, as shipped), and a few letters already made.

The review is recorded under the demo administrator, who is a synthetic account: in a real
centre a person who reads the language reviews each text. Runs after the persons, plans,
courses, jobs and appointments exist; deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.demo.accounts import CENTRE_NAME, DEMO_LOGINS
from wegweiser.letters import selectors, services
from wegweiser.letters.models import Letter, LetterText

REVIEWED_LANGUAGES = ("de", "ar", "uk", "en")
DEMO_USERNAMES = {login.username for login in DEMO_LOGINS}
ADMIN_LOGIN = "admin"
LETTERHEAD = {
    "name": CENTRE_NAME,
    "address": "Marktplatz 1\n35390 Gießen",  # a made-up address for the synthetic centre
    "phone": "0641 99999-0",
    "email": "migrationszentrum@example.org",
    "opening_hours": "Mo, Di, Do 8:30 bis 12:00 und 13:30 bis 16:00 Uhr",
}
# (kind, language) of the letters made for demo cases, each for a different person.
LETTERS = (
    ("documents-request", "ar"),
    ("course-referral", "uk"),
    ("follow-up", "ti"),
    ("invitation", "ar"),
    ("plan", "prs"),
)


def ensure_demo_letters(*, seed: int, today: dt.date | None = None) -> bool:
    """Sets up letterhead, reviews and letters unless letters exist; one audit entry."""
    if Letter.objects.exists():
        return False
    admin = User.objects.filter(username=ADMIN_LOGIN).first()
    centre = Organisation.objects.filter(name=CENTRE_NAME).first()
    if admin is None or centre is None:
        return False
    today = today or timezone.localdate()
    rng = random.Random(seed)
    made = 0
    with transaction.atomic():
        services.letterhead_save(actor=admin, organisation=centre, data=LETTERHEAD)
        for text in LetterText.objects.filter(language__in=REVIEWED_LANGUAGES):
            services.letter_text_review(actor=admin, text=text)
        cases = list(
            Case.objects.filter(
                status__in=[Case.Status.ACTIVE, Case.Status.PLACED, Case.Status.FOLLOW_UP],
                caseworker__isnull=False,
                team__organisation=centre,
            )
            .select_related("person", "team", "caseworker")
            .order_by("id")[:400]
        )
        rng.shuffle(cases)
        # The demo's own caseworkers first, so that their persons show letters.
        cases.sort(key=lambda case: getattr(case.caseworker, "username", "") not in DEMO_USERNAMES)
        used: set[int] = set()
        for kind, language in LETTERS:
            for case in cases:
                if case.pk in used:
                    continue
                letter = _try_letter(case=case, kind=kind, language=language, today=today)
                if letter is not None:
                    used.add(case.pk)
                    made += 1
                    break
        with acting_as(None):
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="demo.letters",
                object_id=f"seed={seed}",
                fields=["letterhead", "reviews", "letters"],
                purpose="synthetic demo letters",
            )
    return made > 0


def _try_letter(*, case: Case, kind: str, language: str, today: dt.date) -> Letter | None:
    """The letter if this case has what the kind needs, else None (and nothing saved)."""
    actor = case.caseworker
    if actor is None:
        return None
    appointment = plan = None
    if kind in ("invitation", "reminder"):
        appointment = selectors.next_appointment(user=actor, case=case)
        if appointment is None:
            return None
    if kind == "plan":
        plan = selectors.agreed_plan(case=case)
        if plan is None:
            return None
    try:
        with transaction.atomic():
            return services.letter_create(
                actor=actor,
                case=case,
                kind=kind,
                language=language,
                appointment=appointment,
                plan=plan,
                details={"documents": "Reisepass\nAufenthaltstitel\nSchulzeugnis mit Übersetzung"},
                date=today,
            )
    except ValidationError:
        return None
