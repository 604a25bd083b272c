"""Occupation reference data: ESCO occupations with their labels and skills, ISCO-08 groups,
the KldB 2010 structure, and the version of the loaded data. Written only by
`services.occupation_data_load`; reference data, not personal data, so not audited per row."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """Which packaged data set is in the database (one row per data set name)."""

    name = models.CharField(_("data set"), max_length=64, unique=True)
    version = models.CharField(_("version"), max_length=128)
    esco_version = models.CharField(_("ESCO version"), max_length=32, blank=True)
    kldb_version = models.CharField(_("KldB version"), max_length=64, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    loaded_at = models.DateTimeField(_("loaded at"))

    class Meta:
        verbose_name = _("reference data version")
        verbose_name_plural = _("reference data versions")

    def __str__(self) -> str:
        return f"{self.name} {self.version}"


class IscoGroup(models.Model):
    code = models.CharField(_("ISCO-08 code"), max_length=4, unique=True)
    label_en = models.CharField(_("English label"), max_length=300)
    label_de = models.CharField(_("German label"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("ISCO-08 group")
        verbose_name_plural = _("ISCO-08 groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label_en}"


class KldbGroup(models.Model):
    """A position of the KldB 2010 (Fassung 2020): 1 to 5 digits; the 5th digit of a 5-digit
    code is the requirement level (1 Helfer, 2 Fachkraft, 3 Spezialist, 4 Experte)."""

    code = models.CharField(_("KldB code"), max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(_("level"))
    title = models.CharField(_("title"), max_length=300)
    short_title = models.CharField(_("short title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("KldB 2010 group")
        verbose_name_plural = _("KldB 2010 groups")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Occupation(models.Model):
    class KldbMethod(models.TextChoices):
        NONE = "", _("not derived")
        TITLE = "title", _("same job title in KldB")
        SIMILAR = "similar", _("similar job title in KldB")
        ISCO = "isco", _("majority of the ISCO-08 unit group")

    concept_uri = models.CharField(_("ESCO concept URI"), max_length=255, unique=True)
    code = models.CharField(_("ESCO code"), max_length=64, blank=True)
    isco_code = models.CharField(_("ISCO-08 group"), max_length=4, db_index=True)
    preferred_label_en = models.CharField(_("English label"), max_length=300)
    preferred_label_de = models.CharField(_("German label"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    regulated = models.BooleanField(_("regulated profession (EU database)"), default=False)
    kldb_code = models.CharField(_("KldB 2010 code"), max_length=5, blank=True, db_index=True)
    kldb_method = models.CharField(
        _("KldB derived by"), max_length=16, choices=KldbMethod.choices, blank=True
    )
    is_current = models.BooleanField(
        _("in the loaded data"),
        default=True,
        help_text=_("False for occupations that a newer data version no longer contains."),
    )

    class Meta:
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")
        ordering = ["preferred_label_en"]

    def __str__(self) -> str:
        return self.preferred_label_de or self.preferred_label_en

    def label(self, language: str) -> str:
        return (
            self.preferred_label_de if language == "de" else self.preferred_label_en
        ) or self.preferred_label_en


class OccupationLabel(models.Model):
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.CASCADE, related_name="labels"
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("label"), max_length=500)
    preferred = models.BooleanField(_("preferred"), default=False)

    class Meta:
        verbose_name = _("occupation label")
        verbose_name_plural = _("occupation labels")
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "language", "text"], name="occupation_label_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.language})"


class Skill(models.Model):
    concept_uri = models.CharField(_("ESCO concept URI"), max_length=255, unique=True)
    label = models.CharField(_("label"), max_length=500)
    skill_type = models.CharField(_("type"), max_length=64, blank=True)
    reuse_level = models.CharField(_("reuse level"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("skill")
        verbose_name_plural = _("skills")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class OccupationSkill(models.Model):
    class Relation(models.TextChoices):
        ESSENTIAL = "essential", _("essential")
        OPTIONAL = "optional", _("optional")

    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), on_delete=models.CASCADE, related_name="skills"
    )
    skill = models.ForeignKey(
        Skill, verbose_name=_("skill"), on_delete=models.CASCADE, related_name="occupations"
    )
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)

    class Meta:
        verbose_name = _("occupation skill")
        verbose_name_plural = _("occupation skills")
        constraints = [
            models.UniqueConstraint(fields=["occupation", "skill"], name="occupation_skill_unique")
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} {self.relation} {self.skill_id}"
