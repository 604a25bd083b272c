"""The annual report as a PDF in German or English: cover, key figures, a chart and a table
per topic, notes on the definitions and on suppression. Rendered by WeasyPrint with the
letters' vendored fonts; the charts are bars drawn in CSS, so nothing is fetched."""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import translation

from wegweiser.letters.pdf import font_face_css, html_to_pdf

from .annual import AnnualFigures, definitions
from .esf import EsfIndicators, published_indicators
from .published import hidden_note
from .suppression import SMALL_CELL

LANGUAGES = ("de", "en")


def render_html(
    figures: AnnualFigures, esf: EsfIndicators, *, language: str, today: dt.date
) -> str:
    with translation.override(language):
        return render_to_string(
            "reporting/annual_pdf.html",
            {
                "figures": figures,
                "esf": published_indicators(esf.indicators),
                "unanswered": esf.unanswered,
                "definitions": definitions(),
                "small_cell": SMALL_CELL,
                "hidden_note": hidden_note(),
                "language": language,
                "today": today,
                "font_faces": font_face_css(),
            },
        )


def render_annual_pdf(
    figures: AnnualFigures, esf: EsfIndicators, *, language: str, today: dt.date
) -> bytes:
    return html_to_pdf(render_html(figures, esf, language=language, today=today))
