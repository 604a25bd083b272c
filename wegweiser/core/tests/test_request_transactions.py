"""A request's transaction: a change runs in one and is undone whole when its view fails; a
reading request on SQLite holds no transaction (and so not the database's write lock) while its
view runs, and changes audited data only in a transaction of its own."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import resolve

from wegweiser.core.audit import AuditContextMissing, acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.core.request_transactions import per_request
from wegweiser.people.models import Person
from wegweiser.people.services import person_update
from wegweiser.people.tests.factories import PersonFactory

factory = RequestFactory()


def _depth() -> int:
    return len(connection.atomic_blocks)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head", "options", "post", "put", "delete"])
def test_only_a_reading_request_on_sqlite_runs_without_a_transaction_of_its_own(method):
    seen: list[int] = []

    def probe(request: HttpRequest) -> HttpResponse:
        seen.append(_depth())
        return HttpResponse("ok")

    outside = _depth()
    per_request(probe)(getattr(factory, method)("/"))
    reading = method in ("get", "head", "options")
    opened = seen[0] - outside
    assert opened == (0 if reading and connection.vendor == "sqlite" else 1)


@pytest.mark.django_db
def test_a_failing_change_is_undone_whole(caseworker):
    person = PersonFactory(family_name_latin="Haddad")

    def failing(request: HttpRequest) -> HttpResponse:
        with acting_as(caseworker):
            person_update(actor=caseworker, person=person, data={"family_name_latin": "Nasr"})
        raise RuntimeError("the view fails after the change")

    with pytest.raises(RuntimeError):
        per_request(failing)(factory.post("/"))
    person.refresh_from_db()
    assert person.family_name_latin == "Haddad"


@pytest.mark.django_db
def test_a_reading_view_changes_audited_data_only_in_a_transaction_of_its_own(caseworker):
    person = PersonFactory(family_name_latin="Haddad")
    entries = AuditEntry.objects.count()

    def saves_directly(request: HttpRequest) -> HttpResponse:
        with acting_as(caseworker):
            person.family_name_latin = "Nasr"
            person.save()
        return HttpResponse("changed")

    def through_a_service(request: HttpRequest) -> HttpResponse:
        with acting_as(caseworker), transaction.atomic():
            person_update(actor=caseworker, person=person, data={"family_name_latin": "Nasr"})
        return HttpResponse("changed")

    if connection.vendor == "sqlite":
        with pytest.raises(AuditContextMissing):
            per_request(saves_directly)(factory.get("/"))
        assert Person.objects.get(pk=person.pk).family_name_latin == "Haddad"
        assert AuditEntry.objects.count() == entries
    per_request(through_a_service)(factory.get("/"))
    assert Person.objects.get(pk=person.pk).family_name_latin == "Nasr"
    assert AuditEntry.objects.filter(action="update", object_id=str(person.pk)).exists()


def test_every_view_of_the_application_is_given_its_request_transaction():
    for path in ("/people/", "/cases/", "/api/people/", "/admin/", "/accounts/login/"):
        view = resolve(path).func
        assert "default" in getattr(view, "_non_atomic_requests", set()), path
        assert hasattr(view, "__wrapped__"), path
