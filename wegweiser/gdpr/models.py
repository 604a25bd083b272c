"""Legal holds that stop the erasure of a case, and the receipts of erasures (ids and counts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation, Team
from wegweiser.cases.models import Case
from wegweiser.core.audit import AuditedModel


class LegalHold(AuditedModel):
    """While a case is held (a court case, an objection, an authority's request), neither the
    retention run nor an erasure request touches its file. Set and lifted by a team lead."""

    PRIVACY = {
        "id": "identifier",
        "case": "identifier",
        "reason": "personal",
        "set_by": "internal",
        "set_at": "internal",
    }

    case = models.OneToOneField(
        Case, verbose_name=_("case"), on_delete=models.PROTECT, related_name="legal_hold"
    )
    reason = models.CharField(_("reason for the hold"), max_length=200)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("set by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set on"), auto_now_add=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")

    def __str__(self) -> str:
        return str(_("Legal hold on case %(number)s") % {"number": self.case_id})

    def audit_person_id(self) -> int | None:
        return Case.objects.filter(pk=self.case_id).values_list("person_id", flat=True).first()


class Erasure(AuditedModel):
    """The receipt of one erased person file: what kinds of record and how many, when, by whom
    and why. Numbers only; the erased data itself is nowhere kept."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("request of the person (Art. 17 GDPR)")
        RETENTION = "retention", _("retention period over (§ 84 SGB X)")

    PRIVACY = {
        "id": "identifier",
        "person_number": "identifier",
        "case_number": "identifier",
        "organisation": "internal",
        "team": "internal",
        "reason": "internal",
        "performed_by": "internal",
        "performed_at": "internal",
        "counts": "internal",
    }

    person_number = models.BigIntegerField(_("person number"), db_index=True)
    case_number = models.BigIntegerField(_("case number"), null=True, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("performed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    performed_at = models.DateTimeField(_("performed on"), auto_now_add=True)
    counts = models.JSONField(_("records erased by type"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-performed_at", "-id"]

    def __str__(self) -> str:
        return str(_("Erasure %(number)s") % {"number": self.pk})

    def audit_person_id(self) -> int | None:
        return self.person_number
