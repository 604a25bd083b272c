"""The case: one per person, its status, initial orientation, consultation notes, next steps."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.accounts.models import Team
from wegweiser.core.audit import AuditedModel
from wegweiser.core.choices import ChoiceLabels
from wegweiser.core.dates import add_months
from wegweiser.core.request_memo import once
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


def in_teams_of(user: User, *, path: str) -> Q:
    """Records whose case (reached by `path`, e.g. "person__case__") belongs to one of the
    user's teams: the scope of `Case.objects.visible_to`, written as a join so the database
    starts from the few rows asked for, not from every case of the teams; nothing for users
    without case work."""
    if not user.is_authenticated or not user.works_cases:
        return Q(pk__in=[])
    # The team ids as values: with a subquery the database plans for "a team" and hashes all
    # of its cases before joining the few rows asked for.
    return Q(**{f"{path}team_id__in": team_ids_of(user)})


def team_ids_of(user: User) -> list[int]:
    """The ids of the user's teams, read once per request."""
    return once(f"cases.team_ids:{user.pk}", lambda: list(user.teams.values_list("pk", flat=True)))


def open_cases_of(user: User, *, path: str) -> Q:
    """Records whose case (reached by `path`) is one of `my_cases(user)`: in the user's teams,
    assigned to the user and not closed."""
    return (
        in_teams_of(user, path=path)
        & Q(**{f"{path}caseworker": user})
        & ~Q(**{f"{path}status": Case.Status.CLOSED})
    )


class Case(ChoiceLabels, AuditedModel):
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

    WRITABLE = ("legal_domain", "caseworker")
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
        indexes = [
            # The reports count cases closed in a period or still open at its end (not
            # closed, or closed after it). No index on opened_on: "opened by the end"
            # holds for nearly every case, and SQLite would walk such an index row by row.
            models.Index(fields=["closed_on"], name="case_closed_on"),
            # A caseworker's open cases (my cases, its panels): a few thousand of the tens of
            # thousands the caseworker ever had.
            models.Index(
                fields=["caseworker", "team"],
                condition=~Q(status="closed"),
                name="case_open_by_caseworker",
            ),
        ]
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
        indexes = [
            # A case's status on a day: its last change before that day, found by one seek.
            models.Index(fields=["case", "changed_at"], name="status_change_case_at"),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id


class CaseStatusPeriod(models.Model):
    """The status a case held from one change to the next: derived from the status changes,
    kept by the cases services in the same transaction as each change, and rebuilt from them by
    `status_periods_rebuild` (`wegweiser report rebuild`). The reports read a case's status on
    a day as a range query here instead of searching the changes of every case.

    The status holds for the moments t with valid_from < t <= valid_to (a missing bound is
    open): a status read "at the end of day D" is the last change strictly before the first
    moment of D + 1, the same rule as on the changes. Not audited itself: every row follows
    from an audited `CaseStatusChange`."""

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="status_periods"
    )
    status = models.CharField(_("status"), max_length=16, choices=Case.Status.choices)
    valid_from = models.DateTimeField(_("valid from"), null=True, blank=True)
    valid_to = models.DateTimeField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("status period")
        verbose_name_plural = _("status periods")
        ordering = ["case", "valid_from"]
        indexes = [
            models.Index(fields=["valid_to", "valid_from"], name="status_period_range"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.status} ({self.valid_from} to {self.valid_to})"


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

    WRITABLE = (
        "family_situation",
        "childcare_needed",
        "childcare_notes",
        "health_limitations",
        "schooling_years",
        "school_certificate",
        "vocational_training",
        "higher_education",
        "work_experience",
        "occupation",
        "german_level",
        "german_source",
        "german_exam",
        "other_languages",
        "driving_licence",
        "goals",
        "obstacles",
        "assessed_on",
    )
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

    WRITABLE = ("date", "channel", "interpreter", "interpreter_language", "topics", "summary")
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
        indexes = [
            # A user's steps still to do, by due date (my cases): not the done ones of years.
            models.Index(
                fields=["owner", "due_on"],
                condition=Q(done_on__isnull=True),
                name="nextstep_open_by_owner",
            ),
        ]

    def __str__(self) -> str:
        return self.description

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < dt.date.today()


def plan_name(legal_domain: str) -> str:
    """The plan's name: the Kooperationsplan of § 15 SGB II, for every other domain the
    Integrationsplan. The one place that decides it."""
    if legal_domain == Case.LegalDomain.SGB_II:
        return str(_("cooperation plan"))
    return str(_("integration plan"))


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: User) -> PlanQuerySet:
        return self.filter(case__in=Case.objects.visible_to(user))


class Plan(AuditedModel):
    """One version of the plan agreed with the person (Kooperationsplan/Integrationsplan).

    The first version is drawn up after the initial orientation. Changing an agreed version
    makes a new draft version with a copy of its goals and steps; the agreed version becomes
    superseded when the new one is agreed, and superseded versions are never changed again."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        AGREED = "agreed", _("agreed")
        SUPERSEDED = "superseded", _("superseded")

    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "version": "internal",
        "status": "personal",
        "integration_goal": "personal",
        "agreed_on": "personal",
        "person_present": "personal",
        "interpreter_language": "personal",
        "review_due_on": "personal",
        "disagreement_reason": "personal",
        "disagreement_recorded_on": "personal",
        "agreed_by": "internal",
        "created_by": "internal",
        "created_at": "internal",
    }

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plans"
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    integration_goal = models.TextField(_("integration goal (in plain language)"), max_length=2000)
    agreed_on = models.DateField(_("agreed on"), null=True, blank=True)
    person_present = models.BooleanField(_("the person was present"), default=True)
    interpreter_language = models.CharField(
        _("interpreter language"), max_length=8, choices=settings.SPOKEN_LANGUAGES, blank=True
    )
    review_due_on = models.DateField(_("review due on"), null=True, blank=True, db_index=True)
    disagreement_reason = models.TextField(
        _("the person does not agree, because"), max_length=2000, blank=True
    )
    disagreement_recorded_on = models.DateField(
        _("disagreement recorded on"), null=True, blank=True
    )
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("agreement recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_version_unique"),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="agreed"),
                name="plan_one_agreed_version",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="draft"),
                name="plan_one_draft_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    @property
    def name(self) -> str:
        return plan_name(self.case.legal_domain)

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def has_disagreement(self) -> bool:
        return bool(self.disagreement_reason)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.agreed_on and self.agreed_on > dt.date.today():
            errors["agreed_on"] = _("A plan cannot be agreed on a future date.")
        if self.status != self.Status.DRAFT and not self.agreed_on:
            errors["agreed_on"] = _("Enter the date on which the plan was agreed.")
        if self.agreed_on and self.review_due_on and self.review_due_on <= self.agreed_on:
            errors["review_due_on"] = _("The review must come after the agreement.")
        if self.agreed_on and self.review_due_on:
            latest = add_months(self.agreed_on, settings.WEGWEISER_PLAN_REVIEW_MONTHS)
            if self.review_due_on > latest and not self.last_review_on():
                errors["review_due_on"] = _(
                    "The plan is reviewed at the latest %(months)s months after the agreement, "
                    "by %(date)s."
                ) % {
                    "months": settings.WEGWEISER_PLAN_REVIEW_MONTHS,
                    "date": date_format(latest, "SHORT_DATE_FORMAT"),
                }
        if errors:
            raise ValidationError(errors)

    def agreement_date(self) -> dt.date | None:
        """The date this version was agreed; for a draft of a new version, the date the
        version in force was agreed (a new step cannot be due before either)."""
        if self.agreed_on or self.status != self.Status.DRAFT:
            return self.agreed_on
        in_force = Plan.objects.filter(case_id=self.case_id, status=self.Status.AGREED).first()
        return in_force.agreed_on if in_force else None

    def last_review_on(self) -> dt.date | None:
        if self.pk is None:
            return None
        review = self.reviews.order_by("-reviewed_on").first()
        return review.reviewed_on if review else None


class PlanGoal(AuditedModel):
    class Area(models.TextChoices):
        EDUCATION = "education", pgettext_lazy("plan area", "education")
        LANGUAGE = "language", pgettext_lazy("plan area", "language")
        RECOGNITION = "recognition", pgettext_lazy("plan area", "recognition")
        WORK = "work", pgettext_lazy("plan area", "work")
        FAMILY = "family", pgettext_lazy("plan area", "family")
        HEALTH = "health", pgettext_lazy("plan area", "health")

    PRIVACY = {
        "id": "identifier",
        "plan": "identifier",
        "area": "personal",
        # A goal may be a health goal: the text is treated as special category throughout.
        "description": "special",
        "position": "internal",
        "carried_from": "identifier",
    }

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="goals"
    )
    area = models.CharField(_("area"), max_length=16, choices=Area.choices)
    description = models.TextField(_("goal (as the person wants it recorded)"), max_length=2000)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "position", "id"]

    def __str__(self) -> str:
        return self.get_area_display()

    def audit_person_id(self) -> int | None:
        return self.plan.case.person_id

    @property
    def is_health(self) -> bool:
        return self.area == self.Area.HEALTH


class PlanStep(AuditedModel):
    class Who(models.TextChoices):
        PERSON = "person", _("the person")
        CASEWORKER = "caseworker", _("the caseworker")
        PARTNER = "partner", _("a partner")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    # The records a step may point to, each of which must belong to the plan's person.
    LINK_FIELDS = (
        "waiting_entry",
        "enrolment",
        "recognition_procedure",
        "job_proposal",
        "next_step",
    )

    PRIVACY = {
        "id": "identifier",
        "goal": "identifier",
        "description": "special",
        "who": "personal",
        "partner_name": "personal",
        "due_on": "personal",
        "status": "personal",
        "status_reason": "personal",
        "status_changed_on": "personal",
        "waiting_entry": "identifier",
        "enrolment": "identifier",
        "recognition_procedure": "identifier",
        "job_proposal": "identifier",
        "next_step": "identifier",
        "carried_from": "identifier",
    }

    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="steps"
    )
    description = models.CharField(_("step"), max_length=500)
    who = models.CharField(_("who"), max_length=16, choices=Who.choices)
    partner_name = models.CharField(_("partner"), max_length=200, blank=True)
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    status_reason = models.CharField(_("reason"), max_length=500, blank=True)
    status_changed_on = models.DateField(_("status changed on"), null=True, blank=True)
    waiting_entry = models.ForeignKey(
        "courses.WaitingEntry",
        verbose_name=_("course wait-list entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("course enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recognition_procedure = models.ForeignKey(
        "recognition.RecognitionProcedure",
        verbose_name=_("recognition procedure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    job_proposal = models.ForeignKey(
        "jobs.JobProposal",
        verbose_name=_("proposal to an employer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    next_step = models.ForeignKey(
        NextStep,
        verbose_name=_("next step of a note"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_steps",
    )
    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("carried over from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("plan step")
        verbose_name_plural = _("plan steps")
        ordering = ["goal", "due_on", "id"]

    def __str__(self) -> str:
        return self.description

    def audit_person_id(self) -> int | None:
        return self.goal.plan.case.person_id

    @property
    def linked(self) -> models.Model | None:
        for name in self.LINK_FIELDS:
            if getattr(self, f"{name}_id"):
                return getattr(self, name)
        return None

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.OPEN and self.due_on < dt.date.today()

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.status == self.Status.DROPPED and not self.status_reason.strip():
            errors["status_reason"] = _("Say why the step was dropped.")
        if self.who == self.Who.PARTNER and not self.partner_name.strip():
            errors["partner_name"] = _("Name the partner who takes this step.")
        if self.who != self.Who.PARTNER:
            self.partner_name = ""
        plan = self.goal.plan if self.goal_id else None
        agreed_on = plan.agreement_date() if plan is not None else None
        if (
            agreed_on
            and self.due_on
            and self.carried_from_id is None
            and self.status == self.Status.OPEN
            and self.due_on < agreed_on
        ):
            errors["due_on"] = _("A step cannot be due before the plan was agreed (%(date)s).") % {
                "date": date_format(agreed_on, "SHORT_DATE_FORMAT")
            }
        links = [name for name in self.LINK_FIELDS if getattr(self, f"{name}_id")]
        if len(links) > 1:
            errors[links[1]] = _("A step links to one record at most.")
        elif links and plan is not None:
            record = getattr(self, links[0])
            belongs = (
                record.case_id == plan.case_id
                if links[0] == "next_step"
                else record.person_id == plan.case.person_id
            )
            if not belongs:
                errors[links[0]] = _("This record belongs to another person.")
        if errors:
            raise ValidationError(errors)


class PlanReview(AuditedModel):
    """The review of an agreed plan: the outcome of each goal, and what follows."""

    PRIVACY = {
        "id": "identifier",
        "plan": "identifier",
        "reviewed_on": "personal",
        "comment": "personal",
        "next_review_on": "personal",
        "reviewed_by": "internal",
        "created_at": "internal",
    }

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="reviews"
    )
    reviewed_on = models.DateField(_("reviewed on"), default=dt.date.today)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    next_review_on = models.DateField(_("next review on"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("plan review")
        verbose_name_plural = _("plan reviews")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return str(_("Review of %(date)s") % {"date": self.reviewed_on})

    def audit_person_id(self) -> int | None:
        return self.plan.case.person_id

    def clean(self) -> None:
        errors: dict[str, object] = {}
        plan = self.plan if self.plan_id else None
        if plan is not None and self._state.adding and plan.status != Plan.Status.AGREED:
            errors["reviewed_on"] = _("Only an agreed plan in force can be reviewed.")
        if self.reviewed_on and self.reviewed_on > dt.date.today():
            errors["reviewed_on"] = _("A review cannot be recorded for a future date.")
        if (
            plan is not None
            and plan.agreed_on
            and self.reviewed_on
            and self.reviewed_on < plan.agreed_on
        ):
            errors["reviewed_on"] = _("A review cannot come before the agreement.")
        if self.next_review_on and self.reviewed_on and self.next_review_on <= self.reviewed_on:
            errors["next_review_on"] = _("The next review must come after this one.")
        if errors:
            raise ValidationError(errors)


class GoalOutcome(AuditedModel):
    class Outcome(models.TextChoices):
        ACHIEVED = "achieved", _("achieved")
        PARTLY = "partly", _("partly achieved")
        NOT_ACHIEVED = "not_achieved", _("not achieved")
        DROPPED = "dropped", _("dropped")

    PRIVACY = {
        "id": "identifier",
        "review": "identifier",
        "goal": "identifier",
        "outcome": "personal",
        "comment": "special",
    }

    review = models.ForeignKey(
        PlanReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="outcomes"
    )
    goal = models.ForeignKey(
        PlanGoal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="outcomes"
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    comment = models.CharField(_("comment"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("goal outcome")
        verbose_name_plural = _("goal outcomes")
        ordering = ["review", "goal__position", "goal_id"]
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="goal_outcome_once")]

    def __str__(self) -> str:
        return self.get_outcome_display()

    def audit_person_id(self) -> int | None:
        return self.goal.plan.case.person_id

    def clean(self) -> None:
        if self.outcome == self.Outcome.DROPPED and not self.comment.strip():
            raise ValidationError({"comment": _("Say why the goal was dropped.")})
