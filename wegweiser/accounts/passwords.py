"""Password rules beyond length (docs/security.md: no composition rules, but no guessable ones).

- `PatternValidator`: whitespace only, one character or a short block repeated, a run along
  the alphabet, the digits (wrapping 9 to 0) or a keyboard row, either way.
- `NameValidator`: the product's or the organisation's name, or the user's own names, with
  only digits and signs around them (`Wegweiser2026`, `Mueller!!2025`), also in leetspeak.
- `CommonPasswordListValidator`: 40,101 passwords from breaches shipped offline (data/NOTICE),
  also with digits or signs appended or prefixed (`sunshine12345`).
- `NotCurrentPasswordValidator`: the new password is not the one the user has now.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import re
from pathlib import Path
from typing import Any

from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

LIST_PATH = Path(__file__).resolve().parent / "data" / "common-passwords.txt.gz"
PRODUCT_NAMES = ("wegweiser",)
KEYBOARD_ROWS = (
    "1234567890ß",
    "qwertzuiopü",
    "asdfghjklöä",
    "yxcvbnm",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "abcdefghijklmnopqrstuvwxyz",
    "qaywsxedcrfvtgbzhnujmikolp",  # the columns of a German keyboard
    "1qay2wsx3edc4rfv5tgb6zhn7ujm8ik9ol0p",
)
LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
AROUND = re.compile(r"^[\W\d_]*(?P<core>.*?)[\W\d_]*$", re.UNICODE)


def _core(password: str) -> str:
    """The password without digits and signs at either end, lower-cased."""
    match = AROUND.match(password.lower())
    return match.group("core") if match else password.lower()


def _is_repetition(text: str) -> bool:
    for size in range(1, len(text) // 2 + 1):
        unit = text[:size]
        if (unit * (len(text) // size + 1))[: len(text)] == text:
            return True
    return False


def _is_run(text: str) -> bool:
    """Along a keyboard row, the alphabet or the digits (9 → 0 → 1 ...), forwards or backwards."""
    if len(text) < 3:
        return False
    if text.isdigit():
        steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(text)}
        if steps in ({1}, {9}):
            return True
    for row in KEYBOARD_ROWS:
        for line in (row, row[::-1]):
            doubled = line * ((len(text) // len(line)) + 2)
            if text in doubled:
                return True
    return False


class PatternValidator:
    def validate(self, password: str, user: Any = None) -> None:
        text = password.lower()
        if not password.strip():
            raise ValidationError(_("The password cannot consist of spaces only."), "blank")
        if _is_repetition(text) or _is_run(text) or _is_run(text.replace(" ", "")):
            raise ValidationError(
                _(
                    "The password is a repetition or a sequence (like aaaa or 1234); "
                    "choose another."
                ),
                "pattern",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be a repetition or a sequence such as aaaa or 1234.")


def _names_of(user: Any) -> list[str]:
    names = list(PRODUCT_NAMES)
    if user is None:
        return names
    for value in (
        getattr(user, "username", ""),
        getattr(user, "first_name", ""),
        getattr(user, "last_name", ""),
        (getattr(user, "email", "") or "").split("@")[0],
    ):
        names += [part for part in re.split(r"[\W_]+", value.lower()) if len(part) >= 3]
    organisation = getattr(user, "organisation", None) if getattr(user, "pk", None) else None
    if organisation is not None:
        names += [p for p in re.split(r"[\W_]+", organisation.name.lower()) if len(p) >= 4]
    return names


class NameValidator:
    """Refuses a password that is only a name with digits or signs: what is left after taking
    the names out is the real secret, and it must be at least `min_rest` letters long."""

    def __init__(self, min_rest: int = 6) -> None:
        self.min_rest = min_rest

    def validate(self, password: str, user: Any = None) -> None:
        text = password.lower()
        for variant in (text, text.translate(LEET)):
            rest = variant
            found = False
            for name in sorted(set(_names_of(user)), key=len, reverse=True):
                if name in rest:
                    rest = rest.replace(name, " ")
                    found = True
            letters = re.sub(r"[\W\d_]", "", rest)
            if found and len(letters) < self.min_rest:
                raise ValidationError(
                    _(
                        "The password is too close to a name (yours, your organisation's or "
                        "Wegweiser's); add words of your own."
                    ),
                    "name",
                )

    def get_help_text(self) -> str:
        return _("Your password cannot be built on your name or the name of the product.")


@functools.cache
def common_passwords() -> frozenset[str]:
    return frozenset(gzip.decompress(LIST_PATH.read_bytes()).decode().split("\n")) - {""}


class CommonPasswordListValidator:
    def validate(self, password: str, user: Any = None) -> None:
        known = common_passwords()
        text = password.lower().strip()
        core = _core(text)
        candidates = {text, text.translate(LEET), core, core.translate(LEET)}
        if any(c in known for c in candidates if len(c) >= 4):
            raise ValidationError(
                _("This password appears in lists of leaked passwords; choose another."),
                "common",
            )

    def get_help_text(self) -> str:
        return _("Your password cannot be one found in lists of leaked passwords.")


class NotCurrentPasswordValidator:
    def validate(self, password: str, user: Any = None) -> None:
        current = getattr(user, "password", "")
        if current and check_password(password, current):
            raise ValidationError(
                _("The new password must differ from your current one."), "reused"
            )

    def get_help_text(self) -> str:
        return _("Your new password must differ from your current one.")
