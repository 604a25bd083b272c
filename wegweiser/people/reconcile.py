"""Linking a partner's list against the persons a user may see (audited as a bulk read)."""

from __future__ import annotations

from collections.abc import Sequence

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.identity.reconciliation import Entry, Link
from wegweiser.identity.scorer import compare_many, prior_for_registry

from .name_keys import candidate_ids, query_keys, record_of
from .selectors import persons_visible_to


def link_against_register(*, user: User, queries: Sequence[Entry], top: int = 10) -> list[Link]:
    visible = persons_visible_to(user)
    prior = prior_for_registry(max(visible.count(), 1))
    links: list[Link] = []
    for query in queries:
        ids = candidate_ids(query_keys(query.record), query.record.birth_date)
        persons = list(visible.filter(pk__in=ids))
        results = compare_many(query.record, [record_of(p) for p in persons], prior=prior)
        scored = sorted(
            zip(results, [p.pk for p in persons], strict=True),
            key=lambda item: (-item[0].probability, item[1]),
        )
        for rank, (result, pk) in enumerate(scored[:top], start=1):
            links.append(Link(query.ident, rank, str(pk), result.calibrated))
    audit_event(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        object_type="people.person",
        purpose="list_reconciliation",
        object_ids=sorted({int(x.registry_id) for x in links}),
    )
    return links
