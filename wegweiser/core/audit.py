"""The audit writer.

Every change to an audited model is logged in the same transaction as the change, by signal,
so no code path can change person or case data without its entry: a save outside a
transaction or without a known actor is refused before it reaches the database. Reads, lists
and exports are logged explicitly by the selectors. Entries carry ids and field names only.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from .models import AuditEntry

if TYPE_CHECKING:
    from wegweiser.accounts.models import User

P = ParamSpec("P")
R = TypeVar("R")

SYSTEM = "system"


class AuditContextMissing(RuntimeError):
    """A change to audited data was attempted without an actor or outside a transaction."""


@dataclass(frozen=True)
class Actor:
    user: User | None
    client_address: str | None = None


_actor: ContextVar[Actor | None] = ContextVar("wegweiser_audit_actor", default=None)
_client_address: ContextVar[str | None] = ContextVar("wegweiser_client_address", default=None)


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Attribute every audited change inside the block to `user` (None: the system itself)."""
    token = _actor.set(Actor(user=user, client_address=_client_address.get()))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def client_address(address: str | None) -> Iterator[None]:
    token = _client_address.set(address)
    try:
        yield
    finally:
        _client_address.reset(token)


def service(func: Callable[P, R]) -> Callable[P, R]:
    """Run a write service atomically, attributing its changes to its `actor` argument."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        actor: Any = kwargs.get("actor")
        with transaction.atomic(), acting_as(actor):
            return func(*args, **kwargs)

    return wrapper


class AuditedModel(models.Model):
    """Mixin for models holding person or case data: every change is audited automatically."""

    class Meta:
        abstract = True

    def audit_person_id(self) -> int | None:
        """The person this record belongs to, so the audit log can answer 'who read X'.

        Records with a `person` foreign key need not override this."""
        person_id = getattr(self, "person_id", None)
        return person_id if isinstance(person_id, int) else None


def _entry(
    *,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: object = "",
    person_id: int | None = None,
    fields: Iterable[str] = (),
    object_ids: Iterable[object] = (),
    purpose: str = "",
) -> AuditEntry:
    user = actor.user if actor else None
    return AuditEntry.objects.create(
        actor=user,
        actor_username=user.get_username() if user else SYSTEM,
        actor_role=getattr(user, "role", "") if user else SYSTEM,
        actor_organisation_id=getattr(user, "organisation_id", None) if user else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        person_id=person_id,
        fields=sorted(fields),
        object_ids=[int(i) if isinstance(i, int) else str(i) for i in object_ids],
        purpose=purpose[:64],
        client_address=actor.client_address if actor else _client_address.get(),
    )


def _label(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def audit_read(*, actor: User, obj: AuditedModel, purpose: str) -> None:
    """Record that `actor` viewed `obj` (a person or case page, a document)."""
    _entry(
        actor=Actor(actor, _client_address.get()),
        action=AuditEntry.Action.READ,
        object_type=_label(obj),
        object_id=obj.pk,
        person_id=obj.audit_person_id(),
        purpose=purpose,
    )


def audit_list(*, actor: User, model: type[models.Model], ids: Iterable[int], purpose: str) -> None:
    """Record which records a list page or search showed to `actor`."""
    _entry(
        actor=Actor(actor, _client_address.get()),
        action=AuditEntry.Action.LIST,
        object_type=_label(model),
        object_ids=list(ids),
        purpose=purpose,
    )


def audit_event(
    *,
    actor: User | None,
    action: str,
    object_type: str,
    object_id: object = "",
    person_id: int | None = None,
    fields: Iterable[str] = (),
    purpose: str = "",
    object_ids: Iterable[object] = (),
) -> None:
    """Record an event that is not a model save (login, export, a confirmation)."""
    _entry(
        actor=Actor(actor, _client_address.get()),
        action=action,
        object_type=object_type,
        object_id=object_id,
        person_id=person_id,
        fields=fields,
        purpose=purpose,
        object_ids=object_ids,
    )


def _concrete_field_names(instance: models.Model) -> list[str]:
    return [f.attname for f in instance._meta.concrete_fields if not f.primary_key]


@receiver(pre_save)
def _require_audit_context(
    sender: type[models.Model], instance: models.Model, raw: bool = False, **kwargs: Any
) -> None:
    if not isinstance(instance, AuditedModel) or raw:
        return
    if _actor.get() is None:
        raise AuditContextMissing(f"{_label(instance)} changed without an actor (use a service).")
    if not transaction.get_connection().in_atomic_block:
        raise AuditContextMissing(f"{_label(instance)} changed outside a transaction.")
    update_fields = kwargs.get("update_fields")
    if instance._state.adding or instance.pk is None:
        instance._audit_fields = _concrete_field_names(instance)  # type: ignore[attr-defined]
    elif update_fields is not None:
        instance._audit_fields = [  # type: ignore[attr-defined]
            getattr(instance._meta.get_field(name), "attname", name) for name in update_fields
        ]
    else:
        fields = [f for f in instance._meta.concrete_fields if not f.primary_key]
        before = (
            type(instance)
            ._base_manager.filter(pk=instance.pk)
            .values(*[f.attname for f in fields])
            .first()
            or {}
        )
        instance._audit_fields = [  # type: ignore[attr-defined]
            f.attname
            for f in fields
            if f.get_prep_value(before.get(f.attname))
            != f.get_prep_value(getattr(instance, f.attname))
        ]


@receiver(post_save)
def _audit_save(
    sender: type[models.Model],
    instance: models.Model,
    created: bool,
    raw: bool = False,
    **kwargs: Any,
) -> None:
    if not isinstance(instance, AuditedModel) or raw:
        return
    changed = getattr(instance, "_audit_fields", [])
    if not created and not changed:
        return
    _entry(
        actor=_actor.get(),
        action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
        object_type=_label(instance),
        object_id=instance.pk,
        person_id=instance.audit_person_id(),
        fields=changed,
    )


@receiver(pre_delete)
def _require_delete_context(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    if not isinstance(instance, AuditedModel):
        return
    if _actor.get() is None:
        raise AuditContextMissing(f"{_label(instance)} deleted without an actor (use a service).")
    if not transaction.get_connection().in_atomic_block:
        raise AuditContextMissing(f"{_label(instance)} deleted outside a transaction.")


@receiver(post_delete)
def _audit_delete(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if not isinstance(instance, AuditedModel):
        return
    _entry(
        actor=_actor.get(),
        action=AuditEntry.Action.DELETE,
        object_type=_label(instance),
        object_id=instance.pk,
        person_id=instance.audit_person_id(),
    )
