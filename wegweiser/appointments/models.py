"""Appointments of caseworkers with persons: rooms, interpreters, reschedules, reminders,
contact consent per channel and the personal calendar feed."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, Team
from wegweiser.cases.models import Case
from wegweiser.core.audit import AuditedModel
from wegweiser.people.models import Person

if TYPE_CHECKING:
    from wegweiser.accounts.models import User


class Room(models.Model):
    """A room at the centre where consultations take place (reference data, no person data)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=100)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="room_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Interpreter(models.Model):
    """An interpreter the centre books, with the languages they interpret (a list kept by
    team leads and administrators; no client data)."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(_("name"), max_length=150)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=200, blank=True)
    is_active = models.BooleanField(_("available"), default=True)

    class Meta:
        verbose_name = _("interpreter")
        verbose_name_plural = _("interpreters")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        known = {code for code, _label in settings.SPOKEN_LANGUAGES}
        if not isinstance(self.languages, list) or not self.languages:
            raise ValidationError({"languages": _("Choose at least one language.")})
        unknown = [code for code in self.languages if code not in known]
        if unknown:
            raise ValidationError(
                {"languages": _("Unknown language: %(codes)s.") % {"codes": ", ".join(unknown)}}
            )

    def language_labels(self) -> list[str]:
        labels = dict(settings.SPOKEN_LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages]


class AppointmentQuerySet(models.QuerySet["Appointment"]):
    def visible_to(self, user: User) -> AppointmentQuerySet:
        """Appointments of the user's teams; nothing for auditors or users without a team."""
        if not user.is_authenticated or not user.works_cases:
            return self.none()
        return self.filter(team__in=user.teams.all())

    def active(self) -> AppointmentQuerySet:
        """Not cancelled: these occupy the caseworker, the room and the interpreter."""
        return self.exclude(
            outcome__in=[
                Appointment.Outcome.CANCELLED_BY_PERSON,
                Appointment.Outcome.CANCELLED_BY_CENTRE,
            ]
        )


class Appointment(AuditedModel):
    class Kind(models.TextChoices):
        INTAKE = "intake", _("intake")
        CONSULTATION = "consultation", _("consultation")
        PLAN_REVIEW = "plan_review", _("plan review")
        FOLLOW_UP = "follow_up", _("follow-up after placement")
        GROUP_SESSION = "group_session", _("group information session")

    class Place(models.TextChoices):
        ROOM = "room", _("room at the centre")
        PHONE = "phone", _("by phone")
        VIDEO = "video", _("video call")
        HOME_VISIT = "home_visit", _("home visit")
        PARTNER = "partner", _("at a partner organisation")

    class Outcome(models.TextChoices):
        PLANNED = "", _("planned")
        KEPT = "kept", _("kept")
        CANCELLED_BY_PERSON = "cancelled_person", _("cancelled by the person")
        CANCELLED_BY_CENTRE = "cancelled_centre", _("cancelled by the centre")
        MISSED = "missed", _("missed")

    PRIVACY = {
        "id": "identifier",
        "team": "internal",
        "caseworker": "internal",
        "case": "identifier",
        "kind": "personal",
        "starts_at": "personal",
        "ends_at": "personal",
        "place": "personal",
        "room": "internal",
        "place_detail": "personal",
        "video_link": "personal",
        "interpreter_language": "personal",
        "interpreter": "personal",
        "outcome": "personal",
        "created_by": "internal",
        "created_at": "internal",
    }

    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="appointments"
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("caseworker"),
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    case = models.ForeignKey(
        Case,
        verbose_name=_("case"),
        on_delete=models.CASCADE,
        related_name="appointments",
        null=True,
        blank=True,
        help_text=_("Empty for a group information session with several persons."),
    )
    persons = models.ManyToManyField(
        Person,
        verbose_name=_("persons"),
        through="AppointmentPerson",
        related_name="appointments",
        blank=True,
    )
    kind = models.CharField(_("kind of appointment"), max_length=16, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=16, choices=Place.choices)
    room = models.ForeignKey(
        Room,
        verbose_name=_("room"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    place_detail = models.CharField(
        _("partner and address"),
        max_length=200,
        blank=True,
        help_text=_("For an appointment at a partner organisation: who and where."),
    )
    video_link = models.URLField(_("video link"), max_length=300, blank=True)
    interpreter_language = models.CharField(
        _("interpreter needed for"),
        max_length=8,
        choices=settings.SPOKEN_LANGUAGES,
        blank=True,
    )
    interpreter = models.ForeignKey(
        Interpreter,
        verbose_name=_("interpreter booked"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appointments",
    )
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=Outcome.choices, blank=True, default=""
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="appointment_ends_after_start",
                violation_error_message=_("An appointment must end after it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id if self.case_id and self.case else None

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def is_cancelled(self) -> bool:
        return self.outcome in (self.Outcome.CANCELLED_BY_PERSON, self.Outcome.CANCELLED_BY_CENTRE)

    @property
    def place_label(self) -> str:
        """Kind of place and, for a room, its name (never client data)."""
        if self.place == self.Place.ROOM and self.room_id and self.room:
            return f"{self.get_place_display()}: {self.room.name}"
        return str(self.get_place_display())

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The appointment must end after it starts.")
        if self.place == self.Place.ROOM and not self.room_id:
            errors["room"] = _("Choose the room.")
        if self.place != self.Place.ROOM:
            self.room = None
        if self.place == self.Place.VIDEO and not self.video_link:
            errors["video_link"] = _("Enter the link of the video call.")
        if self.place != self.Place.VIDEO:
            self.video_link = ""
        if self.place == self.Place.PARTNER and not self.place_detail:
            errors["place_detail"] = _("Name the partner organisation and where it is.")
        if self.interpreter_id and not self.interpreter_language:
            errors["interpreter_language"] = _("Choose the language the interpreter is needed for.")
        elif (
            self.interpreter_id
            and self.interpreter
            and self.interpreter_language not in self.interpreter.languages
        ):
            errors["interpreter"] = _("This interpreter does not interpret %(language)s.") % {
                "language": self.get_interpreter_language_display()
            }
        if self.kind != self.Kind.GROUP_SESSION and not self.case_id:
            errors["case"] = _("An individual appointment belongs to a case.")
        if (
            self.outcome in (self.Outcome.KEPT, self.Outcome.MISSED)
            and self.starts_at
            and self.starts_at > timezone.now()
        ):
            errors["outcome"] = _(
                "An appointment that has not yet taken place cannot be kept or missed."
            )
        if errors:
            raise ValidationError(errors)


class AppointmentPerson(AuditedModel):
    """A person invited to an appointment (one for individual appointments, several for a group
    information session)."""

    PRIVACY = {"id": "identifier", "appointment": "identifier", "person": "identifier"}

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("invited person")
        verbose_name_plural = _("invited persons")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "person"], name="appointment_person_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id}:{self.person_id}"


class Reschedule(AuditedModel):
    """A move of an appointment to another time: the history stays with the appointment."""

    PRIVACY = {
        "id": "identifier",
        "appointment": "identifier",
        "previous_starts_at": "personal",
        "previous_ends_at": "personal",
        "starts_at": "personal",
        "ends_at": "personal",
        "reason": "personal",
        "changed_by": "internal",
        "changed_at": "internal",
    }

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="reschedules",
    )
    previous_starts_at = models.DateTimeField(_("previously from"))
    previous_ends_at = models.DateTimeField(_("previously until"))
    starts_at = models.DateTimeField(_("new start"))
    ends_at = models.DateTimeField(_("new end"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rescheduling")
        verbose_name_plural = _("reschedulings")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.previous_starts_at} → {self.starts_at}"

    def audit_person_id(self) -> int | None:
        return self.appointment.audit_person_id()


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")


class ContactConsent(AuditedModel):
    """The person agrees to be contacted (reminders) on a channel. History is kept: a withdrawal
    sets `withdrawn_on`; a new consent is a new row."""

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "channel": "personal",
        "given_on": "personal",
        "withdrawn_on": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="contact_consents",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    given_on = models.DateField(_("given on"))
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact consent")
        verbose_name_plural = _("contact consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "channel"],
                condition=Q(withdrawn_on__isnull=True),
                name="contact_consent_one_active_per_channel",
                violation_error_message=_("This consent is already recorded."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_channel_display())

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    def clean(self) -> None:
        errors = {}
        if self.given_on and self.given_on > dt.date.today():
            errors["given_on"] = _("A consent cannot be given in the future.")
        if self.withdrawn_on and self.given_on and self.withdrawn_on < self.given_on:
            errors["withdrawn_on"] = _("A consent cannot be withdrawn before it was given.")
        if errors:
            raise ValidationError(errors)


class Reminder(AuditedModel):
    """One reminder of one appointment to one person on one channel at one offset. The row is
    claimed before anything is sent, and the unique constraint makes a second claim fail, so a
    repeated or restarted run never sends twice."""

    class Status(models.TextChoices):
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        NO_CONSENT = "no_consent", _("not sent: no consent for this channel")
        NO_ADDRESS = "no_address", _("not sent: no address for this channel")

    PRIVACY = {
        "id": "identifier",
        "appointment": "identifier",
        "person": "identifier",
        "channel": "internal",
        "offset_minutes": "internal",
        "status": "internal",
        "detail": "internal",
        "created_at": "internal",
        "sent_at": "internal",
    }

    appointment = models.ForeignKey(
        Appointment,
        verbose_name=_("appointment"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    offset_minutes = models.PositiveIntegerField(_("minutes before the appointment"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "person", "channel", "offset_minutes"],
                name="reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.appointment_id} {self.channel} {self.offset_minutes}"


class StaffDigest(models.Model):
    """The daily mail to a caseworker about due plan reviews and next steps: one per day."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    items = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        verbose_name = _("daily digest")
        verbose_name_plural = _("daily digests")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="staff_digest_once")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.day}"


class CalendarFeed(models.Model):
    """The secret of a staff member's personal calendar feed. Only its SHA-256 is stored: the
    address is shown once when it is made, and renewing it invalidates the old one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user_id)
