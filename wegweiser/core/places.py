"""A named place in one of the county's municipalities: where a provider teaches, where an
employer's staff work. One abstract model, so both kinds of place follow the same rules."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from wegweiser.core.audit import AuditedModel
from wegweiser.core.models import Municipality


class Place(AuditedModel):
    PRIVACY: ClassVar[dict[str, str]] = {
        "id": "identifier",
        "name": "internal",
        "street": "internal",
        "municipality": "internal",
    }

    name = models.CharField(_("name"), max_length=150)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["municipality__name", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.municipality}"
