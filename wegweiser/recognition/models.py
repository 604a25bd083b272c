"""Foreign qualifications and the procedures that recognise them (Anerkennung).

A qualification is what a person brings (school, vocational or academic, coded to an ESCO
occupation); a recognition procedure compares one with a German reference occupation before
a competent authority, from counselling to the decision and a compensatory measure. The stage
of a procedure follows from its dates; the statutory decision period is computed, not stored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wegweiser.core.audit import AuditedModel
from wegweiser.core.dates import add_months
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Person

# §6 Abs. 3 BQFG: the authority decides within three months of receiving the complete
# documents; the period may be extended once, "angemessen", when the particular case justifies
# it (the provisions for regulated professions refer to the same rule). The statute sets no
# maximum for the extension; Wegweiser records the new date the authority gives and refuses
# one more than three months beyond the statutory date as implausible (our limit, not the
# statute's).
DECISION_PERIOD_MONTHS = 3
EXTENSION_MAX_MONTHS = 3
DECISION_NEAR_DAYS = 14  # "a decision is near": the person page warns this many days ahead
ADAPTATION_COURSE_MAX_YEARS = 3  # adaptation period of up to 3 years (Art. 14 Dir. 2005/36/EC)
EARLIEST_YEAR = 1940


class QualificationKind(models.TextChoices):
    SCHOOL = "school", _("school")
    VOCATIONAL = "vocational", _("vocational")
    ACADEMIC = "academic", _("academic")


class Isced(models.TextChoices):
    """ISCED 2011 levels of education."""

    EARLY_CHILDHOOD = "0", _("0 early childhood education")
    PRIMARY = "1", _("1 primary education")
    LOWER_SECONDARY = "2", _("2 lower secondary education")
    UPPER_SECONDARY = "3", _("3 upper secondary education")
    POST_SECONDARY = "4", _("4 post-secondary non-tertiary education")
    SHORT_TERTIARY = "5", _("5 short-cycle tertiary education")
    BACHELOR = "6", _("6 bachelor's or equivalent level")
    MASTER = "7", _("7 master's or equivalent level")
    DOCTORAL = "8", _("8 doctoral or equivalent level")


class Dqr(models.IntegerChoices):
    """Levels of the German Qualifications Framework (DQR), 1 to 8."""

    L1 = 1, _("DQR 1")
    L2 = 2, _("DQR 2")
    L3 = 3, _("DQR 3")
    L4 = 4, _("DQR 4")
    L5 = 5, _("DQR 5")
    L6 = 6, _("DQR 6")
    L7 = 7, _("DQR 7")
    L8 = 8, _("DQR 8")


class Qualification(AuditedModel):
    """A school, vocational or academic qualification a person acquired abroad (or here)."""

    WRITABLE = (
        "kind",
        "country",
        "title_original",
        "title_german",
        "institution",
        "year_from",
        "year_to",
        "isced_level",
        "dqr_level",
        "occupation",
        "has_original",
        "has_certified_translation",
    )
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "country": "personal",
        "title_original": "personal",
        "title_german": "personal",
        "institution": "personal",
        "year_from": "personal",
        "year_to": "personal",
        "isced_level": "personal",
        "dqr_level": "personal",
        "occupation": "personal",
        "has_original": "personal",
        "has_certified_translation": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="qualifications"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=QualificationKind.choices)
    country = CountryField(_("country"))
    title_original = models.CharField(
        _("original title"),
        max_length=300,
        help_text=_("As on the certificate, in the original script."),
    )
    title_german = models.CharField(_("German translation of the title"), max_length=300)
    institution = models.CharField(_("institution"), max_length=300, blank=True)
    year_from = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    year_to = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    isced_level = models.CharField(
        _("ISCED 2011 level"), max_length=1, choices=Isced.choices, blank=True
    )
    dqr_level = models.PositiveSmallIntegerField(
        _("DQR level"), choices=Dqr.choices, null=True, blank=True
    )
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    has_original = models.BooleanField(_("original documents available"), default=False)
    has_certified_translation = models.BooleanField(
        _("certified translation available"), default=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        ordering = ["-year_to", "-id"]

    def __str__(self) -> str:
        return self.title_german or self.title_original

    def clean(self) -> None:
        errors: dict[str, object] = {}
        latest = timezone.localdate().year + 10  # a qualification may still be in progress
        for name in ("year_from", "year_to"):
            year = getattr(self, name)
            if year is not None and not EARLIEST_YEAR <= year <= latest:
                errors[name] = _("Give a year between %(first)s and %(last)s.") % {
                    "first": EARLIEST_YEAR,
                    "last": latest,
                }
        if self.year_from and self.year_to and self.year_to < self.year_from:
            errors["year_to"] = _("'To' must not be before 'from'.")
        if errors:
            raise ValidationError(errors)


class GermanState(models.TextChoices):
    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bavaria")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hesse")
    MV = "MV", _("Mecklenburg-Western Pomerania")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")
    RP = "RP", _("Rhineland-Palatinate")
    SL = "SL", _("Saarland")
    SN = "SN", _("Saxony")
    ST = "ST", _("Saxony-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thuringia")
    FEDERAL = "federal", _("nationwide")


class CompetentAuthority(models.Model):
    """An authority that decides on recognition (reference data an administrator maintains)."""

    name = models.CharField(_("name"), max_length=300)
    state = models.CharField(_("state"), max_length=8, choices=GermanState.choices)
    responsible_for = models.TextField(
        _("responsible for"), help_text=_("Occupations or groups of occupations.")
    )
    address = models.TextField(_("address"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    kldb_areas = models.CharField(
        _("KldB areas"),
        max_length=300,
        blank=True,
        help_text=_(
            "Occupations it decides on, as KldB 2010 code prefixes separated by spaces; "
            "'@' and requirement levels restrict a prefix (e.g. '25@4' engineers in "
            "mechanical engineering, '@4' every expert occupation)."
        ),
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("competent authority")
        verbose_name_plural = _("competent authorities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def specificity(self, kldb_code: str) -> int:
        """How closely the authority's areas name a KldB code: the length of the longest
        matching prefix plus one (a bare level counts 1); 0 when none matches."""
        best = 0
        for area in self.kldb_areas.split():
            prefix, _sep, levels = area.partition("@")
            level = kldb_code[4:5]
            if kldb_code.startswith(prefix) and (not levels or level in levels):
                best = max(best, len(prefix) + 1)
        return best


class Outcome(models.TextChoices):
    FULL = "full", _("full equivalence")
    PARTIAL = "partial", _("partial equivalence")
    NONE = "none", _("no equivalence")
    REJECTED = "rejected", _("application rejected")


class Measure(models.TextChoices):
    ADAPTATION_COURSE = "adaptation_course", _("adaptation course")
    KNOWLEDGE_TEST = "knowledge_test", _("knowledge test")
    APTITUDE_TEST = "aptitude_test", _("aptitude test")


class FeePayer(models.TextChoices):
    PERSON = "person", _("the person")
    JOB_CENTRE = "job_centre", _("job centre")
    EMPLOYMENT_AGENCY = "employment_agency", _("employment agency")
    EMPLOYER = "employer", _("employer")
    GRANT = "grant", _("recognition grant")
    OTHER = "other", _("other")


class Stage(models.TextChoices):
    COUNSELLING = "counselling", _("counselling")
    DOCUMENTS_COMPLETE = "documents_complete", _("documents complete")
    SUBMITTED = "submitted", _("application submitted")
    DOCUMENTS_REQUESTED = "documents_requested", _("documents requested")
    DECIDED = "decided", _("decision")
    MEASURE = "measure", _("compensatory measure")
    COMPLETED = "completed", _("completed")


class RecognitionProcedure(AuditedModel):
    """One application for recognition of a qualification against a German occupation."""

    WRITABLE = (
        "qualification",
        "reference_occupation",
        "reference_title",
        "regulated",
        "authority",
        "file_reference",
        "counselling_on",
        "documents_complete_on",
        "application_submitted_on",
        "documents_requested_on",
        "documents_supplied_on",
        "extended_until",
        "decision_on",
        "outcome",
        "measure",
        "measure_starts_on",
        "measure_ends_on",
        "completed_on",
        "fee_amount",
        "fee_payer",
    )
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "qualification": "identifier",
        "reference_occupation": "personal",
        "reference_title": "personal",
        "regulated": "personal",
        "authority": "personal",
        "file_reference": "personal",
        "counselling_on": "personal",
        "documents_complete_on": "personal",
        "application_submitted_on": "personal",
        "documents_requested_on": "personal",
        "documents_supplied_on": "personal",
        "extended_until": "personal",
        "decision_on": "personal",
        "outcome": "personal",
        "measure": "personal",
        "measure_starts_on": "personal",
        "measure_ends_on": "personal",
        "completed_on": "personal",
        "fee_amount": "personal",
        "fee_payer": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="recognition_procedures",
    )
    qualification = models.ForeignKey(
        Qualification,
        verbose_name=_("qualification"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="procedures",
    )
    reference_occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("German reference occupation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reference_title = models.CharField(
        _("reference occupation as the authority names it"), max_length=300, blank=True
    )
    regulated = models.BooleanField(
        _("regulated profession"),
        default=False,
        help_text=_("Recognition is required to work in a regulated profession."),
    )
    authority = models.ForeignKey(
        CompetentAuthority,
        verbose_name=_("competent authority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
    )
    file_reference = models.CharField(_("file reference"), max_length=100, blank=True)
    counselling_on = models.DateField(_("counselling"), null=True, blank=True)
    documents_complete_on = models.DateField(_("documents complete"), null=True, blank=True)
    application_submitted_on = models.DateField(_("application submitted"), null=True, blank=True)
    documents_requested_on = models.DateField(
        _("further documents requested"), null=True, blank=True
    )
    documents_supplied_on = models.DateField(
        _("requested documents supplied"), null=True, blank=True
    )
    extended_until = models.DateField(
        _("decision period extended until"),
        null=True,
        blank=True,
        help_text=_("Only once, as the authority has notified it."),
    )
    decision_on = models.DateField(_("decision"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    measure = models.CharField(
        _("compensatory measure"), max_length=24, choices=Measure.choices, blank=True
    )
    measure_starts_on = models.DateField(_("measure starts"), null=True, blank=True)
    measure_ends_on = models.DateField(_("measure ends"), null=True, blank=True)
    completed_on = models.DateField(_("completed"), null=True, blank=True)
    fee_amount = models.DecimalField(
        _("fees (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100000))],
    )
    fee_payer = models.CharField(
        _("fees paid by"), max_length=24, choices=FeePayer.choices, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("recognition procedure")
        verbose_name_plural = _("recognition procedures")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.reference_title or str(self.reference_occupation or _("recognition"))

    # -- the decision period ------------------------------------------------------------------

    @property
    def period_starts_on(self) -> dt.date | None:
        """The day the authority had the complete documents: the submission or the later day
        the documents were complete, or the day requested documents were supplied."""
        if self.application_submitted_on is None:
            return None
        if self.documents_requested_on is not None:
            return self.documents_supplied_on
        if self.documents_complete_on is None:
            return None
        return max(self.application_submitted_on, self.documents_complete_on)

    @property
    def statutory_due_on(self) -> dt.date | None:
        start = self.period_starts_on
        return add_months(start, DECISION_PERIOD_MONTHS) if start else None

    @property
    def decision_due_on(self) -> dt.date | None:
        """When the decision is due: the statutory date, or the one extension."""
        if self.statutory_due_on is None:
            return None
        return self.extended_until or self.statutory_due_on

    @property
    def awaiting_decision(self) -> bool:
        return self.decision_on is None and self.decision_due_on is not None

    def days_to_decision(self, today: dt.date | None = None) -> int | None:
        """Days until the decision is due (negative when overdue); None when not running."""
        due = self.decision_due_on
        if due is None or self.decision_on is not None:
            return None
        return (due - (today or timezone.localdate())).days

    def is_overdue(self, today: dt.date | None = None) -> bool:
        days = self.days_to_decision(today)
        return days is not None and days < 0

    def decision_near(self, today: dt.date | None = None) -> bool:
        days = self.days_to_decision(today)
        return days is not None and 0 <= days <= DECISION_NEAR_DAYS

    @property
    def stage(self) -> str:
        """The latest stage the dates show."""
        if self.completed_on:
            return Stage.COMPLETED
        if self.measure:
            return Stage.MEASURE
        if self.decision_on:
            return Stage.DECIDED
        if self.documents_requested_on and not self.documents_supplied_on:
            return Stage.DOCUMENTS_REQUESTED
        if self.application_submitted_on:
            return Stage.SUBMITTED
        if self.documents_complete_on:
            return Stage.DOCUMENTS_COMPLETE
        return Stage.COUNSELLING

    def get_stage_display(self) -> str:
        return str(Stage(self.stage).label)

    # -- validation ----------------------------------------------------------------------------

    def clean(self) -> None:
        """The procedure's dates follow its course (counselling, application, documents,
        decision, measure, completion); each stage's rules are checked in its own method."""
        errors: dict[str, object] = {}
        self._check_no_future_dates(errors)
        qualification = self.qualification if self.qualification_id else None
        if qualification is not None and qualification.person_id != self.person_id:
            errors["qualification"] = _("Choose one of this person's qualifications.")

        self._check_documents(errors)
        self._check_extension(errors)
        self._check_decision(errors)
        self._check_measure(errors)
        self._check_completion(errors)
        if self.fee_amount and not self.fee_payer:
            errors["fee_payer"] = _("Say who pays the fees.")
        if errors:
            raise ValidationError(errors)

    def _not_before(
        self, errors: dict[str, object], field: str, earlier: str, message: object
    ) -> None:
        later_day, earlier_day = getattr(self, field), getattr(self, earlier)
        if later_day and earlier_day and later_day < earlier_day and field not in errors:
            errors[field] = message

    def _check_no_future_dates(self, errors: dict[str, object]) -> None:
        """Every recorded step has happened already."""
        today = timezone.localdate()
        for name in (
            "counselling_on",
            "documents_complete_on",
            "application_submitted_on",
            "documents_requested_on",
            "documents_supplied_on",
            "decision_on",
            "completed_on",
        ):
            day = getattr(self, name)
            if day and day > today:
                errors[name] = _("This date is in the future.")

    def _check_documents(self, errors: dict[str, object]) -> None:
        """Application, request for documents and their supply in order."""
        self._not_before(
            errors,
            "application_submitted_on",
            "counselling_on",
            _("The application cannot be submitted before the counselling."),
        )
        if self.documents_requested_on and not self.application_submitted_on:
            errors["documents_requested_on"] = _(
                "Documents can only be requested after the application was submitted."
            )
        self._not_before(
            errors,
            "documents_requested_on",
            "application_submitted_on",
            _("Documents cannot be requested before the application was submitted."),
        )
        if self.documents_supplied_on and not self.documents_requested_on:
            errors["documents_supplied_on"] = _("No documents were requested.")
        self._not_before(
            errors,
            "documents_supplied_on",
            "documents_requested_on",
            _("Documents cannot be supplied before they were requested."),
        )

    def _check_extension(self, errors: dict[str, object]) -> None:
        """An extension of the decision period is plausible."""
        if self.extended_until:
            statutory = self.statutory_due_on
            if statutory is None:
                errors["extended_until"] = _(
                    "The decision period runs only once the authority has the complete documents."
                )
            elif self.extended_until <= statutory:
                errors["extended_until"] = _(
                    "An extension ends after the statutory date (%(due)s)."
                ) % {"due": statutory.isoformat()}
            elif self.extended_until > add_months(statutory, EXTENSION_MAX_MONTHS):
                errors["extended_until"] = _(
                    "An extension of more than %(months)s months is not plausible."
                ) % {"months": EXTENSION_MAX_MONTHS}

    def _check_decision(self, errors: dict[str, object]) -> None:
        """A decision follows the application and has an outcome."""
        if self.decision_on:
            if not self.application_submitted_on:
                errors["decision_on"] = _("There is no decision without a submitted application.")
            self._not_before(
                errors,
                "decision_on",
                "application_submitted_on",
                _("The decision cannot come before the application was submitted."),
            )
            self._not_before(
                errors,
                "decision_on",
                "documents_supplied_on",
                _("The decision cannot come before the requested documents were supplied."),
            )
            if not self.outcome:
                errors["outcome"] = _("Give the outcome of the decision.")
        elif self.outcome:
            errors["decision_on"] = _("Give the date of the decision.")

    def _check_measure(self, errors: dict[str, object]) -> None:
        """A compensatory measure follows a partial or negative decision."""
        if self.measure:
            if self.outcome not in (Outcome.PARTIAL, Outcome.NONE):
                errors["measure"] = _(
                    "A compensatory measure follows a decision of partial or no equivalence."
                )
            self._not_before(
                errors,
                "measure_starts_on",
                "decision_on",
                _("The measure cannot start before the decision."),
            )
            self._not_before(
                errors,
                "measure_ends_on",
                "measure_starts_on",
                _("The measure cannot end before it starts."),
            )
            if (
                self.measure == Measure.ADAPTATION_COURSE
                and self.measure_starts_on
                and self.measure_ends_on
                and self.measure_ends_on
                > add_months(self.measure_starts_on, 12 * ADAPTATION_COURSE_MAX_YEARS)
                and "measure_ends_on" not in errors
            ):
                errors["measure_ends_on"] = _(
                    "An adaptation course lasts at most %(years)s years."
                ) % {"years": ADAPTATION_COURSE_MAX_YEARS}
        elif self.measure_starts_on or self.measure_ends_on:
            errors["measure"] = _("Choose the compensatory measure.")

    def _check_completion(self, errors: dict[str, object]) -> None:
        """Completion follows the decision and the measure."""
        if self.completed_on:
            if not self.decision_on:
                errors["completed_on"] = _("A procedure is completed only after the decision.")
            self._not_before(
                errors,
                "completed_on",
                "decision_on",
                _("The procedure cannot be completed before the decision."),
            )
            self._not_before(
                errors,
                "completed_on",
                "measure_ends_on",
                _("The procedure cannot be completed before the measure ends."),
            )
