"""Base models shared by every domain: the audit log and the county's municipalities."""

from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only.")


class AuditEntry(models.Model):
    """One line of the audit log: who did what to which record. Never personal data itself."""

    class Action(models.TextChoices):
        CREATE = "create", _("created")
        UPDATE = "update", _("changed")
        DELETE = "delete", _("deleted")
        READ = "read", _("viewed")
        LIST = "list", _("listed")
        EXPORT = "export", _("exported")
        LOGIN = "login", _("logged in")
        LOGOUT = "logout", _("logged out")
        LOGIN_FAILED = "login_failed", _("login failed")
        CONFIRM = "confirm", _("confirmed")
        HANDOVER = "handover", _("handed over")
        REFUSED = "refused", _("access refused")
        PURGE = "purge", _("purged")

    # Set by the audit writer under the chain lock, so the chain's order is the order of time.
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_constraint=False,
    )
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    actor_role = models.CharField(_("role"), max_length=32, blank=True)
    actor_organisation_id = models.BigIntegerField(_("organisation"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=16, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("record type"), max_length=64, db_index=True)
    object_id = models.CharField(_("record id"), max_length=64, blank=True, db_index=True)
    person_id = models.BigIntegerField(_("person"), null=True, blank=True, db_index=True)
    fields = models.JSONField(_("fields"), default=list, blank=True)
    object_ids = models.JSONField(_("records shown"), default=list, blank=True)
    purpose = models.CharField(_("purpose"), max_length=64, blank=True)
    client_address = models.GenericIPAddressField(_("client address"), null=True, blank=True)
    # The hash chain (core/chain.py): position, the previous entry's hash and this entry's.
    sequence = models.PositiveBigIntegerField(_("position in the chain"), unique=True)
    previous_hash = models.CharField(_("hash of the previous entry"), max_length=64)
    entry_hash = models.CharField(_("hash"), max_length=64)

    objects: ClassVar[AuditQuerySet] = AuditQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_username} {self.action} {self.object_type}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit log is append-only.")


class AuditCheckpoint(models.Model):
    """What a purge of the oldest audit entries leaves behind: the last purged entry's position
    and hash, so the remaining chain still verifies from there. Append-only like the log."""

    at = models.DateTimeField(_("time"), default=timezone.now)
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    cutoff = models.DateTimeField(_("purged entries before"))
    last_sequence = models.PositiveBigIntegerField(_("last purged position"), unique=True)
    last_hash = models.CharField(_("hash of the last purged entry"), max_length=64)
    last_entry_at = models.DateTimeField(_("time of the last purged entry"))
    purged = models.PositiveIntegerField(_("entries purged"))

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["-last_sequence"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.last_sequence}"


class AccessRefusal(models.Model):
    """Refused requests of one user, counted per reason, page and minute. The first refusal of
    each minute also goes to the audit log; the counts let the auditor see unusual patterns
    (id guessing) without one audit entry per request."""

    class Reason(models.TextChoices):
        FORBIDDEN = "forbidden", _("forbidden (403)")
        NOT_FOUND = "not_found", _("not found (404)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="+",
        db_constraint=False,
    )
    username = models.CharField(_("user name"), max_length=150)
    reason = models.CharField(_("reason"), max_length=16, choices=Reason.choices)
    view_name = models.CharField(_("page"), max_length=100)
    minute = models.DateTimeField(_("minute"), db_index=True)
    count = models.PositiveIntegerField(_("count"), default=1)

    class Meta:
        verbose_name = _("refused access")
        verbose_name_plural = _("refused accesses")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "reason", "view_name", "minute"], name="access_refusal_per_minute"
            )
        ]

    def __str__(self) -> str:
        return f"{self.minute:%Y-%m-%d %H:%M} {self.username} {self.reason} {self.count}"


class Municipality(models.Model):
    """A town or municipality of the county, with its position for distances."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    official_key = models.CharField(_("official municipality key"), max_length=12, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
