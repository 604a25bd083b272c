"""The labour market: employers with their sites and contact persons, vacancies coded in ESCO,
persons' coded work experience, proposals to employers (with consent), placements and the
follow-up contacts that show whether a job lasts.

An employer is an `Organisation` of kind employer; its staff are users with the role employer
and that organisation. They see their own vacancies and the proposals made to them, nothing else.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.core.audit import AuditedModel
from wegweiser.core.models import Municipality
from wegweiser.core.places import Place
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Consent, LanguageLevel, Person

CEFR = LanguageLevel.choices[:6]  # A1 … C2
FOLLOW_UP_MONTHS = (1, 3, 6, 12)
SUSTAINED_MONTHS = (6, 12)


class Sector(models.TextChoices):
    """Economic sections after WZ 2008 (NACE), grouped as the centre talks about them."""

    AGRICULTURE = "A", _("agriculture and forestry")
    MANUFACTURING = "C", _("manufacturing")
    ENERGY = "D", _("energy and water supply")
    CONSTRUCTION = "F", _("construction and crafts")
    TRADE = "G", _("trade and car repair")
    LOGISTICS = "H", _("transport and logistics")
    HOSPITALITY = "I", _("hotels and restaurants")
    IT = "J", _("information and communication")
    SERVICES = "N", _("business services and cleaning")
    PUBLIC = "O", _("public administration")
    EDUCATION = "P", _("education")
    HEALTH = "Q", _("health and social care")
    OTHER = "S", _("other services")


class EmployerChannel(models.TextChoices):
    DIRECT = "direct", _("directly")
    DEVELOPMENT_AGENCY = "development_agency", _("economic development agency")
    CHAMBER = "chamber", _("chamber (IHK, HWK)")
    JOB_FAIR = "job_fair", _("job fair")
    OTHER = "other", _("other way")


class Hours(models.TextChoices):
    FULL_TIME = "full_time", _("full-time")
    PART_TIME = "part_time", _("part-time")
    SHIFTS = "shifts", _("shift work")


class Duration(models.TextChoices):
    PERMANENT = "permanent", _("permanent")
    FIXED_TERM = "fixed_term", _("fixed-term")
    APPRENTICESHIP = "apprenticeship", _("apprenticeship")
    INTERNSHIP = "internship", _("internship")
    TRIAL_WORK = "trial_work", _("trial work")


class WageBand(models.TextChoices):
    MINIMUM = "minimum", _("minimum wage")
    UP_TO_15 = "to_15", _("up to 15 € per hour")
    UP_TO_20 = "to_20", _("15 to 20 € per hour")
    ABOVE_20 = "above_20", _("more than 20 € per hour")
    TRAINING = "training", _("training allowance")


class Employer(AuditedModel):
    """An employer the centre works with: the partner organisation and what we know of it."""

    WRITABLE = ("sector", "municipality", "channel", "little_german_ok", "notes")
    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "sector": "internal",
        "municipality": "internal",
        "channel": "internal",
        "little_german_ok": "internal",
        "notes": "internal",
        "created_at": "internal",
        "updated_at": "internal",
    }

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="employer",
    )
    sector = models.CharField(_("sector"), max_length=2, choices=Sector.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality (head office)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    channel = models.CharField(
        _("how the employer came to us"),
        max_length=32,
        choices=EmployerChannel.choices,
        default=EmployerChannel.DIRECT,
    )
    little_german_ok = models.BooleanField(
        _("hires people with little German"),
        default=False,
        help_text=_("The employer has said that basic German is enough to start."),
    )
    notes = models.TextField(_("notes"), max_length=4000, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != Organisation.Kind.EMPLOYER:
            raise ValidationError({"organisation": _("Choose an organisation of kind employer.")})


class EmployerSite(Place):
    """A place of work: a branch, a warehouse, a care home."""

    WRITABLE = ("name", "street", "municipality")
    PRIVACY = {**Place.PRIVACY, "employer": "internal"}

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="sites"
    )

    class Meta(Place.Meta):
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="employer_site_unique")
        ]


class EmployerContact(AuditedModel):
    """A contact person at the employer (their staff's data, not a client's)."""

    WRITABLE = ("name", "function", "phone", "email")
    PRIVACY = {
        "id": "identifier",
        "employer": "internal",
        "name": "personal",
        "function": "personal",
        "phone": "personal",
        "email": "personal",
    }

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Vacancy(AuditedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    PRIVACY = {
        "id": "identifier",
        "employer": "internal",
        "site": "internal",
        "municipality": "internal",
        "title": "internal",
        "occupation": "internal",
        "kldb_code": "internal",
        "german_level": "internal",
        "hours": "internal",
        "starts_on": "internal",
        "duration": "internal",
        "recognition_required": "internal",
        "driving_licence_required": "internal",
        "wage_band": "internal",
        "positions": "internal",
        "description": "internal",
        "status": "internal",
        "created_by": "internal",
        "created_at": "internal",
        "updated_at": "internal",
    }

    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="vacancies"
    )
    site = models.ForeignKey(
        EmployerSite,
        verbose_name=_("site"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="vacancies",
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("place of work"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField(_("job title (as the employer wrote it)"), max_length=200)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation (ESCO)"),
        on_delete=models.PROTECT,
        related_name="vacancies",
    )
    kldb_code = models.CharField(_("KldB 2010 code"), max_length=5, blank=True)
    german_level = models.CharField(
        _("German level required"), max_length=8, choices=CEFR, blank=True
    )
    hours = models.CharField(_("working hours"), max_length=16, choices=Hours.choices)
    starts_on = models.DateField(_("start date"))
    duration = models.CharField(_("duration"), max_length=16, choices=Duration.choices)
    recognition_required = models.BooleanField(
        _("recognised qualification required"), default=False
    )
    driving_licence_required = models.BooleanField(_("driving licence required"), default=False)
    wage_band = models.CharField(
        _("wage band"), max_length=16, choices=WageBand.choices, blank=True
    )
    positions = models.PositiveSmallIntegerField(
        _("positions"), default=1, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    description = models.TextField(_("description"), max_length=4000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Read by the matching cache: a change of any open vacancy moves its newest value.
    updated_at = models.DateTimeField(_("changed"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "occupation"], name="vacancy_status_occ_idx"),
            models.Index(fields=["status", "updated_at"], name="vacancy_status_changed_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.site is not None and self.employer_id and self.site.employer_id != self.employer_id:
            raise ValidationError({"site": _("Choose one of this employer's sites.")})
        if self.occupation_id and not self.kldb_code:
            self.kldb_code = self.occupation.kldb_code


class Experience(AuditedModel):
    """A person's work experience, training or wish, coded as an ESCO occupation."""

    class Kind(models.TextChoices):
        WORKED = "worked", _("worked in it")
        TRAINED = "trained", _("trained for it")
        WANTED = "wanted", _("wants to work in it")

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "title": "personal",
        "occupation": "personal",
        "years": "personal",
        "country": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="experiences"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.WORKED)
    title = models.CharField(_("job title (as the person told it)"), max_length=200)
    occupation = models.ForeignKey(
        Occupation,
        verbose_name=_("occupation (ESCO)"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    years = models.DecimalField(
        _("years"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    country = models.CharField(_("country"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("work experience")
        verbose_name_plural = _("work experience")
        ordering = ["kind", "-years", "id"]

    def __str__(self) -> str:
        return self.title


class JobProposal(AuditedModel):
    """A Vermittlungsvorschlag: the centre proposes a person to an employer for a vacancy."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        APPLIED = "applied", _("applied")
        INTERVIEW = "interview", _("interview")
        TRIAL_WORK = "trial_work", _("trial work")
        HIRED = "hired", _("hired")
        NOT_HIRED = "not_hired", _("not hired")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class NotHiredReason(models.TextChoices):
        LANGUAGE = "language", _("German not yet sufficient")
        QUALIFICATION = "qualification", _("qualification does not fit")
        OTHER_CANDIDATE = "other_candidate", _("another candidate was chosen")
        PERSON_DECLINED = "person_declined", _("the person declined")
        NO_SHOW = "no_show", _("the person did not come")
        PERMIT = "permit", _("work permission was not granted")
        OTHER = "other", _("other reason")

    ENDED = (Status.HIRED, Status.NOT_HIRED, Status.WITHDRAWN)
    TRANSITIONS: dict[str, set[str]] = {
        Status.PROPOSED: {Status.APPLIED, Status.INTERVIEW, Status.TRIAL_WORK, Status.HIRED}
        | {Status.NOT_HIRED, Status.WITHDRAWN},
        Status.APPLIED: {Status.INTERVIEW, Status.TRIAL_WORK, Status.HIRED, Status.NOT_HIRED}
        | {Status.WITHDRAWN},
        Status.INTERVIEW: {Status.TRIAL_WORK, Status.HIRED, Status.NOT_HIRED, Status.WITHDRAWN},
        Status.TRIAL_WORK: {Status.HIRED, Status.NOT_HIRED, Status.WITHDRAWN},
        Status.HIRED: set(),
        Status.NOT_HIRED: set(),
        Status.WITHDRAWN: set(),
    }

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "vacancy": "identifier",
        "employer": "internal",
        "consent": "identifier",
        "status": "personal",
        "reason": "personal",
        "message": "personal",
        "proposed_by": "internal",
        "proposed_on": "personal",
        "updated_on": "personal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="job_proposals"
    )
    vacancy = models.ForeignKey(
        Vacancy, verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="proposals"
    )
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="proposals"
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent on record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED
    )
    reason = models.CharField(
        _("reason"), max_length=32, choices=NotHiredReason.choices, blank=True
    )
    message = models.CharField(_("message to the employer"), max_length=1000, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    proposed_on = models.DateField(_("proposed on"))
    updated_on = models.DateField(_("last step on"))

    class Meta:
        verbose_name = _("job proposal")
        verbose_name_plural = _("job proposals")
        ordering = ["-proposed_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "vacancy"],
                condition=~Q(status__in=["not_hired", "withdrawn"]),
                name="proposal_one_running_per_vacancy",
            ),
            models.CheckConstraint(
                condition=Q(status="not_hired") | Q(reason=""),
                name="proposal_reason_only_when_not_hired",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vacancy} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status not in self.ENDED


class ProposalStep(AuditedModel):
    """One dated step of a proposal; the history is never changed."""

    PRIVACY = {
        "id": "identifier",
        "proposal": "identifier",
        "status": "personal",
        "on": "personal",
        "note": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    proposal = models.ForeignKey(
        JobProposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="steps"
    )
    status = models.CharField(_("status"), max_length=16, choices=JobProposal.Status.choices)
    on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=1000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal step")
        verbose_name_plural = _("proposal steps")
        ordering = ["on", "id"]

    def audit_person_id(self) -> int | None:
        return self.proposal.person_id


class Funding(models.TextChoices):
    NONE = "none", _("none")
    INTEGRATION_SUBSIDY = "integration_subsidy", _("integration subsidy (§ 88 SGB III)")
    PARTICIPATION = "participation", _("participation in working life (§ 16i SGB II)")
    LONG_TERM = "long_term", _("integration of the long-term unemployed (§ 16e SGB II)")
    APPRENTICESHIP_SUPPORT = "apprenticeship_support", _("assisted apprenticeship (§ 74 SGB III)")
    OTHER = "other", _("other funding")


class Placement(AuditedModel):
    """A person started work. Follow-up contacts at 1, 3, 6 and 12 months show if it lasts."""

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "employer": "personal",
        "vacancy": "identifier",
        "proposal": "identifier",
        "occupation": "personal",
        "starts_on": "personal",
        "contract": "personal",
        "hours": "personal",
        "wage_band": "personal",
        "funding": "personal",
        "ended_on": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="placements"
    )
    employer = models.ForeignKey(
        Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="placements"
    )
    vacancy = models.ForeignKey(
        Vacancy,
        verbose_name=_("vacancy"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    proposal = models.OneToOneField(
        JobProposal,
        verbose_name=_("proposal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
    )
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation (ESCO)"), on_delete=models.PROTECT, related_name="+"
    )
    starts_on = models.DateField(_("start of work"))
    contract = models.CharField(_("contract type"), max_length=16, choices=Duration.choices)
    hours = models.CharField(_("working hours"), max_length=16, choices=Hours.choices)
    wage_band = models.CharField(
        _("wage band"), max_length=16, choices=WageBand.choices, blank=True
    )
    funding = models.CharField(
        _("funding"), max_length=32, choices=Funding.choices, default=Funding.NONE
    )
    ended_on = models.DateField(_("employment ended on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["starts_on"], name="placement_starts_on")]

    def __str__(self) -> str:
        starts = date_format(self.starts_on, "SHORT_DATE_FORMAT")
        return f"{self.employer} ({starts})"

    def clean(self) -> None:
        if self.ended_on and self.starts_on and self.ended_on < self.starts_on:
            raise ValidationError({"ended_on": _("Employment cannot end before it started.")})
        if (
            self.vacancy is not None
            and self.employer_id
            and self.vacancy.employer_id != self.employer_id
        ):
            raise ValidationError({"vacancy": _("Choose one of this employer's vacancies.")})


class FollowUp(AuditedModel):
    """A check-in after the start of work: is the person still employed, and how is it going."""

    class Problem(models.TextChoices):
        LANGUAGE = "language", _("language at work")
        SHIFTS = "shifts", _("shifts and working hours")
        CHILDCARE = "childcare", _("childcare")
        RECOGNITION = "recognition", _("recognition of qualifications")
        COMMUTE = "commute", _("getting to work")
        TEAM = "team", _("team and supervisor")
        HEALTH = "health", _("health")
        OTHER = "other", _("other problem")

    PRIVACY = {
        "id": "identifier",
        "placement": "identifier",
        "month": "internal",
        "due_on": "personal",
        "contacted_on": "personal",
        "still_employed": "personal",
        "employer_now": "personal",
        "problems": "personal",
        "note": "personal",
        "recorded_by": "internal",
    }

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    month = models.PositiveSmallIntegerField(
        _("months after the start"), choices=[(m, str(m)) for m in FOLLOW_UP_MONTHS]
    )
    due_on = models.DateField(_("due on"))
    contacted_on = models.DateField(_("contacted on"), null=True, blank=True)
    still_employed = models.BooleanField(_("still employed"), null=True, blank=True)
    employer_now = models.CharField(
        _("employed with (if another employer)"), max_length=200, blank=True
    )
    problems = models.JSONField(_("problems"), default=list, blank=True)
    note = models.CharField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("follow-up contact")
        verbose_name_plural = _("follow-up contacts")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "month"], name="follow_up_once_per_month")
        ]

    def __str__(self) -> str:
        due = date_format(self.due_on, "SHORT_DATE_FORMAT")
        return f"{self.month} ({due})"

    def audit_person_id(self) -> int | None:
        return self.placement.person_id

    @property
    def is_done(self) -> bool:
        return self.contacted_on is not None

    def problem_labels(self) -> list[str]:
        labels = dict(self.Problem.choices)
        return [str(labels.get(code, code)) for code in self.problems]
