"""Letter texts per kind and language with their review state, the letterhead, and the
letters made for a case (with the PDF as it was handed out)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation
from wegweiser.cases.models import Case
from wegweiser.core.audit import AuditedModel

from .merge import FIELDS, MergeError, fields_used


class Kind(models.TextChoices):
    INVITATION = "invitation", _("invitation to an appointment")
    REMINDER = "reminder", _("appointment reminder")
    PLAN = "plan", _("the agreed plan")
    COURSE_REFERRAL = "course-referral", _("referral to a German course")
    DOCUMENTS_REQUEST = "documents-request", _("request for documents")
    FOLLOW_UP = "follow-up", _("confirmation of a placement follow-up")


class Language(models.TextChoices):
    """German and the languages letters are translated into (ISO 639-1, or 639-3 where
    there is no two-letter code: Dari prs, Kurmanji kmr)."""

    DE = "de", _("German")
    AR = "ar", _("Arabic")
    PRS = "prs", _("Dari")
    PS = "ps", _("Pashto")
    UK = "uk", _("Ukrainian")
    RU = "ru", _("Russian")
    TI = "ti", _("Tigrinya")
    TR = "tr", _("Turkish")
    KMR = "kmr", _("Kurmanji")
    EN = "en", _("English")


RTL_LANGUAGES = frozenset({Language.AR, Language.PRS, Language.PS})

# The person's preferred language for letters uses the codes of the languages spoken
# (settings.SPOKEN_LANGUAGES); where those differ from the letter languages:
SPOKEN_TO_LETTER_LANGUAGE = {"fa": Language.PRS, "ku": Language.KMR}


def letter_language_for(spoken: str) -> str:
    """The letter language for a person's preferred language (settings.SPOKEN_LANGUAGES
    code): Dari/Farsi and Kurdish map to their letter codes; German where letters have no
    texts in that language."""
    code = SPOKEN_TO_LETTER_LANGUAGE.get(spoken, spoken)
    return code if code in Language.values else Language.DE


NEEDS_APPOINTMENT = frozenset({Kind.INVITATION, Kind.REMINDER})
NEEDS_PLAN = frozenset({Kind.PLAN})


def validate_merge_fields(value: str) -> None:
    try:
        fields_used(value)
    except MergeError as error:
        if error.unknown:
            raise ValidationError(
                _(
                    "Unknown merge fields: %(fields)s. Allowed are: %(allowed)s. "
                    "Write {{ and }} for a literal brace."
                ),
                code="unknown_field",
                params={
                    "fields": ", ".join("{" + name + "}" for name in error.unknown),
                    "allowed": ", ".join("{" + name + "}" for name in FIELDS),
                },
            ) from error
        raise ValidationError(
            _("A brace opens no merge field. Write {{ and }} for a literal brace."),
            code="bad_brace",
        ) from error


class LetterText(AuditedModel):
    """The subject and body of one kind of letter in one language, with named merge fields.

    Translations are a service to the person and must be checked by someone who reads the
    language: a text is a draft until an administrator marks it reviewed, and editing a
    reviewed text makes it a draft again."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        REVIEWED = "reviewed", _("reviewed")

    PRIVACY = {
        "id": "identifier",
        "kind": "internal",
        "language": "internal",
        "subject": "internal",
        "body": "internal",
        "state": "internal",
        "reviewed_by": "internal",
        "reviewed_at": "internal",
        "updated_by": "internal",
        "updated_at": "internal",
    }

    kind = models.CharField(_("kind of letter"), max_length=24, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices)
    subject = models.CharField(_("subject"), max_length=300, validators=[validate_merge_fields])
    body = models.TextField(_("text"), max_length=8000, validators=[validate_merge_fields])
    state = models.CharField(
        _("review state"), max_length=8, choices=State.choices, default=State.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("letter text")
        verbose_name_plural = _("letter texts")
        ordering = ["kind", "language"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language"], name="letter_text_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language})"

    @property
    def is_reviewed(self) -> bool:
        return self.state == self.State.REVIEWED

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"


class Letterhead(AuditedModel):
    """The organisation's sender block printed at the top of every letter."""

    PRIVACY = {
        "id": "identifier",
        "organisation": "internal",
        "name": "internal",
        "address": "internal",
        "phone": "internal",
        "email": "internal",
        "opening_hours": "internal",
    }

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="letterhead",
    )
    name = models.CharField(_("name on letters"), max_length=200)
    address = models.TextField(_("postal address"), max_length=500)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return self.name


class Letter(AuditedModel):
    """A letter made for a case: what was handed out, kept as the PDF it was."""

    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "kind": "personal",
        "language": "personal",
        "date": "personal",
        "made_by": "internal",
        "made_at": "internal",
        "from_draft": "internal",
        "pdf": "personal",
        "appointment": "identifier",
        "plan": "identifier",
    }

    case = models.ForeignKey(
        Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="letters"
    )
    kind = models.CharField(_("kind of letter"), max_length=24, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=4, choices=Language.choices)
    date = models.DateField(_("date of the letter"))
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    made_at = models.DateTimeField(_("made at"), auto_now_add=True)
    from_draft = models.BooleanField(
        _("made from a draft translation"),
        default=False,
        help_text=_("The German or translated text was not reviewed when the letter was made."),
    )
    pdf = models.BinaryField(_("PDF"), editable=False)
    appointment = models.ForeignKey(
        "appointments.Appointment",
        verbose_name=_("appointment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )
    plan = models.ForeignKey(
        "cases.Plan",
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="letters",
    )

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-made_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.language}) {self.date:%Y-%m-%d}"

    def audit_person_id(self) -> int | None:
        return self.case.person_id

    @property
    def filename(self) -> str:
        return f"{self.kind}-{self.language}-{self.date:%Y-%m-%d}-{self.pk}.pdf"
