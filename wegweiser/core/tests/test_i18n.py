"""Language and country names come from CLDR in the interface language, never as raw codes."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from wegweiser.core.i18n import country_name, join_list, language_name


@pytest.mark.parametrize(
    ("interface", "expected"),
    [
        ("de", ["Arabisch", "Dari", "Paschtu", "Tigrinya", "Kurdisch", "Ukrainisch"]),
        ("ar", ["العربية", "الدارية", "البشتو", "التغرينية", "الكردية", "الأوكرانية"]),
        ("uk", ["арабська", "дарі", "пушту", "тигринья", "курдська", "українська"]),
        ("en", ["Arabic", "Dari", "Pashto", "Tigrinya", "Kurdish", "Ukrainian"]),
    ],
)
def test_language_codes_of_iso_639_1_and_3_have_names_in_every_interface_language(
    interface, expected
):
    with translation.override(interface):
        assert [language_name(c) for c in ("ar", "prs", "ps", "ti", "kmr", "uk")] == expected


def test_unknown_and_own_codes_fall_back_to_the_projects_list_then_the_code():
    with translation.override("de"):
        assert language_name("other") == "andere Sprache"
        assert language_name("qqq") == "qqq"
        assert language_name("") == ""


@pytest.mark.django_db
def test_person_page_names_the_letter_language(client, caseworker, case):
    person = case.person
    type(person).objects.filter(pk=person.pk).update(letter_language="prs")
    client.force_login(caseworker)
    for interface, name in (("de", "Dari"), ("ar", "الدارية"), ("uk", "дарі")):
        client.cookies["django_language"] = interface
        html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
        assert f"<dd>{name}</dd>" in html
        assert "<dd>prs</dd>" not in html


@pytest.mark.parametrize(
    ("interface", "expected"),
    [
        ("de", ["Kiribati", "Mosambik", "Eswatini", "Syrien"]),
        ("ar", ["كيريباتي", "موزمبيق", "إسواتيني", "سوريا"]),
        ("uk", ["Кірибаті", "Мозамбік", "Есватіні", "Сирія"]),
    ],
)
def test_country_names_are_cldrs_in_every_interface_language(interface, expected):
    from django_countries.fields import Country

    with translation.override(interface):
        assert [Country(c).name for c in ("KI", "MZ", "SZ", "SY")] == expected
        assert [country_name(c) for c in ("KI", "MZ", "SZ", "SY")] == expected


@pytest.mark.django_db
def test_intake_offers_current_country_names(client, caseworker):
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    html = client.get(reverse("cases:intake")).content.decode()
    assert ">Eswatini<" in html and ">Kiribati<" in html and ">Mosambik<" in html
    assert "Swasiland" not in html and "Kirivati" not in html and "Mozambique" not in html


def test_arabic_numbers_and_lists_use_arabic_conventions():
    from decimal import Decimal

    from django.utils.formats import localize

    with translation.override("ar"):
        assert localize(Decimal("5.0")) == "5.0"
        assert join_list(["الاثنين", "الثلاثاء"]) == "الاثنين، الثلاثاء"
    with translation.override("de"):
        assert localize(Decimal("5.0")) == "5,0"
        assert join_list(["Mo", "Di"]) == "Mo, Di"


def test_arabic_times_are_on_the_24_hour_clock_like_the_letters():
    import datetime as dt

    from django.utils.formats import date_format, time_format

    afternoon = dt.datetime(2026, 3, 9, 14, 30)
    with translation.override("ar"):
        assert time_format(afternoon.time()) == "14:30"
        assert date_format(afternoon, "DATETIME_FORMAT").endswith("2026 14:30")
        assert "م" not in date_format(afternoon, "SHORT_DATETIME_FORMAT")
    with translation.override("de"):
        assert time_format(afternoon.time()) == "14:30"


@pytest.mark.django_db
def test_course_page_lists_weekdays_with_the_arabic_comma(client, caseworker):
    from wegweiser.courses.tests.factories import CourseFactory

    course = CourseFactory(weekdays="12")
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    html = client.get(reverse("courses:detail", args=[course.pk])).content.decode()
    assert "الاثنين، الثلاثاء" in html
    assert "الاثنين, الثلاثاء" not in html


@pytest.mark.parametrize("interface", ["de", "ar", "uk"])
def test_birth_dates_in_identity_explanations_follow_the_interface(interface):
    from wegweiser.people.explanations import explain

    with translation.override(interface):
        text = explain("dob.different", {"a": "01.01.1973 (placeholder)", "b": "26.05.1983"})
        placeholder = str(translation.gettext("%(date)s (placeholder)"))
    assert "(placeholder)" not in text
    assert {"de": "01.01.1973 (Platzhalter)", "uk": "26.05.1983"}.get(interface, "") in text
    if interface == "ar":
        assert "01.01.1973" not in text and "1973" in text
    assert placeholder != "%(date)s (placeholder)"


@pytest.mark.parametrize(
    ("interface", "seat_found", "in_work"),
    [
        ("de", "Kursplatz gefunden", "vermittelt"),
        ("ar", "حصل على مقعد في دورة", "تم التوظيف"),
        ("uk", "місце на курсі знайдено", "працевлаштовано"),
    ],
)
def test_placed_on_the_waiting_list_is_not_placed_in_work(interface, seat_found, in_work):
    """ "vermittelt" on the waiting list means a course seat was found, not a job."""
    from wegweiser.cases.models import Case
    from wegweiser.courses.models import WaitingEntry

    with translation.override(interface):
        assert str(WaitingEntry.Status.PLACED.label) == seat_found
        assert str(Case.Status.PLACED.label) == in_work


def test_values_are_isolated_in_html_and_in_plain_text():
    from django.template import Context, Template

    html = Template("{% load core_tags %}{{ name|bdi }}: {{ empty|bdi }}").render(
        Context({"name": "Al-Hassan <b>", "empty": ""})
    )
    assert html == "<bdi>Al-Hassan &lt;b&gt;</bdi>: "
    from wegweiser.core.i18n import isolate

    assert isolate("§ 25 AufenthG") == "\u2068§ 25 AufenthG\u2069"
    assert isolate(None) == ""


def test_arabic_translations_isolate_paragraphs_of_german_law():
    """ "§ 25 AufenthG" inside an Arabic sentence reads "AufenthG 25 §" unless it is isolated
    (FSI ... PDI) in the translation itself."""
    from pathlib import Path

    import polib
    from django.conf import settings

    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale/ar/LC_MESSAGES/django.po"))
    bare = [
        e.msgstr for e in po if not e.obsolete and "§" in e.msgstr and "\u2068§" not in e.msgstr
    ]
    assert not bare, bare
