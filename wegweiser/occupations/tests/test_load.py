from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from wegweiser.core.models import AuditEntry
from wegweiser.occupations.models import (
    DataVersion,
    KldbGroup,
    Occupation,
    OccupationLabel,
    OccupationSkill,
)
from wegweiser.occupations.services import occupation_data_load

from .conftest import write_subset


def load(data: Path) -> str:
    out = StringIO()
    call_command("occupations", "load", "--data-dir", str(data), stdout=out)
    return out.getvalue()


def snapshot() -> tuple[int, ...]:
    return (
        Occupation.objects.count(),
        OccupationLabel.objects.count(),
        OccupationSkill.objects.count(),
        KldbGroup.objects.count(),
    )


@pytest.mark.django_db
def test_load_stores_occupations_labels_skills_and_version(subset_data: Path) -> None:
    assert "Loaded occupation data test-1" in load(subset_data)

    welder = Occupation.objects.get(preferred_label_en="welder")
    assert welder.isco_code == "7212"
    assert welder.kldb_code == "24422"
    assert welder.preferred_label_de == "Schweißer/Schweißerin"
    assert welder.labels.filter(language="de", text="Schweißerin").exists()
    assert welder.labels.filter(language="en", preferred=True).get().text == "welder"
    assert welder.skills.filter(relation="essential").exists()
    assert KldbGroup.objects.get(code="24422").level == 5
    version = DataVersion.objects.get(name="occupations")
    assert version.version == "test-1"
    assert version.esco_version == "1.1.1"
    assert version.counts["occupations"] == 6


@pytest.mark.django_db
def test_load_twice_changes_nothing(subset_data: Path) -> None:
    load(subset_data)
    before = snapshot()
    ids = set(Occupation.objects.values_list("pk", flat=True))
    entries = AuditEntry.objects.count()

    assert "already loaded" in load(subset_data)
    assert snapshot() == before
    assert set(Occupation.objects.values_list("pk", flat=True)) == ids
    assert AuditEntry.objects.count() == entries

    assert occupation_data_load(data_dir=subset_data, force=True).changed
    assert snapshot() == before
    assert set(Occupation.objects.values_list("pk", flat=True)) == ids


@pytest.mark.django_db
def test_new_version_updates_in_place_and_keeps_dropped_occupations(
    subset_data: Path, tmp_path: Path
) -> None:
    load(subset_data)
    welder_pk = Occupation.objects.get(preferred_label_en="welder").pk
    smaller = write_subset(tmp_path / "v2", ("welder", "cook"), "test-2")

    load(smaller)

    assert DataVersion.objects.get(name="occupations").version == "test-2"
    assert Occupation.objects.get(preferred_label_en="welder").pk == welder_pk
    baker = Occupation.objects.get(preferred_label_en="baker")
    assert not baker.is_current
    assert set(
        Occupation.objects.filter(is_current=True).values_list("preferred_label_en", flat=True)
    ) == {"welder", "cook"}
