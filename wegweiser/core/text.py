"""Text as stored: names in one Unicode form, without invisible characters.

The same name can arrive as composed letters (é) or as a letter plus a combining mark (e + ́),
and with invisible format characters (zero-width space, byte order mark, bidirectional
overrides, soft hyphen) pasted from other systems. Stored as is, such a name looks identical
but neither matches nor sorts with the others, and bidirectional overrides can make a name
display as something else. Names are therefore stored in NFC with format characters removed.
The joining controls ZWNJ/ZWJ stay where they sit between two letters: Persian spelling uses
them there (for example in "می‌خواهم")."""

from __future__ import annotations

import unicodedata

JOINERS = {"\u200c", "\u200d"}


def clean_name(value: str) -> str:
    """NFC, invisible format characters removed, whitespace collapsed."""
    text = unicodedata.normalize("NFC", value)
    kept = []
    for index, char in enumerate(text):
        if unicodedata.category(char) == "Cf":
            if char in JOINERS and 0 < index < len(text) - 1:
                before, after = text[index - 1], text[index + 1]
                if before.isalpha() and after.isalpha():
                    kept.append(char)
            continue
        kept.append(char)
    return " ".join("".join(kept).split())
