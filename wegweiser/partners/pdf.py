"""The referral letter to the partner, as a PDF in the letters' layout (letters/pdf.py).

The letter goes to a German institution, so it is written in German whatever the user's
language; it lists only the data the referral shares."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format

from wegweiser.letters.formats import FRAME
from wegweiser.letters.pdf import render_pdf
from wegweiser.letters.selectors import letterhead_for

from .models import Referral
from .selectors import shared_data


def referral_reference(referral: Referral) -> str:
    return f"UEB-{referral.pk:06d}"


def referral_letter_context(referral: Referral) -> dict[str, object]:
    case = getattr(referral.person, "case", None)
    caseworker = referral.created_by
    partner = referral.partner
    with translation.override("de"):
        day = referral.sent_on or referral.drafted_on
        body = render_to_string(
            "partners/referral_letter_body.html",
            {"referral": referral, "shared": shared_data(referral), "partner": partner},
        )
        subject = render_to_string(
            "partners/referral_letter_subject.txt", {"referral": referral}
        ).strip()
        return {
            "letterhead": letterhead_for(case=case) if case else None,
            "organisation": case.team.organisation if case else None,
            "team": case.team if case else None,
            "caseworker": caseworker,
            "caseworker_name": caseworker.get_full_name() or caseworker.get_username(),
            "recipient_lines": [partner.name, *partner.address.splitlines()],
            "reference": referral_reference(referral),
            "blocks": [
                {
                    "language": "de",
                    "dir": "ltr",
                    "frame": FRAME["de"],
                    "date": date_format(day, "DATE_FORMAT"),
                    "subject": subject,
                    "body": body,
                }
            ],
            "frame_de": FRAME["de"],
        }


def referral_letter_pdf(referral: Referral) -> bytes:
    """The letter as it was sent once it is sent; before, as it would be sent now."""
    if referral.letter_pdf:
        return bytes(referral.letter_pdf)
    return render_pdf(referral_letter_context(referral))
