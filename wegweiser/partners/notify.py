"""The referral by e-mail to the partner's address, with the referral letter attached."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from wegweiser.letters.pdf import PdfUnavailable

from .models import Referral
from .pdf import referral_letter_pdf, referral_reference

log = logging.getLogger(__name__)


def referral_mail(referral: Referral) -> EmailMessage:
    with translation.override("de"):
        subject = render_to_string(
            "partners/referral_letter_subject.txt", {"referral": referral}
        ).strip()
        body = render_to_string(
            "partners/referral_email.txt",
            {"referral": referral, "reference": referral_reference(referral)},
        )
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[referral.partner.email],
        reply_to=[referral.created_by.email] if referral.created_by.email else None,
    )
    try:
        message.attach(
            f"{referral_reference(referral)}.pdf", referral_letter_pdf(referral), "application/pdf"
        )
    except PdfUnavailable:
        log.warning("Referral %s: PDF unavailable, e-mail sent without the letter", referral.pk)
    return message


def send_referral_email(*, referral_id: int) -> bool:
    """Send the referral (after the commit that marked it sent); nothing once the consent has
    been withdrawn in between."""
    referral = (
        Referral.objects.select_related("person", "partner__organisation", "consent", "created_by")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None or not referral.consent_stands() or not referral.partner.email:
        return False
    return referral_mail(referral).send() == 1
