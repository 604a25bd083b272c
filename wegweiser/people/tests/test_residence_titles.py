"""Residence titles: the skilled-worker, humanitarian and toleration titles are offered, each
fills in its usual work permission, and the codes stored before stay as they were."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from wegweiser.people.models import ResidenceStatus, usual_work_permission

HTMX = {"HTTP_HX_REQUEST": "true"}
Title, Work = ResidenceStatus.Title, ResidenceStatus.WorkPermission


def test_codes_stored_before_are_unchanged() -> None:
    old = {"s24", "s25", "gestattung", "duldung", "settlement", "eu", "blue_card", "other"}
    assert old <= set(Title.values)


@pytest.mark.parametrize(
    ("paragraph", "permission"),
    [
        ("§16a", Work.APPROVAL),
        ("§16b", Work.APPROVAL),
        ("§16d", Work.APPROVAL),
        ("§17", Work.APPROVAL),
        ("§18a", Work.ALLOWED),
        ("§18b", Work.ALLOWED),
        ("§18g", Work.ALLOWED),
        ("§19c", Work.APPROVAL),
        ("§20 ", Work.APPROVAL),
        ("§21", Work.APPROVAL),
        ("§22", Work.ALLOWED),
        ("§23", Work.ALLOWED),
        ("§25(1)", Work.ALLOWED),
        ("§25(2)", Work.ALLOWED),
        ("§25(3)", Work.ALLOWED),
        ("§25(4)", Work.ALLOWED),
        ("§25(5)", Work.ALLOWED),
        ("§104c", Work.ALLOWED),
        ("§60c", Work.APPROVAL),
        ("§60d", Work.APPROVAL),
        ("§81(3)", Work.APPROVAL),
    ],
)
def test_each_title_is_offered_with_its_usual_work_permission(paragraph, permission) -> None:
    titles = [value for value, label in Title.choices if str(label).startswith(paragraph)]
    assert len(titles) == 1, paragraph
    assert usual_work_permission(titles[0]) == permission


@pytest.mark.django_db
def test_empty_work_permission_takes_the_titles_usual_one(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:section", args=[case.person_id, "residence"]),
        {"title": "s18b", "valid_from": "2025-06-01", "valid_until": "2029-06-01"},
        **HTMX,
    )
    assert response.status_code == 200
    assert ResidenceStatus.objects.get().work_permission == Work.ALLOWED


@pytest.mark.django_db
def test_fiktionsbescheinigung_81_4_continues_the_previous_titles_permission(
    client, caseworker, case
):
    client.force_login(caseworker)
    url = reverse("people:section", args=[case.person_id, "residence"])
    client.post(url, {"title": "s19c", "valid_from": "2024-01-01"}, **HTMX)
    client.post(url, {"title": "fiktion_81_4", "valid_from": "2025-01-01"}, **HTMX)
    latest = ResidenceStatus.objects.order_by("-valid_from").first()
    assert latest is not None and latest.title == "fiktion_81_4"
    assert latest.work_permission == Work.APPROVAL


@pytest.mark.django_db
def test_other_title_without_work_permission_asks_for_it(client, caseworker, case):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("people:section", args=[case.person_id, "residence"]),
        {"title": "other", "valid_from": "2025-06-01"},
        **HTMX,
    )
    assert response.status_code == 422
    assert "Choose the work permission" in response.content.decode()
    assert not ResidenceStatus.objects.exists()


def test_title_label_follows_the_language_of_the_page() -> None:
    status = ResidenceStatus(title=ResidenceStatus.Title.PROTECTION)
    with translation.override("de"):
        german = status.get_title_display()
    with translation.override("en"):
        english = status.get_title_display()
    assert english == "§25 AufenthG refugee or subsidiary protection"
    assert german != english and "§25" in german
    assert ResidenceStatus(title="unknown").get_title_display() == "unknown"
