"""The audit writer.

Every change to an audited model is logged in the same transaction as the change, by signal,
so no code path can change person or case data without its entry: a save outside a
transaction or without a known actor is refused before it reaches the database. Reads, lists
and exports are logged explicitly by the selectors. Entries carry ids and field names only.

Entries form a hash chain (core/chain.py): each is written under a lock (an advisory
transaction lock on PostgreSQL; SQLite's write transactions are serial already), takes the next
position and the hash of the entry before it, so `audit_verify` finds any change, gap or
reordering. `audit_purge_before` removes the oldest entries for retention and leaves a
checkpoint from which the remaining chain still verifies.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from .chain import GENESIS, HASHED_FIELDS, entry_digest, normalise_address
from .models import AccessRefusal, AuditCheckpoint, AuditEntry
from .request_transactions import in_own_transaction

if TYPE_CHECKING:
    from wegweiser.accounts.models import User

P = ParamSpec("P")
R = TypeVar("R")

SYSTEM = "system"
# Key of the PostgreSQL advisory lock that serialises writers of the chain ("wegweiser").
CHAIN_LOCK_KEY = 0x77656777656973


class AuditContextMissing(RuntimeError):
    """A change to audited data was attempted without an actor or outside a transaction."""


@dataclass(frozen=True)
class Actor:
    user: User | None
    client_address: str | None = None


_actor: ContextVar[Actor | None] = ContextVar("wegweiser_audit_actor", default=None)
_client_address: ContextVar[str | None] = ContextVar("wegweiser_client_address", default=None)
# Read and list entries of the current request, appended together at its end (batched_reads).
_pending: ContextVar[list[AuditEntry] | None] = ContextVar("wegweiser_audit_pending", default=None)
# The user of the current request, for changes made outside services (the admin site).
_request_user: ContextVar[Callable[[], Any] | None] = ContextVar(
    "wegweiser_request_user", default=None
)


@contextmanager
def acting_as(user: User | None) -> Iterator[None]:
    """Attribute every audited change inside the block to `user` (None: the system itself)."""
    token = _actor.set(Actor(user=user, client_address=_client_address.get()))
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def request_user(getter: Callable[[], Any]) -> Iterator[None]:
    """Make the request's user (read lazily) the actor of changes that no service attributes."""
    token = _request_user.set(getter)
    try:
        yield
    finally:
        _request_user.reset(token)


def _current_actor() -> Actor:
    actor = _actor.get()
    if actor is not None:
        return actor
    getter = _request_user.get()
    user = getter() if getter is not None else None
    if user is not None and not getattr(user, "is_authenticated", False):
        user = None
    return Actor(user=user, client_address=_client_address.get())


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


def _lock_chain() -> None:
    """Serialise writers of the chain until the end of the transaction."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])


def _chain_head() -> tuple[int, str]:
    """Position and hash of the newest entry (or of the newest checkpoint, or the start)."""
    last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    if last is not None:
        return last
    checkpoint = (
        AuditCheckpoint.objects.order_by("-last_sequence")
        .values_list("last_sequence", "last_hash")
        .first()
    )
    return checkpoint if checkpoint is not None else (0, GENESIS)


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
    deferred: bool = False,
) -> AuditEntry:
    """One entry; with `deferred` (reads and lists) inside `batched_reads`, kept for the
    block's end, else appended to the chain now."""
    user = actor.user if actor else None
    entry = AuditEntry(
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
        client_address=normalise_address(actor.client_address if actor else _client_address.get()),
    )
    pending = _pending.get()
    if deferred and pending is not None:
        pending.append(entry)
        return entry
    if pending:
        # Reads collected earlier in the request go first: the chain keeps the order of events.
        batch, pending[:] = [*pending, entry], []
        _write_chain(batch)
    else:
        _write_chain([entry])
    return entry


def _write_chain(entries: list[AuditEntry]) -> None:
    """Append the entries to the chain in one transaction: one lock, one read of the head, one
    insert (a bulk insert for several), each entry hashed over the one before it. Inside a
    service's or request's transaction the entries become part of it without a savepoint of
    their own (two round trips fewer per change): if the append fails, the change fails too."""
    with transaction.atomic(savepoint=False):
        _lock_chain()
        sequence, previous_hash = _chain_head()
        now = timezone.now()
        for entry in entries:
            sequence += 1
            entry.sequence, entry.previous_hash, entry.at = sequence, previous_hash, now
            entry.entry_hash = entry_digest({name: getattr(entry, name) for name in HASHED_FIELDS})
            previous_hash = entry.entry_hash
        if len(entries) == 1:
            entries[0].save(force_insert=True)
        else:
            AuditEntry.objects.bulk_create(entries)


@contextmanager
def batched_reads() -> Iterator[None]:
    """Collect the read and list entries written inside the block and append them to the chain
    together when it ends (one transaction, one bulk insert), also when it ends by an error:
    what was shown is logged. Changes are still logged at once, in their own transaction,
    after the reads collected before them. The request middleware wraps every request in it."""
    token = _pending.set([])
    try:
        yield
    finally:
        pending = _pending.get() or []
        _pending.reset(token)
        if pending:
            _write_chain(pending)


def flush_reads() -> None:
    """Write the reads collected so far in this request now, for a page that reports the log
    itself (the subject access report counts the reads of the file, its own included)."""
    pending = _pending.get()
    if pending:
        batch, pending[:] = list(pending), []
        _write_chain(batch)


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
        deferred=True,
    )


def audit_list(*, actor: User, model: type[models.Model], ids: Iterable[int], purpose: str) -> None:
    """Record which records a list page or search showed to `actor`."""
    _entry(
        actor=Actor(actor, _client_address.get()),
        action=AuditEntry.Action.LIST,
        object_type=_label(model),
        object_ids=list(ids),
        purpose=purpose,
        deferred=True,
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
    if not in_own_transaction():
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
    if not in_own_transaction():
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


# Findings that do not break the chain: the clock stepped back between two entries (the order
# of the chain is its positions, not its times), or a purge removed entries before their time.
WARNINGS = ("clock", "early_purge")


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    kind: str  # "changed", "gap"; warnings: "clock", "early_purge"
    detail: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_sequence: int
    head_hash: str
    problems: list[ChainProblem]

    @property
    def intact(self) -> bool:
        return not any(p.kind not in WARNINGS for p in self.problems)


def audit_verify() -> ChainReport:
    """Walk the chain from its start (or the checkpoint of the last purge) to its head.

    Reports an entry whose content no longer matches its hash ("changed"), a missing position
    or a broken link to the previous entry ("gap"); as warnings, time running backwards
    ("clock") and purges of entries younger than the configured retention ("early_purge")."""
    problems: list[ChainProblem] = []
    checkpoints = {c.last_sequence: c for c in AuditCheckpoint.objects.order_by("last_sequence")}
    retention = dt.timedelta(days=settings.WEGWEISER_AUDIT_RETENTION_DAYS)
    for checkpoint in checkpoints.values():
        if checkpoint.at - checkpoint.last_entry_at < retention:
            problems.append(
                ChainProblem(
                    checkpoint.last_sequence,
                    "early_purge",
                    f"entries up to {checkpoint.last_sequence} purged on "
                    f"{checkpoint.at:%Y-%m-%d} by {checkpoint.actor_username or SYSTEM}, "
                    "before the retention period",
                )
            )
    expected_sequence: int | None = None
    expected_hash = GENESIS
    previous_at: dt.datetime | None = None
    checked = 0
    head = (0, GENESIS)
    rows = AuditEntry.objects.order_by("sequence").values("id", *HASHED_FIELDS, "entry_hash")
    for row in rows.iterator(chunk_size=2000):
        sequence = row["sequence"]
        if expected_sequence is None:
            start = checkpoints.get(sequence - 1)
            if sequence == 1:
                expected_sequence, expected_hash = 1, GENESIS
            elif start is not None:
                expected_sequence, expected_hash = sequence, start.last_hash
            else:
                problems.append(
                    ChainProblem(
                        sequence,
                        "gap",
                        f"the chain starts at {sequence} without a "
                        "checkpoint for the entries before it",
                    )
                )
                expected_sequence, expected_hash = sequence, row["previous_hash"]
        if sequence != expected_sequence:
            problems.append(
                ChainProblem(
                    sequence, "gap", f"entries {expected_sequence}..{sequence - 1} are missing"
                )
            )
        elif row["previous_hash"] != expected_hash:
            problems.append(ChainProblem(sequence, "gap", "does not follow the entry before it"))
        if entry_digest(row) != row["entry_hash"]:
            problems.append(ChainProblem(sequence, "changed", f"entry id {row['id']} was altered"))
        if previous_at is not None and row["at"] < previous_at:
            problems.append(ChainProblem(sequence, "clock", "is older than the entry before it"))
        previous_at = row["at"]
        expected_sequence = sequence + 1
        expected_hash = row["entry_hash"]
        head = (sequence, row["entry_hash"])
        checked += 1
    if checked == 0 and checkpoints:
        last = list(checkpoints.values())[-1]
        head = (last.last_sequence, last.last_hash)
    return ChainReport(checked=checked, head_sequence=head[0], head_hash=head[1], problems=problems)


def audit_purge_before(*, cutoff: dt.datetime, actor: User | None) -> int:
    """Remove the audit entries and refusal counts older than `cutoff` (retention), leaving a
    checkpoint so that `audit_verify` still passes, and log the purge itself. Returns the number
    of entries removed."""
    with transaction.atomic(), acting_as(actor):
        _lock_chain()
        # The refusal counts beside the log name users and pages: they go with the entries.
        AccessRefusal.objects.filter(minute__lt=cutoff).delete()
        # The oldest entries up to the first one that is to be kept: never a newer entry, even
        # if the clock once stepped back.
        first_kept = (
            AuditEntry.objects.filter(at__gte=cutoff)
            .order_by("sequence")
            .values_list("sequence", flat=True)
            .first()
        )
        purgeable = AuditEntry.objects.filter(at__lt=cutoff)
        if first_kept is not None:
            purgeable = purgeable.filter(sequence__lt=first_kept)
        last = purgeable.order_by("-sequence").values("sequence", "entry_hash", "at").first()
        if last is None:
            return 0
        count = AuditEntry.objects.filter(sequence__lte=last["sequence"]).count()
        checkpoint = AuditCheckpoint.objects.create(
            actor_username=actor.get_username() if actor else SYSTEM,
            cutoff=cutoff,
            last_sequence=last["sequence"],
            last_hash=last["entry_hash"],
            last_entry_at=last["at"],
            purged=count,
        )
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT core_audit_purge()")
            else:
                cursor.execute(
                    "DELETE FROM core_auditentry WHERE sequence <= %s", [last["sequence"]]
                )
        audit_event(
            actor=actor,
            action=AuditEntry.Action.PURGE,
            object_type="core.auditentry",
            object_id=checkpoint.pk,
            purpose=f"{count} entries before {cutoff:%Y-%m-%d}",
        )
        return count


# --- Accounts: users, roles, teams, organisations ------------------------------------------

OWN_ACCOUNT = "own account"
_summarised: ContextVar[bool] = ContextVar("wegweiser_accounts_summarised", default=False)


@contextmanager
def accounts_in_one_entry() -> Iterator[None]:
    """Account changes inside the block are covered by one summary entry that the caller
    writes (the demo generator's run), instead of one entry per change."""
    token = _summarised.set(True)
    try:
        yield
    finally:
        _summarised.reset(token)


def track_account_changes(model: type[models.Model], *, ignore: Iterable[str] = ()) -> None:
    """Audit every change of `model` (users, teams, organisations) and of its many-to-many
    fields, by whoever makes it: a service's actor or the request's user (the admin site).
    Entries name the changed fields, never their values. A change that an administrator makes
    to their own account (a team, and with it case access) is marked as such for the auditor.
    """
    label = _label(model)
    ignored = set(ignore)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in ignored]

    def before(sender: Any, instance: models.Model, raw: bool = False, **kwargs: Any) -> None:
        if raw or _summarised.get():
            instance._audit_account_fields = []  # type: ignore[attr-defined]
            return
        if instance._state.adding or instance.pk is None:
            instance._audit_account_fields = [f.name for f in fields]  # type: ignore[attr-defined]
            return
        update_fields = kwargs.get("update_fields")
        watched = [
            f
            for f in fields
            if update_fields is None or f.name in update_fields or f.attname in update_fields
        ]
        if not watched:
            instance._audit_account_fields = []  # type: ignore[attr-defined]
            return
        stored = (
            model._base_manager.filter(pk=instance.pk).values(*[f.attname for f in watched]).first()
            or {}
        )
        instance._audit_account_fields = [  # type: ignore[attr-defined]
            f.name
            for f in watched
            if f.get_prep_value(stored.get(f.attname))
            != f.get_prep_value(getattr(instance, f.attname))
        ]

    def after(
        sender: Any, instance: models.Model, created: bool, raw: bool = False, **kwargs: Any
    ) -> None:
        changed = getattr(instance, "_audit_account_fields", [])
        if raw or _summarised.get() or (not created and not changed):
            return
        actor = _current_actor()
        own = (
            actor.user is not None and label == _user_label(actor) and actor.user.pk == instance.pk
        )
        _entry(
            actor=actor,
            action=AuditEntry.Action.CREATE if created else AuditEntry.Action.UPDATE,
            object_type=label,
            object_id=instance.pk,
            fields=changed,
            purpose=OWN_ACCOUNT if own else "",
        )

    def deleted(sender: Any, instance: models.Model, **kwargs: Any) -> None:
        if _summarised.get():
            return
        _entry(
            actor=_current_actor(),
            action=AuditEntry.Action.DELETE,
            object_type=label,
            object_id=instance.pk,
        )

    uid = f"wegweiser-account-audit-{label}"
    pre_save.connect(before, sender=model, weak=False, dispatch_uid=f"{uid}-pre")
    post_save.connect(after, sender=model, weak=False, dispatch_uid=f"{uid}-post")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}-delete")
    for m2m in model._meta.many_to_many:
        m2m_changed.connect(
            _m2m_receiver(model, m2m.name),
            sender=m2m.remote_field.through,
            weak=False,
            dispatch_uid=f"{uid}-{m2m.name}",
        )


def _user_label(actor: Actor) -> str:
    return actor.user._meta.label_lower if actor.user is not None else ""  # also through a lazy


def _m2m_receiver(model: type[models.Model], name: str) -> Callable[..., None]:
    def changed(
        sender: Any,
        instance: models.Model,
        action: str,
        reverse: bool,
        pk_set: set[Any] | None,
        **kwargs: Any,
    ) -> None:
        if action == "pre_clear":
            field = getattr(instance, name) if not reverse else None
            instance._audit_cleared = (  # type: ignore[attr-defined]
                set(field.values_list("pk", flat=True)) if field is not None else set()
            )
            return
        if action not in ("post_add", "post_remove", "post_clear") or _summarised.get():
            return
        ids = pk_set if action != "post_clear" else getattr(instance, "_audit_cleared", set())
        if not ids:
            return
        verb = "added" if action == "post_add" else "removed"
        actor = _current_actor()
        if reverse:  # e.g. team.members.add(user): one entry per user, on the user
            for pk in sorted(ids):
                _account_m2m_entry(actor, model, pk, name, [instance.pk], verb)
        else:
            _account_m2m_entry(actor, model, instance.pk, name, sorted(ids), verb)

    return changed


def _account_m2m_entry(
    actor: Actor,
    model: type[models.Model],
    pk: Any,
    name: str,
    ids: list[Any],
    verb: str,
) -> None:
    own = actor.user is not None and _user_label(actor) == _label(model) and actor.user.pk == pk
    _entry(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type=_label(model),
        object_id=pk,
        fields=[name],
        object_ids=ids,
        purpose=f"{OWN_ACCOUNT}: {name} {verb}" if own else f"{name} {verb}",
    )
