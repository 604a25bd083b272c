"""Persons with their names in every script, residence status history, household and consent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from wegweiser.accounts.models import Organisation
from wegweiser.core.audit import AuditedModel
from wegweiser.core.choices import ChoiceLabels
from wegweiser.core.models import Municipality

from . import reference_numbers

phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 ()/-]{5,24}$",
    _("Enter a phone number of digits, spaces and + ( ) / - only, for example +49 641 12345."),
    code="invalid_phone",
)


class Script(models.TextChoices):
    LATIN = "Latn", _("Latin")
    ARABIC = "Arab", _("Arabic script")
    CYRILLIC = "Cyrl", _("Cyrillic")
    ETHIOPIC = "Ethi", _("Ge'ez (Ethiopic)")
    OTHER = "Zyyy", _("Other script")


def detect_script(text: str) -> str:
    """The dominant writing system of a name, by Unicode block of its letters."""
    counts = {Script.ARABIC: 0, Script.CYRILLIC: 0, Script.ETHIOPIC: 0, Script.LATIN: 0}
    for char in text:
        code = ord(char)
        if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
            counts[Script.ARABIC] += 1
        elif 0x0400 <= code <= 0x052F:
            counts[Script.CYRILLIC] += 1
        elif 0x1200 <= code <= 0x139F or 0x2D80 <= code <= 0x2DDF:
            counts[Script.ETHIOPIC] += 1
        elif (char.isalpha() and code < 0x0250) or 0x1E00 <= code <= 0x1EFF:
            counts[Script.LATIN] += 1
    best = max(counts, key=lambda s: counts[s])
    return str(best) if counts[best] else ""


class Person(AuditedModel):
    class DobPrecision(models.TextChoices):
        EXACT = "exact", _("exact")
        MONTH = "month", _("month and year")
        YEAR = "year", _("year only")
        UNKNOWN = "unknown", _("unknown")

    class Sex(models.TextChoices):
        FEMALE = "f", _("female")
        MALE = "m", _("male")
        DIVERSE = "d", _("diverse")
        UNKNOWN = "u", _("unknown")

    class NationalityStatus(models.TextChoices):
        KNOWN = "known", _("known")
        STATELESS = "stateless", _("stateless")
        UNCLEAR = "unclear", _("unclear")

    WRITABLE = (
        "given_names_original",
        "family_name_original",
        "given_names_latin",
        "family_name_latin",
        "date_of_birth",
        "dob_precision",
        "dob_placeholder",
        "sex",
        "place_of_birth",
        "country_of_birth",
        "nationality_status",
        "nationalities",
        "phone",
        "email",
        "street",
        "postal_code",
        "municipality",
        "letter_language",
    )
    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "given_names_original": "personal",
        "family_name_original": "personal",
        "original_script": "personal",
        "given_names_latin": "personal",
        "family_name_latin": "personal",
        "date_of_birth": "personal",
        "dob_precision": "personal",
        "dob_placeholder": "personal",
        "sex": "personal",
        "place_of_birth": "personal",
        "country_of_birth": "personal",
        "nationality_status": "personal",
        "nationalities": "personal",
        "phone": "personal",
        "email": "personal",
        "street": "personal",
        "postal_code": "personal",
        "municipality": "personal",
        "letter_language": "personal",
        "created_at": "internal",
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    given_names_original = models.CharField(
        _("given names (original script)"), max_length=150, blank=True
    )
    family_name_original = models.CharField(
        _("family name (original script)"), max_length=150, blank=True
    )
    original_script = models.CharField(
        _("original script"), max_length=4, choices=Script.choices, blank=True
    )
    given_names_latin = models.CharField(_("given names (Latin, as in documents)"), max_length=150)
    family_name_latin = models.CharField(
        _("family name (Latin, as in documents)"), max_length=150, db_index=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    dob_precision = models.CharField(
        _("precision of the date of birth"),
        max_length=8,
        choices=DobPrecision.choices,
        default=DobPrecision.EXACT,
    )
    dob_placeholder = models.BooleanField(
        _("placeholder date (01.01.)"),
        default=False,
        help_text=_("The authorities registered 1 January because the real day is not known."),
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    place_of_birth = models.CharField(_("place of birth"), max_length=150, blank=True)
    country_of_birth = CountryField(_("country of birth"), blank=True)
    nationality_status = models.CharField(
        _("nationality"),
        max_length=16,
        choices=NationalityStatus.choices,
        default=NationalityStatus.KNOWN,
    )
    nationalities = CountryField(_("nationalities"), multiple=True, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mail"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postal_code = models.CharField(
        _("postal code"),
        max_length=5,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{5}$", _("A German postal code has five digits."))],
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    letter_language = models.CharField(
        _("preferred language for letters"), max_length=8, default="de", blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["family_name_latin", "given_names_latin"]
        indexes = [models.Index(fields=["given_names_latin"], name="person_given_latin_idx")]

    def __str__(self) -> str:
        return self.display_name

    def audit_person_id(self) -> int | None:
        return self.pk

    @property
    def latin_name(self) -> str:
        return f"{self.given_names_latin} {self.family_name_latin}".strip()

    @property
    def original_name(self) -> str:
        return f"{self.given_names_original} {self.family_name_original}".strip()

    @property
    def display_name(self) -> str:
        """Both scripts where both exist: 'Ahmad Al-Hassan (أحمد الحسن)'."""
        if self.original_name and self.original_name != self.latin_name:
            return f"{self.latin_name} ({self.original_name})"
        return self.latin_name

    @property
    def original_dir(self) -> str:
        return "rtl" if self.original_script == Script.ARABIC else "ltr"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if self.date_of_birth:
            if self.date_of_birth > dt.date.today():
                errors.setdefault("date_of_birth", []).append(
                    str(_("The date of birth cannot be in the future."))
                )
            elif self.date_of_birth.year < 1900:
                errors.setdefault("date_of_birth", []).append(
                    str(_("The date of birth must be after 1900."))
                )
        if self.dob_precision == self.DobPrecision.UNKNOWN and self.date_of_birth:
            self.date_of_birth = None
        elif not self.date_of_birth:
            # Many refugees have no known date of birth: an empty date is recorded as unknown,
            # never refused.
            self.dob_precision = self.DobPrecision.UNKNOWN
        if not self.date_of_birth:
            self.dob_placeholder = False
        if self.nationality_status != self.NationalityStatus.KNOWN and self.nationalities:
            errors.setdefault("nationalities", []).append(
                str(_("A stateless person or one of unclear nationality has no nationality."))
            )
        if (self.given_names_original or self.family_name_original) and not self.original_script:
            self.original_script = detect_script(
                self.given_names_original + self.family_name_original
            )
        if errors:
            raise ValidationError(errors)


class NameSpelling(AuditedModel):
    """A further spelling of the person's name, and which document or authority uses it."""

    class Source(models.TextChoices):
        PASSPORT = "passport", _("passport")
        RESIDENCE_PERMIT = "residence_permit", _("residence permit")
        OTHER_AUTHORITY = "other_authority", _("other authority")
        SELF_DECLARED = "self_declared", _("self-declared")

    WRITABLE = ("given_names", "family_name", "source")
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "given_names": "personal",
        "family_name": "personal",
        "script": "personal",
        "source": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="spellings"
    )
    given_names = models.CharField(_("given names"), max_length=150, blank=True)
    family_name = models.CharField(_("family name"), max_length=150)
    script = models.CharField(_("script"), max_length=4, choices=Script.choices, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("name spelling")
        verbose_name_plural = _("name spellings")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.given_names} {self.family_name}".strip()

    def clean(self) -> None:
        if not self.script:
            self.script = detect_script(self.given_names + self.family_name)


class LanguageLevel(models.TextChoices):
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"
    NATIVE = "native", _("native language")


class PersonLanguage(AuditedModel):
    WRITABLE = ("language", "level")
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "language": "personal",
        "level": "personal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="languages"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.SPOKEN_LANGUAGES)
    level = models.CharField(_("level"), max_length=8, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["person", "language"], name="person_language_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_language_display()} {self.level}"


class HouseholdLink(AuditedModel):
    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("spouse or partner")
        CHILD = "child", _("child")
        PARENT = "parent", _("parent")
        SIBLING = "sibling", _("sibling")
        OTHER = "other", _("other")

    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "relative": "identifier",
        "relation": "personal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="household"
    )
    relative = models.ForeignKey(
        Person, verbose_name=_("relative"), on_delete=models.CASCADE, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household")
        constraints = [
            models.UniqueConstraint(fields=["person", "relative"], name="household_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()}: {self.relative}"

    @property
    def inverse_relation(self) -> str:
        """The relation seen from the relative: a child's parent, a parent's child."""
        return HOUSEHOLD_INVERSE.get(self.relation, self.relation)

    def get_inverse_relation_display(self) -> str:
        return str(HouseholdLink.Relation(self.inverse_relation).label)

    def clean(self) -> None:
        if self.person_id and self.person_id == self.relative_id:
            raise ValidationError({"relative": _("A person cannot be their own relative.")})


HOUSEHOLD_INVERSE: dict[str, str] = {
    HouseholdLink.Relation.CHILD: HouseholdLink.Relation.PARENT,
    HouseholdLink.Relation.PARENT: HouseholdLink.Relation.CHILD,
}


class ResidenceStatus(ChoiceLabels, AuditedModel):
    class Title(models.TextChoices):
        # The stored codes of the first titles are kept as they were; new titles add codes.
        TEMPORARY_PROTECTION = "s24", _("§24 AufenthG temporary protection")
        PROTECTION = "s25", _("§25 AufenthG refugee or subsidiary protection")
        ASYLUM = "s25_1", _("§25(1) AufenthG entitlement to asylum")
        REFUGEE = "s25_2", _("§25(2) AufenthG refugee status or subsidiary protection")
        DEPORTATION_BAN = "s25_3", _("§25(3) AufenthG national ban on deportation")
        HUMANITARIAN_TEMPORARY = (
            "s25_4",
            _("§25(4) AufenthG temporary stay for urgent humanitarian or personal reasons"),
        )
        DEPARTURE_IMPOSSIBLE = "s25_5", _("§25(5) AufenthG departure impossible")
        ADMISSION_ABROAD = "s22", _("§22 AufenthG admission from abroad")
        ADMISSION_ORDER = "s23", _("§23 AufenthG admission by order of a state or the federation")
        OPPORTUNITY = "s104c", _("§104c AufenthG opportunity residence right")
        GESTATTUNG = "gestattung", _("Aufenthaltsgestattung (asylum procedure)")
        DULDUNG = "duldung", _("Duldung (toleration)")
        DULDUNG_TRAINING = "duldung_60c", _("§60c AufenthG toleration for vocational training")
        DULDUNG_EMPLOYMENT = "duldung_60d", _("§60d AufenthG toleration for employment")
        FICTION_PERMITTED = (
            "fiktion_81_3",
            _("§81(3) AufenthG Fiktionsbescheinigung (stay deemed permitted)"),
        )
        FICTION_CONTINUED = (
            "fiktion_81_4",
            _("§81(4) AufenthG Fiktionsbescheinigung (previous title continues)"),
        )
        TRAINING = "s16a", _("§16a AufenthG vocational training")
        STUDIES = "s16b", _("§16b AufenthG studies")
        RECOGNITION = "s16d", _("§16d AufenthG recognition of a foreign qualification")
        TRAINING_SEARCH = "s17", _("§17 AufenthG search for a training or study place")
        SKILLED_VOCATIONAL = "s18a", _("§18a AufenthG skilled worker with vocational training")
        SKILLED_ACADEMIC = "s18b", _("§18b AufenthG skilled worker with an academic degree")
        BLUE_CARD = "blue_card", _("§18g AufenthG EU Blue Card")
        OTHER_EMPLOYMENT = "s19c", _("§19c AufenthG other employment")
        JOB_SEARCH = "s20", _("§20 AufenthG job search for skilled workers")
        SELF_EMPLOYMENT = "s21", _("§21 AufenthG self-employment")
        SETTLEMENT = "settlement", _("Settlement permit")
        EU_FREEDOM = "eu", _("EU freedom of movement")
        OTHER = "other", _("Other residence title")

    class WorkPermission(models.TextChoices):
        ALLOWED = "allowed", _("work allowed")
        APPROVAL = "approval", _("only with the immigration office's approval")
        NOT_ALLOWED = "not_allowed", _("work not allowed")

    WRITABLE = (
        "title",
        "valid_from",
        "valid_until",
        "work_permission",
        "residence_obligation",
        "note",
    )
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "title": "personal",
        "valid_from": "personal",
        "valid_until": "personal",
        "work_permission": "personal",
        "residence_obligation": "personal",
        "note": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="residence"
    )
    title = models.CharField(_("residence title"), max_length=16, choices=Title.choices)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    work_permission = models.CharField(
        _("work permission"), max_length=16, choices=WorkPermission.choices
    )
    residence_obligation = models.ForeignKey(
        Municipality,
        verbose_name=_("residence obligation (Wohnsitzauflage)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("residence status")
        verbose_name_plural = _("residence status history")
        ordering = ["-valid_from", "-id"]
        indexes = [
            # The titles running out soon (my cases) are found by their end, then their cases.
            models.Index(fields=["valid_until"], name="residence_valid_until"),
        ]
        get_latest_by = "valid_from"

    def __str__(self) -> str:
        return str(self.get_title_display())

    def clean(self) -> None:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValidationError(
                {"valid_until": _("'Valid until' must not be before 'valid from'.")}
            )

    def expires_within(self, days: int, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.valid_until is not None and today <= self.valid_until <= (
            today + dt.timedelta(days=days)
        )


_T, _W = ResidenceStatus.Title, ResidenceStatus.WorkPermission

# The work permission a title usually carries (§4a AufenthG: every title allows work unless
# the law restricts it). Titles tied to a purpose allow that purpose and limited side work;
# anything beyond needs the immigration office's approval. A §81(4) certificate continues
# the previous title with its conditions; "other" has no usual value.
USUAL_WORK_PERMISSION: dict[str, str] = {
    _T.TEMPORARY_PROTECTION: _W.ALLOWED,
    _T.PROTECTION: _W.ALLOWED,
    _T.ASYLUM: _W.ALLOWED,
    _T.REFUGEE: _W.ALLOWED,
    _T.DEPORTATION_BAN: _W.ALLOWED,
    _T.HUMANITARIAN_TEMPORARY: _W.ALLOWED,
    _T.DEPARTURE_IMPOSSIBLE: _W.ALLOWED,
    _T.ADMISSION_ABROAD: _W.ALLOWED,
    _T.ADMISSION_ORDER: _W.ALLOWED,
    _T.OPPORTUNITY: _W.ALLOWED,
    _T.GESTATTUNG: _W.APPROVAL,
    _T.DULDUNG: _W.APPROVAL,
    _T.DULDUNG_TRAINING: _W.APPROVAL,
    _T.DULDUNG_EMPLOYMENT: _W.APPROVAL,
    _T.FICTION_PERMITTED: _W.APPROVAL,
    _T.TRAINING: _W.APPROVAL,
    _T.STUDIES: _W.APPROVAL,
    _T.RECOGNITION: _W.APPROVAL,
    _T.TRAINING_SEARCH: _W.APPROVAL,
    _T.SKILLED_VOCATIONAL: _W.ALLOWED,
    _T.SKILLED_ACADEMIC: _W.ALLOWED,
    _T.BLUE_CARD: _W.ALLOWED,
    _T.OTHER_EMPLOYMENT: _W.APPROVAL,
    _T.JOB_SEARCH: _W.APPROVAL,
    _T.SELF_EMPLOYMENT: _W.APPROVAL,
    _T.SETTLEMENT: _W.ALLOWED,
    _T.EU_FREEDOM: _W.ALLOWED,
}


def usual_work_permission(title: str, previous: ResidenceStatus | None = None) -> str | None:
    """The work permission `title` usually carries; for a §81(4) certificate the previous
    title's; None where it must be given (another title)."""
    if title == _T.FICTION_CONTINUED:
        return previous.work_permission if previous is not None else None
    return USUAL_WORK_PERMISSION.get(title)


class Consent(AuditedModel):
    """A consent or other legal basis for sharing data with a recipient for a purpose.

    History is immutable: a withdrawal sets `withdrawn_on` once; nothing else changes.
    """

    class Purpose(models.TextChoices):
        COURSE_REFERRAL = "course_referral", _("referral to a language course")
        RECOGNITION = "recognition", _("recognition of qualifications")
        JOB_PLACEMENT = "job_placement", _("proposal to employers")
        IMMIGRATION_OFFICE = "immigration_office", _("exchange with the immigration office")
        COUNSELLING = "counselling", _("counselling by a partner organisation")
        OTHER = "other", _("other purpose")

    class LegalBasis(models.TextChoices):
        CONSENT = "consent", _("consent (Art. 6(1)(a) GDPR, §67b(2) SGB X)")
        SGB_X_69 = "sgb_x_69", _("transfer for social-law tasks (§69 SGB X)")
        LEGAL_OBLIGATION = "legal_obligation", _("legal obligation (Art. 6(1)(c) GDPR)")

    WRITABLE = ("purpose", "scope", "recipient", "legal_basis", "given_on")
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "purpose": "personal",
        "scope": "personal",
        "recipient": "personal",
        "legal_basis": "personal",
        "given_on": "personal",
        "withdrawn_on": "personal",
        "recorded_by": "internal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=32, choices=Purpose.choices)
    scope = models.CharField(_("scope (which data)"), max_length=300)
    recipient = models.ForeignKey(
        Organisation,
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    legal_basis = models.CharField(_("legal basis"), max_length=32, choices=LegalBasis.choices)
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
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} → {self.recipient}"

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


class PersonReference(AuditedModel):
    """A number another authority files the person under (job centre, immigration office,
    AZR, BAMF, tax office), to quote in letters and referrals. One value per kind; formats
    and their sources in people/reference_numbers.py."""

    class Kind(models.TextChoices):
        CUSTOMER_NUMBER = reference_numbers.CUSTOMER_NUMBER, _("job centre customer number")
        BG_NUMBER = reference_numbers.BG_NUMBER, _("community of need (BG) number")
        IMMIGRATION_FILE = (
            reference_numbers.IMMIGRATION_FILE,
            _("immigration office file number"),
        )
        AZR_NUMBER = reference_numbers.AZR_NUMBER, _("AZR number (foreigners' central register)")
        BAMF_COURSE_FILE = (
            reference_numbers.BAMF_COURSE_FILE,
            _("BAMF file number of the integration course"),
        )
        TAX_ID = reference_numbers.TAX_ID, _("tax ID")

    WRITABLE = ("kind", "value")
    PRIVACY = {
        "id": "identifier",
        "person": "identifier",
        "kind": "personal",
        "value": "personal",
        "search_key": "personal",
        "created_at": "internal",
    }

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="references"
    )
    kind = models.CharField(_("kind of number"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("number"), max_length=40)
    # Letters and digits only, for the people search (no separators, capitals).
    search_key = models.CharField(_("search key"), max_length=40, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("reference number")
        verbose_name_plural = _("reference numbers")
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["person", "kind"], name="person_reference_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        self.value = reference_numbers.normalise(self.kind, self.value or "")
        self.search_key = reference_numbers.search_key(self.value)
        found = reference_numbers.problem(self.kind, self.value)
        if found is not None and found.code not in ("unknown_kind", "empty"):
            raise ValidationError({"value": REFERENCE_MESSAGES[found.code]})


REFERENCE_MESSAGES = {
    "tax_id_digits": _("A tax ID has exactly 11 digits, for example 86095742719."),
    "tax_id_leading_zero": _("A tax ID does not begin with 0."),
    "tax_id_repetition": _(
        "This is not a tax ID: among its first ten digits exactly one digit appears twice or "
        "three times (not three in a row), every other digit at most once."
    ),
    "tax_id_check_digit": _(
        "The last digit of this tax ID does not match the others (check digit). "
        "Compare it with the letter from the tax office."
    ),
    "bg_number": _(
        "A BG number has five digits, the letters BG and seven digits, for example 12345BG1234567."
    ),
    "azr_number": _("An AZR number has exactly 12 digits, for example 123456789012."),
    "customer_number": _(
        "Enter the customer number as the job centre wrote it: 6 to 20 letters and digits, "
        "for example 123A456789."
    ),
    "file_number": _(
        "Enter the file number as the authority wrote it: up to 40 letters, digits, spaces "
        "and . / : - _ ( )."
    ),
}


class NameKey(models.Model):
    """Index keys of a person's names in every spelling, for finding candidates across
    scripts (see wegweiser.identity.keys). Derived from the audited name fields and rebuilt
    by the person services in the same transaction; it is not audited itself."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="name_keys"
    )
    key = models.CharField(_("key"), max_length=64)

    class Meta:
        verbose_name = _("name key")
        verbose_name_plural = _("name keys")
        constraints = [models.UniqueConstraint(fields=["key", "person"], name="name_key_unique")]

    def __str__(self) -> str:
        return self.key


class DuplicatePair(AuditedModel):
    """Two persons the duplicate-detection job thinks may be one, and what a person decided.

    The person ids are kept in canonical order (lower first) without a database constraint,
    so a decision outlives a merge: "different" is remembered for good, and a pair whose
    person was merged away simply drops out of the queue (and returns after an undo).
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        SAME = "same", _("same person (merged)")
        DIFFERENT = "different", _("different people")

    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "person_low": "identifier",
        "person_high": "identifier",
        "probability": "personal",
        "match_weight": "personal",
        "field_weights": "personal",
        "status": "personal",
        "found_at": "internal",
        "decided_by": "internal",
        "decided_at": "internal",
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    person_low = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    person_high = models.ForeignKey(
        Person,
        verbose_name=_("other person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    probability = models.FloatField(_("match probability"))
    match_weight = models.FloatField(_("match weight"))
    field_weights = models.JSONField(_("match weights per field"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    found_at = models.DateTimeField(_("found"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-probability", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person_low", "person_high"], name="duplicate_pair_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(person_low__lt=models.F("person_high")),
                name="duplicate_pair_canonical_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_low_id} / {self.person_high_id}"

    def audit_person_id(self) -> int | None:
        return self.person_low_id

    @property
    def person_ids(self) -> tuple[int, int]:
        return (self.person_low_id, self.person_high_id)


class PersonMerge(AuditedModel):
    """A merge of two persons and everything needed to undo it.

    ``steps`` lists, in order, what the merge did: records moved from one person or case to
    another (ids), records removed (serialised in full, so they can be restored with their
    ids), spellings added, and the surviving person's fields before and after. Undo
    replays the steps backwards.
    """

    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "pair": "identifier",
        "survivor": "identifier",
        "merged_person_id": "identifier",
        "steps": "special",
        "merged_by": "internal",
        "merged_at": "internal",
        "undone_by": "internal",
        "undone_at": "internal",
    }

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    pair = models.ForeignKey(
        DuplicatePair,
        verbose_name=_("possible duplicate"),
        on_delete=models.PROTECT,
        related_name="merges",
    )
    survivor = models.ForeignKey(
        Person,
        verbose_name=_("surviving person"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    merged_person_id = models.BigIntegerField(_("merged person"))
    steps = models.JSONField(_("steps"), default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("merged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merged_at = models.DateTimeField(_("merged"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("undone by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    undone_at = models.DateTimeField(_("undone"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge of two persons")
        verbose_name_plural = _("merges of persons")
        ordering = ["-merged_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_person_id} → {self.survivor_id}"

    def audit_person_id(self) -> int | None:
        return self.survivor_id

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None


class DuplicateSearch(models.Model):
    """One run of the duplicate-detection job: when, how many persons, how long. No person
    data, so not audited per row."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.QUEUED
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    persons = models.PositiveIntegerField(_("persons compared"), default=0)
    proposed = models.PositiveIntegerField(_("pairs above the threshold"), default=0)
    new_pairs = models.PositiveIntegerField(_("new pairs in the queue"), default=0)
    seconds = models.JSONField(_("seconds per step"), default=dict, blank=True)
    message = models.CharField(_("message"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True)
    task_result_id = models.CharField(_("task result"), max_length=64, blank=True)

    OPEN = (Status.QUEUED, Status.RUNNING)

    class Meta:
        verbose_name = _("duplicate search")
        verbose_name_plural = _("duplicate searches")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One search at a time per organisation: a second click cannot queue another.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=["queued", "running"]),
                name="one_open_duplicate_search_per_organisation",
            )
        ]

    def __str__(self) -> str:
        return f"{self.requested_at:%Y-%m-%d %H:%M} {self.status}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def failure_text(self) -> str:
        """Why a failed search stopped, for the queue page."""
        if self.message == "worker-stopped":
            return str(_("its worker stopped without finishing it (for example after a restart)"))
        if self.message == "task-failed":
            return str(_("the task queue reports the job as failed"))
        return str(_("an error occurred (%(error)s)") % {"error": self.message or "?"})
