"""Time to render one letter PDF (WeasyPrint, vendored Noto fonts), per language.

    uv run python -m bench.letters --repeat 5

Renders the invitation in German and each language from the shipped texts (no database),
as `letter_create` does after reading the case, and prints per language the median of
`--repeat` renders, then `cold_seconds=C warm_median_seconds=M` (C: the first render in the
process, with WeasyPrint's import and the fonts loaded; M: median over all later renders).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import time
from types import SimpleNamespace


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from wegweiser.letters.formats import FRAME, format_date
    from wegweiser.letters.merge import fill_html, fill_text
    from wegweiser.letters.models import RTL_LANGUAGES, Language
    from wegweiser.letters.pdf import render_pdf
    from wegweiser.letters.reference_texts import TEXTS

    today = dt.date(2026, 12, 6)
    values = {
        "given_name": "Amina",
        "family_name": "Haddad",
        "time": "10:00",
        "place": "Marktplatz 1, 35390 Gießen, Raum 2.14",
        "caseworker": "Anna Becker",
        "caseworker_phone": "0641 99999-0",
        "caseworker_email": "a.becker@example.org",
        "reference": "2024-00017",
    }
    head = SimpleNamespace(
        name="Migrationszentrum",
        address="Marktplatz 1\n35390 Gießen",
        phone="0641 99999-0",
        email="migrationszentrum@example.org",
        opening_hours="",
    )

    def block(language: str) -> dict[str, object]:
        subject, body = TEXTS[language]["invitation"]
        context = {**values, "date": format_date(today + dt.timedelta(days=3), language)}
        rtl = language in RTL_LANGUAGES
        return {
            "language": language,
            "dir": "rtl" if rtl else "ltr",
            "frame": FRAME[language],
            "date": format_date(today, language),
            "subject": fill_text(subject, context, isolate=rtl),
            "body": fill_html(body, context, isolate=rtl),
        }

    timings: list[float] = []
    for language in Language.values:
        blocks = [block("de")] + ([block(language)] if language != "de" else [])
        context = {
            "letterhead": head,
            "organisation": head,
            "team": SimpleNamespace(name="Team A"),
            "caseworker": SimpleNamespace(email="a.becker@example.org"),
            "caseworker_name": "Anna Becker",
            "person": SimpleNamespace(given_names_latin="Amina", family_name_latin="Haddad"),
            "address": ["Bahnhofstraße 5", "35390 Gießen"],
            "reference": "2024-00017",
            "blocks": blocks,
            "frame_de": FRAME["de"],
        }
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            render_pdf(context)
            runs.append(time.perf_counter() - start)
        timings += runs
        print(f"{language:4} median {statistics.median(runs):.3f} s")
    print(f"cold_seconds={timings[0]:.3f} warm_median_seconds={statistics.median(timings[1:]):.3f}")


if __name__ == "__main__":
    main()
