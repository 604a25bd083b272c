"""Paging for lists that can grow without bound: a count that stops at a cap.

Counting every row of a large result (all persons a team may see, a common family name) reads
them all; a list page needs the first rows and whether there are more. `CappedPaginator`
counts at most `cap + 1` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`); beyond the cap the
page says "more than 1,000" and the pager offers the pages up to the cap: a longer list is
narrowed by the search, not paged through."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Paginator

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, cap: int = COUNT_CAP, **kw: Any):
        super().__init__(object_list, per_page, **kw)
        self.cap = cap

    @cached_property
    def count(self) -> int:
        """The number of rows, at most `cap` (see `capped`)."""
        return min(self._limited_count, self.cap)

    @cached_property
    def _limited_count(self) -> int:
        objects: Any = self.object_list
        if hasattr(objects, "count") and hasattr(objects, "query"):
            # Which rows fall under the cap does not matter for the count: no sorting.
            return int(objects.order_by()[: self.cap + 1].count())
        return len(list(objects[: self.cap + 1]))

    @property
    def capped(self) -> bool:
        """True when there are more rows than the count says."""
        return self._limited_count > self.cap
