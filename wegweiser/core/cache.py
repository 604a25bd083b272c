"""Django's database cache with an increment that no other process can interleave, and a
counter of one statement for the rate limits.

The stock `incr` reads the value and writes it back: two server processes counting the same
rate limit at once both read 5 and both write 6. Here the row is locked while it is read and
written (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite every write transaction takes the
database's write lock at its start, `transaction_mode` IMMEDIATE in the settings).

`count_up` counts in one upsert instead: the stock `add` before an `incr` counts the whole
table on every call (its check whether to cull), and `add` plus `incr` took eight round trips
to the database on every search.
"""

from __future__ import annotations

import base64
import datetime as dt
import pickle
from typing import Any

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        name = connection.ops.quote_name
        table = name(self._table)  # type: ignore[attr-defined]
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        current = connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))
        select = (
            f"SELECT {name('value')} FROM {table} "  # noqa: S608 (names quoted, values bound)
            f"WHERE {name('cache_key')} = %s AND {name('expires')} > %s{lock}"
        )
        update = f"UPDATE {table} SET {name('value')} = %s WHERE {name('cache_key')} = %s"  # noqa: S608
        with transaction.atomic(using=alias), connection.cursor() as cursor:
            cursor.execute(select, [key, current])
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301 (own rows)
            pickled = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(update, [pickled, key])
        return int(value)

    def count_up(self, key: str, timeout: int) -> int:
        """Add one to the counter `key` (created at 1, expiring after `timeout` seconds) and
        return its value, in one statement. Counter rows hold the count as plain digits and
        are read by this method only (`get` would not unpickle them); a key is never reused
        after it expires (the rate limits put their window in it), and the expired ones are
        deleted whenever a new counter starts."""
        key = self.make_and_validate_key(key)
        alias = router.db_for_write(self.cache_model_class)
        connection = connections[alias]
        name = connection.ops.quote_name
        table = name(self._table)  # type: ignore[attr-defined]
        current = now().replace(microsecond=0)
        expires = connection.ops.adapt_datetimefield_value(current + dt.timedelta(seconds=timeout))
        value = name("value")
        upsert = (
            f"INSERT INTO {table} ({name('cache_key')}, {value}, {name('expires')}) "  # noqa: S608
            f"VALUES (%s, '1', %s) ON CONFLICT ({name('cache_key')}) DO UPDATE SET "
            f"{value} = CAST(CAST({table}.{value} AS INTEGER) + 1 AS TEXT) RETURNING {value}"
        )
        with connection.cursor() as cursor:
            cursor.execute(upsert, [key, expires])
            count = int(cursor.fetchone()[0])
            if count == 1:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {name('expires')} < %s",  # noqa: S608
                    [connection.ops.adapt_datetimefield_value(current)],
                )
        return count
