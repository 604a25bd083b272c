"""The duplicate-detection job: all persons of an organisation through the Splink model of
:mod:`wegweiser.identity.duplicate_model`, its candidate pairs rescored with the identity
matcher's name comparison (:mod:`wegweiser.identity.duplicate_rescoring`), and the pairs above
the threshold into the review queue.

Pairs already in the queue (open) or decided (same or different) are never proposed again;
a "different" decision is kept for good. Nothing is merged here: merging needs a person's
decision on the review page (:mod:`wegweiser.people.merging`).
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import os
import threading
import time
from collections import defaultdict
from collections.abc import Collection, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

from wegweiser.accounts.models import Organisation, User
from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.identity import duplicate_model, duplicate_rescoring
from wegweiser.identity.dates import BirthDate, DatePrecision
from wegweiser.identity.scorer import NameSpelling as SpellingRecord
from wegweiser.identity.scorer import PersonRecord

from .models import DuplicatePair, DuplicateSearch, NameSpelling, Person

logger = logging.getLogger(__name__)

PERSON_COLUMNS = (
    "pk",
    "given_names_latin",
    "family_name_latin",
    "given_names_original",
    "family_name_original",
    "date_of_birth",
    "dob_precision",
    "dob_placeholder",
    "nationalities",
    "place_of_birth",
    "sex",
)


def _codes(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        return tuple(code for code in value.split(",") if code)
    return tuple(str(getattr(code, "code", code)) for code in value)


def _person_records(persons_qs: Any, spellings_qs: Any) -> Iterator[tuple[int, PersonRecord, str]]:
    """(pk, record, sex) of the persons, with the names in every spelling."""
    spellings: dict[int, list[SpellingRecord]] = defaultdict(list)
    for person_id, given, family in spellings_qs.values_list(
        "person_id", "given_names", "family_name"
    ).iterator(chunk_size=20_000):
        spellings[person_id].append(SpellingRecord(given, family))
    persons = persons_qs.order_by().values_list(*PERSON_COLUMNS).iterator(chunk_size=20_000)
    for (
        pk,
        given,
        family,
        given_o,
        family_o,
        born,
        precision,
        placeholder,
        nat,
        place,
        sex,
    ) in persons:
        others = []
        if given_o or family_o:
            others.append(SpellingRecord(given_o, family_o))
        others.extend(spellings.get(pk, ()))
        birth = (
            BirthDate(born, DatePrecision(precision), bool(placeholder))
            if isinstance(born, dt.date)
            else None
        )
        record = PersonRecord(
            given_names=given,
            family_name=family,
            other_spellings=tuple(others),
            birth_date=birth,
            nationalities=_codes(nat),
            place_of_birth=place or "",
        )
        yield pk, record, sex


def export_rows(
    organisation_id: int, pk_range: tuple[int, int] | None = None
) -> Iterator[dict[str, Any]]:
    """One comparison row per person of the organisation (names in every spelling);
    ``pk_range`` (first, last) limits it to a slice of the persons."""
    persons_qs = Person.objects.filter(organisation_id=organisation_id)
    spellings_qs = NameSpelling.objects.filter(person__organisation_id=organisation_id)
    if pk_range is not None:
        persons_qs = persons_qs.filter(pk__range=pk_range)
        spellings_qs = spellings_qs.filter(person__pk__range=pk_range)
    for pk, record, sex in _person_records(persons_qs, spellings_qs):
        yield duplicate_model.comparison_row(pk, record, sex=sex)


RECORD_BATCH = 500
"""Persons read per query when the candidate pairs are rescored (well under SQLite's limit of
bound parameters)."""


def person_records(organisation_id: int, ids: Collection[int]) -> dict[int, PersonRecord]:
    """The records of the given persons of the organisation, for rescoring candidate pairs."""
    result: dict[int, PersonRecord] = {}
    ordered = sorted(ids)
    for start in range(0, len(ordered), RECORD_BATCH):
        chunk = ordered[start : start + RECORD_BATCH]
        persons_qs = Person.objects.filter(organisation_id=organisation_id, pk__in=chunk)
        spellings_qs = NameSpelling.objects.filter(
            person__organisation_id=organisation_id, person_id__in=chunk
        )
        for pk, record, _sex in _person_records(persons_qs, spellings_qs):
            result[pk] = record
    return result


PARALLEL_FROM = 50_000
"""From this many persons the export runs in one process per core (it is Python work)."""


def _export_slice(organisation_id: int, pk_range: tuple[int, int]) -> Any:
    return duplicate_model.comparison_table(export_rows(organisation_id, pk_range))


def _can_fork() -> bool:
    """Closing the connections for worker processes must not end a transaction or an
    in-memory database (the test suite's)."""
    connection = connections[DEFAULT_DB_ALIAS]
    name = str(connection.settings_dict.get("NAME") or "")
    in_memory = ":memory:" in name or "mode=memory" in name
    return not connection.in_atomic_block and not in_memory and os.name == "posix"


def export_table(organisation_id: int, workers: int | None = None) -> Any:
    """The comparison table of every person of the organisation."""
    import pyarrow as pa

    workers = workers or os.cpu_count() or 1
    ids = Person.objects.filter(organisation_id=organisation_id).order_by("pk")
    count = ids.count()
    if workers < 2 or count < PARALLEL_FROM or not _can_fork():
        return duplicate_model.comparison_table(export_rows(organisation_id))
    step = -(-count // workers)
    firsts = [
        ids.values_list("pk", flat=True)[i * step] for i in range(workers) if i * step < count
    ]
    ranges = [
        (first, (firsts[i + 1] - 1) if i + 1 < len(firsts) else 2**62)
        for i, first in enumerate(firsts)
    ]
    connections.close_all()
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=len(ranges), mp_context=context) as pool:
        tables = list(pool.map(_export_slice, [organisation_id] * len(ranges), ranges))
    return pa.concat_tables(tables)


@dataclass
class DuplicateRunResult:
    persons: int
    proposed: int
    new_pairs: int
    seconds: dict[str, float] = field(default_factory=dict)


def known_pairs(organisation_id: int) -> set[tuple[int, int]]:
    """Pairs that are open or decided: never proposed again."""
    return set(
        DuplicatePair.objects.filter(organisation_id=organisation_id).values_list(
            "person_low_id", "person_high_id"
        )
    )


# --- one search at a time, and recovery from a worker that died ----------------------------

HEARTBEAT_SECONDS = 30
"""A running search writes a sign of life this often (a thread beside the work)."""

STALE_SECONDS = 300
"""A running search without a sign of life for this long lost its worker (killed, crashed,
the machine restarted): it is marked failed and can be started again."""

WORKER_STOPPED = "worker-stopped"
TASK_FAILED = "task-failed"


class DuplicateSearchBusy(Exception):
    """A search of the organisation is already queued or running."""

    def __init__(self, search: DuplicateSearch) -> None:
        super().__init__(f"duplicate search {search.pk} is {search.status}")
        self.search = search


def _stale_seconds() -> float:
    return float(getattr(settings, "WEGWEISER_JOB_STALE_SECONDS", STALE_SECONDS))


def _heartbeat_seconds() -> float:
    return float(getattr(settings, "WEGWEISER_JOB_HEARTBEAT_SECONDS", HEARTBEAT_SECONDS))


def _task_status(search: DuplicateSearch) -> str | None:
    """The task queue's own view of the job, where the backend keeps results."""
    if not search.task_result_id:
        return None
    try:
        return str(find_duplicates_task.get_result(search.task_result_id).status)
    except (TaskResultDoesNotExist, NotImplementedError):
        return None


def _stale_reason(search: DuplicateSearch, now: dt.datetime) -> str | None:
    task_status = _task_status(search)
    if task_status == TaskResultStatus.FAILED:
        return TASK_FAILED
    limit = now - dt.timedelta(seconds=_stale_seconds())
    if search.status == DuplicateSearch.Status.RUNNING:
        last = search.heartbeat_at or search.started_at or search.requested_at
        return WORKER_STOPPED if last < limit else None
    # Queued: waiting for a worker is fine (it runs when one comes); a worker that took the
    # job and died before the search started leaves the task running and the search queued.
    if task_status == TaskResultStatus.RUNNING and search.requested_at < limit:
        return WORKER_STOPPED
    return None


def duplicate_searches_recover(
    *, organisation: Organisation, now: dt.datetime | None = None
) -> list[int]:
    """Mark the organisation's open searches whose worker is gone as failed; their ids."""
    now = now or timezone.now()
    failed = []
    for search in DuplicateSearch.objects.filter(
        organisation=organisation, status__in=DuplicateSearch.OPEN
    ):
        reason = _stale_reason(search, now)
        if reason is None:
            continue
        # Only if it is still open: a worker that finishes meanwhile keeps its result.
        if DuplicateSearch.objects.filter(pk=search.pk, status=search.status).update(
            status=DuplicateSearch.Status.FAILED, finished_at=now, message=reason
        ):
            logger.warning("duplicate search %s marked failed: %s", search.pk, reason)
            failed.append(search.pk)
    return failed


@transaction.atomic
def duplicate_search_start(*, actor: User) -> tuple[DuplicateSearch, bool]:
    """Queue a search of the team lead's organisation, unless one is queued or running: then
    that one and False. A search whose worker died is marked failed first, so it can be
    started again. The open search is locked (PostgreSQL) or the database is (SQLite,
    IMMEDIATE), and a partial unique constraint stops a second open search in any case."""
    if not actor.is_team_lead or actor.organisation is None:
        raise PermissionDenied
    organisation = actor.organisation
    duplicate_searches_recover(organisation=organisation)
    open_search = (
        DuplicateSearch.objects.select_for_update()
        .filter(organisation=organisation, status__in=DuplicateSearch.OPEN)
        .first()
    )
    if open_search is not None:
        return open_search, False
    try:
        with transaction.atomic():
            search = DuplicateSearch.objects.create(organisation=organisation, requested_by=actor)
    except IntegrityError:  # another request queued one a moment ago
        return DuplicateSearch.objects.get(
            organisation=organisation, status__in=DuplicateSearch.OPEN
        ), False
    result = find_duplicates_task.enqueue(organisation_id=organisation.pk, search_id=search.pk)
    DuplicateSearch.objects.filter(pk=search.pk).update(task_result_id=str(result.id))
    search.refresh_from_db()
    return search, True


def _claim(
    organisation: Organisation, requested_by: User | None, search: DuplicateSearch | None
) -> DuplicateSearch:
    now = timezone.now()
    if search is None:  # the command line: a search of its own, unless one is open
        try:
            with transaction.atomic():
                return DuplicateSearch.objects.create(
                    organisation=organisation,
                    requested_by=requested_by,
                    status=DuplicateSearch.Status.RUNNING,
                    started_at=now,
                    heartbeat_at=now,
                )
        except IntegrityError:
            raise DuplicateSearchBusy(
                DuplicateSearch.objects.get(
                    organisation=organisation, status__in=DuplicateSearch.OPEN
                )
            ) from None
    claimed = DuplicateSearch.objects.filter(
        pk=search.pk, status=DuplicateSearch.Status.QUEUED
    ).update(status=DuplicateSearch.Status.RUNNING, started_at=now, heartbeat_at=now)
    search.refresh_from_db()
    if not claimed:  # given up as stale before a worker took it, or started twice
        raise DuplicateSearchBusy(search)
    return search


class _Heartbeat:
    """Writes the search's sign of life from a thread while the work runs; a killed worker
    takes the thread with it, and the search goes stale."""

    def __init__(self, search_id: int) -> None:
        self.search_id = search_id
        self.every = _heartbeat_seconds()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def _run(self) -> None:
        try:
            while not self.stop.wait(self.every):
                try:
                    DuplicateSearch.objects.filter(
                        pk=self.search_id, status=DuplicateSearch.Status.RUNNING
                    ).update(heartbeat_at=timezone.now())
                except DatabaseError:  # the database is busy: the next beat will do
                    logger.info("heartbeat of duplicate search %s skipped", self.search_id)
        finally:
            connections.close_all()


def run_duplicate_detection(
    *,
    organisation: Organisation,
    requested_by: User | None = None,
    threshold: float = duplicate_rescoring.DEFAULT_THRESHOLD,
    seed: int = 42,
    search: DuplicateSearch | None = None,
    backend: str | None = None,
) -> DuplicateRunResult:
    """Export, train, predict and fill the review queue; records the run. Raises
    DuplicateSearchBusy when another search of the organisation is open (or ``search`` is no
    longer queued). ``backend`` is where Splink runs (``duckdb`` or ``spark``; default: the
    setting WEGWEISER_DUPLICATE_BACKEND)."""
    backend = backend or duplicate_backend()
    if backend not in duplicate_model.BACKENDS:
        raise ValueError(f"Unknown duplicate backend {backend!r}.")
    started = time.perf_counter()
    search = _claim(organisation, requested_by, search)
    with _Heartbeat(search.pk):
        return _run(search, organisation, requested_by, threshold, seed, started, backend)


def duplicate_backend() -> str:
    """Where the duplicate job runs Splink: DuckDB in the worker, or Spark for a state or the
    whole country (the extra ``spark``)."""
    return str(getattr(settings, "WEGWEISER_DUPLICATE_BACKEND", "duckdb"))


def _run(
    search: DuplicateSearch,
    organisation: Organisation,
    requested_by: User | None,
    threshold: float,
    seed: int,
    started: float,
    backend: str = "duckdb",
) -> DuplicateRunResult:
    seconds: dict[str, float] = {}
    try:
        table = export_table(organisation.pk)
        seconds["export"] = time.perf_counter() - started
        # A bulk read of every person (names, birth date, nationality, place, sex) into an
        # in-memory database that ends with the run: one entry, not a list of a million ids.
        audit_event(
            actor=requested_by,
            action=AuditEntry.Action.EXPORT,
            object_type=Person._meta.label_lower,
            object_id=f"search={search.pk}",
            fields=[c.removesuffix("_id") for c in PERSON_COLUMNS if c != "pk"],
            purpose="duplicate_detection",
        )
        if table.num_rows < 2:
            pairs: list[duplicate_model.PredictedPair] = []
        else:
            # Splink's candidates, rescored with the identity matcher's name comparison
            result = duplicate_rescoring.find_duplicates(
                table,
                lambda ids: person_records(organisation.pk, ids),
                threshold=threshold,
                seed=seed,
                backend=backend,
            )
            pairs = result.pairs
            seconds.update(result.seconds)
        mark = time.perf_counter()
        new_ids = _store_pairs(organisation, pairs)
        seconds["store"] = time.perf_counter() - mark
    except Exception as error:
        search.status = DuplicateSearch.Status.FAILED
        search.finished_at = timezone.now()
        search.message = type(error).__name__[:200]
        search.save(update_fields=["status", "finished_at", "message"])
        raise
    seconds["total"] = time.perf_counter() - started
    search.status = DuplicateSearch.Status.DONE
    search.finished_at = timezone.now()
    search.persons = table.num_rows
    search.proposed = len(pairs)
    search.new_pairs = len(new_ids)
    search.seconds = {k: round(v, 2) for k, v in seconds.items()}
    search.save(
        update_fields=["status", "finished_at", "persons", "proposed", "new_pairs", "seconds"]
    )
    return DuplicateRunResult(table.num_rows, len(pairs), len(new_ids), seconds)


def _store_pairs(
    organisation: Organisation, pairs: list[duplicate_model.PredictedPair]
) -> list[int]:
    with transaction.atomic():
        known = known_pairs(organisation.pk)
        existing = set(
            Person.objects.filter(organisation=organisation).values_list("pk", flat=True)
        )
        new = [
            DuplicatePair(
                organisation=organisation,
                person_low_id=pair.low_id,
                person_high_id=pair.high_id,
                probability=pair.probability,
                match_weight=pair.match_weight,
                field_weights=pair.fields,
            )
            for pair in pairs
            if (pair.low_id, pair.high_id) not in known
            and pair.low_id in existing
            and pair.high_id in existing
        ]
        created = DuplicatePair.objects.bulk_create(new, batch_size=2000)
        ids = [pair.pk for pair in created if pair.pk is not None]
        if not ids and new:
            ids = list(
                DuplicatePair.objects.filter(organisation=organisation)
                .order_by("-pk")
                .values_list("pk", flat=True)[: len(new)]
            )
        if new:
            # Bulk inserts bypass the per-row audit signal: one entry names them all.
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type=DuplicatePair._meta.label_lower,
                object_ids=ids,
                purpose="duplicate_detection",
            )
    return ids


@task()
def find_duplicates_task(organisation_id: int, search_id: int | None = None) -> dict[str, Any]:
    """The background job behind the queue page's button and `wegweiser duplicates`."""
    organisation = Organisation.objects.get(pk=organisation_id)
    search = DuplicateSearch.objects.filter(pk=search_id).first() if search_id else None
    requested_by = search.requested_by if search is not None else None
    result = run_duplicate_detection(
        organisation=organisation, requested_by=requested_by, search=search
    )
    return {"persons": result.persons, "proposed": result.proposed, "new": result.new_pairs}
