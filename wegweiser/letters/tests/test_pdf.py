# ruff: noqa: RUF001  (phrases in Cyrillic and Turkish letters are what the test looks for)
"""Every kind of letter in every language, read back from the PDF: the person's name, the
dates, a phrase in German and in the language, no empty glyph boxes, only vendored fonts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from wegweiser.letters import pdf as letter_pdf
from wegweiser.letters.formats import format_date
from wegweiser.letters.models import Kind, Language, Letter
from wegweiser.letters.services import letter_create
from wegweiser.letters.tests import pdfcheck

pytestmark = pytest.mark.django_db

# A phrase each language's texts use (the greeting or the closing), and the German one.
PHRASES = {
    "de": "Guten Tag",
    "en": "Kind regards",
    "ar": "مع أطيب التحيات",
    "prs": "با احترام",
    "ps": "په درنښت",
    "uk": "З повагою",
    "ru": "С уважением",
    "ti": "ምስ ሰላምታ",
    "tr": "Saygılarımızla",
    "kmr": "Bi silav û rêz",
}
# The script each language needs, as the embedded font family that draws it.
FAMILY = {"ar": "Noto Naskh Arabic", "prs": "Noto Naskh Arabic", "ps": "Noto Naskh Arabic"}
FAMILY["ti"] = "Noto Sans Ethiopic"
VENDORED = {"Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic"}


def _make_all_kinds(case, actor, language):
    appointment = case.appointments.get()
    plan = case.plans.get(status="agreed")
    letters = {}
    for kind in Kind.values:
        letters[kind] = letter_create(
            actor=actor,
            case=case,
            kind=kind,
            language=language,
            appointment=appointment if kind in ("invitation", "reminder") else None,
            plan=plan if kind == "plan" else None,
            details={"documents": "Reisepass\nSchulzeugnis"},
        )
    return letters


@pytest.mark.parametrize("language", Language.values)
def test_every_kind_renders_in_the_language_beside_german(letter_case, caseworker, language):
    letters = _make_all_kinds(letter_case, caseworker, language)
    today = timezone.localdate()
    for kind, letter in letters.items():
        pdf = bytes(letter.pdf)
        text = pdfcheck.text(pdf)
        flat = " ".join(text.split())
        context = f"{kind}/{language}"
        assert "Amina" in text and "Haddad" in text, context
        assert format_date(today, "de") in flat, context
        assert format_date(today, language) in flat, context
        assert PHRASES["de"] in flat and PHRASES[language] in flat, context
        assert "\ufffd" not in text, context
        assert pdfcheck.missing_glyphs(pdf) == [], context
        families = {font.family for font in pdfcheck.fonts(pdf).values()}
        assert families <= VENDORED, (context, families)
        assert all(f.base_font.startswith("Letter-") for f in pdfcheck.fonts(pdf).values())
        if language in FAMILY:
            assert FAMILY[language] in families, context
    assert Letter.objects.filter(case=letter_case, language=language).count() == len(Kind.values)


def test_arabic_text_reads_in_logical_order(letter_case, caseworker):
    letter = letter_create(
        actor=caseworker,
        case=letter_case,
        kind="documents-request",
        language="ar",
        details={"documents": "Reisepass"},
    )
    text = " ".join(pdfcheck.text(bytes(letter.pdf)).split())
    assert "يُرجى تقديم مستندات" in text  # the subject, first word first
    assert "نحتاج من أجل الاستشارة إلى المستندات التالية" in text


def test_pashto_and_dari_letters_and_tigrinya_are_covered_by_the_vendored_fonts():
    from fontTools.ttLib import TTFont

    arabic = TTFont(letter_pdf.FONT_DIR / "NotoNaskhArabic-Regular.ttf").getBestCmap()
    ethiopic = TTFont(letter_pdf.FONT_DIR / "NotoSansEthiopic-Regular.ttf").getBestCmap()
    for letter in "ښږځڅټډړڼېۍ" + "پچژگکی":
        assert ord(letter) in arabic, letter
    for letter in "ሰላምትግርኛ፣።":
        assert ord(letter) in ethiopic, letter


SCRIPT = """
import sys
sys.path.insert(0, {root!r})
from wegweiser.letters import pdf
weasyprint, fonts, fetcher = pdf._weasyprint()
html = (
    "<html><head><style>" + pdf.font_face_css() + " body {{ font-family: 'Letter Sans', "
    "'Letter Arabic', 'Letter Ethiopic'; }}</style></head><body>"
    "<p>Guten Tag Добрий день Merhaba</p><p dir='rtl' lang='ps'>په درنښت ښ ږ ځ څ</p>"
    "<p lang='ti'>ምስ ሰላምታ</p></body></html>"
)
document = weasyprint.HTML(string=html, url_fetcher=fetcher(allowed_protocols=("file",)))
sys.stdout.buffer.write(document.write_pdf(font_config=fonts()))
"""


def test_a_machine_without_any_system_font_renders_every_script(tmp_path: Path):
    """Fontconfig is given no font directory at all: the PDF must still carry every script,
    from the vendored fonts alone."""
    (tmp_path / "fonts.conf").write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f"<cachedir>{tmp_path}</cachedir></fontconfig>"
    )
    root = str(Path(letter_pdf.__file__).resolve().parents[2])
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SCRIPT.format(root=root)],
        env={"FONTCONFIG_FILE": str(tmp_path / "fonts.conf"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        check=True,
        timeout=120,
    )
    pdf = result.stdout
    text = " ".join(pdfcheck.text(pdf).split())
    for phrase in ("Guten Tag", "Добрий день", "Merhaba", "په درنښت", "ምስ ሰላምታ"):
        assert phrase in text
    assert pdfcheck.missing_glyphs(pdf) == []
    assert {f.family for f in pdfcheck.fonts(pdf).values()} == VENDORED


def test_letters_fetch_nothing_but_their_fonts():
    _module, _fonts, fetcher = letter_pdf._weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError):
        fetcher(allowed_protocols=("file",)).fetch("file:///etc/passwd")
    with pytest.raises(FatalURLFetchingError):
        fetcher(allowed_protocols=("file",)).fetch(
            (letter_pdf.FONT_DIR / ".." / "models.py").as_uri()
        )
