"""Organisations, teams and staff users with their roles."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CENTRE = "centre", _("Migration centre")
        IMMIGRATION_OFFICE = "immigration_office", _("Immigration office")
        JOB_CENTRE = "job_centre", _("Job centre")
        COURSE_PROVIDER = "course_provider", _("Course provider")
        EMPLOYER = "employer", _("Employer")
        CHARITY = "charity", _("Charity")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.CENTRE)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff member. What they may see follows from role and team membership."""

    class Role(models.TextChoices):
        CASEWORKER = "caseworker", _("Caseworker")
        TEAM_LEAD = "team_lead", _("Team lead")
        ADMINISTRATOR = "administrator", _("Administrator")
        AUDITOR = "auditor", _("Auditor")
        COURSE_PROVIDER = "course_provider", _("Course provider")
        EMPLOYER = "employer", _("Employer")
        MANAGEMENT = "management", _("Management")

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CASEWORKER)
    teams = models.ManyToManyField(
        Team, verbose_name=_("teams"), blank=True, related_name="members"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def works_cases(self) -> bool:
        """Caseworkers, team leads and administrators who are also in a team read case content."""
        return (
            self.role
            not in (
                self.Role.AUDITOR,
                self.Role.COURSE_PROVIDER,
                self.Role.EMPLOYER,
                self.Role.MANAGEMENT,
            )
            and self.is_active
        )

    @property
    def is_course_provider(self) -> bool:
        """Staff of a course provider (their `organisation`): their own courses only."""
        return self.role == self.Role.COURSE_PROVIDER and self.is_active

    @property
    def is_employer(self) -> bool:
        """Staff of an employer (their `organisation`): its vacancies and proposals made to it."""
        return self.role == self.Role.EMPLOYER and self.is_active

    @property
    def is_management(self) -> bool:
        """The centre's management: the figures of the whole centre, no case content."""
        return self.role == self.Role.MANAGEMENT and self.is_active

    @property
    def is_team_lead(self) -> bool:
        return self.role == self.Role.TEAM_LEAD

    @property
    def is_auditor(self) -> bool:
        return self.role == self.Role.AUDITOR

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR
