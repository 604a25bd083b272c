"""In a real browser: the week view is worked with the keyboard — the arrow keys move between
the days (mirrored in Arabic), the links lead to the next week."""

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
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--no-first-run"]
        )
        page = browser.new_page(locale="de-DE")
        yield page
        browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _focused_day(page) -> str:
    return page.evaluate(
        "() => { const cell = document.activeElement;"
        " const id = cell.getAttribute('headers').split(' ')[0];"
        " return document.getElementById(id).querySelector('time').getAttribute('datetime'); }"
    )


@pytest.mark.django_db(transaction=True)
def test_week_view_is_worked_with_the_keyboard(live_server, browser_page, team):
    import datetime as dt

    from wegweiser.accounts.tests.factories import UserFactory

    UserFactory(username="anna", role="caseworker", teams=[team], password="a-long-demo-password-1")
    page = browser_page
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", "anna")
    page.fill("#id_password", "a-long-demo-password-1")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/")
    page.goto(f"{live_server.url}/appointments/?week=2030-W10")
    page.focus("[data-week-cell][tabindex='0']")
    assert _focused_day(page) == "2030-03-04"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert _focused_day(page) == "2030-03-06"
    page.keyboard.press("End")
    assert _focused_day(page) == "2030-03-09"
    assert page.locator("[data-week-cell][tabindex='0']").count() == 1

    page.context.add_cookies([{"name": "django_language", "value": "ar", "url": live_server.url}])
    page.goto(f"{live_server.url}/appointments/?week=2030-W10")
    page.focus("[data-week-cell][tabindex='0']")
    page.keyboard.press("ArrowLeft")  # in a right-to-left page, left is the next day
    assert _focused_day(page) == "2030-03-05"

    page.click("a[rel=next]")
    page.wait_for_url("**week=2030-W11")
    monday = dt.date.fromisocalendar(2030, 11, 1)
    assert page.locator(f"time[datetime='{monday:%Y-%m-%d}']").count() == 1
