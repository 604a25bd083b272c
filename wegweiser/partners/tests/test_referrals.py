from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from wegweiser.core.models import AuditEntry
from wegweiser.partners import services
from wegweiser.partners.models import Referral
from wegweiser.partners.selectors import referrals_awaiting_answer, shared_data
from wegweiser.people.services import consent_withdraw

pytestmark = pytest.mark.django_db


def _refer(caseworker, person, partner, consent, **extra):
    return services.referral_create(
        actor=caseworker,
        person=person,
        partner=partner,
        purpose="migration_counselling",
        shared_fields=extra.pop("shared_fields", ["name", "phone"]),
        consent=consent,
        **extra,
    )


def test_referral_without_consent_or_legal_basis_is_refused_at_the_consent_field(
    client, caseworker, person, partner
):
    client.force_login(caseworker)
    response = client.post(
        reverse("partners:refer", args=[person.pk]),
        {"partner": partner.pk, "purpose": "migration_counselling", "shared_fields": ["name"]},
    )
    assert response.status_code == 422
    assert "needs the person&#x27;s consent" in response.content.decode()
    assert not Referral.objects.exists()


def test_consent_for_another_recipient_does_not_cover_the_referral(
    caseworker, person, partner, other_partner, consent
):
    with pytest.raises(ValidationError) as error:
        _refer(caseworker, person, other_partner, consent)
    assert "another recipient" in str(error.value.message_dict["consent"])
    assert not Referral.objects.exists()


def test_consent_for_another_purpose_does_not_cover_the_referral(
    caseworker, person, partner, consent
):
    with pytest.raises(ValidationError) as error:
        services.referral_create(
            actor=caseworker,
            person=person,
            partner=partner,
            purpose="housing",
            shared_fields=["name"],
            consent=consent,
        )
    assert "consent" in error.value.message_dict


def test_named_legal_basis_allows_a_referral_without_consent(caseworker, person, partner):
    referral = services.referral_create(
        actor=caseworker,
        person=person,
        partner=partner,
        purpose="residence",
        shared_fields=["name"],
        legal_basis="§69 Abs. 1 Nr. 1 SGB X",
    )
    assert referral.consent_stands()


def test_caseworker_refers_with_consent_on_the_page(client, caseworker, person, partner, consent):
    client.force_login(caseworker)
    response = client.post(
        reverse("partners:refer", args=[person.pk]),
        {
            "partner": partner.pk,
            "purpose": "migration_counselling",
            "shared_fields": ["name", "phone"],
            "consent": consent.pk,
        },
    )
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert referral.status == "drafted"
    assert AuditEntry.objects.filter(
        object_type="partners.referral", object_id=str(referral.pk), action="create"
    ).exists()
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "person-referrals" in page and partner.name in page


def test_other_team_cannot_refer_or_open_the_referral(
    client, other_caseworker, caseworker, person, partner, consent
):
    referral = _refer(caseworker, person, partner, consent)
    client.force_login(other_caseworker)
    assert client.get(reverse("partners:refer", args=[person.pk])).status_code == 404
    assert client.get(reverse("partners:referral", args=[referral.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        _refer(other_caseworker, person, partner, consent)


def test_sending_mails_the_partner_and_the_partner_sees_only_the_shared_fields(
    client, caseworker, person, partner, consent, partner_staff, django_capture_on_commit_callbacks
):
    referral = _refer(caseworker, person, partner, consent, shared_fields=["name"])
    client.force_login(partner_staff)
    # a draft is not the partner's yet
    assert client.get(reverse("partners:referral", args=[referral.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        services.referral_send(actor=caseworker, referral=referral)
    assert mail.outbox and mail.outbox[0].to == [partner.email]
    page = client.get(reverse("partners:referral", args=[referral.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert person.family_name_latin in html
    assert person.phone not in html or not person.phone
    inbox = client.get(reverse("partners:inbox")).content.decode()
    assert f"Referral {referral.pk}" in inbox


def test_partner_staff_see_only_their_own_referrals(
    client, caseworker, person, partner, consent, other_partner_staff
):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    client.force_login(other_partner_staff)
    assert client.get(reverse("partners:referral", args=[referral.pk])).status_code == 404
    assert f"Referral {referral.pk}" not in client.get(reverse("partners:inbox")).content.decode()
    assert client.get(reverse("people:detail", args=[person.pk])).status_code == 403
    assert client.get(reverse("partners:directory")).status_code == 403


def test_partner_records_acceptance_progress_and_feedback(
    client, caseworker, person, partner, consent, partner_staff
):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    client.force_login(partner_staff)
    url = reverse("partners:referral", args=[referral.pk])
    assert client.post(url, {"status": "accepted"}).status_code == 302
    assert client.post(url, {"status": "in_progress"}).status_code == 302
    response = client.post(url, {"status": "completed", "feedback": "Beratung abgeschlossen."})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "completed"
    assert referral.answered_on and referral.started_on and referral.ended_on
    assert referral.feedback == "Beratung abgeschlossen."


def test_declining_needs_a_reason(client, caseworker, person, partner, consent, partner_staff):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    client.force_login(partner_staff)
    url = reverse("partners:referral", args=[referral.pk])
    response = client.post(url, {"status": "declined"})
    assert response.status_code == 422
    assert "reason for declining" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_steps_out_of_order_are_refused(caseworker, person, partner, consent):
    referral = _refer(caseworker, person, partner, consent)
    with pytest.raises(ValidationError):
        services.referral_record(actor=caseworker, referral=referral, status="completed")


def test_withdrawn_consent_stops_sharing_at_once_and_is_logged(
    client, caseworker, person, partner, consent, partner_staff
):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    client.force_login(partner_staff)
    url = reverse("partners:referral", args=[referral.pk])
    assert client.get(url).status_code == 200
    consent_withdraw(actor=caseworker, consent=consent, withdrawn_on=dt.date.today())
    assert client.get(url).status_code == 404
    assert client.get(reverse("api:get_referral", args=[referral.pk])).status_code == 404
    referral.refresh_from_db()
    assert shared_data(referral) == []
    assert AuditEntry.objects.filter(
        object_type="partners.referral",
        object_id=str(referral.pk),
        purpose="sharing_stopped_consent_withdrawn",
    ).exists()
    with pytest.raises(PermissionDenied):
        services.referral_record(actor=partner_staff, referral=referral, status="accepted")


def test_unanswered_referrals_appear_on_the_dashboard(
    client, caseworker, person, partner, consent, settings
):
    settings.WEGWEISER_REFERRAL_ANSWER_DAYS = 10
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(
        actor=caseworker, referral=referral, on=dt.date.today() - dt.timedelta(days=11)
    )
    assert [row.referral for row in referrals_awaiting_answer(user=caseworker)] == [referral]
    client.force_login(caseworker)
    assert "referrals-unanswered" in client.get(reverse("cases:my")).content.decode()
    services.referral_record(actor=caseworker, referral=referral, status="accepted")
    assert referrals_awaiting_answer(user=caseworker) == []


def test_timeline_lists_the_referral(client, caseworker, person, partner, consent):
    _refer(caseworker, person, partner, consent)
    client.force_login(caseworker)
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert reverse("partners:referral", args=[Referral.objects.get().pk]) in page


def test_partner_page_shows_open_referrals_with_their_age(
    client, caseworker, person, partner, consent
):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(
        actor=caseworker, referral=referral, on=dt.date.today() - dt.timedelta(days=30)
    )
    client.force_login(caseworker)
    html = client.get(reverse("partners:partner", args=[partner.pk])).content.decode()
    assert "open-referrals" in html and "no answer yet" in html and ">30" in html


def test_api_partner_records_a_step(client, caseworker, person, partner, consent, partner_staff):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    client.force_login(partner_staff)
    url = reverse("api:record_step", args=[referral.pk])
    response = client.post(url, {"status": "declined"}, content_type="application/json")
    assert response.status_code == 422
    response = client.post(
        url, {"status": "declined", "reason": "keine Kapazität"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert [item["label"] for item in response.json()["shared"]] == ["name", "phone"]


def test_erasure_blanks_the_referrals_free_text(caseworker, person, partner, consent, team_lead):
    from wegweiser.cases.models import Case
    from wegweiser.cases.services import case_change_status
    from wegweiser.gdpr.services import person_erase

    referral = _refer(caseworker, person, partner, consent, message="Bitte um Rückruf.")
    case = Case.objects.get(person=person)
    case_change_status(actor=caseworker, case=case, status="closed", closing_reason="moved")
    person_erase(actor=team_lead, person=person, reason="request")
    referral.refresh_from_db()
    assert referral.message == ""


def test_referral_pages_render_in_every_interface_language(
    client, caseworker, person, partner, consent, partner_staff
):
    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    for user, urls in (
        (caseworker, [reverse("partners:referral", args=[referral.pk])]),
        (
            partner_staff,
            [reverse("partners:referral", args=[referral.pk]), reverse("partners:inbox")],
        ),
    ):
        client.force_login(user)
        for language in ("de", "ar", "uk"):
            client.cookies["django_language"] = language
            for url in urls:
                assert client.get(url).status_code == 200, (user, language, url)


def test_partner_staff_start_at_their_referrals(client, partner_staff):
    client.force_login(partner_staff)
    assert client.get(reverse("core:home")).url == reverse("partners:inbox")


def test_referral_letter_names_only_the_shared_fields(caseworker, person, partner, consent):
    import io

    from pypdf import PdfReader

    from wegweiser.partners.pdf import referral_letter_pdf

    person.phone, person.email = "+49 641 555 1234", "geheim@example.org"
    referral = _refer(caseworker, person, partner, consent, shared_fields=["name", "phone"])
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(referral_letter_pdf(referral))).pages
    )
    assert partner.name in text
    assert person.family_name_latin in text
    assert "Weitervermittlung" in text  # written in German whatever the user's language
    assert "geheim@example.org" not in text


def test_the_letter_is_kept_as_sent_and_erasure_removes_it(
    client, caseworker, person, partner, consent, team_lead
):
    from wegweiser.cases.models import Case
    from wegweiser.cases.services import case_change_status
    from wegweiser.core.audit import acting_as
    from wegweiser.gdpr.services import person_erase
    from wegweiser.letters.models import Letter
    from wegweiser.letters.tests.factories import LetterFactory
    from wegweiser.letters.tests.pdfcheck import text

    referral = _refer(caseworker, person, partner, consent)
    services.referral_send(actor=caseworker, referral=referral)
    referral.refresh_from_db()
    sent = bytes(referral.letter_pdf)
    assert person.family_name_latin in text(sent)
    # The person's name changes later: the letter downloaded again is the one that was sent.
    person.family_name_latin = "Umbenannt"
    with transaction.atomic(), acting_as(None):
        person.save(update_fields=["family_name_latin"])
    client.force_login(caseworker)
    response = client.get(reverse("partners:referral_pdf", args=[referral.pk]))
    assert response.content == sent
    letter = LetterFactory(case=Case.objects.get(person=person), made_by=caseworker)
    case = Case.objects.get(person=person)
    case_change_status(actor=caseworker, case=case, status="closed", closing_reason="moved")
    person_erase(actor=team_lead, person=person, reason="request")
    referral.refresh_from_db()
    assert bytes(referral.letter_pdf) == b""
    assert bytes(Letter.objects.get(pk=letter.pk).pdf) == b""


def test_arabic_directory_names_languages_and_uses_the_arabic_comma(client, caseworker, partner):
    client.force_login(caseworker)
    client.cookies["django_language"] = "ar"
    page = client.get(reverse("partners:directory")).content.decode()
    row = page[page.index(partner.organisation.name) :]
    row = row[: row.index("</tr>")]
    assert "ar, uk" not in row
    assert "العربية، الأوكرانية" in row


def test_the_partner_inbox_is_paged_open_referrals_first(
    client, caseworker, person, partner, consent, partner_staff
):
    from wegweiser.partners.selectors import INBOX_PAGE_SIZE

    referrals = []
    for _ in range(INBOX_PAGE_SIZE + 2):
        referral = _refer(caseworker, person, partner, consent)
        services.referral_send(actor=caseworker, referral=referral)
        referrals.append(referral)
    closed = referrals[-1]  # the newest, but answered: it goes after the open ones
    Referral.objects.filter(pk=closed.pk).update(status="declined")
    client.force_login(partner_staff)
    first = client.get(reverse("partners:inbox")).content.decode()
    second = client.get(reverse("partners:inbox"), {"page": 2}).content.decode()
    shown = [r.pk for r in referrals if f"Referral {r.pk}<" in first]
    assert len(shown) == INBOX_PAGE_SIZE
    assert "page=2" in first
    assert f"Referral {closed.pk}<" in second and f"Referral {closed.pk}<" not in first
    assert {r.pk for r in referrals} == set(shown) | {
        r.pk for r in referrals if f"Referral {r.pk}<" in second
    }
    listed = AuditEntry.objects.filter(
        actor=partner_staff, action="list", object_type="partners.referral"
    ).order_by("pk")
    assert [sorted(entry.object_ids) for entry in listed] == [
        sorted(shown),
        sorted(r.pk for r in referrals if r.pk not in shown),
    ]
