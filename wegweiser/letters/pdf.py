"""The letter as a PDF: WeasyPrint with the Noto fonts vendored in `fonts/`.

The fonts are loaded by `@font-face` from file URLs under a family name of our own, and the
URL fetcher refuses every other URL, so a letter never depends on the fonts of the machine
and never fetches anything. WeasyPrint needs Pango and HarfBuzz from the system; it is
imported only when a letter is made.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

FONT_DIR = Path(__file__).resolve().parent / "fonts"

# (family used in the letter's CSS, file stem, weight)
FONT_FACES: tuple[tuple[str, str, int], ...] = (
    ("Letter Sans", "NotoSans-Regular", 400),
    ("Letter Sans", "NotoSans-Bold", 700),
    ("Letter Arabic", "NotoNaskhArabic-Regular", 400),
    ("Letter Arabic", "NotoNaskhArabic-Bold", 700),
    ("Letter Ethiopic", "NotoSansEthiopic-Regular", 400),
    ("Letter Ethiopic", "NotoSansEthiopic-Bold", 700),
)
# The PostScript names of the vendored fonts, as they appear in the PDF.
FONT_NAMES = frozenset(stem for _family, stem, _weight in FONT_FACES)


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the system libraries it needs cannot be loaded."""


def font_face_css() -> str:
    return "\n".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: normal; "
        f"src: url('{(FONT_DIR / (stem + '.ttf')).as_uri()}') format('truetype'); }}"
        for family, stem, weight in FONT_FACES
    )


@cache
def _weasyprint() -> Any:
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
        from weasyprint.urls import FatalURLFetchingError, URLFetcher
    except (ImportError, OSError) as error:  # the package, or Pango/HarfBuzz, is missing
        raise PdfUnavailable(str(error)) from error

    class FontsOnly(URLFetcher):
        """Fetches the vendored fonts and nothing else."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            allowed = FONT_DIR.as_uri() + "/"
            if not url.startswith(allowed) or ".." in url:
                raise FatalURLFetchingError(f"letters fetch only their own fonts, not {url}")
            return super().fetch(url, headers)

    return weasyprint, FontConfiguration, FontsOnly


def require_pdf() -> None:
    _weasyprint()


def render_pdf(context: dict[str, Any]) -> bytes:
    html = render_to_string("letters/pdf.html", {**context, "font_faces": font_face_css()})
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """A PDF from HTML that uses the vendored fonts (`font_face_css`) and fetches nothing else;
    also used for the annual report."""
    weasyprint, font_configuration, fetcher = _weasyprint()
    fonts = font_configuration()
    document = weasyprint.HTML(string=html, url_fetcher=fetcher(allowed_protocols=("file",)))
    pdf: bytes = document.write_pdf(font_config=fonts)
    return pdf
