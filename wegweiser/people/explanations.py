"""Caseworker-readable explanations of the identity scorer's level codes, translated."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .selectors import IdentityHit

# One entry per level code of wegweiser.identity.scorer.EXPLANATIONS (a test keeps them in step).
EXPLANATIONS: dict[str, Promise] = {
    "given_name.same_original_script": _("Given name: same in %(script)s script"),
    "given_name.exact": _("Given name: same spelling"),
    "given_name.transliteration": _("Given name: same name, transliterated (%(a)s / %(b)s)"),
    "given_name.spelling_variant": _("Given name: spelling variant (%(a)s / %(b)s)"),
    "given_name.reading": _(
        "Given name: a possible reading of the Arabic-script spelling (%(a)s / %(b)s)"
    ),
    "given_name.consonants": _(
        "Given name: same consonants as the Arabic-script spelling (%(a)s / %(b)s)"
    ),
    "given_name.similar": _("Given name: similar spelling (%(a)s / %(b)s)"),
    "given_name.subset": _("Given names: one record has more given names (%(a)s / %(b)s)"),
    "given_name.partial": _("Given names: only some agree (%(a)s / %(b)s)"),
    "given_name.different": _("Given name: different (%(a)s / %(b)s)"),
    "given_name.missing": _("Given name: missing in one record"),
    "family_name.same_original_script": _("Family name: same in %(script)s script"),
    "family_name.exact": _("Family name: same spelling"),
    "family_name.transliteration": _("Family name: same name, transliterated (%(a)s / %(b)s)"),
    "family_name.spelling_variant": _("Family name: spelling variant (%(a)s / %(b)s)"),
    "family_name.reading": _(
        "Family name: a possible reading of the Arabic-script spelling (%(a)s / %(b)s)"
    ),
    "family_name.consonants": _(
        "Family name: same consonants as the Arabic-script spelling (%(a)s / %(b)s)"
    ),
    "family_name.similar": _("Family name: similar spelling (%(a)s / %(b)s)"),
    "family_name.subset": _("Family name: one record has more name parts (%(a)s / %(b)s)"),
    "family_name.partial": _("Family name: only some parts agree (%(a)s / %(b)s)"),
    "family_name.different": _("Family name: different (%(a)s / %(b)s)"),
    "family_name.missing": _("Family name: missing in one record"),
    "name.same_original_script": _("Name: same in %(script)s script"),
    "name.exact": _("Name: same spelling"),
    "name.transliteration": _("Name: same name, transliterated (%(a)s / %(b)s)"),
    "name.spelling_variant": _("Name: spelling variant (%(a)s / %(b)s)"),
    "name.reading": _("Name: a possible reading of the Arabic-script spelling (%(a)s / %(b)s)"),
    "name.consonants": _("Name: same consonants as the Arabic-script spelling (%(a)s / %(b)s)"),
    "name.similar": _("Name: similar spelling (%(a)s / %(b)s)"),
    "name.subset": _("Name: one record has more name parts (%(a)s / %(b)s)"),
    "name.partial": _("Name: only some parts agree (%(a)s / %(b)s)"),
    "name.different": _("Name: different (%(a)s / %(b)s)"),
    "name.missing": _("Name: missing in one record"),
    "names.swapped": _("Given and family name are swapped"),
    "names.namesakes": _(
        "Name: carried by several candidates (%(count)s); the name alone cannot tell them apart"
    ),
    "dob.exact": _("Date of birth: same (%(a)s)"),
    "dob.day_month_swapped": _("Date of birth: day and month swapped (%(a)s / %(b)s)"),
    "dob.year_off_by_one": _(
        "Date of birth: same day and month, year differs by one (%(a)s / %(b)s)"
    ),
    "dob.one_part_differs": _("Date of birth: one part differs (%(a)s / %(b)s)"),
    "dob.same_month": _("Date of birth: same month and year (%(a)s / %(b)s)"),
    "dob.placeholder_same_year": _("Date of birth: placeholder, same year (%(a)s / %(b)s)"),
    "dob.same_year": _("Date of birth: only the year is known, same year (%(a)s / %(b)s)"),
    "dob.near_year": _("Date of birth: imprecise, year differs by one (%(a)s / %(b)s)"),
    "dob.different": _("Date of birth: different (%(a)s / %(b)s)"),
    "dob.missing": _("Date of birth: missing in one record"),
    "nationality.same": _("Nationality: same (%(a)s)"),
    "nationality.different": _("Nationality: different (%(a)s / %(b)s)"),
    "nationality.missing": _("Nationality: missing in one record"),
    "place_of_birth.same": _("Place of birth: same (%(a)s / %(b)s)"),
    "place_of_birth.similar": _("Place of birth: similar (%(a)s / %(b)s)"),
    "place_of_birth.different": _("Place of birth: different (%(a)s / %(b)s)"),
    "place_of_birth.missing": _("Place of birth: missing in one record"),
}


# The scorer names scripts in English; the interface shows them in the user's language.
SCRIPT_NAMES: dict[str, Promise] = {
    "Arabic": _("Arabic script"),
    "Cyrillic": _("Cyrillic"),
    "Ge'ez": _("Ge'ez (Ethiopic)"),
    "Latin": _("Latin"),
    "the original": _("Other script"),
}


_SCORER_DATE = re.compile(
    r"^(?:(?P<day>\d{2})\.)?(?:(?P<month>\d{2})\.)?(?P<year>\d{4})"
    r"(?P<placeholder> \(placeholder\))?$"
)


def birth_date_text(text: str) -> str:
    """A date of birth as the scorer writes it (05.03.1990, 03.1990, 1990, "01.01.1990
    (placeholder)", "unknown") in the active language's format."""
    found = _SCORER_DATE.match(text)
    if text == "unknown":
        return str(_("unknown"))
    if found is None:
        return text
    year = int(found["year"])
    if found["day"] and found["month"]:
        day = dt.date(year, int(found["month"]), int(found["day"]))
        shown = date_format(day, "SHORT_DATE_FORMAT")
        if found["placeholder"]:
            shown = str(_("%(date)s (placeholder)")) % {"date": shown}
        return shown
    if found["day"]:  # two digits then the year: month and year
        return date_format(dt.date(year, int(found["day"]), 1), "YEAR_MONTH_FORMAT")
    return str(year)


def explain(level: str, params: Mapping[str, str]) -> str:
    """The sentence for a level code in the active language, with its values filled in."""
    template = EXPLANATIONS.get(level)
    if template is None:
        return level
    values = dict(params)
    if level.startswith("dob."):
        values = {k: birth_date_text(v) for k, v in values.items()}
    if values.get("script") in SCRIPT_NAMES:
        values["script"] = str(SCRIPT_NAMES[values["script"]])
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


# The page shows the calibrated probability (wegweiser.identity.calibration: the share of
# candidates with such a name agreement that were the person, fitted on real name pairs, divided
# among namesakes, with the date of birth weighed in) as a percentage, and a band in words
# beside it. The scorer's own probability counts how many persons the register holds and shows
# the right person at 0 % too often to be shown.
POSSIBLE_FROM = 0.05
LIKELY_FROM = 0.5

BANDS: dict[str, Promise] = {
    "likely": _("likely the same person"),
    "possible": _("possibly the same person: compare the details"),
    "unlikely": _("similar, but probably another person"),
}


def identity_band(probability: float) -> str:
    """The band of a calibrated probability, for the search page and the intake form's
    "already known?" confirmation alike."""
    if probability >= LIKELY_FROM:
        return "likely"
    return "possible" if probability >= POSSIBLE_FROM else "unlikely"


def explained(hits: list[IdentityHit]) -> list[dict[str, Any]]:
    rows = []
    for hit in hits:
        result = hit.candidate.result
        band = identity_band(result.calibrated)
        dob_weight = sum(e.weight for e in result.evidence if e.field == "dob")
        rows.append(
            {
                "hit": hit,
                "band": band,
                "band_text": str(BANDS[band]),
                "percent": round(result.calibrated * 100),
                "strong": band == "likely",
                # a namesake the date of birth does not speak against: still to be told apart
                "open_namesake": result.namesakes >= 2 and dob_weight >= 0,
                "reasons": [explain(e.level, e.params) for e in result.evidence if e.weight],
            }
        )
    return rows


def several_likely(rows: list[dict[str, Any]]) -> bool:
    """The caseworker cannot yet tell which candidate it is: two or more are each "likely the
    same person" (each percentage is read for its own pair), or, with none likely, two or
    more carry the name and their date of birth does not set them apart (nobody typed one,
    or it is unknown). Then the page asks for the date of birth or another detail."""
    likely = sum(1 for row in rows if row["strong"])
    open_namesakes = sum(1 for row in rows if row["open_namesake"])
    return likely >= 2 or (likely == 0 and open_namesakes >= 2)
