"""Writes of occupation reference data: loading the packaged ESCO / KldB data."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils import timezone

from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry

from .index import DATA_DIR, ESCO_FILE, KLDB_FILE, MANIFEST_FILE, occupation_labels, read_gzip_json
from .models import (
    DataVersion,
    IscoGroup,
    KldbGroup,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
)

DATA_SET = "occupations"
BATCH = 2000
M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True, slots=True)
class LoadResult:
    version: str
    changed: bool
    counts: dict[str, int]


def _upsert(model: type[M], rows: Sequence[M], key: str, fields: list[str]) -> None:
    model._default_manager.bulk_create(
        rows,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=[key],
        update_fields=fields,
    )


def _delete_ids(model: type[models.Model], ids: Iterable[int]) -> None:
    pending = list(ids)
    for start in range(0, len(pending), BATCH):
        model._default_manager.filter(pk__in=pending[start : start + BATCH]).delete()


@transaction.atomic
def occupation_data_load(*, data_dir: Path = DATA_DIR, force: bool = False) -> LoadResult:
    """Bring the database to the packaged data. Idempotent: a second run with the same data
    version changes nothing (unless `force`), and a run with new data updates rows in place,
    so references to occupations from other tables stay valid. Occupations that the data no
    longer contains are kept and marked `is_current=False`."""
    manifest: dict[str, Any] = json.loads((data_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    version = str(manifest["data_version"])
    current = DataVersion.objects.filter(name=DATA_SET).first()
    if current is not None and current.version == version and not force:
        return LoadResult(version=version, changed=False, counts=current.counts)

    esco = read_gzip_json(data_dir / ESCO_FILE)
    kldb = read_gzip_json(data_dir / KLDB_FILE)

    _load_groups(esco["isco_groups"], kldb["groups"])
    _load_skills(esco["skills"])
    entries = esco["occupations"]
    _load_occupations(entries)
    uris = [e["uri"] for e in entries]
    Occupation.objects.exclude(concept_uri__in=uris).update(is_current=False)
    occupation_ids = dict(
        Occupation.objects.filter(is_current=True).values_list("concept_uri", "pk")
    )
    skill_ids = dict(Skill.objects.values_list("concept_uri", "pk"))

    _sync_labels(entries, occupation_ids)
    _sync_skill_links(entries, esco["skills"], occupation_ids, skill_ids)

    counts = {
        "occupations": len(entries),
        "labels": OccupationLabel.objects.filter(occupation__is_current=True).count(),
        "skills": len(esco["skills"]),
        "skill_links": OccupationSkill.objects.filter(occupation__is_current=True).count(),
        "isco_groups": len(esco["isco_groups"]),
        "kldb_groups": len(kldb["groups"]),
    }
    DataVersion.objects.update_or_create(
        name=DATA_SET,
        defaults={
            "version": version,
            "esco_version": manifest.get("esco_version", ""),
            "kldb_version": manifest.get("kldb_version", ""),
            "counts": counts,
            "loaded_at": timezone.now(),
        },
    )
    audit_event(
        actor=None,
        action=AuditEntry.Action.UPDATE,
        object_type="occupations.dataversion",
        object_id=version,
        purpose="reference_data_load",
    )
    return LoadResult(version=version, changed=True, counts=counts)


def _load_groups(isco_groups: list[dict[str, Any]], kldb_groups: list[dict[str, Any]]) -> None:
    _upsert(
        IscoGroup,
        [
            IscoGroup(code=g["code"], label_en=g["label_en"], label_de=g["label_de"])
            for g in isco_groups
        ],
        "code",
        ["label_en", "label_de"],
    )
    _upsert(
        KldbGroup,
        [
            KldbGroup(
                code=g["code"],
                level=g["level"],
                title=g["title"][:300],
                short_title=g["short_title"][:120],
            )
            for g in kldb_groups
        ],
        "code",
        ["level", "title", "short_title"],
    )


def _load_skills(skills: list[dict[str, Any]]) -> None:
    _upsert(
        Skill,
        [
            Skill(
                concept_uri=s["uri"],
                label=s["label"][:500],
                skill_type=s["type"],
                reuse_level=s["reuse"],
            )
            for s in skills
        ],
        "concept_uri",
        ["label", "skill_type", "reuse_level"],
    )


def _load_occupations(entries: list[dict[str, Any]]) -> None:
    _upsert(
        Occupation,
        [
            Occupation(
                concept_uri=e["uri"],
                code=e["code"],
                isco_code=e["isco"],
                preferred_label_en=e["label_en"][:300],
                preferred_label_de=e["label_de"][:300],
                description=e["description"],
                regulated=e["regulated"],
                kldb_code=e["kldb"],
                kldb_method=e["kldb_method"],
                is_current=True,
            )
            for e in entries
        ],
        "concept_uri",
        [
            "code",
            "isco_code",
            "preferred_label_en",
            "preferred_label_de",
            "description",
            "regulated",
            "kldb_code",
            "kldb_method",
            "is_current",
        ],
    )


def _sync_labels(entries: list[dict[str, Any]], occupation_ids: dict[str, int]) -> None:
    wanted: dict[tuple[int, str, str], bool] = {}
    for entry in entries:
        pk = occupation_ids[entry["uri"]]
        for language, text, preferred in occupation_labels(entry):
            key = (pk, language, text[:500])
            wanted[key] = wanted.get(key, False) or preferred
    existing = {
        (occ, lang, text): (pk, preferred)
        for pk, occ, lang, text, preferred in OccupationLabel.objects.filter(
            occupation_id__in=occupation_ids.values()
        ).values_list("pk", "occupation_id", "language", "text", "preferred")
    }
    _delete_ids(OccupationLabel, (pk for key, (pk, _) in existing.items() if key not in wanted))
    changed = [
        OccupationLabel(pk=existing[key][0], preferred=preferred)
        for key, preferred in wanted.items()
        if key in existing and existing[key][1] != preferred
    ]
    OccupationLabel.objects.bulk_update(changed, ["preferred"], batch_size=BATCH)
    OccupationLabel.objects.bulk_create(
        [
            OccupationLabel(occupation_id=occ, language=lang, text=text, preferred=preferred)
            for (occ, lang, text), preferred in wanted.items()
            if (occ, lang, text) not in existing
        ],
        batch_size=BATCH,
    )


def _sync_skill_links(
    entries: list[dict[str, Any]],
    skills: list[dict[str, Any]],
    occupation_ids: dict[str, int],
    skill_ids: dict[str, int],
) -> None:
    wanted: dict[tuple[int, int], str] = {}
    for entry in entries:
        pk = occupation_ids[entry["uri"]]
        for relation in ("essential", "optional"):
            for number in entry[relation]:
                wanted.setdefault((pk, skill_ids[skills[number]["uri"]]), relation)
    existing = {
        (occ, skill): (pk, relation)
        for pk, occ, skill, relation in OccupationSkill.objects.filter(
            occupation_id__in=occupation_ids.values()
        ).values_list("pk", "occupation_id", "skill_id", "relation")
    }
    _delete_ids(OccupationSkill, (pk for key, (pk, _) in existing.items() if key not in wanted))
    changed = [
        OccupationSkill(pk=existing[key][0], relation=relation)
        for key, relation in wanted.items()
        if key in existing and existing[key][1] != relation
    ]
    OccupationSkill.objects.bulk_update(changed, ["relation"], batch_size=BATCH)
    OccupationSkill.objects.bulk_create(
        [
            OccupationSkill(occupation_id=occ, skill_id=skill, relation=relation)
            for (occ, skill), relation in wanted.items()
            if (occ, skill) not in existing
        ],
        batch_size=BATCH,
    )
