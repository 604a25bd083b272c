"""The JSON API fuzzed with schemathesis against its own OpenAPI schema, once per role.

Every GET operation is called through the WSGI application with generated parameters (valid
and invalid), logged in as each role and anonymously. Half of the calls aim the path ids at
seeded records, so the endpoints have something to return. No call may end in a server error,
every documented response must match the schema, and an anonymous call is always refused.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from config.api import api
from config.wsgi import application

pytestmark = pytest.mark.django_db

RAW_SCHEMA: dict[str, Any] = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/")))
schema = schemathesis.openapi.from_dict(RAW_SCHEMA).include(method="GET")

ROLES = [
    "caseworker",
    "team_lead",
    "administrator",
    "auditor",
    "course_provider",
    "employer",
    "anonymous",
]
REFUSED = {302, 401, 403}
CHECKS = [not_a_server_error, response_schema_conformance]


def _get_operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in RAW_SCHEMA["paths"].items()
        for method, operation in item.items()
        if method == "get"
    ]


@pytest.fixture
def seeded(case, caseworker) -> dict[str, int]:
    """A case with its person, an employer's open vacancy with a consented proposal of that
    person, and a course with the person enrolled."""
    from wegweiser.courses.tests.factories import EnrolmentFactory, EntitlementFactory
    from wegweiser.jobs import services
    from wegweiser.jobs.tests.factories import EmployerFactory, ExperienceFactory, VacancyFactory
    from wegweiser.people.models import Consent
    from wegweiser.people.tests.factories import ConsentFactory, ResidenceStatusFactory

    person = case.person
    employer: Any = EmployerFactory()
    vacancy: Any = VacancyFactory(employer=employer, created_by=caseworker)
    ResidenceStatusFactory(person=person, valid_until=dt.date.today() + dt.timedelta(days=700))
    ExperienceFactory(person=person, occupation=vacancy.occupation)
    ConsentFactory(
        person=person,
        purpose=Consent.Purpose.JOB_PLACEMENT,
        recipient=employer.organisation,
        recorded_by=caseworker,
    )
    services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    EntitlementFactory(person=person)
    enrolment: Any = EnrolmentFactory(person=person, status="enrolled")
    from wegweiser.demo.documents import synthetic_photo
    from wegweiser.documents.services import document_upload

    photo = synthetic_photo(["Zeugnis"])
    document = document_upload(actor=caseworker, person=person, content=photo, kind="cv")
    return {
        "document_id": document.pk,
        "case_id": case.pk,
        "person_id": person.pk,
        "vacancy_id": vacancy.pk,
        "course_id": enrolment.course_id,
        "employer_organisation_id": employer.organisation_id,
        "provider_id": enrolment.course.provider_id,
    }


@pytest.fixture
def acting(request, seeded) -> Any:
    """The user of the role under test (None when anonymous), in the seeded organisations."""
    from wegweiser.accounts.models import Organisation, User
    from wegweiser.accounts.tests.factories import UserFactory

    role = request.node.callspec.params["role"]
    if role == "anonymous":
        return None
    if role == "course_provider":
        return UserFactory(
            username="provider",
            role=User.Role.COURSE_PROVIDER,
            organisation=Organisation.objects.get(pk=seeded["provider_id"]),
        )
    if role == "employer":
        return UserFactory(
            username="employer",
            role=User.Role.EMPLOYER,
            organisation=Organisation.objects.get(pk=seeded["employer_organisation_id"]),
        )
    return request.getfixturevalue(role)


@pytest.fixture
def cookies(acting) -> dict[str, str]:
    if acting is None:
        return {}
    client = Client()
    client.force_login(acting)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Tracebacks of unhandled exceptions, which the WSGI handler turns into a 500. While the
    test runs, requests keep the test's database connection open (as Django's test client
    does); otherwise the end of a request would close it in the middle of the test's
    transaction."""
    errors: list[str] = []

    def receiver(**kwargs: Any) -> None:
        errors.append(traceback.format_exc())

    got_request_exception.connect(receiver, weak=False)
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield errors
    finally:
        request_finished.connect(close_old_connections)
        request_started.connect(close_old_connections)
        got_request_exception.disconnect(receiver)


def test_every_operation_needs_a_login():
    """Nothing in the schema is public: each operation names a security scheme."""
    operations = _get_operations()
    assert operations
    assert all(operation.get("security") for _path, _method, operation in operations)


def test_the_fuzzed_schema_is_the_served_one(client, caseworker):
    client.force_login(caseworker)
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 200
    assert response.json() == RAW_SCHEMA


def test_the_seeded_records_are_returned(client, caseworker, seeded):
    client.force_login(caseworker)
    assert [c["id"] for c in client.get("/api/cases/mine").json()] == [seeded["case_id"]]
    assert [p["person_id"] for p in client.get("/api/jobs/proposals").json()] == [
        seeded["person_id"]
    ]
    participants = client.get(f"/api/courses/{seeded['course_id']}/participants").json()
    assert [p["person_id"] for p in participants] == [seeded["person_id"]]


@pytest.mark.parametrize("role", ROLES)
@schema.parametrize()
@schema.given(aim_at_seeded=st.booleans())
@hypothesis_settings(
    max_examples=25,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_fuzz(case, aim_at_seeded, role, acting, cookies, seeded, server_errors):
    if aim_at_seeded and case.path_parameters:
        case.path_parameters = {
            name: seeded.get(name, value) for name, value in case.path_parameters.items()
        }
    if acting is not None:
        # The schema's cookie scheme makes schemathesis generate session ids; a role sends its
        # own (anonymous calls keep the generated ones, which must be refused as well).
        case.cookies = dict(cookies)
    server_errors.clear()
    response = case.call(app=application)
    assert not server_errors, (
        f"{case.method} {case.formatted_path} query={case.query!r}:\n{server_errors[0]}"
    )
    case.validate_response(response, checks=CHECKS)
    if acting is None:
        assert response.status_code in REFUSED, (
            f"anonymous {case.method} {case.formatted_path} answered {response.status_code}"
        )
        if response.status_code == 302:
            assert response.headers["location"][0].startswith(resolve_url(settings.LOGIN_URL))
    else:
        assert response.status_code not in REFUSED - {403}, (
            f"{role}'s session was not accepted: {response.status_code}"
        )
