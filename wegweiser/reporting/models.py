"""Snapshots of the dashboard's figures: counts computed from the records by a periodic task,
so that the dashboard of a centre with a million persons answers at once. No hand-kept
counters: a snapshot is a copy of what `figures.figure()` returned at `computed_at`,
replaced as a whole at each refresh (`reporting.snapshots`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Organisation


class FigureSnapshot(models.Model):
    """One figure (or a trend, `trend:<figure>`) for one period and breakdown over a whole
    centre, unsuppressed: suppression is applied when it is published, as for a figure
    computed on the spot. Counts only; no person is named or identified."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("figure"), max_length=64)
    period = models.CharField(_("period"), max_length=16)  # Period.code
    breakdown = models.CharField(_("breakdown"), max_length=32)
    period_end = models.DateField(_("last day of the period"))
    computed_at = models.DateTimeField(_("computed at"))
    counts = models.JSONField(_("counts"))

    class Meta:
        verbose_name = _("figure snapshot")
        verbose_name_plural = _("figure snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name", "period", "breakdown"],
                name="figure_snapshot_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.period} {self.breakdown} ({self.computed_at:%Y-%m-%d %H:%M})"
