"""Reference numbers of other authorities: checked by their published formats, one per kind,
found by the people search, offered to letters and referrals."""

from __future__ import annotations

import pytest
from django.urls import reverse

from wegweiser.people import reference_numbers as rn
from wegweiser.people.models import PersonReference
from wegweiser.people.selectors import person_reference_value, person_reference_values
from wegweiser.people.services import person_reference_set

HTMX = {"HTTP_HX_REQUEST": "true"}


# Example numbers published with the tax ID's check rules.
@pytest.mark.parametrize("tax_id", ["86095742719", "47036892816", "65929970489", "57549285017"])
def test_published_tax_ids_pass(tax_id):
    assert rn.tax_id_problem(tax_id) is None


def test_tax_id_check_digit_is_iso_7064_mod_11_10():
    assert rn.tax_id_check_digit("8609574271") == 9
    assert rn.tax_id_check_digit("4703689281") == 6
    # Every other last digit is refused for the check digit.
    for wrong in "012345678":
        assert rn.tax_id_problem("8609574271" + wrong).code == "tax_id_check_digit"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("8609574271", "tax_id_digits"),  # ten digits
        ("0609574271" + "0", "tax_id_leading_zero"),
        ("1234567890" + str(rn.tax_id_check_digit("1234567890")), "tax_id_repetition"),  # none
        (
            "1112345678" + str(rn.tax_id_check_digit("1112345678")),
            "tax_id_repetition",
        ),  # 3 in a row
        ("1122345678" + str(rn.tax_id_check_digit("1122345678")), "tax_id_repetition"),  # two pairs
    ],
)
def test_tax_id_shape_and_repetition_rule(value, code):
    assert rn.tax_id_problem(value).code == code


def test_a_digit_three_times_but_not_in_a_row_is_a_tax_id():
    first_ten = "1121345678"
    assert rn.tax_id_problem(first_ten + str(rn.tax_id_check_digit(first_ten))) is None


def test_numbers_are_stored_without_separators_and_files_as_written():
    assert rn.normalise(rn.BG_NUMBER, "12345 bg 1234567") == "12345BG1234567"
    assert rn.normalise(rn.AZR_NUMBER, "1234 5678 9012") == "123456789012"
    assert rn.normalise(rn.IMMIGRATION_FILE, " 32.1 -  4711/25 ") == "32.1 - 4711/25"
    assert rn.problem(rn.BG_NUMBER, "12345BG1234567") is None
    assert rn.problem(rn.BG_NUMBER, "1234BG1234567").code == "bg_number"


@pytest.mark.django_db
def test_an_azr_number_of_the_wrong_shape_gets_a_message_at_the_field(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("people:section", args=[case.person_id, "references"]),
        {"kind": "azr_number", "value": "12345-678"},
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_value_error"' in html
    assert "exactly 12 digits" in html
    assert not PersonReference.objects.exists()


@pytest.mark.django_db
def test_a_reference_is_shown_on_the_person_page_and_a_second_one_corrects_it(
    client, caseworker, case
):
    client.force_login(caseworker)
    url = reverse("people:section", args=[case.person_id, "references"])
    assert client.post(url, {"kind": "bg_number", "value": "12345 BG 1234567"}).status_code == 302
    assert client.post(url, {"kind": "bg_number", "value": "12345BG7654321"}).status_code == 302
    assert list(PersonReference.objects.values_list("value", flat=True)) == ["12345BG7654321"]
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert "12345BG7654321" in page


@pytest.mark.django_db
def test_the_people_search_finds_a_person_by_a_reference_number(
    client, caseworker, case, other_team_case, other_caseworker
):
    person_reference_set(
        actor=caseworker, person=case.person, kind="azr_number", value="123456789012"
    )
    person_reference_set(
        actor=other_caseworker,
        person=other_team_case.person,
        kind="bg_number",
        value="12345BG1234567",
    )
    client.force_login(caseworker)
    found = client.get(reverse("people:search"), {"q": "1234 5678 9012"}).content.decode()
    assert reverse("people:detail", args=[case.person_id]) in found
    # Another team's person stays out of the results, even with the exact number.
    other = client.get(reverse("people:search"), {"q": "12345 BG 1234567"}).content.decode()
    assert reverse("people:detail", args=[other_team_case.person_id]) not in other


@pytest.mark.django_db
def test_letters_and_referrals_read_the_numbers_by_kind(caseworker, case):
    person_reference_set(
        actor=caseworker, person=case.person, kind="customer_number", value="123a456789"
    )
    assert person_reference_value(person=case.person, kind="customer_number") == "123A456789"
    assert person_reference_value(person=case.person, kind="tax_id") == ""
    assert person_reference_values(person=case.person) == {"customer_number": "123A456789"}


@pytest.mark.django_db
def test_the_api_gives_the_references_in_scope_only(client, caseworker, other_caseworker, case):
    person_reference_set(actor=caseworker, person=case.person, kind="tax_id", value="86095742719")
    client.force_login(caseworker)
    url = reverse("api:get_person_references", args=[case.person_id])
    assert client.get(url).json() == [{"kind": "tax_id", "value": "86095742719"}]
    client.force_login(other_caseworker)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_number_recorded_by_mistake_is_removed_and_the_removal_audited(
    client, caseworker, case, other_caseworker
):
    from wegweiser.core.models import AuditEntry

    reference = person_reference_set(
        actor=caseworker, person=case.person, kind="tax_id", value="86095742719"
    )
    url = reverse("people:reference_remove", args=[case.person_id, reference.pk])
    client.force_login(other_caseworker)
    assert client.post(url).status_code == 404
    assert PersonReference.objects.exists()
    client.force_login(caseworker)
    assert client.post(url).status_code == 302
    assert not PersonReference.objects.exists()
    assert AuditEntry.objects.filter(
        action="delete", object_type="people.personreference", object_id=str(reference.pk)
    ).exists()
