"""In a real browser: a caseworker runs an intake with an Arabic-script name, switches the
interface to Arabic, and sees a right-to-left page with the name in both scripts."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def browser_page():
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs a loop
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        page = browser.new_page(locale="de-DE")
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.mark.django_db(transaction=True)
def test_intake_with_arabic_name_then_arabic_interface(live_server, browser_page, team):
    from wegweiser.accounts.tests.factories import UserFactory

    UserFactory(
        username="salma", role="caseworker", teams=[team], password="a-long-demo-password-1"
    )
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "salma")
    page.fill("#id_password", "a-long-demo-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/")

    page.goto(f"{live_server.url}/cases/intake/")
    page.fill("#id_person-given_names_original", "أحمد")
    page.fill("#id_person-family_name_original", "الحسن")
    page.fill("#id_person-given_names_latin", "Ahmad")
    page.fill("#id_person-family_name_latin", "Al-Hassan")
    page.fill("#id_person-date_of_birth", "1991-01-01")
    page.check("#id_person-dob_placeholder")
    page.check("input[name='person-nationalities'][value='SY']")
    page.select_option("#id_case-team", str(team.pk))
    page.select_option("#id_case-legal_domain", "sgb2")
    page.click("#save-intake")
    page.wait_for_url("**/people/*/")
    assert page.locator("html").get_attribute("dir") == "ltr"

    # Inline edit with htmx: closing without a reason shows the message at the field.
    page.click("#case-status a[hx-get]")
    page.select_option("#id_status", "closed")
    page.click("#case-status button[type=submit]")
    page.wait_for_selector("#id_closing_reason_error")
    assert page.locator("#case-status [data-status]").get_attribute("data-status") == "intake"

    page.select_option("#language-select", "ar")
    page.click("header form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    heading = page.locator("#person-name").inner_text()
    assert "Al-Hassan" in heading and "الحسن" in heading
    # The RTL stylesheet is the one in use: the header starts at the right edge.
    brand = page.locator(".ww-brand").bounding_box()
    assert brand is not None and brand["x"] > page.viewport_size["width"] / 2
