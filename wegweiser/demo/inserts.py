"""Batched inserts of generated rows, with primary keys allocated up front.

Django's `bulk_create` prepares every value of every row through the field API; at about
seven microseconds a value that is 1.2 ms per synthetic person on a small machine, too slow
for 100,000 persons in two minutes. Generated rows are already in database form, so they go
in through `executemany` (SQLite) or PostgreSQL's `COPY … FROM STDIN` (psycopg 3), with the
column list taken from the model's metadata. Like
`bulk_create`, this bypasses `save()` and the audit signals; the caller audits the run.

Primary keys are allocated from the table's current maximum inside the caller's
transaction, so rows can reference each other before they are written. On SQLite the
transaction holds the write lock from its start; on PostgreSQL the sequences are moved past
the new rows at the end. Run generation while nobody else writes to these tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.db.models import Max


class Table:
    """Rows for one model, in the order of `columns` (attribute names, without the id)."""

    def __init__(self, model: type[models.Model], columns: tuple[str, ...], now: dt.datetime):
        self.model = model
        self.columns = columns
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0
        fields = {f.attname: f for f in model._meta.concrete_fields}
        pk = model._meta.pk
        assert pk is not None
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{model._meta.label} has no columns {sorted(unknown)}.")
        # Columns the generator does not fill (added to the model later) get their default.
        self.missing = [
            f for f in fields.values() if f.attname not in columns and f.attname != pk.attname
        ]
        self.constant = tuple(
            f.get_db_prep_save(_default(f, now), connection) for f in self.missing
        )
        names = [str(f.column) for f in (pk, *(fields[c] for c in columns), *self.missing)]
        quote = connection.ops.quote_name
        # Table and column names come from the model, never from input.
        self.sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
            quote(model._meta.db_table),
            ", ".join(quote(n) for n in names),
            ", ".join(["%s"] * len(names)),
        )
        self.copy_sql = "COPY {} ({}) FROM STDIN".format(
            quote(model._meta.db_table), ", ".join(quote(n) for n in names)
        )
        highest = model._default_manager.aggregate(highest=Max(pk.attname))["highest"]
        self.next_id = (highest or 0) + 1

    def add(self, *values: Any) -> int:
        """Queue one row; returns its primary key."""
        pk = self.next_id
        self.next_id += 1
        self.rows.append((pk, *values, *self.constant))
        return pk

    def flush(self) -> None:
        if not self.rows:
            return
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY is PostgreSQL's bulk path: one statement for the whole batch, values
                # streamed in its text format (psycopg adapts dates, times and booleans).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in self.rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, self.rows)
        self.written += len(self.rows)
        self.rows.clear()


def _default(field: models.Field[Any, Any], now: dt.datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def reset_sequences(tables: Iterable[Table]) -> None:
    """Move PostgreSQL's id sequences past the inserted rows (nothing to do on SQLite)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [t.model for t in tables])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def date_adapter() -> Callable[[dt.date | None], Any]:
    """Dates as the database driver takes them: ISO strings for SQLite, objects otherwise."""
    if connection.vendor == "sqlite":
        return lambda value: None if value is None else value.isoformat()
    return lambda value: value


def timestamp_adapter() -> Callable[[dt.date, int], Any]:
    """A time of day (minutes after midnight UTC) on a date, as the driver takes it.

    SQLite stores naive UTC text, which is what Django's adapter would make of the aware
    value; building the text directly saves the time zone conversion per row.
    """
    if connection.vendor == "sqlite":
        return lambda day, minutes: f"{day.isoformat()} {minutes // 60:02d}:{minutes % 60:02d}:00"
    return lambda day, minutes: dt.datetime.combine(
        day, dt.time(minutes // 60, minutes % 60), tzinfo=dt.UTC
    )
