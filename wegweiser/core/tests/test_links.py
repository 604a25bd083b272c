"""Links and names in lists: the fast forms give what Django's own give."""

from __future__ import annotations

import pytest
from django import forms
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext, override_script_prefix
from django.urls import NoReverseMatch, reverse

from wegweiser.core.links import id_url
from wegweiser.core.models import Municipality
from wegweiser.people.models import Person, Script


@pytest.mark.parametrize("pk", [1, 7, 42, 1234567])
@pytest.mark.parametrize("viewname", ["people:detail", "jobs:person", "courses:person"])
def test_id_url_is_what_reverse_gives(viewname, pk):
    assert id_url(viewname, pk) == reverse(viewname, args=[pk])


def test_id_url_follows_the_script_prefix():
    with override_script_prefix("/wegweiser/"):
        assert id_url("people:detail", 5) == "/wegweiser/people/5/"
    assert id_url("people:detail", 5) == "/people/5/"


def test_id_url_refuses_a_view_without_an_id():
    with pytest.raises(NoReverseMatch):
        id_url("core:audit", 5)


def render(source: str, **context: object) -> str:
    return engines["django"].from_string(source).render(context)


def test_person_name_and_url_write_what_the_template_wrote():
    arabic = Person(
        id=12,
        given_names_latin="Ahmad",
        family_name_latin="Haddad",
        given_names_original="أحمد",
        family_name_original="حداد",
        original_script=Script.ARABIC,
    )
    latin_only = Person(id=13, given_names_latin="Olena", family_name_latin="Koval")
    for person, expected in [
        (
            arabic,
            '<a href="/people/12/"><bdi>Ahmad Haddad</bdi> '
            '<bdi class="ww-original" dir="rtl">أحمد حداد</bdi></a>',
        ),
        (latin_only, '<a href="/people/13/"><bdi>Olena Koval</bdi></a>'),
    ]:
        source = '{% load people_tags %}<a href="{{ p.pk|person_url }}">{{ p|person_name }}</a>'
        html = render(source, p=person)
        assert html == expected


def test_person_name_escapes():
    person = Person(id=1, given_names_latin="<script>", family_name_latin="&")
    assert render("{% load people_tags %}{{ p|person_name }}", p=person) == (
        "<bdi>&lt;script&gt; &amp;</bdi>"
    )


class MunicipalityForm(forms.Form):
    place = forms.ModelChoiceField(queryset=Municipality.objects.order_by("name"))


@pytest.mark.django_db
def test_choice_lists_are_read_in_one_query_however_often_they_are_shown():
    Municipality.objects.create(name="Nordheim am See", latitude=50.5, longitude=8.6)
    Municipality.objects.create(name="Südtal", latitude=50.4, longitude=8.7)
    form = MunicipalityForm()
    with CaptureQueriesContext(connection) as queries:
        first = str(form["place"])
        second = str(form["place"])
    assert "Nordheim am See" in first and "Südtal" in first
    assert first == second
    # Django's own iterator reads the list again for each rendering, and on PostgreSQL
    # through a server-side cursor (DECLARE, FETCH, CLOSE).
    assert len(queries) == 1
    assert not any("DECLARE" in q["sql"] for q in queries.captured_queries)
