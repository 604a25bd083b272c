"""Vacancy import from CSV and XLSX: all or nothing, every problem at its row and column."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import Workbook

from wegweiser.accounts.models import User
from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.core.models import AuditEntry
from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.jobs.imports import MAX_BYTES, MAX_ROWS, vacancy_import
from wegweiser.jobs.models import Duration, Hours, Sector, Vacancy, WageBand
from wegweiser.jobs.services import employer_create, site_add
from wegweiser.occupations.models import OccupationLabel
from wegweiser.recognition import selectors as recognition_selectors
from wegweiser.recognition.tests.factories import OccupationFactory

SHORT_HEADER = "Stellentitel;Beruf;Ort;Arbeitszeit;Beginn;Dauer"


def day(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def de(days: int) -> str:
    """A date `days` from today as German offices write it."""
    return day(days).strftime("%d.%m.%Y")


def xlsx_file(*rows: list[object]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def giessen():
    return MunicipalityFactory(name="Gießen")


@pytest.fixture
def bakery(caseworker, giessen):
    return employer_create(
        actor=caseworker, name="Bäckerei Sonne", sector=Sector.MANUFACTURING, municipality=giessen
    )


@pytest.fixture
def warehouse(caseworker, giessen):
    return employer_create(
        actor=caseworker, name="Lager Nord GmbH", sector=Sector.LOGISTICS, municipality=giessen
    )


@pytest.fixture
def baker():
    return OccupationFactory(
        concept_uri="http://data.europa.eu/esco/occupation/baker",
        code="7512.1",
        isco_code="7512",
        preferred_label_en="baker",
        preferred_label_de="Bäcker/Bäckerin",
        kldb_code="29212",
    )


@pytest.fixture
def warehouse_worker():
    occupation = OccupationFactory(
        concept_uri="http://data.europa.eu/esco/occupation/warehouse-worker",
        code="9333.4",
        isco_code="9333",
        preferred_label_en="warehouse worker",
        preferred_label_de="Lagerarbeiter/Lagerarbeiterin",
        kldb_code="51311",
    )
    OccupationLabel.objects.create(occupation=occupation, language="de", text="Lagerhelfer")
    return occupation


@pytest.fixture
def employer_user(bakery):
    return UserFactory(username="sonne", role=User.Role.EMPLOYER, organisation=bakery.organisation)


@pytest.mark.django_db
def test_good_csv_creates_every_vacancy_with_occupation_and_kldb(
    caseworker, bakery, warehouse, baker, warehouse_worker, giessen
):
    data = (
        "Arbeitgeber;Stellentitel;Beruf;Ort;Deutschniveau;Arbeitszeit;Beginn;Dauer;"
        "Führerschein erforderlich;Stellen\n"
        f"Bäckerei Sonne;Bäcker (m/w/d);Bäcker/Bäckerin;Gießen;B1;Vollzeit;{de(14)};"
        "unbefristet;ja;2\n"
        f"lager nord gmbh;Helfer Lager;Lagerhelfer;gießen;a2;shifts;{day(14)};fixed-term;;\n"
        f"Bäckerei Sonne;Aushilfe Backstube;7512.1;Gießen;;part_time;{de(14)};Praktikum;x;1\n"
    ).encode()

    report = vacancy_import(actor=caseworker, data=data, filename="stellen.csv")

    assert report.ok, report.problems
    assert report.rows == 3
    first, second, third = Vacancy.objects.order_by("pk")
    assert report.created == [first.pk, second.pk, third.pk]
    assert (first.employer, first.occupation, first.kldb_code) == (bakery, baker, "29212")
    assert (first.german_level, first.hours, first.duration) == ("B1", Hours.FULL_TIME, "permanent")
    assert first.driving_licence_required and first.positions == 2
    assert (first.starts_on, first.municipality, first.created_by) == (day(14), giessen, caseworker)
    assert (second.employer, second.occupation) == (warehouse, warehouse_worker)
    assert second.kldb_code == "51311"
    assert (second.german_level, second.hours, second.duration) == ("A2", "shifts", "fixed_term")
    assert not second.driving_licence_required and second.positions == 1
    assert (third.occupation, third.duration) == (baker, Duration.INTERNSHIP)
    created = AuditEntry.objects.filter(
        actor=caseworker, action="create", object_type="jobs.vacancy"
    )
    assert created.count() == 3


@pytest.mark.django_db
def test_good_xlsx_with_english_headers_and_date_cells_creates_the_vacancies(
    caseworker, bakery, baker, giessen
):
    site = site_add(actor=caseworker, employer=bakery, name="Filiale Markt", municipality=giessen)
    start = day(30)
    data = xlsx_file(
        ["Title", "Occupation", "Site", "German level", "Hours", "Start", "Duration",
         "Recognition required", "Positions", "Wage band"],
        ["Baker", baker.concept_uri, "filiale markt", "B2", "full-time", start, "permanent",
         True, 3, "minimum wage"],
        ["Baker", "baker", "Filiale Markt", None, "Part-time", start, "apprenticeship",
         None, None, "training"],
    )  # fmt: skip

    report = vacancy_import(actor=caseworker, data=data, filename="Stellen.XLSX", employer=bakery)

    assert report.ok, report.problems
    vacancies = list(Vacancy.objects.order_by("pk"))
    assert [v.pk for v in vacancies] == report.created
    assert all(v.employer == bakery and v.site == site for v in vacancies)
    assert all(v.municipality == giessen and v.kldb_code == "29212" for v in vacancies)
    assert [v.starts_on for v in vacancies] == [start, start]
    assert vacancies[0].recognition_required and vacancies[0].positions == 3
    assert [v.wage_band for v in vacancies] == [WageBand.MINIMUM, WageBand.TRAINING]


@pytest.mark.django_db
def test_problems_are_reported_at_their_row_and_column_and_nothing_is_saved(
    caseworker, bakery, baker, giessen, monkeypatch
):
    monkeypatch.setattr(
        recognition_selectors, "_coded_uris", lambda title, language: [baker.concept_uri]
    )
    data = (
        "Arbeitgeber;Stellentitel;Beruf;Ort;Deutschniveau;Arbeitszeit;Beginn;Dauer;"
        "Führerschein erforderlich\n"
        f"Bäckerei Sonne;Bäcker;Bäcker/Bäckerin;Gießen;B1;Vollzeit;{de(7)};unbefristet;nein\n"
        f"Bäckerei Sonne;Bäcker;Brotkünstler;Gießen;B1;Vollzeit;{de(7)};unbefristet;nein\n"
        "\n"
        f"Bäckerei Sonne;Bäcker;Bäcker/Bäckerin;Gießen;B1;Vollzeit;{de(-1)};unbefristet;nein\n"
        f"Bäckerei Sonne;Bäcker;baker;Gießen;B3;Vollzeit;{de(7)};unbefristet;vielleicht\n"
    ).encode()

    report = vacancy_import(actor=caseworker, data=data, filename="stellen.csv")

    assert not report.ok
    assert report.rows == 4
    assert report.created == []
    assert Vacancy.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="jobs.vacancy").exists()
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "Beruf"),
        (5, "Beginn"),
        (6, "Deutschniveau"),
        (6, "Führerschein erforderlich"),
    ]
    unknown, past, level, flag = (p.message for p in report.problems)
    assert "Unknown occupation “Brotkünstler”" in unknown
    assert "Did you mean: baker (7512.1)?" in unknown
    assert "is in the past" in past
    assert "“B3” is no German level" in level
    assert "“vielleicht” is neither yes nor no" in flag


@pytest.mark.django_db
def test_every_problem_of_one_row_is_reported_at_once(caseworker, bakery, baker, giessen):
    data = f"{SHORT_HEADER};Deutschniveau\n{'B' * 201};baker;Atlantis;immer;31.02.2030;ewig;D1\n"

    report = vacancy_import(actor=caseworker, data=data.encode(), filename="s.csv", employer=bakery)

    assert {p.row for p in report.problems} == {2}
    assert {p.column for p in report.problems} == {
        "Stellentitel",
        "Ort",
        "Deutschniveau",
        "Arbeitszeit",
        "Beginn",
        "Dauer",
    }
    assert Vacancy.objects.count() == 0


@pytest.mark.django_db
def test_the_services_validation_error_lands_on_its_column(caseworker, bakery, baker, giessen):
    data = (
        "title,occupation,municipality,hours,start,duration,positions\n"
        f"Bäcker,baker,Gießen,full_time,{day(1)},permanent,501\n"
    ).encode()

    report = vacancy_import(actor=caseworker, data=data, filename="s.csv", employer=bakery)

    assert [(p.row, p.column) for p in report.problems] == [(2, "positions")]
    assert "500" in report.problems[0].message
    assert Vacancy.objects.count() == 0


@pytest.mark.django_db
def test_label_shared_by_two_occupations_asks_for_the_code(caseworker, bakery, giessen):
    for n in (1, 2):
        occupation = OccupationFactory(code=f"9333.{n}")
        OccupationLabel.objects.create(occupation=occupation, language="de", text="Helfer")
    data = f"{SHORT_HEADER}\nHelfer;Helfer;Gießen;Vollzeit;{de(3)};befristet\n".encode()

    report = vacancy_import(actor=caseworker, data=data, filename="s.csv", employer=bakery)

    assert [(p.row, p.column) for p in report.problems] == [(2, "Beruf")]
    message = report.problems[0].message
    assert "several occupations" in message and "9333.1" in message and "9333.2" in message


@pytest.mark.django_db
def test_unknown_employer_is_a_problem_when_the_file_names_the_employers(
    caseworker, bakery, baker, giessen
):
    data = (
        f"Arbeitgeber;{SHORT_HEADER}\nBäckerei Mond;Bäcker;baker;Gießen;Vollzeit;{de(3)};befristet"
    )

    report = vacancy_import(actor=caseworker, data=data.encode(), filename="s.csv")

    assert [(p.row, p.column) for p in report.problems] == [(2, "Arbeitgeber")]
    assert "Bäckerei Mond" in report.problems[0].message


@pytest.mark.django_db
def test_missing_required_column_is_reported_for_the_header(caseworker, bakery):
    data = b"Stellentitel;Ort;Arbeitszeit;Beginn;Dauer\nx;x;x;x;x\n"

    report = vacancy_import(actor=caseworker, data=data, filename="s.csv", employer=bakery)

    assert not report.ok and report.rows == 0
    [problem] = report.problems
    assert (problem.row, problem.column) == (1, "")
    assert "“Beruf” / “occupation”" in problem.message


@pytest.mark.django_db
def test_employer_column_is_required_only_without_an_employer(caseworker, bakery):
    data = f"{SHORT_HEADER}\nx;x;x;x;x;x\n".encode()

    report = vacancy_import(actor=caseworker, data=data, filename="s.csv")

    assert "“Arbeitgeber” / “employer”" in report.problems[0].message


@pytest.mark.parametrize(
    ("data", "filename", "says"),
    [
        (b"\x00\xff\xfe garbage \x01\x02" * 50, "stellen.csv", "binary data"),
        (b"PK\x03\x04 not really a zip", "stellen.xlsx", "not a readable Excel workbook"),
        (b"%PDF-1.4", "stellen.pdf", "Upload a CSV file or an Excel workbook"),
        (b"", "stellen.csv", "empty"),
        (b"Stellentitel;Beruf\n", "stellen.csv", "Required columns are missing"),
        (b"x" * (MAX_BYTES + 1), "stellen.csv", "The file is larger than 10.0"),
    ],
)
@pytest.mark.django_db
def test_a_bad_file_is_a_problem_not_an_error(caseworker, bakery, data, filename, says):
    report = vacancy_import(actor=caseworker, data=data, filename=filename, employer=bakery)

    assert not report.ok
    assert says in report.problems[0].message
    assert Vacancy.objects.count() == 0


@pytest.mark.django_db
def test_header_without_rows_is_a_problem(caseworker, bakery):
    report = vacancy_import(
        actor=caseworker, data=SHORT_HEADER.encode(), filename="s.csv", employer=bakery
    )

    assert [p.message for p in report.problems] == ["The file has no data rows."]


@pytest.mark.django_db
def test_file_over_the_row_limit_is_refused(caseworker, bakery):
    row = f"Bäcker;baker;Gießen;Vollzeit;{de(3)};unbefristet\n"
    data = (SHORT_HEADER + "\n" + row * (MAX_ROWS + 1)).encode()

    report = vacancy_import(actor=caseworker, data=data, filename="s.csv", employer=bakery)

    assert [p.message for p in report.problems] == [
        "The file has more than 5,000 rows. Split it into files of at most 5,000 rows."
    ]


@pytest.mark.django_db
def test_windows_csv_with_commas_is_read(caseworker, bakery, baker, giessen):
    text = (
        "Stellentitel,Beruf,Ort,Arbeitszeit,Beginn,Dauer\n"
        f"Bäcker,baker,Gießen,Vollzeit,{de(3)},befristet\n"
    )

    report = vacancy_import(
        actor=caseworker, data=text.encode("cp1252"), filename="s.csv", employer=bakery
    )

    assert report.ok, report.problems
    assert Vacancy.objects.get().title == "Bäcker"


@pytest.mark.django_db
def test_employer_users_import_always_lands_on_their_own_employer(
    employer_user, bakery, warehouse, baker, giessen
):
    data = (
        f"Arbeitgeber;{SHORT_HEADER}\n"
        f"Lager Nord GmbH;Bäcker;baker;Gießen;Vollzeit;{de(3)};befristet\n"
    )

    report = vacancy_import(
        actor=employer_user, data=data.encode(), filename="s.csv", employer=warehouse
    )

    assert report.ok, report.problems
    assert Vacancy.objects.get().employer == bakery
    assert not warehouse.vacancies.exists()


@pytest.mark.django_db
def test_users_who_may_not_enter_vacancies_get_a_problem(auditor, bakery):
    report = vacancy_import(
        actor=auditor, data=b"Stellentitel\nx", filename="s.csv", employer=bakery
    )

    assert [p.message for p in report.problems] == ["You may not enter vacancies."]
    assert Vacancy.objects.count() == 0


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_command_prints_the_problems_and_exits_non_zero(
    caseworker, bakery, baker, giessen, tmp_path
):
    path = write(
        tmp_path / "stellen.csv",
        f"{SHORT_HEADER};Deutschniveau\nBäcker;baker;Gießen;Vollzeit;{de(3)};befristet;B3\n",
    )
    out = io.StringIO()

    with pytest.raises(CommandError) as error:
        call_command(
            "vacancies", "import", str(path), "--user", "cw", "--employer", "bäckerei sonne",
            stdout=out,
        )  # fmt: skip

    assert error.value.returncode != 0
    assert "row 2, Deutschniveau: “B3” is no German level" in out.getvalue()
    assert Vacancy.objects.count() == 0


ONE_VACANCY = (
    f"Arbeitgeber;{SHORT_HEADER}\nBäckerei Sonne;Bäcker;baker;Gießen;Vollzeit;{{start}};befristet\n"
)


@pytest.mark.django_db
def test_command_check_saves_nothing(caseworker, bakery, baker, giessen, tmp_path):
    path = write(tmp_path / "stellen.csv", ONE_VACANCY.format(start=de(3)))
    out = io.StringIO()

    call_command("vacancies", "import", str(path), "--user", "cw", "--check", stdout=out)

    assert "1 data row checked, no problems" in out.getvalue()
    assert Vacancy.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="jobs.vacancy").exists()


@pytest.mark.django_db
def test_command_creates_the_vacancies_as_the_user(caseworker, bakery, baker, giessen, tmp_path):
    path = write(tmp_path / "stellen.csv", ONE_VACANCY.format(start=de(3)))
    out = io.StringIO()

    call_command("vacancies", "import", str(path), "--user", "cw", stdout=out)

    vacancy = Vacancy.objects.get()
    assert "1 vacancy created" in out.getvalue()
    assert AuditEntry.objects.filter(
        actor=caseworker, action="create", object_type="jobs.vacancy", object_id=str(vacancy.pk)
    ).exists()


@pytest.mark.django_db
def test_command_refuses_an_unknown_user(tmp_path):
    path = write(tmp_path / "stellen.csv", SHORT_HEADER)

    with pytest.raises(CommandError, match="No active user"):
        call_command("vacancies", "import", str(path), "--user", "nobody")


@pytest.mark.django_db
def test_upload_page_shows_the_problems_and_saves_nothing(client, caseworker, bakery, baker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.cookies["django_language"] = "en"
    client.force_login(caseworker)
    data = f"{SHORT_HEADER}\nBäcker;Brotkünstler;Gießen;Vollzeit;{de(3)};unbefristet\n".encode()
    response = client.post(
        "/jobs/vacancies/import/",
        {"file": SimpleUploadedFile("stellen.csv", data), "employer": bakery.pk},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Brotkünstler" in page
    assert Vacancy.objects.count() == 0

    good = f"{SHORT_HEADER}\nBäcker;baker;Gießen;Vollzeit;{de(3)};unbefristet\n".encode()
    response = client.post(
        "/jobs/vacancies/import/",
        {"file": SimpleUploadedFile("stellen.csv", good), "employer": bakery.pk},
        follow=True,
    )
    assert "1 vacancy was imported." in response.content.decode()
    assert Vacancy.objects.get().employer == bakery
