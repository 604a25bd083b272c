"""The partner directory and referrals.

A partner is an `accounts.Organisation` with a directory profile (`Partner`, one to one), so
the consents already recorded for that organisation (`people.Consent.recipient`) are the
consents a referral to the partner relies on. Its staff are users with the role partner and
that organisation: they see the referrals made to it while the consent (or the named legal
basis) stands, and nothing else.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.core.audit import AuditedModel
from wegweiser.core.models import Municipality
from wegweiser.people.models import Consent, Person
from wegweiser.recognition.models import CompetentAuthority


class PartnerKind(models.TextChoices):
    IMMIGRATION_OFFICE = "immigration_office", _("immigration office")
    INTEGRATION_OFFICER = "integration_officer", _("integration officer")
    JOB_CENTRE = "job_centre", _("job centre")
    EMPLOYMENT_AGENCY = "employment_agency", _("employment agency")
    YOUTH_MIGRATION = "youth_migration", _("youth migration service")
    MIGRATION_COUNSELLING = "migration_counselling", _("migration counselling for adults")
    WELFARE = "welfare", _("welfare organisation")
    CHAMBER = "chamber", _("chamber (IHK, HWK)")
    RECOGNITION_ADVICE = "recognition_advice", _("recognition advice (IQ network)")
    COMPETENT_AUTHORITY = "competent_authority", _("competent authority for recognition")
    COURSE_PROVIDER = "course_provider", _("course provider")
    EMPLOYER = "employer", _("employer")
    CHILDCARE = "childcare", _("childcare")
    SCHOOL = "school", _("school")
    INTERPRETERS = "interpreters", _("interpreters' pool")
    VOLUNTEERS = "volunteers", _("volunteers' initiative")
    OTHER = "other", _("other")


class Purpose(models.TextChoices):
    """What a person is referred for; a partner's services are named the same way."""

    COUNSELLING = "counselling", _("counselling")
    MIGRATION_COUNSELLING = "migration_counselling", _("migration counselling")
    YOUTH_SUPPORT = "youth_support", _("support for young migrants")
    RECOGNITION_ADVICE = "recognition_advice", _("recognition advice")
    RECOGNITION = "recognition", _("recognition procedure")
    DEBT_COUNSELLING = "debt_counselling", _("debt counselling")
    PSYCHOSOCIAL = "psychosocial", _("psychosocial support")
    HOUSING = "housing", _("housing")
    CHILDCARE = "childcare", _("childcare place")
    SCHOOL = "school", _("school place")
    LANGUAGE_COURSE = "language_course", _("language course")
    EMPLOYMENT = "employment", _("work and training")
    BENEFITS = "benefits", _("benefits")
    RESIDENCE = "residence", _("residence matters")
    INTERPRETING = "interpreting", _("interpreting")
    VOLUNTEER_SUPPORT = "volunteer_support", _("volunteer mentoring")
    OTHER = "other", _("other")


# The consent purpose (people.Consent.Purpose) a referral for a purpose relies on.
CONSENT_PURPOSE: dict[str, str] = {
    Purpose.RECOGNITION_ADVICE: Consent.Purpose.RECOGNITION,
    Purpose.RECOGNITION: Consent.Purpose.RECOGNITION,
    Purpose.LANGUAGE_COURSE: Consent.Purpose.COURSE_REFERRAL,
    Purpose.EMPLOYMENT: Consent.Purpose.JOB_PLACEMENT,
    Purpose.RESIDENCE: Consent.Purpose.IMMIGRATION_OFFICE,
    Purpose.COUNSELLING: Consent.Purpose.COUNSELLING,
    Purpose.MIGRATION_COUNSELLING: Consent.Purpose.COUNSELLING,
    Purpose.YOUTH_SUPPORT: Consent.Purpose.COUNSELLING,
    Purpose.DEBT_COUNSELLING: Consent.Purpose.COUNSELLING,
    Purpose.PSYCHOSOCIAL: Consent.Purpose.COUNSELLING,
}


def consent_purpose_for(purpose: str) -> str:
    return CONSENT_PURPOSE.get(purpose, Consent.Purpose.OTHER)


class Channel(models.TextChoices):
    EMAIL = "email", _("by e-mail")
    FORM = "form", _("by the partner's form")
    PHONE = "phone", _("by phone")


class Partner(AuditedModel):
    """A partner organisation's entry in the directory."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        TEMPORARILY_CLOSED = "temporarily_closed", _("temporarily closed")
        INACTIVE = "inactive", _("no longer active")

    WRITABLE = (
        "kind",
        "status",
        "services",
        "languages",
        "municipalities",
        "description",
        "address",
        "phone",
        "email",
        "website",
        "opening_hours",
        "channel",
        "how_to_refer",
        "authority",
    )
    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "kind": "internal",
        "status": "internal",
        "services": "internal",
        "languages": "internal",
        "municipalities": "internal",
        "description": "internal",
        "address": "internal",
        "phone": "internal",
        "email": "internal",
        "website": "internal",
        "opening_hours": "internal",
        "channel": "internal",
        "how_to_refer": "internal",
        "authority": "internal",
        "checked_on": "internal",
        "checked_by": "internal",
    }

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="partner",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=PartnerKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    services = models.JSONField(_("services"), default=list, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list, blank=True)
    municipalities = models.ManyToManyField(
        Municipality,
        verbose_name=_("municipalities served"),
        blank=True,
        related_name="+",
        help_text=_("None: the whole county."),
    )
    description = models.TextField(_("who it is for"), max_length=2000, blank=True)
    address = models.TextField(_("address"), max_length=500, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail for referrals"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=300, blank=True)
    channel = models.CharField(
        _("how to refer"), max_length=8, choices=Channel.choices, default=Channel.EMAIL
    )
    how_to_refer = models.CharField(
        _("referral instructions"),
        max_length=500,
        blank=True,
        help_text=_("The form's address, the documents to bring, whom to call."),
    )
    authority = models.OneToOneField(
        CompetentAuthority,
        verbose_name=_("competent authority (reference data)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partner",
    )
    checked_on = models.DateField(_("last checked"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def service_labels(self) -> list[str]:
        return [str(Purpose(code).label) for code in self.services if code in Purpose.values]

    def clean(self) -> None:
        errors: dict[str, object] = {}
        unknown = [code for code in self.services if code not in Purpose.values]
        if unknown:
            errors["services"] = _("Unknown services: %(codes)s.") % {"codes": ", ".join(unknown)}
        spoken = {code for code, _label in settings.SPOKEN_LANGUAGES} | {"de"}
        if any(code not in spoken for code in self.languages):
            errors["languages"] = _("Choose languages from the list.")
        if self.channel == Channel.EMAIL and not self.email:
            errors["email"] = _("Referrals by e-mail need the partner's e-mail address.")
        if errors:
            raise ValidationError(errors)


class PartnerContact(AuditedModel):
    """A contact person at a partner."""

    WRITABLE = ("name", "function", "email", "phone", "languages")
    PRIVACY = {
        "id": "identifier",
        "partner": "internal",
        "name": "internal",
        "function": "internal",
        "email": "internal",
        "phone": "internal",
        "languages": "internal",
    }

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(_("languages"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# What a referral may share, field by field: the field's code and label. The values are read
# from the person by `selectors.shared_data`.
SHAREABLE = (
    ("name", _("name")),
    ("date_of_birth", _("date of birth")),
    ("address", _("address")),
    ("phone", _("phone")),
    ("email", _("e-mail")),
    ("nationality", _("nationality")),
    ("languages", _("languages spoken")),
    ("letter_language", _("preferred language for letters")),
    ("residence", _("residence title")),
)
SHAREABLE_CODES = tuple(code for code, _label in SHAREABLE)


class Referral(AuditedModel):
    """A person sent to a partner for a purpose, with what is shared and on which basis."""

    class Status(models.TextChoices):
        DRAFTED = "drafted", _("drafted")
        SENT = "sent", _("sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        IN_PROGRESS = "in_progress", _("in progress")
        COMPLETED = "completed", _("completed")
        NO_SHOW = "no_show", _("did not appear")

    # The steps a referral may take, and the date field each step sets.
    NEXT: dict[str, tuple[str, ...]] = {
        "drafted": ("sent",),
        "sent": ("accepted", "declined"),
        "accepted": ("in_progress", "no_show"),
        "in_progress": ("completed",),
        "declined": (),
        "completed": (),
        "no_show": (),
    }
    DATE_OF = {
        "sent": "sent_on",
        "accepted": "answered_on",
        "declined": "answered_on",
        "in_progress": "started_on",
        "completed": "ended_on",
        "no_show": "ended_on",
    }
    OPEN = ("sent", "accepted", "in_progress")
    AWAITING_ANSWER = "sent"

    WRITABLE = ("partner", "purpose", "shared_fields", "consent", "legal_basis", "message")
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "partner": "personal",
        "purpose": "personal",
        "shared_fields": "personal",
        "consent": "identifier",
        "legal_basis": "personal",
        "message": "personal",
        "status": "personal",
        "drafted_on": "personal",
        "sent_on": "personal",
        "answered_on": "personal",
        "started_on": "personal",
        "ended_on": "personal",
        "decline_reason": "personal",
        "feedback": "personal",
        "letter_pdf": "personal",
        "created_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="referrals"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="referrals"
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    shared_fields = models.JSONField(_("data shared"), default=list)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referrals",
    )
    legal_basis = models.CharField(
        _("legal basis without consent"),
        max_length=300,
        blank=True,
        help_text=_("Only where no consent is needed: name the provision (e.g. §69 SGB X)."),
    )
    message = models.TextField(_("message to the partner"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFTED
    )
    drafted_on = models.DateField(_("drafted"))
    sent_on = models.DateField(_("sent"), null=True, blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)
    started_on = models.DateField(_("started"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=500, blank=True)
    feedback = models.TextField(_("feedback from the partner"), max_length=4000, blank=True)
    # The letter as it was sent: downloads and the e-mail give exactly this, not a letter made
    # again from data that has changed since (empty until sent, and where no PDF can be made).
    letter_pdf = models.BinaryField(_("letter as sent"), blank=True, default=b"", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-drafted_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.partner}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def consent_stands(self) -> bool:
        """Sharing is allowed: a named legal basis, or the consent is in force."""
        if self.consent_id is None:
            return bool(self.legal_basis)
        return self.consent is not None and self.consent.withdrawn_on is None

    def days_waiting(self, today: dt.date) -> int | None:
        """Days since the referral was sent without an answer."""
        if self.status != self.AWAITING_ANSWER or self.sent_on is None:
            return None
        return (today - self.sent_on).days

    def clean(self) -> None:
        errors: dict[str, object] = {}
        unknown = [code for code in self.shared_fields if code not in SHAREABLE_CODES]
        if unknown or not self.shared_fields:
            errors["shared_fields"] = _("Choose the data to share, at least one field.")
        if self.consent_id is None and not self.legal_basis.strip():
            errors["consent"] = _(
                "A referral needs the person's consent for this partner and purpose, "
                "or the legal basis that allows sharing without consent."
            )
        consent = self.consent if self.consent_id else None
        if consent is not None:
            if consent.person_id != self.person_id:
                errors["consent"] = _("This consent belongs to another person.")
            elif consent.withdrawn_on is not None:
                errors["consent"] = _("This consent was withdrawn.")
            elif self.partner_id and consent.recipient_id != self.partner.organisation_id:
                errors["consent"] = _("This consent is for another recipient.")
            elif consent.purpose != consent_purpose_for(self.purpose):
                errors["consent"] = _("This consent is for another purpose: %(purpose)s.") % {
                    "purpose": consent.get_purpose_display()
                }
        if errors:
            raise ValidationError(errors)
