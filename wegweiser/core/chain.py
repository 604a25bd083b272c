"""The audit log's hash chain: what an entry's hash covers, computed the same way everywhere.

Each entry carries its position in the chain (`sequence`), the hash of the entry before it
(`previous_hash`) and the SHA-256 of its own content together with that previous hash
(`entry_hash`). Changing, removing or reordering an entry therefore breaks the chain at that
point, which `wegweiser audit verify` reports. This module holds no model so that migrations
can use it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Mapping
from typing import Any

GENESIS = "0" * 64

# The columns an entry's hash covers, in this order (everything but the id and the hash).
HASHED_FIELDS = (
    "sequence",
    "previous_hash",
    "at",
    "actor_id",
    "actor_username",
    "actor_role",
    "actor_organisation_id",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "fields",
    "object_ids",
    "purpose",
    "client_address",
)


def normalise_address(address: str | None) -> str | None:
    """The form in which both databases return an address, so the hash survives a round trip."""
    if not address:
        return None
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def _timestamp(value: dt.datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_digest(values: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of an entry's hashed fields."""
    payload = [
        _timestamp(values["at"]) if name == "at" else values.get(name) for name in HASHED_FIELDS
    ]
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
