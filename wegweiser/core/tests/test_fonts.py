"""Names in Arabic and Ethiopic script render from the project's own fonts, not from whatever
the workstation happens to have (a Tigrinya name must not show as empty boxes)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from fontTools.ttLib import TTFont

NOTO = Path(settings.BASE_DIR) / "static" / "vendor" / "noto"

# Names as the register holds them: Tigrinya (Ethiopic), Arabic, Dari and Pashto letters.
SAMPLES = {
    "Wegweiser Ethiopic": "ተስፋይ ሳሙኤል ኣብርሃም ገብረመድህን",
    "Wegweiser Arabic": "محمود الزعبي پژواک ګل ځلمی ښکلا ژیلا",
}


def _faces() -> list[tuple[str, str, str]]:
    css = (NOTO / "noto.css").read_text()
    faces = re.findall(
        r'font-family: "([^"]+)";.*?src: url\("\./([^"]+)"\).*?unicode-range: ([^;]+);',
        css,
        flags=re.S,
    )
    return faces


def _in_range(char: str, ranges: str) -> bool:
    for part in ranges.split(","):
        start, _, end = part.strip().removeprefix("U+").partition("-")
        if int(start, 16) <= ord(char) <= int(end or start, 16):
            return True
    return False


def test_every_vendored_face_covers_the_names_of_its_script() -> None:
    faces = _faces()
    assert {family for family, _file, _range in faces} == set(SAMPLES)
    for family, filename, ranges in faces:
        cmap = TTFont(NOTO / filename).getBestCmap()
        letters = [char for char in SAMPLES[family] if not char.isspace()]
        missing = [char for char in letters if ord(char) not in cmap]
        assert not missing, (filename, missing)
        outside = [char for char in letters if not _in_range(char, ranges)]
        assert not outside, (filename, outside)  # the browser would not ask this face


@pytest.mark.django_db
def test_every_page_loads_the_script_fonts_before_the_layout(client):
    html = client.get("/accounts/login/").content.decode()
    assert "vendor/noto/noto.css" in html
    assert html.index("vendor/noto/noto.css") < html.index("css/wegweiser.css")
    stack = (Path(settings.BASE_DIR) / "static" / "css" / "wegweiser.css").read_text()
    root = stack[stack.index(":root") : stack.index("}", stack.index(":root"))]
    assert '"Wegweiser Arabic"' in root and '"Wegweiser Ethiopic"' in root
