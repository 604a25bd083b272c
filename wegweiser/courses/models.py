"""Language and integration courses: providers' locations, courses and seats, entitlements,
waiting lists, enrolments with monthly attendance, exams, the CEFR history of each person and
the seat-assignment proposals that caseworkers confirm before offers go out.

A course provider is an `Organisation` of kind course provider; its staff are users with the
role course provider and that organisation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wegweiser.accounts.models import Organisation
from wegweiser.core.audit import AuditedModel
from wegweiser.core.models import Municipality
from wegweiser.core.places import Place
from wegweiser.people.models import LanguageLevel, Person

from .assignment import LEVELS, TIMES

CEFR = LanguageLevel.choices[:6]  # A1 … C2, without "native"


def level_rank(code: str) -> int:
    """0 for no prior knowledge of German, 1 for A1 … 6 for C2."""
    return LEVELS.index(code) if code in LEVELS else 0


class Programme(models.TextChoices):
    INTEGRATION = "integration", _("integration course (IntV)")
    JOB = "job", _("job-related German (DeuFöV)")
    LOCAL = "local", _("local format")


class CourseKind(models.TextChoices):
    INTEGRATION_GENERAL = "integration_general", _("General integration course")
    INTEGRATION_LITERACY = "integration_literacy", _("Integration course with literacy")
    INTEGRATION_SECOND_SCRIPT = (
        "integration_second_script",
        _("Integration course for second-script learners"),
    )
    INTEGRATION_PARENTS = "integration_parents", _("Parents' integration course")
    INTEGRATION_WOMEN = "integration_women", _("Women's integration course")
    INTEGRATION_YOUTH = "integration_youth", _("Youth integration course")
    INTEGRATION_INTENSIVE = "integration_intensive", _("Intensive integration course")
    JOB_B2 = "job_b2", _("Job-related German B1 to B2")
    JOB_C1 = "job_c1", _("Job-related German B2 to C1")
    JOB_C2 = "job_c2", _("Job-related German C1 to C2")
    JOB_SPECIAL_A2 = "job_special_a2", _("Job-related German special course A2")
    JOB_SPECIAL_B1 = "job_special_b1", _("Job-related German special course B1")
    JOB_RECOGNITION_HEALTH = (
        "job_recognition_health",
        _("Job-related German for recognition in a health profession"),
    )
    JOB_SUBJECT = "job_subject", _("Job-related German for a subject")
    LOCAL_SMALL_GROUP = "local_small_group", _("Local course in a small group")
    LOCAL_ONLINE = "local_online", _("Local online course")


@dataclass(frozen=True)
class KindRule:
    programme: str
    max_units: int
    entry_level: str  # the usual entry level ("" for no prior knowledge)
    target_level: str


KIND_RULES: dict[str, KindRule] = {
    CourseKind.INTEGRATION_GENERAL: KindRule(Programme.INTEGRATION, 700, "", "B1"),
    CourseKind.INTEGRATION_LITERACY: KindRule(Programme.INTEGRATION, 1000, "", "B1"),
    CourseKind.INTEGRATION_SECOND_SCRIPT: KindRule(Programme.INTEGRATION, 1000, "", "B1"),
    CourseKind.INTEGRATION_PARENTS: KindRule(Programme.INTEGRATION, 1000, "", "B1"),
    CourseKind.INTEGRATION_WOMEN: KindRule(Programme.INTEGRATION, 1000, "", "B1"),
    CourseKind.INTEGRATION_YOUTH: KindRule(Programme.INTEGRATION, 1000, "", "B1"),
    CourseKind.INTEGRATION_INTENSIVE: KindRule(Programme.INTEGRATION, 430, "A1", "B1"),
    CourseKind.JOB_B2: KindRule(Programme.JOB, 500, "B1", "B2"),
    CourseKind.JOB_C1: KindRule(Programme.JOB, 400, "B2", "C1"),
    CourseKind.JOB_C2: KindRule(Programme.JOB, 400, "C1", "C2"),
    CourseKind.JOB_SPECIAL_A2: KindRule(Programme.JOB, 500, "A1", "A2"),
    CourseKind.JOB_SPECIAL_B1: KindRule(Programme.JOB, 500, "A2", "B1"),
    CourseKind.JOB_RECOGNITION_HEALTH: KindRule(Programme.JOB, 600, "B1", "C1"),
    CourseKind.JOB_SUBJECT: KindRule(Programme.JOB, 300, "B1", "B2"),
    CourseKind.LOCAL_SMALL_GROUP: KindRule(Programme.LOCAL, 1000, "", "A2"),
    CourseKind.LOCAL_ONLINE: KindRule(Programme.LOCAL, 1000, "", "A2"),
}


class TimeOfDay(models.TextChoices):
    MORNING = TIMES[0], _("mornings")
    AFTERNOON = TIMES[1], _("afternoons")
    EVENING = TIMES[2], _("evenings")


class Weekday(models.TextChoices):
    MONDAY = "1", _("Monday")
    TUESDAY = "2", _("Tuesday")
    WEDNESDAY = "3", _("Wednesday")
    THURSDAY = "4", _("Thursday")
    FRIDAY = "5", _("Friday")
    SATURDAY = "6", _("Saturday")
    SUNDAY = "7", _("Sunday")


class CourseLocation(Place):
    """Where a provider teaches: a building in one of the county's municipalities."""

    PRIVACY = {**Place.PRIVACY, "provider": "internal"}

    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("course provider"),
        on_delete=models.PROTECT,
        related_name="course_locations",
    )

    class Meta(Place.Meta):
        verbose_name = _("course location")
        verbose_name_plural = _("course locations")
        constraints = [
            models.UniqueConstraint(fields=["provider", "name"], name="course_location_unique")
        ]

    def clean(self) -> None:
        if self.provider_id and self.provider.kind != Organisation.Kind.COURSE_PROVIDER:
            raise ValidationError({"provider": _("Choose an organisation that runs courses.")})


class Course(AuditedModel):
    PRIVACY = {
        "id": "identifier",
        "provider": "internal",
        "location": "internal",
        "kind": "internal",
        "title": "internal",
        "bamf_number": "internal",
        "starts_on": "internal",
        "ends_on": "internal",
        "time_of_day": "internal",
        "weekdays": "internal",
        "units": "internal",
        "seats": "internal",
        "childcare": "internal",
        "entry_level": "internal",
        "target_level": "internal",
        "created_at": "internal",
    }

    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("course provider"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    location = models.ForeignKey(
        CourseLocation, verbose_name=_("location"), on_delete=models.PROTECT, related_name="courses"
    )
    kind = models.CharField(_("course type"), max_length=32, choices=CourseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    bamf_number = models.CharField(
        _("BAMF course number"),
        max_length=30,
        blank=True,
        validators=[
            RegexValidator(
                r"^[0-9A-Za-z/ -]+$",
                _("Enter the course number as BAMF issued it: digits, letters, / and -."),
            )
        ],
    )
    starts_on = models.DateField(_("first course day"))
    ends_on = models.DateField(_("last course day"))
    time_of_day = models.CharField(_("time of day"), max_length=16, choices=TimeOfDay.choices)
    weekdays = models.CharField(
        _("course days"),
        max_length=7,
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Choose at least one course day."))],
        help_text=_("Days of the week as digits, 1 for Monday."),
    )
    units = models.PositiveSmallIntegerField(
        _("teaching units of 45 minutes"), validators=[MinValueValidator(1)]
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"),
        validators=[
            MinValueValidator(1, _("A course has at least one seat.")),
            MaxValueValidator(100, _("A course has at most 100 seats.")),
        ],
    )
    childcare = models.BooleanField(_("childcare offered"), default=False)
    entry_level = models.CharField(
        _("entry level"),
        max_length=2,
        choices=CEFR,
        blank=True,
        help_text=_("Leave empty if no German is required to start."),
    )
    target_level = models.CharField(_("target level"), max_length=2, choices=CEFR)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["starts_on", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="course_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        starts = date_format(self.starts_on, "SHORT_DATE_FORMAT")
        return f"{self.title} ({starts})"

    @property
    def programme(self) -> str:
        return KIND_RULES[self.kind].programme

    @property
    def online(self) -> bool:
        return self.kind == CourseKind.LOCAL_ONLINE

    @property
    def weekday_labels(self) -> list[str]:
        labels = dict(Weekday.choices)
        return [str(labels[day]) for day in self.weekdays if day in labels]

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = _("The last course day cannot be before the first.")
        rule = KIND_RULES.get(self.kind)
        if rule and self.units and self.units > rule.max_units:
            errors["units"] = _("A course of this type has at most %(max)s teaching units.") % {
                "max": rule.max_units
            }
        if self.target_level and level_rank(self.target_level) <= level_rank(self.entry_level):
            errors["target_level"] = _("The target level must be above the entry level.")
        if self.location_id and self.provider_id and self.location.provider_id != self.provider_id:
            errors["location"] = _("Choose one of this provider's locations.")
        if self.weekdays:
            self.weekdays = "".join(sorted(set(self.weekdays)))
        if errors:
            raise ValidationError(errors)


class Entitlement(AuditedModel):
    """A certificate of entitlement or obligation to attend, or eligibility for job German."""

    class Kind(models.TextChoices):
        INTEGRATION_ENTITLED = "integration_entitled", _("entitled to an integration course")
        INTEGRATION_OBLIGED = "integration_obliged", _("obliged to attend an integration course")
        JOB_GERMAN = "job_german", _("eligible for job-related German")

    class Issuer(models.TextChoices):
        BAMF = "bamf", _("BAMF")
        IMMIGRATION_OFFICE = "immigration_office", _("immigration office")
        JOB_CENTRE = "job_centre", _("job centre")
        EMPLOYMENT_AGENCY = "employment_agency", _("employment agency")

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "issuer": "personal",
        "issued_on": "personal",
        "valid_until": "personal",
        "reference": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="course_entitlements",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    issuer = models.CharField(_("issued by"), max_length=24, choices=Issuer.choices)
    issued_on = models.DateField(_("issued on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reference = models.CharField(_("file reference"), max_length=50, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("course entitlement")
        verbose_name_plural = _("course entitlements")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def programme(self) -> str:
        return Programme.JOB if self.kind == self.Kind.JOB_GERMAN else Programme.INTEGRATION

    def valid_on(self, day: dt.date) -> bool:
        return self.issued_on <= day and (self.valid_until is None or day <= self.valid_until)

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.issued_on and self.issued_on > timezone.localdate():
            errors["issued_on"] = _("A certificate cannot be issued in the future.")
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            errors["valid_until"] = _("'Valid until' must not be before the issue date.")
        if self.kind == self.Kind.JOB_GERMAN and self.issuer == self.Issuer.IMMIGRATION_OFFICE:
            errors["issuer"] = _(
                "Eligibility for job-related German comes from BAMF, the job centre or the "
                "employment agency."
            )
        if errors:
            raise ValidationError(errors)


class Childcare(models.TextChoices):
    NONE = "none", _("no childcare needed")
    NEEDED = "needed", _("needs childcare, none arranged")
    ARRANGED = "arranged", _("childcare arranged")


class WaitingEntry(AuditedModel):
    """A person waiting for a course of one type, near their municipality."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        OFFERED = "offered", _("seat offered")
        PLACED = "placed", pgettext_lazy("waiting list status: seat found", "placed")
        CLOSED = "closed", _("closed")

    class ClosingReason(models.TextChoices):
        NO_LONGER_NEEDED = "not_needed", _("no longer needed")
        MOVED_AWAY = "moved", _("moved away")
        STARTED_WORK = "work", _("started work")
        OTHER = "other", _("other reason")

    OPEN = (Status.WAITING, Status.OFFERED)

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "municipality": "personal",
        "registered_on": "personal",
        "childcare": "personal",
        "work_times": "personal",
        "status": "personal",
        "closing_reason": "personal",
        "closed_on": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="course_waiting"
    )
    kind = models.CharField(_("course type"), max_length=32, choices=CourseKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality the course should be near"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_on = models.DateField(_("waiting since"))
    childcare = models.CharField(
        _("childcare"), max_length=16, choices=Childcare.choices, default=Childcare.NONE
    )
    work_times = models.CharField(
        _("works at these times"),
        max_length=40,
        blank=True,
        help_text=_("Courses at these times of day are not offered."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.WAITING
    )
    closing_reason = models.CharField(
        _("closing reason"), max_length=16, choices=ClosingReason.choices, blank=True
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["registered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["waiting", "offered"]),
                name="courses_one_open_waiting_entry",
                violation_error_message=_("This person is already waiting for a course."),
            )
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def blocked_times(self) -> frozenset[str]:
        return frozenset(t for t in self.work_times.split(",") if t)

    @property
    def work_time_labels(self) -> list[str]:
        labels = dict(TimeOfDay.choices)
        return [str(labels[t]) for t in TIMES if t in self.blocked_times]

    def days_waited(self, today: dt.date | None = None) -> int:
        return ((today or timezone.localdate()) - self.registered_on).days

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.registered_on and self.registered_on > timezone.localdate():
            errors["registered_on"] = _("The waiting time cannot start in the future.")
        unknown = self.blocked_times - set(TIMES)
        if unknown:
            errors["work_times"] = _("Choose mornings, afternoons or evenings.")
        if self.status == self.Status.CLOSED and not self.closing_reason:
            errors["closing_reason"] = _("Say why the entry is closed.")
        if errors:
            raise ValidationError(errors)


class Enrolment(AuditedModel):
    """A person's seat in a course, from the offer to the end."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("offered")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        ENROLLED = "enrolled", _("enrolled")
        ATTENDING = "attending", _("attending")
        INTERRUPTED = "interrupted", _("interrupted")
        COMPLETED = "completed", _("completed")
        DROPPED_OUT = "dropped_out", _("dropped out")

    class Reason(models.TextChoices):
        PARENTAL_LEAVE = "parental_leave", _("maternity or parental leave")
        ILLNESS = "illness", _("illness")
        STARTED_WORK = "work", _("started work")
        CHILDCARE = "childcare", _("no childcare")
        SCHEDULE = "schedule", _("times do not fit")
        DISTANCE = "distance", _("too far")
        MOVED_AWAY = "moved", _("moved away")
        OTHER = "other", _("other reason")

    # A seat is held from the offer to the end of the course, except after a decline, a drop
    # out or an interruption: then it can be offered to someone else.
    HOLDS_SEAT = (
        Status.OFFERED,
        Status.ACCEPTED,
        Status.ENROLLED,
        Status.ATTENDING,
        Status.COMPLETED,
    )
    # From acceptance on, the provider knows the person (with consent for the referral).
    SHARED = (
        Status.ACCEPTED,
        Status.ENROLLED,
        Status.ATTENDING,
        Status.INTERRUPTED,
        Status.COMPLETED,
        Status.DROPPED_OUT,
    )
    STARTED = (
        Status.ENROLLED,
        Status.ATTENDING,
        Status.INTERRUPTED,
        Status.COMPLETED,
        Status.DROPPED_OUT,
    )
    NEEDS_REASON = (Status.INTERRUPTED, Status.DROPPED_OUT)
    TRANSITIONS: dict[str, tuple[str, ...]] = {
        Status.OFFERED: (Status.ACCEPTED, Status.DECLINED),
        Status.ACCEPTED: (Status.ENROLLED, Status.DECLINED),
        Status.ENROLLED: (Status.ATTENDING, Status.DROPPED_OUT),
        Status.ATTENDING: (Status.COMPLETED, Status.INTERRUPTED, Status.DROPPED_OUT),
        Status.INTERRUPTED: (Status.ATTENDING, Status.DROPPED_OUT),
        Status.DECLINED: (),
        Status.COMPLETED: (),
        Status.DROPPED_OUT: (),
    }

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "course": "personal",
        "waiting_entry": "identifier",
        "status": "personal",
        "reason": "special",  # may reveal pregnancy or illness
        "offered_on": "personal",
        "status_changed_on": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="course_enrolments"
    )
    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="enrolments"
    )
    waiting_entry = models.ForeignKey(
        WaitingEntry,
        verbose_name=_("waiting-list entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OFFERED
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices, blank=True)
    offered_on = models.DateField(_("offered on"))
    status_changed_on = models.DateField(_("status since"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-offered_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["person", "course"], name="enrolment_once_per_course")
        ]
        indexes = [models.Index(fields=["status_changed_on"], name="enrolment_status_changed")]

    def __str__(self) -> str:
        return f"{self.course}: {self.get_status_display()}"

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return self.TRANSITIONS.get(self.status, ())

    def clean(self) -> None:
        if self.status in self.NEEDS_REASON and not self.reason:
            raise ValidationError({"reason": _("Give the reason.")})


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


class AttendanceRecord(AuditedModel):
    """Attendance in one month, in percent of the teaching units held."""

    PRIVACY = {
        "id": "identifier",
        "enrolment": "identifier",
        "month": "personal",
        "percent": "personal",
        "recorded_by": "internal",
        "recorded_at": "internal",
    }

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="attendance"
    )
    month = models.DateField(_("month"))
    percent = models.DecimalField(
        _("attendance in percent"),
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal(0), _("Attendance cannot be below %(limit_value)s %%.")),
            MaxValueValidator(
                Decimal(100), _("Attendance cannot be more than %(limit_value)s %%.")
            ),
        ],
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("monthly attendance")
        verbose_name_plural = _("monthly attendance")
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "month"], name="attendance_once_a_month"),
            models.CheckConstraint(
                condition=Q(percent__gte=0) & Q(percent__lte=100),
                name="attendance_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y}: {self.percent} %"

    def audit_person_id(self) -> int | None:
        return self.enrolment.person_id

    def clean(self) -> None:
        if self.month:
            self.month = first_of_month(self.month)
        if not (self.month and self.enrolment_id):
            return
        course = self.enrolment.course
        if not first_of_month(course.starts_on) <= self.month <= first_of_month(course.ends_on):
            raise ValidationError({"month": _("The course did not run in this month.")})
        if self.month > first_of_month(timezone.localdate()):
            raise ValidationError({"month": _("Attendance cannot be recorded in advance.")})


class Exam(models.TextChoices):
    DTZ = "dtz", _("Deutsch-Test für Zuwanderer (DTZ)")
    LID = "lid", _("Leben in Deutschland")
    DTB = "dtb", _("Deutsch-Test für den Beruf (DTB)")
    TELC = "telc", _("telc certificate")
    GOETHE = "goethe", _("Goethe certificate")
    OTHER = "other", _("other certificate")


@dataclass(frozen=True)
class ExamRule:
    levels: tuple[str, ...]  # levels the exam can certify; none means it certifies no level
    max_points: int | None  # None: the result has no points


EXAM_RULES: dict[str, ExamRule] = {
    Exam.DTZ: ExamRule(("A2", "B1"), None),
    Exam.LID: ExamRule((), 33),
    Exam.DTB: ExamRule(("A2", "B1", "B2", "C1"), None),
    Exam.TELC: ExamRule(("A1", "A2", "B1", "B2", "C1", "C2"), 300),
    Exam.GOETHE: ExamRule(("A1", "A2", "B1", "B2", "C1", "C2"), 100),
    Exam.OTHER: ExamRule(("A1", "A2", "B1", "B2", "C1", "C2"), None),
}
LID_ORIENTATION_PASS = 15  # points of 33 that pass the orientation course
LID_NATURALISATION = 17  # points of 33 that count as the naturalisation test


class ExamResult(AuditedModel):
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "enrolment": "identifier",
        "exam": "personal",
        "taken_on": "personal",
        "level_reached": "personal",
        "points": "personal",
        "certificate": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="exam_results"
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exam_results",
    )
    exam = models.CharField(_("exam"), max_length=8, choices=Exam.choices)
    taken_on = models.DateField(_("taken on"))
    level_reached = models.CharField(
        _("level reached"),
        max_length=2,
        choices=CEFR,
        blank=True,
        help_text=_("Leave empty if no level was reached."),
    )
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    certificate = models.CharField(_("certificate name"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("exam result")
        verbose_name_plural = _("exam results")
        ordering = ["-taken_on", "-id"]
        indexes = [models.Index(fields=["exam", "taken_on"], name="exam_result_exam_taken")]

    def __str__(self) -> str:
        return f"{self.get_exam_display()} {self.taken_on:%d.%m.%Y}"

    @property
    def passed(self) -> bool:
        if self.exam == Exam.LID:
            return (self.points or 0) >= LID_ORIENTATION_PASS
        return bool(self.level_reached)

    @property
    def counts_as_naturalisation_test(self) -> bool:
        return self.exam == Exam.LID and (self.points or 0) >= LID_NATURALISATION

    def clean(self) -> None:
        errors: dict[str, object] = {}
        rule = EXAM_RULES.get(self.exam)
        if self.taken_on and self.taken_on > timezone.localdate():
            errors["taken_on"] = _("An exam result cannot be recorded before the exam.")
        if rule is not None:
            if self.level_reached and self.level_reached not in rule.levels:
                errors["level_reached"] = (
                    _("This exam certifies no language level.")
                    if not rule.levels
                    else _("This exam certifies only %(levels)s.")
                    % {"levels": ", ".join(rule.levels)}
                )
            if rule.max_points is None and self.points is not None:
                errors["points"] = _("This exam has no points; enter the level reached.")
            elif rule.max_points is not None and (self.points or 0) > rule.max_points:
                errors["points"] = _("Enter between 0 and %(max)s points.") % {
                    "max": rule.max_points
                }
            if self.exam == Exam.LID and self.points is None:
                errors["points"] = _("Enter the points of 33 questions answered correctly.")
        if self.exam == Exam.OTHER and not self.certificate:
            errors["certificate"] = _("Name the certificate.")
        enrolment = self.enrolment if self.enrolment_id else None
        if enrolment is not None and self.person_id and enrolment.person_id != self.person_id:
            errors["enrolment"] = _("This enrolment belongs to someone else.")
        if errors:
            raise ValidationError(errors)


class LevelRecord(AuditedModel):
    """A German level at a date: from an exam, a placement test, or self-assessed."""

    class Source(models.TextChoices):
        EXAM = "exam", _("exam")
        PLACEMENT_TEST = "placement_test", _("placement test")
        SELF_ASSESSED = "self", _("self-assessed")
        CASEWORKER = "caseworker", _("caseworker's estimate")

    TESTED = (Source.EXAM, Source.PLACEMENT_TEST)

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "level": "personal",
        "assessed_on": "personal",
        "source": "personal",
        "exam_result": "identifier",
        "test_name": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="german_levels"
    )
    level = models.CharField(_("German level"), max_length=2, choices=CEFR)
    assessed_on = models.DateField(_("assessed on"))
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    exam_result = models.OneToOneField(
        ExamResult,
        verbose_name=_("exam result"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="level_record",
    )
    test_name = models.CharField(_("test"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("German level")
        verbose_name_plural = _("German levels")
        ordering = ["-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.level} ({self.get_source_display()})"

    @property
    def tested(self) -> bool:
        return self.source in self.TESTED

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.assessed_on and self.assessed_on > timezone.localdate():
            errors["assessed_on"] = _("The date cannot be in the future.")
        if self.source == self.Source.PLACEMENT_TEST and not self.test_name:
            errors["test_name"] = _("Name the placement test.")
        if errors:
            raise ValidationError(errors)


class AssignmentRun(AuditedModel):
    """One computation of the fair seat assignment over the waiting pool and open seats."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        SUPERSEDED = "superseded", _("replaced by a newer proposal")

    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "created_by": "internal",
        "created_at": "internal",
        "status": "internal",
        "weights": "internal",
        "waiting": "internal",
        "seats": "internal",
        "placed": "internal",
        "fcfs_placed": "internal",
        "objective": "internal",
        "fcfs_objective": "internal",
        "gap": "internal",
        "solve_seconds": "internal",
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("computed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("computed at"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    weights = models.JSONField(_("weights"), default=dict)
    waiting = models.PositiveIntegerField(_("persons waiting"))
    seats = models.PositiveIntegerField(_("open seats"))
    placed = models.PositiveIntegerField(_("persons placed"))
    fcfs_placed = models.PositiveIntegerField(_("placed first come, first served"))
    objective = models.FloatField(_("total points"))
    fcfs_objective = models.FloatField(_("total points first come, first served"))
    gap = models.FloatField(_("optimality gap"))
    solve_seconds = models.FloatField(_("solve time in seconds"))

    class Meta:
        verbose_name = _("seat assignment")
        verbose_name_plural = _("seat assignments")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.created_at:%d.%m.%Y %H:%M}"


class Proposal(AuditedModel):
    """One waiting person in a run: the proposed seat (or none) and why."""

    PRIVACY = {
        "id": "identifier",
        "run": "identifier",
        "waiting_entry": "identifier",
        "person": "identifier",
        "course": "personal",
        "points": "personal",
        "breakdown": "personal",
        "options": "personal",
        "enrolment": "identifier",
        "confirmed_by": "internal",
        "confirmed_at": "internal",
    }

    run = models.ForeignKey(
        AssignmentRun,
        verbose_name=_("seat assignment"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    waiting_entry = models.ForeignKey(
        WaitingEntry,
        verbose_name=_("waiting-list entry"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        Course,
        verbose_name=_("proposed course"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    points = models.FloatField(_("points"), null=True, blank=True)
    breakdown = models.JSONField(_("points by component"), default=dict, blank=True)
    options = models.JSONField(_("courses considered"), default=list, blank=True)
    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal",
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed seat")
        verbose_name_plural = _("proposed seats")
        ordering = ["-points", "id"]

    def __str__(self) -> str:
        return f"{self.run}: {self.person_id} → {self.course_id or '-'}"

    def audit_person_id(self) -> int | None:
        return self.person_id
