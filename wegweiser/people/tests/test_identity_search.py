"""Finding the same person across scripts at intake, across teams, with the lookup audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wegweiser.cases.models import Case
from wegweiser.cases.services import intake_create
from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.cases.tests.test_intake import intake_post
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import NameKey, Person
from wegweiser.people.services import name_spelling_add
from wegweiser.people.tests.factories import PersonFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def known_person(other_team, other_caseworker):
    """Mohammad Al-Hassan, served by the other team, with his name in Arabic script."""
    case = intake_create(
        actor=other_caseworker,
        person_data={
            "given_names_latin": "Mohammad",
            "family_name_latin": "Al-Hassan",
            "given_names_original": "محمد",
            "family_name_original": "الحسن",
            "date_of_birth": dt.date(1988, 1, 1),
            "dob_placeholder": True,
            "nationalities": ["SY"],
        },
        case_data={"team": other_team, "caseworker": other_caseworker},
        orientation_data={"health_limitations": "vertraulich"},
    )
    return case.person


@pytest.mark.django_db
def test_person_services_keep_the_name_keys_in_step(known_person, other_caseworker):
    keys = set(NameKey.objects.filter(person=known_person).values_list("key", flat=True))
    assert any(k.startswith("o:") for k in keys)  # original script indexed
    name_spelling_add(
        actor=other_caseworker,
        person=known_person,
        given_names="Mukhammad",
        family_name="Alhasan",
        source="passport",
    )
    after = set(NameKey.objects.filter(person=known_person).values_list("key", flat=True))
    assert after > keys


@pytest.mark.django_db
@pytest.mark.parametrize(
    "typed",
    [
        {"given_names_latin": "Mohamed", "family_name_latin": "El Hassan"},
        {"given_names_latin": "Hassan", "family_name_latin": "Muhammad"},  # swapped
        {"given_names_original": "محمد", "family_name_original": "الحسن"},
    ],
)
def test_search_finds_the_person_in_another_spelling_or_script(
    client, caseworker, known_person, typed
):
    client.force_login(caseworker)
    response = client.get(reverse("people:find"), {**typed, "date_of_birth": "1988-01-01"}, **HTMX)
    rows = response.context["rows"]
    assert rows and rows[0]["hit"].person == known_person
    assert rows[0]["reasons"]


@pytest.mark.django_db
def test_other_teams_person_is_shown_with_minimal_fields_and_the_lookup_is_audited(
    client, caseworker, known_person
):
    client.force_login(caseworker)
    response = client.get(
        reverse("people:find"),
        {"given_names_latin": "Mohammed", "family_name_latin": "Alhassan"},
        **HTMX,
    )
    html = response.content.decode()
    assert "Al-Hassan" in html and "الحسن" in html
    assert reverse("people:detail", args=[known_person.pk]) not in html
    assert "vertraulich" not in html
    assert known_person.case.team.name in html
    entry = AuditEntry.objects.get(action="list", purpose="identity_search", actor=caseworker)
    assert entry.object_ids == [known_person.pk]


@pytest.mark.django_db
def test_intake_stops_at_a_strong_candidate_until_confirmed(client, team, caseworker, known_person):
    client.force_login(caseworker)
    data = intake_post(
        team,
        caseworker,
        **{
            "person-given_names_original": "محمد",
            "person-family_name_original": "الحسن",
            "person-given_names_latin": "Mohammed",
            "person-family_name_latin": "Alhassan",
            "person-date_of_birth": "1988-01-01",
        },
    )
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 422
    assert 'name="confirm_new_person"' in response.content.decode()
    assert Person.objects.count() == 1

    response = client.post(reverse("cases:intake"), {**data, "confirm_new_person": "yes"})
    assert response.status_code == 302
    assert Person.objects.count() == 2
    new = Person.objects.exclude(pk=known_person.pk).get()
    entry = AuditEntry.objects.get(action="confirm", purpose="new_person_despite_candidates")
    assert entry.person_id == new.pk and entry.object_ids == [known_person.pk]
    assert Case.objects.filter(person=new, team=team).exists()


@pytest.mark.django_db
def test_intake_of_an_unknown_person_needs_no_confirmation(client, team, caseworker, known_person):
    client.force_login(caseworker)
    data = intake_post(
        team,
        caseworker,
        **{
            "person-given_names_original": "",
            "person-family_name_original": "",
            "person-given_names_latin": "Oksana",
            "person-family_name_latin": "Kovalenko",
            "person-date_of_birth": "1979-06-14",
        },
    )
    assert client.post(reverse("cases:intake"), data).status_code == 302


@pytest.mark.django_db
def test_reconciliation_upload_lists_matches_and_bad_rows(client, caseworker, team):
    from django.core.files.uploadedfile import SimpleUploadedFile

    mine = intake_create(
        actor=caseworker,
        person_data={
            "given_names_latin": "Oksana",
            "family_name_latin": "Kovalenko",
            "date_of_birth": dt.date(1979, 6, 14),
        },
        case_data={"team": team},
        orientation_data={},
    ).person
    upload = SimpleUploadedFile(
        "list.csv",
        "query_id,given_name,family_name,date_of_birth\n"
        "a,Оксана,Коваленко,1979-06-14\nb,Ali,Rahimi,14/06/1979\n".encode(),
    )
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("people:reconcile"), {"upload": upload, "top": 3})
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("people:detail", args=[mine.pk]) in html
    assert "Row 3, column date_of_birth: “14/06/1979” is not a date (YYYY-MM-DD)" in html
    csv_text = client.get(reverse("people:reconcile_download")).content.decode()
    assert csv_text.splitlines()[1].startswith(f"a,1,{mine.pk},")
    assert AuditEntry.objects.filter(purpose="list_reconciliation", actor=caseworker).exists()


@pytest.mark.django_db
def test_reconciliation_rejects_other_file_types(client, caseworker):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    upload = SimpleUploadedFile("list.pdf", b"%PDF-1.4")
    response = client.post(reverse("people:reconcile"), {"upload": upload, "top": 3})
    assert response.status_code == 422
    assert "Upload a CSV or XLSX file." in response.content.decode()


def test_explanations_name_the_script_in_the_users_language():
    from django.utils import translation

    from wegweiser.people.explanations import explain

    with translation.override("de"):
        text = explain("family_name.same_original_script", {"script": "Arabic"})
    assert "Arabic" not in text and "Arabisch" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Zeile 2, Spalte query_id: die Kennung ist leer"),
        ("ar", "الصف 2، العمود query_id: المعرّف فارغ"),
        ("uk", "Рядок 2, стовпець query_id: ідентифікатор порожній"),
    ],
)
def test_reconciliation_names_bad_rows_in_the_users_language(
    client, caseworker, language, expected
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(
        "list.csv", b"query_id,given_name,family_name\n,Ali,Rahimi\nb,Ali,Rahimi\n"
    )
    client.force_login(caseworker)
    client.cookies["django_language"] = language
    html = client.post(reverse("people:reconcile"), {"upload": upload, "top": 3}).content.decode()
    assert expected in html
    assert "empty id" not in html


@pytest.mark.django_db
def test_search_finds_a_latin_name_registered_as_heard_in_cyrillic(
    client, caseworker, other_team, other_caseworker
):
    """A French name registered by a Ukrainian-speaking office as it sounds (Мирей Готье, with
    its letter-by-letter Latin reading) is found when typed in French spelling, without a
    date of birth: the sound keys join the two."""
    case = intake_create(
        actor=other_caseworker,
        person_data={
            "given_names_latin": "Myrei",
            "family_name_latin": "Hotie",
            "given_names_original": "Мирей",
            "family_name_original": "Готье",
            "nationalities": ["FR"],
        },
        case_data={"team": other_team, "caseworker": other_caseworker},
        orientation_data={},
    )
    assert NameKey.objects.filter(person=case.person, key__startswith="c:").exists()
    client.force_login(caseworker)
    response = client.get(
        reverse("people:find"),
        {"given_names_latin": "Mireille", "family_name_latin": "Gautier"},
        **HTMX,
    )
    rows = response.context["rows"]
    assert rows and rows[0]["hit"].person == case.person


# Queries per request on SQLite, the rate-limit counter of the test settings' database cache
# included; PostgreSQL asks one more (the audit chain's lock).
SEARCH_QUERIES = {"people:find": 24, "people:search": 23}


def _register_queries(client, page: str, params: dict[str, str]) -> tuple[int, Any]:
    """The queries of one request that read the register (not the rate-limit and registry-size
    counters in the database cache, nor transaction control), and the page's context."""
    client.get(reverse(page), params)  # the cached counters are set by the first request
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(page), params)
    assert response.status_code == 200
    cache_table = str(settings.CACHES["default"].get("LOCATION", ""))
    statements = [q["sql"] for q in ctx.captured_queries]
    register = [
        sql
        for sql in statements
        if not (cache_table and cache_table in sql)
        and not sql.startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"))
    ]
    lock = 1 if connection.vendor == "postgresql" else 0
    assert len(statements) <= SEARCH_QUERIES[page] + lock
    return len(register), response.context


@pytest.mark.django_db
def test_searches_ask_the_same_queries_however_many_namesakes(client, caseworker, team, other_team):
    """A common name reaches more persons, never more queries: its namesakes are found, ranked
    and listed in the same statements on the intake search and the name search."""
    client.force_login(caseworker)
    client.get(reverse("cases:my"))  # the session's activity is recorded once, not counted
    typed = {"given_names_latin": "Mohammad", "family_name_latin": "Al-Hassan"}

    def searched() -> tuple[int, int, int, int]:
        intake, context = _register_queries(client, "people:find", typed)
        shown = len(context["rows"])
        # Each candidate is linked exactly when the caseworker's team serves them.
        for row in context["rows"]:
            assert row["hit"].in_scope == (row["hit"].person.case.team == team)
        names, context = _register_queries(client, "people:search", {"q": "Al-Hassan"})
        return intake, names, shown, context["page"].paginator.count

    CaseFactory(person=PersonFactory(**typed), team=team)
    alone = searched()
    for i in range(1, 40):
        namesake = PersonFactory(
            given_names_latin="Muhammad" if i % 3 else "Mohammad",
            family_name_latin="Al-Hassan",
            date_of_birth=dt.date(1960 + i, 1 + i % 12, 1 + i % 28),
        )
        CaseFactory(person=namesake, team=team if i % 2 else other_team)
    among_namesakes = searched()
    assert alone[2:] == (1, 1)
    # Ten of the forty shown at intake; the name search lists the 21 of the caseworker's team.
    assert among_namesakes[2:] == (10, 21)
    assert among_namesakes[:2] == alone[:2]
