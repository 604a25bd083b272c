"""The duplicate search as a background job: one at a time per organisation, and a search
whose worker died (killed, crashed, restarted) is marked failed and can be started again."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from freezegun import freeze_time

from wegweiser.people import duplicate_search as duplicates
from wegweiser.people.models import DuplicateSearch

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def page(client) -> str:
    return client.get(reverse("people:duplicates")).content.decode()


class NoPersons:
    """An empty comparison table: the run finishes at once (Splink is tested elsewhere)."""

    num_rows = 0


@pytest.fixture
def quick_runs(monkeypatch):
    monkeypatch.setattr(duplicates, "export_table", lambda organisation_id: NoPersons())


@pytest.mark.django_db
@override_settings(TASKS=DUMMY)
def test_a_search_whose_worker_died_shows_failed_and_can_be_started_again(
    client, team_lead, case, monkeypatch, quick_runs
):
    client.cookies["django_language"] = "en"
    client.force_login(team_lead)
    with freeze_time("2026-12-01 10:00:00") as clock:
        client.post(reverse("people:duplicates_run"))
        search = DuplicateSearch.objects.get()

        def killed(organisation_id):
            # What `kill -9` leaves behind: no except clause runs, the search says "running".
            raise SystemExit(-9)

        monkeypatch.setattr(duplicates, "export_table", killed)
        with pytest.raises(SystemExit):  # the worker runs the queued job and dies
            duplicates.run_duplicate_detection(organisation=team_lead.organisation, search=search)
        search.refresh_from_db()
        assert search.status == DuplicateSearch.Status.RUNNING

        clock.tick(dt.timedelta(minutes=2))  # still within the time a live worker answers
        html = page(client)
        assert "The search is running since" in html
        assert "Search for duplicates now" not in html
        again = client.post(reverse("people:duplicates_run"), follow=True)
        assert "A search for duplicates is already running" in again.content.decode()

        clock.tick(dt.timedelta(minutes=4))  # six minutes without a sign of life
        html = page(client)
        search.refresh_from_db()
        assert search.status == DuplicateSearch.Status.FAILED
        assert "its worker stopped without finishing it" in html
        assert "Start the search again" in html

        client.post(reverse("people:duplicates_run"))
    newest = DuplicateSearch.objects.first()
    assert newest is not None and newest.pk != search.pk
    assert newest.status == DuplicateSearch.Status.QUEUED
    monkeypatch.setattr(duplicates, "export_table", lambda organisation_id: NoPersons())
    duplicates.run_duplicate_detection(organisation=team_lead.organisation, search=newest)
    newest.refresh_from_db()
    assert newest.status == DuplicateSearch.Status.DONE


@pytest.mark.django_db
@override_settings(TASKS=DUMMY)
def test_repeated_clicks_queue_one_search(client, team_lead, case, quick_runs):
    client.cookies["django_language"] = "en"
    client.force_login(team_lead)
    first = client.post(reverse("people:duplicates_run"), follow=True)
    assert "The search for duplicates has started" in first.content.decode()
    second = client.post(reverse("people:duplicates_run"), follow=True)
    assert "A search for duplicates is already queued" in second.content.decode()
    assert DuplicateSearch.objects.count() == 1
    assert len(default_task_backend.results) == 1
    assert "The search is queued" in page(client)


@pytest.mark.django_db
def test_the_database_refuses_a_second_open_search(team_lead):
    organisation = team_lead.organisation
    DuplicateSearch.objects.create(organisation=organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        DuplicateSearch.objects.create(
            organisation=organisation, status=DuplicateSearch.Status.RUNNING
        )
    # Finished and failed searches do not count.
    DuplicateSearch.objects.update(status=DuplicateSearch.Status.FAILED)
    DuplicateSearch.objects.create(organisation=organisation)


@pytest.mark.django_db
@override_settings(TASKS=DATABASE)
def test_a_job_the_task_queue_reports_failed_fails_the_search(client, team_lead, case, quick_runs):
    from django_tasks_db.models import DBTaskResult

    client.cookies["django_language"] = "en"
    client.force_login(team_lead)
    client.post(reverse("people:duplicates_run"))
    search = DuplicateSearch.objects.get()
    assert search.status == DuplicateSearch.Status.QUEUED
    assert DBTaskResult.objects.filter(id=search.task_result_id).exists()
    assert "The search is queued" in page(client)  # waiting for a worker is not a failure

    DBTaskResult.objects.filter(id=search.task_result_id).update(status="FAILED")
    html = page(client)
    search.refresh_from_db()
    assert search.status == DuplicateSearch.Status.FAILED
    assert "the task queue reports the job as failed" in html


@pytest.mark.django_db
def test_the_command_refuses_while_a_search_is_open(team_lead, case, quick_runs):
    DuplicateSearch.objects.create(
        organisation=team_lead.organisation,
        status=DuplicateSearch.Status.RUNNING,
        started_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )
    with pytest.raises(CommandError, match="already running"):
        call_command("duplicates", organisation=team_lead.organisation.name)


@pytest.mark.django_db
def test_a_caseworker_cannot_start_the_search(client, caseworker):
    client.force_login(caseworker)
    assert client.post(reverse("people:duplicates_run")).status_code == 403
    assert not DuplicateSearch.objects.exists()


@pytest.mark.django_db(transaction=True)
@override_settings(WEGWEISER_JOB_HEARTBEAT_SECONDS=0.05)
def test_a_running_search_writes_signs_of_life(team_lead, monkeypatch):
    beats = []

    def slow(organisation_id):
        search = DuplicateSearch.objects.get()
        for _ in range(3):
            time.sleep(0.3)
            search.refresh_from_db()
            beats.append(search.heartbeat_at)
        return NoPersons()

    monkeypatch.setattr(duplicates, "export_table", slow)
    duplicates.run_duplicate_detection(organisation=team_lead.organisation)
    assert len(set(beats)) == 3  # a new sign of life every time the work looked
    assert DuplicateSearch.objects.get().status == DuplicateSearch.Status.DONE
