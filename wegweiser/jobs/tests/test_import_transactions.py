"""A large import keeps its write transaction short: the file is read and checked before the
transaction starts, so other users' writes on SQLite do not wait for the reading."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.jobs import imports
from wegweiser.jobs.models import Sector, Vacancy
from wegweiser.jobs.services import employer_create
from wegweiser.recognition.tests.factories import OccupationFactory


@pytest.mark.django_db(transaction=True)
def test_the_file_is_read_outside_the_write_transaction(client, caseworker, monkeypatch):
    giessen = MunicipalityFactory(name="Gießen")
    OccupationFactory(
        concept_uri="http://data.europa.eu/esco/occupation/baker",
        code="7512.1",
        isco_code="7512",
        preferred_label_en="baker",
        preferred_label_de="Bäcker/Bäckerin",
        kldb_code="29212",
    )
    bakery = employer_create(
        actor=caseworker, name="Bäckerei Sonne", sector=Sector.MANUFACTURING, municipality=giessen
    )
    seen: dict[str, bool] = {}
    read, create = imports._read, imports.vacancy_create

    def reading(*args, **kwargs):
        seen["reading"] = transaction.get_connection().in_atomic_block
        return read(*args, **kwargs)

    def creating(*args, **kwargs):
        seen["writing"] = transaction.get_connection().in_atomic_block
        return create(*args, **kwargs)

    monkeypatch.setattr(imports, "_read", reading)
    monkeypatch.setattr(imports, "vacancy_create", creating)
    client.force_login(caseworker)
    start = (timezone.localdate() + dt.timedelta(days=14)).strftime("%d.%m.%Y")
    data = (
        "Stellentitel;Beruf;Ort;Arbeitszeit;Beginn;Dauer\n"
        f"Bäcker (m/w/d);Bäcker/Bäckerin;Gießen;Vollzeit;{start};unbefristet\n"
    )

    response = client.post(
        reverse("jobs:vacancy_import"),
        {"file": SimpleUploadedFile("s.csv", data.encode()), "employer": bakery.pk},
    )
    assert response.status_code == 302
    assert Vacancy.objects.filter(employer=bakery).count() == 1
    assert seen == {"reading": False, "writing": True}
