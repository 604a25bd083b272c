"""The case: one per person, its status, initial orientation, consultation notes, next steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.accounts.models import Team
from wegweiser.core.audit import AuditedModel
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import LanguageLevel, Person

if TYPE_CHECKING:
    from wegweiser.accounts.models import User


class CaseQuerySet(models.QuerySet["Case"]):
    def visible_to(self, user: User) -> CaseQuerySet:
        """The cases of the user's teams; nothing for auditors or users without a team."""
        if not user.is_authenticated or not user.works_cases:
            return self.none()
        return self.filter(team__in=user.teams.all())


class Case(AuditedModel):
    class Status(models.TextChoices):
        INTAKE = "intake", _("intake")
        ACTIVE = "active", _("active")
        PLACED = "placed", pgettext_lazy("case status: placed in work", "placed")
        FOLLOW_UP = "follow_up", _("follow-up")
        CLOSED = "closed", _("closed")

    class LegalDomain(models.TextChoices):
        SGB_II = "sgb2", _("SGB II (Bürgergeld)")
        SGB_III = "sgb3", _("SGB III")
        ASYLBLG = "asylblg", _("AsylbLG")
        NONE = "none", _("none")

    class ClosingReason(models.TextChoices):
        SUSTAINED_EMPLOYMENT = "employment", _("in sustained employment")
        MOVED_AWAY = "moved", _("moved away")
        NO_CONTACT = "no_contact", _("no contact any more")
        DECLINED = "declined", _("no longer wants support")
        OTHER_SERVICE = "other_service", _("handed over to another service")
        LEFT_GERMANY = "left", _("left Germany")
        DECEASED = "deceased", _("deceased")
        OTHER = "other", _("other reason")

    # Allowed moves between statuses; closing is possible from everywhere, reopening to active.
    TRANSITIONS: dict[str, set[str]] = {
        Status.INTAKE: {Status.ACTIVE, Status.CLOSED},
        Status.ACTIVE: {Status.PLACED, Status.CLOSED},
        Status.PLACED: {Status.FOLLOW_UP, Status.ACTIVE, Status.CLOSED},
        Status.FOLLOW_UP: {Status.ACTIVE, Status.CLOSED},
        Status.CLOSED: {Status.ACTIVE},
    }

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "status": "personal",
        "closing_reason": "personal",
        "legal_domain": "personal",
        "caseworker": "internal",
        "team": "internal",
        "opened_on": "personal",
        "closed_on": "personal",
    }

    person = models.OneToOneField(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="case"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.INTAKE, db_index=True
    )
    closing_reason = models.CharField(
        _("closing reason"), max_length=16, choices=ClosingReason.choices, blank=True
    )
    legal_domain = models.CharField(
        _("legal domain"), max_length=8, choices=LegalDomain.choices, default=LegalDomain.NONE
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.PROTECT,
        related_name="cases",
        null=True,
        blank=True,
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="cases"
    )
    opened_on = models.DateField(_("opened on"), default=dt.date.today)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(closing_reason=""),
                name="case_closed_has_reason",
                violation_error_message=_("A closed case needs a closing reason."),
            )
        ]

    def __str__(self) -> str:
        return str(_("Case of %(name)s") % {"name": self.person.latin_name})

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.status == self.Status.CLOSED:
            if not self.closing_reason:
                errors["closing_reason"] = _("A closed case needs a closing reason.")
            if not self.closed_on:
                self.closed_on = dt.date.today()
        else:
            self.closing_reason = ""
            self.closed_on = None
        if self.closed_on and self.opened_on and self.closed_on < self.opened_on:
            errors["closed_on"] = _("A case cannot be closed before it was opened.")
        if self.opened_on and self.opened_on > dt.date.today():
            errors["opened_on"] = _("A case cannot be opened in the future.")
        caseworker = self.caseworker if self.caseworker_id else None
        if (
            caseworker is not None
            and self.team_id
            and not caseworker.teams.filter(pk=self.team_id).exists()
        ):
            errors["caseworker"] = _("The caseworker must be a member of the case's team.")
        if errors:
            raise ValidationError(errors)


class CaseStatusChange(AuditedModel):
    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "from_status": "personal",
        "to_status": "personal",
        "closing_reason": "personal",
        "changed_by": "internal",
        "changed_at": "internal",
    }

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=Case.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=Case.Status.choices)
    closing_reason = models.CharField(
        _("closing reason"), max_length=16, choices=Case.ClosingReason.choices, blank=True
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id


class Orientation(AuditedModel):
    """The initial orientation (situation analysis) taken at intake."""

    class GermanSource(models.TextChoices):
        TESTED = "tested", _("tested")
        SELF_ASSESSED = "self", _("self-assessed")
        CASEWORKER = "caseworker", _("caseworker's estimate")

    class DrivingLicence(models.TextChoices):
        NONE = "none", _("none")
        B = "B", _("car (B)")
        B_FOREIGN = "B_foreign", _("car, foreign licence not yet converted")
        TRUCK = "C", _("truck (C/CE)")
        OTHER = "other", _("other class")

    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "family_situation": "personal",
        "childcare_needed": "personal",
        "childcare_notes": "personal",
        "health_limitations": "special",
        "schooling_years": "personal",
        "school_certificate": "personal",
        "vocational_training": "personal",
        "higher_education": "personal",
        "work_experience": "personal",
        "occupation": "personal",
        "german_level": "personal",
        "german_source": "personal",
        "german_exam": "personal",
        "other_languages": "personal",
        "driving_licence": "personal",
        "goals": "personal",
        "obstacles": "personal",
        "assessed_on": "personal",
        "updated_at": "internal",
    }

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="orientation"
    )
    family_situation = models.TextField(
        _("family and social situation"), max_length=4000, blank=True
    )
    childcare_needed = models.BooleanField(_("childcare needed"), default=False)
    childcare_notes = models.CharField(_("childcare notes"), max_length=500, blank=True)
    health_limitations = models.TextField(
        _("health limitations relevant to work"),
        max_length=2000,
        blank=True,
        help_text=_(
            "Special category of personal data: only the assigned caseworker and team leads see it."
        ),
    )
    schooling_years = models.PositiveSmallIntegerField(
        _("years of schooling"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(25)],
    )
    school_certificate = models.CharField(
        _("highest school certificate"), max_length=200, blank=True
    )
    vocational_training = models.TextField(_("vocational training"), max_length=2000, blank=True)
    higher_education = models.TextField(_("higher education"), max_length=2000, blank=True)
    work_experience = models.TextField(_("work experience"), max_length=4000, blank=True)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation learnt or practised (coded)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    german_level = models.CharField(
        _("German level"), max_length=8, choices=LanguageLevel.choices[:6], blank=True
    )
    german_source = models.CharField(
        _("German level is"), max_length=16, choices=GermanSource.choices, blank=True
    )
    german_exam = models.CharField(_("exam (if tested)"), max_length=100, blank=True)
    other_languages = models.CharField(_("other languages"), max_length=300, blank=True)
    driving_licence = models.CharField(
        _("driving licence"), max_length=16, choices=DrivingLicence.choices, default="none"
    )
    goals = models.TextField(
        _("goals and expectations (in the person's words)"), max_length=4000, blank=True
    )
    obstacles = models.TextField(_("obstacles"), max_length=4000, blank=True)
    assessed_on = models.DateField(_("assessed on"), default=dt.date.today)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("initial orientation")
        verbose_name_plural = _("initial orientations")

    def __str__(self) -> str:
        return str(_("Initial orientation"))

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.german_source == self.GermanSource.TESTED and not self.german_exam:
            errors["german_exam"] = _("Name the exam that tested the level.")
        if self.german_level and not self.german_source:
            errors["german_source"] = _("Say whether the level was tested or self-assessed.")
        if self.assessed_on and self.assessed_on > dt.date.today():
            errors["assessed_on"] = _("The date cannot be in the future.")
        if errors:
            raise ValidationError(errors)


class Note(AuditedModel):
    """A consultation note."""

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        PHONE = "phone", _("phone")
        VIDEO = "video", _("video")
        HOME_VISIT = "home_visit", _("home visit")

    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "date": "personal",
        "channel": "personal",
        "interpreter": "personal",
        "interpreter_language": "personal",
        "topics": "personal",
        "summary": "personal",
        "author": "internal",
        "created_at": "internal",
    }

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="notes"
    )
    date = models.DateField(_("date"), default=dt.date.today)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    interpreter = models.BooleanField(_("with interpreter"), default=False)
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=8, choices=settings.SPOKEN_LANGUAGES, blank=True
    )
    topics = models.CharField(_("topics"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), max_length=8000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation note")
        verbose_name_plural = _("consultation notes")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_channel_display()}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.date and self.date > dt.date.today():
            errors["date"] = _("A consultation cannot be recorded for a future date.")
        if self.interpreter and not self.interpreter_language:
            errors["interpreter_language"] = _("Choose the language the interpreter used.")
        if errors:
            raise ValidationError(errors)


class NextStep(AuditedModel):
    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "note": "identifier",
        "description": "personal",
        "due_on": "personal",
        "owner": "internal",
        "done_on": "personal",
    }

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="next_steps"
    )
    note = models.ForeignKey(
        Note,
        verbose_name=_("note"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_steps",
    )
    description = models.CharField(_("next step"), max_length=300)
    due_on = models.DateField(_("due on"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="next_steps",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("next step")
        verbose_name_plural = _("next steps")
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return self.description

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < dt.date.today()
