"""Every main page in German, Arabic and Ukrainian, in a real browser at 1366x900: no text runs
out of its box or over another box, every value of the other direction is isolated on
right-to-left pages, and axe-core finds nothing serious or critical."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from wegweiser.cases.tests.test_browser import browser_page  # noqa: F401 (fixture)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HERE = Path(__file__).parent
AXE = HERE / "vendor" / "axe-core" / "axe.min.js"
CHECKS = HERE / "layout_checks.js"
LANGUAGES = ("de", "ar", "uk")
PASSWORD = "correct-horse-battery-staple"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def demo_pages(team, caseworker):
    """A small centre shaped like the demo: a German person with a long double name, a Syrian
    and a Ukrainian person with names in both scripts, residence titles, next steps, a course
    with an enrolment and a waiting list, a qualification and a vacancy to match."""
    from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory, OrientationFactory
    from wegweiser.courses.tests.factories import (
        CourseFactory,
        EnrolmentFactory,
        EntitlementFactory,
        WaitingEntryFactory,
    )
    from wegweiser.jobs.tests.factories import ExperienceFactory, VacancyFactory
    from wegweiser.people.models import PersonReference
    from wegweiser.people.services import person_reference_set
    from wegweiser.people.tests.factories import PersonFactory, ResidenceStatusFactory
    from wegweiser.recognition.tests.factories import ProcedureFactory, QualificationFactory

    organisation = team.organisation
    long_german = PersonFactory(
        organisation=organisation,
        given_names_latin="Anna-Katharina Friederike Wilhelmine",
        family_name_latin="Schwarzenberg-Hohenlohe-Waldenburg-Schillingsfürst",
        place_of_birth="Frankfurt an der Oder",
        email="anna-katharina.schwarzenberg-hohenlohe@beispiel-gemeinde.example.org",
        nationalities=["DE", "PL"],
    )
    syrian = PersonFactory(
        organisation=organisation,
        given_names_latin="Mohammed Abdulrahman",
        family_name_latin="Al-Hassan",
        given_names_original="محمد عبد الرحمن",
        family_name_original="الحسن",
        date_of_birth=dt.date(1990, 1, 1),
        nationalities=["SY"],
        letter_language="ar",
    )
    ukrainian = PersonFactory(
        organisation=organisation,
        given_names_latin="Oleksandra",
        family_name_latin="Kovalenko-Shevchenko",
        given_names_original="Олександра",
        family_name_original="Коваленко-Шевченко",
        nationalities=["UA"],
        letter_language="uk",
    )
    cases = {}
    for person in (long_german, syrian, ukrainian):
        case = CaseFactory(person=person, team=team, caseworker=caseworker)
        OrientationFactory(case=case, family_situation="verheiratet, zwei Kinder (4 und 7)")
        ResidenceStatusFactory(person=person)
        NextStepFactory(case=case, description="Erstorientierung abschließen", owner=caseworker)
        cases[person.pk] = case
    course = CourseFactory(title="Allgemeiner Integrationskurs mit Kinderbetreuung Gießen-West")
    for person in (syrian, ukrainian):
        EntitlementFactory(person=person)
        EnrolmentFactory(person=person, course=course)
    WaitingEntryFactory(person=long_german)
    QualificationFactory(person=syrian)
    ProcedureFactory(person=syrian)
    for kind, value in (  # each with its "remove" button beside the number
        (PersonReference.Kind.CUSTOMER_NUMBER, "839D041316"),
        (PersonReference.Kind.AZR_NUMBER, "308075498542"),
    ):
        person_reference_set(actor=caseworker, person=syrian, kind=kind, value=value)
    vacancy = VacancyFactory(title="Fachkraft für Lagerlogistik (m/w/d) in Vollzeit")
    ExperienceFactory(person=syrian, occupation=vacancy.occupation)
    return {
        "person": syrian.pk,
        "person_long": long_german.pk,
        "person_uk": ukrainian.pk,
        "case": cases[syrian.pk].pk,
        "course": course.pk,
    }


def main_pages(ids: dict[str, int]) -> dict[str, str]:
    return {
        "person page (long German name)": f"/people/{ids['person_long']}/",
        "person page (Arabic name)": f"/people/{ids['person']}/",
        "person page (Ukrainian name)": f"/people/{ids['person_uk']}/",
        "dashboard": "/cases/",
        "intake": "/cases/intake/",
        "matching": f"/jobs/people/{ids['person']}/",
        "course page": f"/courses/{ids['course']}/",
        "courses of a person": f"/courses/person/{ids['person']}/",
        "recognition of a person": f"/recognition/person/{ids['person']}/",
        "qualification form": f"/recognition/person/{ids['person']}/qualification/",
        "case page": f"/cases/{ids['case']}/edit/",
        "orientation": f"/cases/{ids['case']}/orientation/",
    }


def log_in(page, base_url: str, username: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{base_url}/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url("**/cases/")


def use_language(page, base_url: str, language: str) -> None:
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def page_findings(page, *, kinds: tuple[str, ...]) -> list[str]:
    """Findings of the in-page layout checks of the given kinds (overflow, overlap, not
    isolated) and, with "axe", axe-core's serious and critical violations."""
    findings = [f for f in page.evaluate(CHECKS.read_text()) if f.split(":")[0] in kinds]
    if "axe" in kinds:
        # Evaluated through the debugging protocol, so the page's CSP (no inline script) stays on.
        page.evaluate(AXE.read_text() + "\n;true")
        findings += page.evaluate(
            """async () => {
                const r = await axe.run(document, {resultTypes: ["violations"]});
                return r.violations
                  .filter((v) => v.impact === "serious" || v.impact === "critical")
                  .map((v) => `axe ${v.impact}: ${v.id} (${v.nodes.length} nodes) ` +
                              v.nodes.slice(0, 2).map((n) => n.target.join(" ")).join(", "));
            }"""
        )
    return findings


def walk_main_pages(page, base_url: str, ids: dict[str, int], *, kinds, languages=LANGUAGES):
    failures: dict[str, list[str]] = {}
    for language in languages:
        use_language(page, base_url, language)
        for name, path in main_pages(ids).items():
            response = page.goto(f"{base_url}{path}")
            assert response is not None and response.status == 200, (name, path)
            assert page.locator("html").get_attribute("lang") == language
            findings = page_findings(page, kinds=kinds)
            if findings:
                failures[f"{name} [{language}] {path}"] = findings
    return failures


@pytest.mark.django_db(transaction=True)
def test_text_stays_inside_its_box_in_german_arabic_and_ukrainian(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
    demo_pages,
):
    log_in(browser_page, live_server.url, caseworker.username)
    failures = walk_main_pages(
        browser_page, live_server.url, demo_pages, kinds=("overflow", "overlap")
    )
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)


@pytest.mark.django_db(transaction=True)
def test_logo_link_and_calendar_button_show_where_the_keyboard_is(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
):
    page = browser_page
    log_in(page, live_server.url, caseworker.username)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    ring = page.evaluate(
        """() => { const el = document.activeElement, s = getComputedStyle(el);
                   return [el.className, s.outlineStyle, parseFloat(s.outlineWidth)]; }"""
    )
    assert ring[0] == "ww-brand" and ring[1] != "none" and ring[2] >= 2, ring

    # The calendar button of a date field is reached with Tab after day, month and year. Its
    # ring must be as strong as every other one (4 px), not the browser's hairline: the pixels
    # that change when it takes the focus span at least the button plus two rings.
    page.goto(f"{live_server.url}/cases/intake/")
    field = page.locator("#id_person-date_of_birth")
    box = field.bounding_box()
    assert box is not None
    clip = {
        "x": box["x"],
        "y": box["y"] - 8,
        "width": box["width"] + 8,
        "height": box["height"] + 16,
    }
    resting = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    field.focus()
    for _ in range(3):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "id_person-date_of_birth"
    focused = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    changed = ImageChops.difference(resting, focused).getbbox()
    assert changed is not None, "no focus ring on the calendar button"
    width = changed[2] - changed[0]
    print("calendar focus ring spans", width, "px")
    assert width >= 28, f"the calendar button's focus ring spans only {width} px"


@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_moves_the_focus_to_its_summary_and_on_to_the_field(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
):
    page = browser_page
    log_in(page, live_server.url, caseworker.username)
    page.goto(f"{live_server.url}/cases/intake/")
    page.fill("#id_person-email", "not-an-email")
    page.click("#save-intake")
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
    page.click("[data-error-summary] a[href='#id_person-email']")
    assert page.evaluate("document.activeElement.id") == "id_person-email"


@pytest.mark.django_db(transaction=True)
def test_nationalities_are_chosen_from_a_filterable_list_with_the_keyboard(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
):
    page = browser_page
    log_in(page, live_server.url, caseworker.username)
    use_language(page, live_server.url, "de")
    page.goto(f"{live_server.url}/cases/intake/")
    box = page.locator("#id_person-nationalities_options").bounding_box()
    assert box is not None and box["height"] >= 100  # a visible box, not two floating options
    # The field's label names the filter box.
    page.click("label[for='id_person-nationalities_filter']")
    assert page.evaluate("document.activeElement.id") == "id_person-nationalities_filter"
    page.keyboard.type("syr")
    visible = page.locator("#id_person-nationalities_options [data-filter-option]:visible")
    assert visible.all_inner_texts() == ["Syrien"]
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "SY"
    page.keyboard.press("Space")
    page.fill("#id_person-nationalities_filter", "afgh")
    page.keyboard.press("Enter")  # the only match is ticked, the form is not sent
    assert page.url.endswith("/cases/intake/")
    chosen = page.inner_text("#id_person-nationalities_chosen")
    assert "Afghanistan" in chosen and "Syrien" in chosen


@pytest.mark.django_db(transaction=True)
def test_values_of_the_other_direction_are_isolated_on_arabic_pages(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
    demo_pages,
):
    log_in(browser_page, live_server.url, caseworker.username)
    failures = walk_main_pages(
        browser_page, live_server.url, demo_pages, kinds=("not isolated",), languages=("ar",)
    )
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
    # Arrows point along the reading direction.
    browser_page.goto(f"{live_server.url}/courses/{demo_pages['course']}/")
    transform = browser_page.evaluate(
        "getComputedStyle(document.querySelector('main .ww-arrow')).transform"
    )
    assert transform.startswith("matrix(-1"), transform


@pytest.mark.django_db(transaction=True)
def test_axe_core_finds_nothing_serious_on_the_main_pages(
    live_server,
    browser_page,  # noqa: F811
    caseworker,
    demo_pages,
):
    """axe-core (vendored under vendor/axe-core, MPL-2.0, not served to users) runs in the
    page; a serious or critical finding fails."""
    log_in(browser_page, live_server.url, caseworker.username)
    failures = walk_main_pages(browser_page, live_server.url, demo_pages, kinds=("axe",))
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
