"""The enrolment that needs a consent leads to the consent form and back: the form comes with
purpose and provider chosen, today's date, the recipients grouped by kind, and returns to
where the caseworker came from (only within the site)."""

from __future__ import annotations

import datetime as dt
import html as html_lib
import re

import pytest
from django.urls import reverse

from wegweiser.accounts.models import Organisation
from wegweiser.courses.models import Enrolment
from wegweiser.courses.tests.factories import EnrolmentFactory
from wegweiser.people.models import Consent

pytestmark = pytest.mark.django_db


def _consent_link(html: str) -> str:
    match = re.search(r'href="([^"]*/consents/\?[^"]*)"', html)
    assert match, "no link to the consent form"
    return html_lib.unescape(match.group(1))


def test_missing_consent_links_to_the_consent_form_and_back(client, caseworker, person, course):
    enrolment = EnrolmentFactory(person=person, course=course)
    status_url = reverse("courses:enrolment_status", args=[enrolment.pk])
    client.force_login(caseworker)
    refused = client.post(status_url, {"status": "accepted"})
    assert refused.status_code == 422
    link = _consent_link(refused.content.decode())
    assert link.startswith(reverse("people:section", args=[person.pk, "consents"]))

    form_page = client.get(link).content.decode()
    assert f'<option value="{course.provider_id}" selected>' in form_page
    assert '<option value="course_referral" selected>' in form_page
    assert f'value="{dt.date.today().isoformat()}"' in form_page
    assert f'name="next" value="{status_url}"' in form_page

    saved = client.post(
        link,
        {
            "purpose": "course_referral",
            "scope": "Anmeldung",
            "recipient": course.provider_id,
            "legal_basis": "consent",
            "given_on": dt.date.today().isoformat(),
            "next": status_url,
        },
    )
    assert saved.status_code == 302 and saved["Location"] == status_url
    client.post(status_url, {"status": "accepted"})
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ACCEPTED


def test_next_to_another_site_is_ignored(client, caseworker, person, provider):
    client.force_login(caseworker)
    url = reverse("people:section", args=[person.pk, "consents"])
    page = client.get(url, {"next": "https://evil.example/steal"}).content.decode()
    assert 'name="next" value="https' not in page and 'href="https://evil' not in page
    saved = client.post(
        url,
        {
            "purpose": "course_referral",
            "scope": "x",
            "recipient": provider.pk,
            "legal_basis": "consent",
            "given_on": dt.date.today().isoformat(),
            "next": "https://evil.example/steal",
        },
    )
    assert saved["Location"] == reverse("people:detail", args=[person.pk])
    assert Consent.objects.filter(person=person).count() == 1


def test_recipients_are_grouped_by_kind_and_searchable(client, caseworker, person, provider):
    Organisation.objects.create(name="Bäckerei Kranz", kind=Organisation.Kind.EMPLOYER)
    Organisation.objects.create(name="Ausländerbehörde", kind=Organisation.Kind.IMMIGRATION_OFFICE)
    client.force_login(caseworker)
    page = client.get(reverse("people:section", args=[person.pk, "consents"])).content.decode()
    groups = re.findall(r'<optgroup label="([^"]+)">(.*?)</optgroup>', page, re.S)
    by_label = {label: body for label, body in groups}
    assert "Bäckerei Kranz" in by_label["Employers"]
    assert provider.name in by_label["Course providers"]
    assert "Ausländerbehörde" in by_label["Authorities"]
    assert list(by_label)[:3] == ["Employers", "Course providers", "Authorities"]
    assert 'data-filter-label="Search the organisations"' in page
