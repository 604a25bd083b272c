"""Letter texts: merge fields, the review state, and `letter_texts` as others call it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from wegweiser.core.audit import acting_as
from wegweiser.letters import services
from wegweiser.letters.merge import FSI, PDI, MergeError, fields_used, fill_html, fill_text
from wegweiser.letters.models import Kind, Language, LetterText
from wegweiser.letters.reference_texts import TEXTS
from wegweiser.letters.selectors import LetterTextMissing, letter_texts

pytestmark = pytest.mark.django_db

VALUES = {
    "given_name": "Amina",
    "family_name": "Haddad",
    "date": "12.03.2027",
    "time": "10:30",
    "place": "Raum 2",
    "caseworker": "Petra Klein",
    "caseworker_phone": "06441 1234",
    "caseworker_email": "p.klein@example.org",
    "reference": "2024-00017",
    "course": "Integrationskurs",
    "documents": "Pass",
    "goals": "Arbeit",
}


def test_every_kind_ships_in_every_language_as_a_draft():
    texts = LetterText.objects.all()
    assert {(t.kind, t.language) for t in texts} == {
        (kind, language) for kind in Kind.values for language in Language.values
    }
    assert {t.state for t in texts} == {LetterText.State.DRAFT}
    assert len(TEXTS) == len(Language.values)


def test_unknown_merge_field_is_refused_with_its_name():
    with pytest.raises(MergeError) as error:
        fields_used("Hallo {vorname} und {given_name.__class__} und {date:>10}")
    assert error.value.unknown == ["vorname", "given_name.__class__", "date:>10"]


def test_values_are_escaped_and_isolated_in_html():
    html = fill_html("Hallo {given_name}\n\nZeile", {"given_name": "<b>Ali</b>"})
    assert html == "<p>Hallo <bdi>&lt;b&gt;Ali&lt;/b&gt;</bdi></p>\n<p>Zeile</p>"


def test_right_to_left_text_isolates_latin_values():
    filled = fill_text("مرحبًا {given_name}", {"given_name": "Amina"}, isolate=True)
    assert filled == f"مرحبًا {FSI}Amina{PDI}"


def test_letter_texts_fills_german_and_the_language():
    texts = letter_texts(kind="invitation", language="uk", context=VALUES)
    assert texts.subject_de == "Einladung zu einem Termin am 12.03.2027"
    assert texts.subject == "Запрошення на зустріч 12.03.2027"
    assert "Amina Haddad" in texts.body and "Amina Haddad" in texts.body_de
    assert texts.reviewed is False
    assert texts.direction == "ltr"


def test_letter_texts_for_arabic_is_right_to_left_with_isolated_names():
    texts = letter_texts(kind="reminder", language="ar", context=VALUES)
    assert texts.direction == "rtl"
    assert f"{FSI}Amina Haddad{PDI}" in texts.body  # one isolate keeps the name's order
    assert f"<bdi>{FSI}Amina Haddad{PDI}</bdi>" in texts.body_html


def test_missing_text_raises_a_translated_validation_error_at_the_language(administrator):
    with acting_as(administrator), transaction.atomic():
        LetterText.objects.filter(kind="plan", language="ti").delete()
    with pytest.raises(LetterTextMissing) as error:
        letter_texts(kind="plan", language="ti", context=VALUES)
    assert isinstance(error.value, ValidationError)
    assert (
        "Tigrinya" in error.value.message_dict["language"][0]
        or "Tigrinisch" in (error.value.message_dict["language"][0])
    )


def test_review_records_who_and_when(administrator):
    text = LetterText.objects.get(kind="invitation", language="ar")
    services.letter_text_review(actor=administrator, text=text)
    text.refresh_from_db()
    assert text.state == LetterText.State.REVIEWED
    assert text.reviewed_by == administrator
    assert text.reviewed_at is not None


def test_editing_a_reviewed_text_makes_it_a_draft_again(administrator):
    text = LetterText.objects.get(kind="invitation", language="en")
    services.letter_text_review(actor=administrator, text=text)
    services.letter_text_save(
        actor=administrator,
        kind="invitation",
        language="en",
        subject=text.subject,
        body=text.body + "\n\nSee you soon.",
    )
    text.refresh_from_db()
    assert text.state == LetterText.State.DRAFT
    assert text.reviewed_by is None and text.reviewed_at is None
    assert text.updated_by == administrator


def test_saving_an_unknown_merge_field_is_refused_and_nothing_changes(administrator):
    before = LetterText.objects.get(kind="plan", language="de").body
    with pytest.raises(ValidationError) as error:
        services.letter_text_save(
            actor=administrator, kind="plan", language="de", subject="Plan", body="{vorname}"
        )
    assert "{vorname}" in error.value.message_dict["body"][0]
    assert LetterText.objects.get(kind="plan", language="de").body == before


def test_only_administrators_edit_or_review_texts(caseworker):
    text = LetterText.objects.get(kind="plan", language="de")
    with pytest.raises(PermissionDenied):
        services.letter_text_review(actor=caseworker, text=text)
    with pytest.raises(PermissionDenied):
        services.letter_text_save(
            actor=caseworker, kind="plan", language="de", subject="x", body="y"
        )


@pytest.mark.parametrize(
    ("spoken", "letter"), [("fa", "prs"), ("ku", "kmr"), ("ar", "ar"), ("ro", "de"), ("", "de")]
)
def test_preferred_language_maps_to_the_letter_language_everywhere(case, spoken, letter):
    from wegweiser.appointments.notify import letter_language
    from wegweiser.letters.forms import default_language

    case.person.letter_language = spoken
    assert default_language(spoken) == letter
    assert letter_language(case.person) == letter
