"""In a real browser: the occupation search of the qualification form answers every search,
not only the first, and its result list stays the one the search box points to."""

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


def _occupations_for(title: str, label: str) -> None:
    """Reference rows for what the occupation coder answers to the title, labelled so the
    test can tell two searches apart."""
    from wegweiser.occupations.coding import get_coder
    from wegweiser.recognition.tests.factories import OccupationFactory

    for n, match in enumerate(get_coder().code(title, top=3, language="de")):
        OccupationFactory(concept_uri=match.concept_uri, preferred_label_de=f"{label} {n}")


@pytest.mark.django_db(transaction=True)
def test_occupation_search_answers_a_second_search(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
    person,
):
    _occupations_for("Bauingenieur", "Bauingenieurwesen")
    _occupations_for("Krankenpfleger", "Pflege")
    page = browser_page
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", caseworker.username)
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/")
    page.goto(f"{live_server.url}/recognition/person/{person.pk}/qualification/")

    search = page.locator("input[type=search][name=occupation_query]")
    results_id = search.get_attribute("aria-controls")
    assert results_id
    search.fill("Bauingenieur")
    page.wait_for_selector(f"#{results_id} label:has-text('Bauingenieurwesen')")
    search.fill("Krankenpfleger")
    page.wait_for_selector(f"#{results_id} label:has-text('Pflege')")
    results = page.locator(f"#{results_id}")
    assert results.count() == 1
    assert "Bauingenieurwesen" not in results.inner_text()
    assert not [e for e in errors if "targetError" in e or "htmx" in e.lower()], errors
