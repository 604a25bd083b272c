"""The letters on the person page, making and downloading them, and the text pages."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.letters import services
from wegweiser.letters.models import Letter, LetterText
from wegweiser.letters.tests.factories import LetterFactory, LetterheadFactory

pytestmark = pytest.mark.django_db


def _make(client, case, **data):
    return client.post(reverse("letters:make", args=[case.pk]), data, follow=True)


def test_person_page_lists_letters_and_offers_the_form(client, caseworker, case):
    LetterFactory(case=case, made_by=caseworker, from_draft=True)
    client.force_login(caseworker)
    html = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert reverse("letters:make", args=[case.pk]) in html
    assert reverse("letters:download", args=[case.letters.get().pk]) in html
    assert "request for documents" in html and "from a draft text" in html


@pytest.mark.parametrize(
    ("language", "kind_label", "badge"),
    [
        ("de", "Anforderung von Unterlagen", "aus einem Entwurf"),
        ("ar", "طلب مستندات", "من نص غير مُراجَع"),
        ("uk", "запит документів", "з чернетки"),
    ],
)
def test_letters_panel_in_the_interface_languages(
    client, caseworker, case, language, kind_label, badge
):
    LetterFactory(case=case, made_by=caseworker, from_draft=True)
    client.force_login(caseworker)
    client.cookies["django_language"] = language
    html = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert kind_label in html and badge in html


def test_form_defaults_to_the_persons_letter_language(client, caseworker, case):
    with acting_as(None), transaction.atomic():
        case.person.letter_language = "fa"  # Dari/Farsi among the spoken languages
        case.person.save(update_fields=["letter_language"])
    client.force_login(caseworker)
    html = client.get(reverse("letters:make", args=[case.pk])).content.decode()
    assert '<option value="prs" selected>' in html


def test_letter_from_a_draft_translation_warns_and_is_recorded(client, caseworker, case):
    LetterheadFactory(organisation=case.team.organisation)
    client.force_login(caseworker)
    response = _make(client, case, kind="documents-request", language="ar", documents="Pass")
    letter = Letter.objects.get(case=case)
    assert letter.from_draft is True
    assert letter.made_by == caseworker and letter.language == "ar"
    assert bytes(letter.pdf).startswith(b"%PDF")
    assert "has not been reviewed yet" in response.content.decode()
    assert AuditEntry.objects.filter(
        action="create", object_type="letters.letter", object_id=str(letter.pk), actor=caseworker
    ).exists()


def test_letter_from_reviewed_texts_is_not_marked(client, caseworker, administrator, case):
    for language in ("de", "uk"):
        text = LetterText.objects.get(kind="documents-request", language=language)
        services.letter_text_review(actor=administrator, text=text)
    client.force_login(caseworker)
    response = _make(client, case, kind="documents-request", language="uk", documents="Pass")
    assert Letter.objects.get(case=case).from_draft is False
    html = response.content.decode()
    assert "has not been reviewed yet" not in html and "stored with the case" in html


def test_language_without_text_is_refused_at_the_field_and_nothing_saved(
    client, caseworker, administrator, case
):
    with acting_as(administrator), transaction.atomic():
        LetterText.objects.filter(kind="documents-request", language="ti").delete()
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[case.pk]),
        {"kind": "documents-request", "language": "ti", "documents": "Pass"},
    )
    assert response.status_code == 422
    errors = response.context["form"].errors
    assert "Tigrinya" in errors["language"][0] or "Tigrinisch" in errors["language"][0]
    assert not Letter.objects.exists()


def test_invitation_without_appointment_is_refused_at_the_field(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[case.pk]), {"kind": "invitation", "language": "ar"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["appointment"]
    assert not Letter.objects.exists()


def test_documents_request_needs_the_documents(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[case.pk]), {"kind": "documents-request", "language": "en"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["documents"]
    assert not Letter.objects.exists()


def test_plan_letter_without_agreed_plan_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[case.pk]), {"kind": "plan", "language": "en"}
    )
    assert response.status_code == 422
    assert "no agreed plan" in response.context["form"].errors["kind"][0]
    assert not Letter.objects.exists()


def test_invitation_for_the_chosen_appointment(client, caseworker, letter_case):
    appointment = letter_case.appointments.get()
    client.force_login(caseworker)
    _make(client, letter_case, kind="invitation", language="ti", appointment=appointment.pk)
    assert Letter.objects.get(case=letter_case).appointment == appointment


def test_invitation_names_the_colleague_who_holds_the_appointment(
    client, caseworker, colleague, letter_case
):
    from wegweiser.letters.tests.pdfcheck import text

    appointment = letter_case.appointments.get()
    colleague.first_name, colleague.last_name = "Jonas", "Weidenbach"
    colleague.email = "j.weidenbach@example.org"
    colleague.save(update_fields=["first_name", "last_name", "email"])
    appointment.caseworker = colleague
    with acting_as(None), transaction.atomic():
        appointment.save(update_fields=["caseworker"])
    client.force_login(caseworker)
    _make(client, letter_case, kind="invitation", language="en", appointment=appointment.pk)
    printed = text(bytes(Letter.objects.get(case=letter_case).pdf))
    assert "Jonas Weidenbach" in printed
    assert "j.weidenbach@example.org" in printed


def test_caseworker_cannot_make_a_letter_for_another_teams_case(
    client, caseworker, other_team_case
):
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[other_team_case.pk]),
        {"kind": "documents-request", "language": "ar", "documents": "Pass"},
    )
    assert response.status_code == 404
    assert not Letter.objects.exists()


def test_download_is_audited(client, caseworker, case):
    letter = LetterFactory(case=case, made_by=caseworker)
    client.force_login(caseworker)
    response = client.get(reverse("letters:download", args=[letter.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content == bytes(letter.pdf)
    assert AuditEntry.objects.filter(
        action="export", object_id=str(letter.pk), person_id=case.person_id, actor=caseworker
    ).exists()


def test_another_teams_letter_answers_404(client, caseworker, other_team_case, other_caseworker):
    letter = LetterFactory(case=other_team_case, made_by=other_caseworker)
    client.force_login(caseworker)
    assert client.get(reverse("letters:download", args=[letter.pk])).status_code == 404
    assert not AuditEntry.objects.filter(action="export", object_id=str(letter.pk)).exists()
    api = client.get(f"/api/letters/cases/{other_team_case.pk}")
    assert api.status_code == 404


def test_api_lists_the_cases_letters(client, caseworker, case):
    letter = LetterFactory(case=case, made_by=caseworker)
    client.force_login(caseworker)
    rows = client.get(f"/api/letters/cases/{case.pk}").json()
    assert [(r["id"], r["kind"], r["language"]) for r in rows] == [
        (letter.pk, "documents-request", "ar")
    ]


def test_administrator_sees_the_review_state_of_every_text(client, administrator):
    client.force_login(administrator)
    response = client.get(reverse("letters:texts"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count(reverse("letters:text_edit", args=["plan", "ti"])) == 1
    assert html.count("kern-badge--warning") == 60


def test_caseworker_cannot_edit_texts(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("letters:texts")).status_code == 403
    response = client.post(
        reverse("letters:text_edit", args=["plan", "de"]), {"subject": "x", "body": "y"}
    )
    assert response.status_code == 403
    assert LetterText.objects.get(kind="plan", language="de").body != "y"


def test_unknown_merge_field_is_refused_at_the_field(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("letters:text_edit", args=["reminder", "en"]),
        {"subject": "Reminder", "body": "Hello {first_name}, see you on {date}."},
    )
    assert response.status_code == 422
    message = response.context["form"].errors["body"][0]
    assert "{first_name}" in message and "{given_name}" in message
    assert "{first_name}" not in LetterText.objects.get(kind="reminder", language="en").body


def test_review_on_the_page_records_who_and_when_and_an_edit_resets_it(client, administrator):
    client.force_login(administrator)
    client.post(reverse("letters:text_review", args=["reminder", "uk"]))
    text = LetterText.objects.get(kind="reminder", language="uk")
    assert text.state == "reviewed" and text.reviewed_by == administrator
    assert text.reviewed_at is not None
    assert AuditEntry.objects.filter(
        object_type="letters.lettertext", object_id=str(text.pk), action="update"
    ).exists()
    client.post(
        reverse("letters:text_edit", args=["reminder", "uk"]),
        {"subject": text.subject, "body": text.body + "\n\nДо зустрічі!"},  # noqa: RUF001
    )
    text.refresh_from_db()
    assert text.state == "draft" and text.reviewed_by is None


def test_letterhead_is_edited_by_the_administrator(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("letters:letterhead"),
        {"name": "Migrationszentrum", "address": "Marktplatz 1\n35390 Gießen", "phone": "1"},
    )
    assert response.status_code == 302
    assert administrator.organisation.letterhead.address.startswith("Marktplatz 1")


def test_service_refuses_a_case_outside_the_actors_scope(caseworker, other_team_case):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.letter_create(
            actor=caseworker, case=other_team_case, kind="follow-up", language="en"
        )
    assert not Letter.objects.exists()


def test_reply_by_in_the_past_is_refused(client, caseworker, case):
    client.force_login(caseworker)
    response = client.post(
        reverse("letters:make", args=[case.pk]),
        {"kind": "documents-request", "language": "en", "documents": "x", "reply_by": "2020-01-01"},
    )
    assert response.status_code == 422
    assert response.context["form"].errors["reply_by"]


def test_letters_made_from_the_plan_and_appointment_pages_warn_about_drafts(
    client, caseworker, letter_case
):
    with acting_as(None), transaction.atomic():
        letter_case.person.letter_language = "ti"
        letter_case.person.save(update_fields=["letter_language"])
    client.force_login(caseworker)
    plan = letter_case.plans.get(status="agreed")
    response = client.post(reverse("cases:plan_letter", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    appointment = letter_case.appointments.get()
    client.post(
        reverse("appointments:letter", args=[appointment.pk]),
        {"letter-person": letter_case.person_id},
    )
    letters = Letter.objects.filter(case=letter_case)
    assert sorted(letters.values_list("kind", "language", "from_draft")) == [
        ("invitation", "ti", True),
        ("plan", "ti", True),
    ]
    html = client.get(reverse("people:detail", args=[letter_case.person_id])).content.decode()
    assert html.count("has not been reviewed yet") == 2


@pytest.mark.parametrize("booked", [True, False])
def test_invitation_says_an_interpreter_comes_once_one_is_booked(
    client, caseworker, letter_case, booked
):
    from wegweiser.appointments.tests.factories import InterpreterFactory
    from wegweiser.letters.tests.pdfcheck import text

    appointment = letter_case.appointments.get()
    if booked:
        appointment.interpreter_language = "ar"
        appointment.interpreter = InterpreterFactory(organisation=letter_case.team.organisation)
        with acting_as(None), transaction.atomic():
            appointment.save(update_fields=["interpreter_language", "interpreter"])
    client.force_login(caseworker)
    _make(client, letter_case, kind="invitation", language="ar", appointment=appointment.pk)
    printed = " ".join(text(bytes(Letter.objects.get(case=letter_case).pdf)).split())
    comes = "Eine Dolmetscherin oder ein Dolmetscher ist beim Termin dabei."
    asks = "Sie brauchen eine Dolmetscherin oder einen Dolmetscher?"
    assert (comes in printed) is booked
    assert (asks in printed) is not booked
    assert ("سيحضر الموعد مترجم أو مترجمة" in printed) is booked


def test_the_shipped_invitation_sentence_becomes_the_interpreter_field():
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "wegweiser.letters.migrations.0004_invitation_interpreter_field"
    )
    shipped = migration.SHIPPED["de"]
    edited = "Bringen Sie bitte Ihre eigene Dolmetscherin mit."
    with acting_as(None), transaction.atomic():
        LetterText.objects.filter(kind="invitation").delete()
        LetterText.objects.create(
            kind="invitation", language="de", subject="Einladung", body=f"Hallo.\n\n{shipped}\n"
        )
        LetterText.objects.create(
            kind="invitation", language="en", subject="Invitation", body=f"Hello.\n\n{edited}\n"
        )
        migration.forwards(apps, None)
    assert LetterText.objects.get(language="de", kind="invitation").body == (
        "Hallo.\n\n{interpreter}\n"
    )
    assert LetterText.objects.get(language="en", kind="invitation").body == f"Hello.\n\n{edited}\n"
