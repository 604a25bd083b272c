"""The README gets a new user from a bare machine to the demo: the two commands first, then
how to get uv and the system libraries WeasyPrint loads."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[3] / "README.md"

# The shared libraries weasyprint/text/ffi.py opens, by their Debian package.
WEASYPRINT_DEBIAN_PACKAGES = (
    "libglib2.0-0",
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz0b",
    "libharfbuzz-subset0",
    "libfontconfig1",
)


def _text() -> str:
    return README.read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    first_block = re.search(r"```sh\n(.*?)```", _text(), re.S)
    assert first_block is not None
    assert first_block.group(1).split("\n")[:2] == ["uv run wegweiser demo", "uv run pytest"]


def test_readme_says_how_to_get_uv_right_after_the_commands() -> None:
    text = _text()
    after_block = text.split("uv run pytest\n```", 1)[1].split("\n\n", 2)[1]
    assert "pip install uv" in after_block
    assert "astral.sh/uv/install.sh" in after_block


def test_readme_names_every_system_library_weasyprint_loads() -> None:
    text = _text().replace("\n", " ")
    for package in WEASYPRINT_DEBIAN_PACKAGES:
        assert re.search(rf"(?<![\w.-]){re.escape(package)}(?![\w.-]|t64)", text), package
