"""The intake flow and what happens with bad input: a message at the field, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from wegweiser.cases.models import Case, Orientation
from wegweiser.core.models import AuditEntry
from wegweiser.people.models import Person


def intake_post(team, caseworker, **overrides):
    data = {
        "person-given_names_original": "أحمد",
        "person-family_name_original": "الحسن",
        "person-given_names_latin": "Ahmad",
        "person-family_name_latin": "Al-Hassan",
        "person-date_of_birth": "1991-01-01",
        "person-dob_precision": "exact",
        "person-dob_placeholder": "on",
        "person-sex": "m",
        "person-nationality_status": "known",
        "person-nationalities": ["SY"],
        "person-phone": "+49 641 1234567",
        "person-email": "ahmad@example.org",
        "person-letter_language": "ar",
        "case-team": team.pk,
        "case-caseworker": caseworker.pk,
        "case-legal_domain": "sgb2",
        "orientation-german_level": "A2",
        "orientation-german_source": "self",
        "orientation-driving_licence": "none",
        "orientation-assessed_on": dt.date.today().isoformat(),
        "orientation-goals": "Als Elektriker arbeiten",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_intake_creates_person_case_and_orientation_together(client, team, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("cases:intake"), intake_post(team, caseworker))
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", args=[person.pk])
    assert person.original_script == "Arab"
    assert [c.code for c in person.nationalities] == ["SY"]
    case = Case.objects.get(person=person)
    assert case.status == Case.Status.INTAKE and case.caseworker == caseworker
    assert Orientation.objects.get(case=case).german_level == "A2"
    assert case.status_changes.get().to_status == "intake"
    created = set(AuditEntry.objects.filter(action="create").values_list("object_type", flat=True))
    assert {"people.person", "cases.case", "cases.orientation"} <= created


@pytest.mark.django_db
def test_intake_page_shows_the_name_in_both_scripts_afterwards(client, team, caseworker):
    client.force_login(caseworker)
    response = client.post(reverse("cases:intake"), intake_post(team, caseworker), follow=True)
    html = response.content.decode()
    assert "Al-Hassan" in html and "الحسن" in html


BAD_INPUT = [
    ({"person-date_of_birth": "2023-02-30"}, "person-date_of_birth", "Enter a valid date."),
    ({"person-date_of_birth": "2090-01-01"}, "person-date_of_birth", "in the future"),
    ({"person-phone": "call me maybe"}, "person-phone", "phone number"),
    ({"person-email": "not-an-email"}, "person-email", "valid email"),
    ({"person-family_name_latin": "x" * 151}, "person-family_name_latin", "at most 150"),
    ({"person-given_names_latin": ""}, "person-given_names_latin", "required"),
    ({"orientation-german_source": "tested"}, "orientation-german_exam", "Name the exam"),
    ({"orientation-goals": "x" * 4001}, "orientation-goals", "at most 4000"),
    ({"person-postal_code": "1234"}, "person-postal_code", "five digits"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("override", "field", "message"), BAD_INPUT)
def test_bad_intake_input_is_reported_at_the_field_and_nothing_is_saved(
    client, team, caseworker, override, field, message
):
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("cases:intake"), intake_post(team, caseworker, **override))
    assert response.status_code == 422
    html = response.content.decode()
    error_block = html.split(f'id="id_{field}_error"', 1)
    assert len(error_block) == 2, f"no error shown at {field}"
    assert message in error_block[1].split("</p>", 1)[0]
    assert not Person.objects.exists()
    assert not Case.objects.exists()


@pytest.mark.django_db
def test_bad_input_message_comes_in_the_users_language(client, team, caseworker):
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    response = client.post(
        reverse("cases:intake"),
        intake_post(team, caseworker, **{"person-date_of_birth": "2023-02-30"}),
    )
    assert "Bitte ein gültiges Datum eingeben." in response.content.decode()


@pytest.mark.django_db
def test_caseworker_of_another_team_cannot_be_assigned(client, team, caseworker, other_caseworker):
    client.force_login(caseworker)
    data = intake_post(team, caseworker, **{"case-caseworker": other_caseworker.pk})
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 422
    assert not Person.objects.exists()


@pytest.mark.django_db
def test_intake_without_a_date_of_birth_saves_it_as_unknown(client, team, caseworker):
    """The date of birth is labelled optional, and it is: many refugees do not know it."""
    client.force_login(caseworker)
    data = intake_post(
        team,
        caseworker,
        **{
            "person-date_of_birth": "",
            "person-dob_precision": "exact",
            "person-dob_placeholder": "",
        },
    )
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 302
    person = Person.objects.get()
    assert person.date_of_birth is None
    assert person.dob_precision == Person.DobPrecision.UNKNOWN
    assert not person.dob_placeholder


@pytest.mark.django_db
def test_form_errors_are_summarised_at_the_top_with_links_to_the_fields(client, team, caseworker):
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    data = intake_post(
        team,
        caseworker,
        **{"person-given_names_latin": "", "person-email": "not-an-email"},
    )
    response = client.post(reverse("cases:intake"), data)
    assert response.status_code == 422
    html = response.content.decode()
    summary = html.split("data-error-summary", 1)[1].split("</div>\n</div>", 1)[0]
    assert html.index("data-error-summary") < html.index('id="id_person-given_names_latin"')
    assert "Bitte korrigieren Sie 2 Angaben" in summary
    assert 'href="#id_person-given_names_latin"' in summary
    assert 'href="#id_person-email"' in summary
    assert html.count("data-error-summary") == 1
