"""In a real browser: an employer's staff member logs in, finds the candidate the centre
proposed with consent, records the interview, and reads the page right to left in Arabic."""

from __future__ import annotations

import os
import shutil

import pytest

from wegweiser.cases.tests.test_browser import browser_page  # noqa: F401 (fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.mark.django_db(transaction=True)
def test_employer_records_an_interview_for_a_proposed_candidate(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
    employer_user,
    vacancy,
    person,
    consent,
):
    from wegweiser.jobs import services

    proposal = services.proposal_create(
        actor=caseworker, person=person, vacancy=vacancy, message="Staplerschein vorhanden"
    )
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", employer_user.username)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("main button[type=submit]")
    page.wait_for_url("**/jobs/proposals/")
    page.click(f"a[href='/jobs/proposals/{proposal.pk}/']")
    page.wait_for_url(f"**/jobs/proposals/{proposal.pk}/")
    assert person.family_name_latin in page.inner_text("main")
    assert "Staplerschein vorhanden" in page.inner_text("main")

    page.select_option("#id_status", "interview")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/jobs/proposals/{proposal.pk}/")
    proposal.refresh_from_db()
    assert proposal.status == "interview"

    page.select_option("#language-select", "ar")
    page.click("header form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert person.family_name_latin in page.inner_text("main")
