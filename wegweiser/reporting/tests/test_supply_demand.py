"""Supply and demand by occupation: the figures, the suppressed exports and who may see them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse
from openpyxl import load_workbook

from wegweiser.accounts.models import Organisation, User
from wegweiser.accounts.tests.factories import OrganisationFactory, UserFactory
from wegweiser.cases.models import Case
from wegweiser.cases.tests.factories import CaseFactory, OrientationFactory
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.jobs.models import Employer, Experience, Vacancy
from wegweiser.people.tests.factories import PersonFactory
from wegweiser.recognition.tests.factories import (
    OccupationFactory,
    ProcedureFactory,
    QualificationFactory,
)
from wegweiser.reporting.selectors import Grouping, SupplyDemandFilters, supply_demand

URLS = [
    ("reporting:supply_demand", []),
    ("reporting:supply_demand_export", ["csv"]),
    ("reporting:supply_demand_export", ["xlsx"]),
]


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def town():
    return MunicipalityFactory(name="Gießen")


@pytest.fixture
def village():
    return MunicipalityFactory(name="Grünberg")


@pytest.fixture
def occupations():
    return {
        "warehouse": OccupationFactory(
            preferred_label_en="warehouse worker", isco_code="9333", kldb_code="51311"
        ),
        "picker": OccupationFactory(
            preferred_label_en="warehouse order picker", isco_code="9333", kldb_code="51312"
        ),
        "cook": OccupationFactory(preferred_label_en="cook", isco_code="5120", kldb_code="29302"),
        "forklift": OccupationFactory(
            preferred_label_en="forklift operator", isco_code="8344", kldb_code="52531"
        ),
    }


@pytest.fixture
def employer(town):
    organisation = OrganisationFactory(name="Lager Lahnaue GmbH", kind=Organisation.Kind.EMPLOYER)
    with transaction.atomic(), acting_as(None):
        return Employer.objects.create(organisation=organisation, sector="H", municipality=town)


@pytest.fixture
def employer_user(employer):
    return UserFactory(
        username="employer", role=User.Role.EMPLOYER, organisation=employer.organisation
    )


@pytest.fixture
def provider_user():
    provider = OrganisationFactory(name="Sprachschule", kind=Organisation.Kind.COURSE_PROVIDER)
    return UserFactory(username="teacher", role=User.Role.COURSE_PROVIDER, organisation=provider)


def vacancy(employer, occupation, municipality, positions, status=Vacancy.Status.OPEN):
    with transaction.atomic(), acting_as(None):
        return Vacancy.objects.create(
            employer=employer,
            municipality=municipality,
            title=occupation.preferred_label_en,
            occupation=occupation,
            kldb_code=occupation.kldb_code,
            hours="full_time",
            starts_on=dt.date.today(),
            duration="permanent",
            positions=positions,
            status=status,
            created_by=UserFactory(),
        )


def experience(person, occupation, kind=Experience.Kind.WORKED):
    with transaction.atomic(), acting_as(None):
        return Experience.objects.create(
            person=person, occupation=occupation, kind=kind, title=occupation.preferred_label_en
        )


def client_of(team, municipality, level="", status=Case.Status.ACTIVE, **case: Any):
    person = PersonFactory(municipality=municipality)
    kwargs: dict[str, Any] = {"person": person, "team": team, "status": status, **case}
    if status == Case.Status.CLOSED:
        kwargs |= {"closing_reason": Case.ClosingReason.MOVED_AWAY, "closed_on": dt.date.today()}
    created = CaseFactory(**kwargs)
    if level:
        OrientationFactory(case=created, german_level=level)
    return person


@pytest.fixture
def market(team, other_team, town, village, occupations, employer):
    """Warehouse work in the town: 3 open positions (the filled and the withdrawn vacancy do not
    count) and three persons, one with the occupation twice. A cook is wanted in the village,
    where one person has picked orders. A closed case and another centre's person do not count."""
    warehouse, picker, cook = occupations["warehouse"], occupations["picker"], occupations["cook"]
    vacancy(employer, warehouse, town, 3)
    vacancy(employer, warehouse, town, 5, status=Vacancy.Status.FILLED)
    vacancy(employer, warehouse, town, 4, status=Vacancy.Status.WITHDRAWN)
    vacancy(employer, cook, village, 2)

    twice = client_of(team, town, "B1")
    experience(twice, warehouse)
    experience(twice, warehouse, kind=Experience.Kind.WANTED)
    experience(twice, picker)  # the same KldB group (513) as the warehouse work
    qualified = client_of(other_team, town, "B2")
    QualificationFactory(person=qualified, occupation=warehouse)
    experience(qualified, warehouse)
    recognising = client_of(team, town)  # no German level on record
    ProcedureFactory(person=recognising, reference_occupation=warehouse)
    experience(client_of(team, village, "A2", status=Case.Status.INTAKE), picker)

    experience(client_of(team, town, "B1", status=Case.Status.CLOSED), warehouse)
    elsewhere = PersonFactory(
        organisation=OrganisationFactory(name="Migrationszentrum Nachbarkreis"), municipality=town
    )
    CaseFactory(person=elsewhere, team=other_team)
    experience(elsewhere, warehouse)


def figures(report):
    return {
        (row.label, row.municipality): (row.positions, row.persons, row.basic, row.b1, row.b2_plus)
        for row in report.rows
    }


@pytest.mark.django_db
def test_persons_count_once_and_only_open_cases_and_vacancies_count(caseworker, market):
    report = supply_demand(user=caseworker, filters=SupplyDemandFilters())

    assert figures(report) == {
        ("warehouse worker", "Gießen"): (3, 3, 1, 1, 1),
        ("warehouse order picker", "Gießen"): (0, 1, 0, 1, 0),
        ("warehouse order picker", "Grünberg"): (0, 1, 1, 0, 0),
        ("cook", "Grünberg"): (2, 0, 0, 0, 0),
    }
    warehouse = next(r for r in report.rows if r.label == "warehouse worker")
    assert (warehouse.isco_code, warehouse.kldb_code) == ("9333", "51311")
    assert (report.positions, report.persons) == (5, 4)
    assert [r.label for r in report.employers_wait] == ["cook"]
    assert {(r.label, r.municipality) for r in report.people_wait} == {
        ("warehouse order picker", "Gießen"),
        ("warehouse order picker", "Grünberg"),
    }


@pytest.mark.django_db
def test_kldb_groups_join_occupations_and_still_count_a_person_once(caseworker, market):
    report = supply_demand(user=caseworker, filters=SupplyDemandFilters(grouping="kldb_group"))

    by_group = {(r.kldb_code, r.municipality): (r.positions, r.persons) for r in report.rows}
    assert by_group == {
        ("513", "Gießen"): (3, 3),
        ("513", "Grünberg"): (0, 1),
        ("293", "Grünberg"): (2, 0),
    }


@pytest.mark.django_db
def test_filters_for_a_municipality_and_for_open_vacancies(caseworker, market, village):
    in_village = supply_demand(
        user=caseworker, filters=SupplyDemandFilters(municipality=village.pk)
    )
    with_vacancies = supply_demand(
        user=caseworker, filters=SupplyDemandFilters(only_open_vacancies=True)
    )

    assert set(figures(in_village)) == {
        ("warehouse order picker", "Grünberg"),
        ("cook", "Grünberg"),
    }
    assert set(figures(with_vacancies)) == {("warehouse worker", "Gießen"), ("cook", "Grünberg")}


@pytest.mark.django_db
def test_page_shows_the_counts_with_the_filters_applied(client, team_lead, market):
    client.force_login(team_lead)
    response = client.get(
        reverse("reporting:supply_demand"),
        {"grouping": Grouping.OCCUPATION, "only_open_vacancies": "on"},
    )

    html = response.content.decode()
    table = html.split('id="supply-demand-table"', 1)[1].split("</table>", 1)[0]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in table.split("<tr")[2:]]
    # occupation, ISCO, KldB, municipality, positions, persons, basic, B1, B2+, who waits
    assert rows[0][:9] == ["cook", "5120", "29302", "Grünberg", "2", "0", "0", "0", "0"]
    assert rows[1][:9] == ["warehouse worker", "9333", "51311", "Gießen", "3", "3", "1", "1", "1"]
    assert len(rows) == 2
    assert "only_open_vacancies=on" in html.split('id="supply-demand-totals"')[0]


@pytest.fixture
def crowd(team, town, occupations, market):
    """Six persons who drove forklifts in the town: five with basic German, one with B2."""
    for level in ("A2", "A1", "", "A2", "A1", "B2"):
        experience(client_of(team, town, level), occupations["forklift"])


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.django_db
def test_csv_export_suppresses_small_cells_and_says_so(client, caseworker, crowd):
    client.force_login(caseworker)
    response = client.get(reverse("reporting:supply_demand_export", args=["csv"]))

    assert response["Content-Disposition"].startswith('attachment; filename="supply-demand-')
    lines = csv_rows(response)
    header_at = next(i for i, line in enumerate(lines) if line[0] == "occupation (ESCO)")
    assert any("fewer than 5 persons" in line[0] for line in lines[:header_at])
    rows = {(row[0], row[3]): row[4:] for row in lines[header_at + 1 :]}
    # positions, persons, basic, B1, B2+: the lone B2 is "<5", the basic band then withheld
    assert rows[("forklift operator", "Gießen")] == ["0", "6", "", "0", "<5"]
    assert rows[("warehouse worker", "Gießen")] == ["3", "<5", "", "", ""]
    assert rows[("cook", "Grünberg")] == ["2", "0", "0", "0", "0"]


@pytest.mark.django_db
def test_xlsx_export_has_the_same_suppressed_figures(client, caseworker, crowd):
    client.force_login(caseworker)
    response = client.get(
        reverse("reporting:supply_demand_export", args=["xlsx"]), {"grouping": "kldb_group"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    lines = list(sheet.iter_rows(values_only=True))
    header_at = next(i for i, line in enumerate(lines) if line[0] == "KldB occupational group")
    assert any("fewer than 5 persons" in str(line[0]) for line in lines[:header_at])
    rows = {(row[2], row[3]): row[4:] for row in lines[header_at + 1 :]}
    assert rows[("525", "Gießen")] == (0, 6, None, 0, "<5")
    assert rows[("513", "Gießen")] == (3, "<5", None, None, None)


@pytest.mark.django_db
def test_export_writes_an_audit_entry(client, caseworker, market):
    client.force_login(caseworker)
    client.get(reverse("reporting:supply_demand_export", args=["csv"]))

    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert (entry.object_type, entry.actor, entry.purpose) == (
        "reporting.supply_demand",
        caseworker,
        "supply_demand_export",
    )


@pytest.mark.django_db
def test_unknown_export_format_is_not_found_and_not_audited(client, caseworker):
    client.force_login(caseworker)

    assert client.get(reverse("reporting:supply_demand_export", args=["pdf"])).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), URLS)
@pytest.mark.parametrize("actor", ["caseworker", "team_lead", "administrator", "other_caseworker"])
def test_case_workers_of_every_team_reach_the_figures(client, request, market, name, args, actor):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse(name, args=args)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), URLS)
@pytest.mark.parametrize("actor", ["auditor", "employer_user", "provider_user"])
def test_auditor_employer_and_course_provider_are_refused(
    client, request, market, name, args, actor
):
    client.force_login(request.getfixturevalue(actor))

    assert client.get(reverse(name, args=args)).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "args"), URLS)
def test_anonymous_is_sent_to_the_login(client, name, args):
    response = client.get(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_figures_are_not_changed_by_post(client, caseworker):
    client.force_login(caseworker)

    assert client.post(reverse("reporting:supply_demand")).status_code == 405
