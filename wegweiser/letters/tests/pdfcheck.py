"""Reading a letter's PDF the way a test needs it: its text (pypdf), its fonts, its glyphs."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream, IndirectObject, NameObject


@dataclass(frozen=True)
class EmbeddedFont:
    base_font: str  # without the subset prefix, e.g. "Letter-Arabic"
    family: str  # from the embedded font program's name table, e.g. "Noto Naskh Arabic"
    glyph_count: int


def _reader(pdf: bytes) -> PdfReader:
    reader = PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for font in resources["/Font"].values():
            font = font.get_object()
            # WeasyPrint may write /Encoding as a reference to /Identity-H; pypdf 7 decodes
            # such text wrongly, so the reference is resolved before extraction.
            encoding = font.get(NameObject("/Encoding"))
            if isinstance(encoding, IndirectObject):
                font[NameObject("/Encoding")] = encoding.get_object()
    return reader


def text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(pdf).pages)


def fonts(pdf: bytes) -> dict[str, EmbeddedFont]:
    """Per font resource name, what is embedded."""
    found: dict[str, EmbeddedFont] = {}
    for page in _reader(pdf).pages:
        resources: Any = page["/Resources"]
        for name, ref in resources["/Font"].items():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            program = descendant["/FontDescriptor"].get_object()["/FontFile2"].get_object()
            tt = TTFont(io.BytesIO(program.get_data()))
            found[name] = EmbeddedFont(
                base_font=str(font["/BaseFont"]).split("+", 1)[-1],
                family=tt["name"].getDebugName(1) or "",
                glyph_count=tt["maxp"].numGlyphs,
            )
    return found


def missing_glyphs(pdf: bytes) -> list[tuple[str, int]]:
    """(font, glyph id) of every glyph drawn as .notdef (id 0) or with an id the embedded
    font does not have: what a reader sees as an empty box."""
    reader = _reader(pdf)
    embedded = fonts(pdf)
    bad: list[tuple[str, int]] = []
    for page in reader.pages:
        current = ""
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                current = str(operands[0])
            elif operator in (b"Tj", b"TJ"):
                strings = operands[0] if operator == b"TJ" else operands
                for item in strings:
                    data = getattr(item, "original_bytes", None)
                    if data is None and isinstance(item, bytes):
                        data = bytes(item)
                    if data is None:
                        continue
                    for i in range(0, len(data) - 1, 2):
                        gid = int.from_bytes(data[i : i + 2], "big")
                        if gid == 0 or gid >= embedded[current].glyph_count:
                            bad.append((embedded[current].base_font, gid))
    return bad
