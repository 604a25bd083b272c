"""The select lists written in Python give the same HTML as Django's templates."""

from __future__ import annotations

import re

import pytest
from django import forms

from wegweiser.core.forms import FastSelect, KernFormMixin
from wegweiser.people.forms import PersonSearchForm


def same_html(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


CHOICES = [
    ("", "all"),
    ("a", 'Ärzte & "Pflege" <neu>'),
    ("Gruppe", [("b", "Bäcker"), ("c", "Café")]),
    (3, "drei"),
]


@pytest.mark.parametrize("value", [None, "", "b", 3, ["a", "c"]])
def test_fast_select_writes_what_django_writes(value):
    attrs = {"class": "kern-form-input__select", "required": True, "disabled": False}
    django_html = forms.Select(attrs=attrs, choices=CHOICES).render("job", value)
    fast_html = FastSelect(attrs=attrs, choices=CHOICES).render("job", value)
    assert same_html(fast_html) == same_html(str(django_html))
    assert "&lt;neu&gt;" in fast_html  # labels escaped


class Form(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(choices=[("x", "X"), ("y", "Y")])
    many = forms.MultipleChoiceField(choices=[("x", "X")])


def test_forms_use_it_for_plain_selects_only():
    form = Form(data={"kind": "y"})
    assert type(form.fields["kind"].widget) is FastSelect
    assert type(form.fields["many"].widget) is forms.SelectMultiple
    assert '<option value="y" selected>Y</option>' in str(form["kind"])


@pytest.mark.django_db
def test_choices_set_after_the_form_is_made_reach_the_list():
    form = PersonSearchForm(data={"nationality": "SY"}, teams=[])
    html = str(form["nationality"])
    assert '<option value="SY" selected>' in html
    assert html.count("<option") > 200
