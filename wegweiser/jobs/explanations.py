"""Plain words for the matching factors and constraints, in the user's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import matching

FACTOR_NAMES = {
    "occupation": gettext_lazy("Occupation"),
    "german": gettext_lazy("German"),
    "commute": gettext_lazy("Way to work"),
    "availability": gettext_lazy("Availability"),
}

CONSTRAINTS = {
    "no_work_permission": gettext_lazy("may not work under the current residence title"),
    "work_permission_unknown": gettext_lazy(
        "work permission unknown: no residence title in force is on record"
    ),
    "recognition_missing": gettext_lazy(
        "regulated occupation: a full recognition of the qualification is missing"
    ),
    "driving_licence_missing": gettext_lazy("a driving licence is required and missing"),
}

FLAGS = {
    "approval_needed": gettext_lazy("only with the immigration office's approval"),
}

BANDS = {
    "good": gettext_lazy("good fit"),
    "partial": gettext_lazy("partial fit"),
    "weak": gettext_lazy("weak fit"),
}

COURSE_TIMES = {
    "morning": gettext_lazy("in the mornings"),
    "afternoon": gettext_lazy("in the afternoons"),
    "evening": gettext_lazy("in the evenings"),
    "none": "",
}


SOURCE_TEXTS = {
    "worked": gettext_lazy("from the work experience: %(title)s"),
    "trained": gettext_lazy("from the training: %(title)s"),
    "wanted": gettext_lazy("from the job wish: %(title)s"),
    "qualification": gettext_lazy("from the qualification: %(title)s"),
    "recognition": gettext_lazy("from the recognition procedure: %(title)s"),
    "orientation": gettext_lazy("from the initial orientation: %(title)s"),
}

# Per occupation row of the matching space, the records that name it (selectors).
Sources = Mapping[int, Sequence[Any]]


def sources_text(sources: Sources, rows: Sequence[int]) -> str:
    """Where the occupations of `rows` are recorded, e.g. "from the qualification: …"."""
    texts: list[str] = []
    for row in rows:
        for source in sources.get(row, ()):
            # The title is the person's or the authority's wording, in any script: isolated
            # so that it does not reorder the sentence around it (U+2068 … U+2069).
            text = str(SOURCE_TEXTS[source.kind]) % {"title": f"\u2068{source.title}\u2069"}
            if text not in texts:
                texts.append(text)
    return "; ".join(texts)


def factor_text(factor: matching.Factor, sources: Sources | None = None) -> str:
    text = _factor_text(factor)
    if factor.name == "occupation" and sources:
        rows = [factor.params["via"]] if "via" in factor.params else factor.params.get("own", ())
        where = sources_text(sources, rows)
        if where:
            text = f"{text} ({where})"
    return text


def _factor_text(factor: matching.Factor) -> str:
    p = factor.params
    if factor.name == "occupation":
        texts = {
            "same_occupation": _("the same occupation"),
            "unrelated": _("none of the person's recorded occupations is related"),
            "same_unit_group": _(
                "a related occupation of the same ISCO group; %(shared)s of %(total)s essential "
                "skills shared"
            ),
            "shared_skills": _(
                "%(shared)s of %(total)s essential skills of this occupation shared"
            ),
            "same_minor_group": _("an occupation of the same wider ISCO field"),
            "none": _("no known experience or training in this field"),
        }
        return texts[factor.code] % p if "%(" in texts[factor.code] else texts[factor.code]
    if factor.name == "german":
        texts = {
            "not_required": _("no German level required (the person: %(person)s)"),
            "meets": _("%(person)s meets the required %(required)s"),
            "one_below": _("%(person)s is one level below the required %(required)s"),
            "below": _("%(person)s is well below the required %(required)s"),
            "below_employer_open": _(
                "%(person)s is below the required %(required)s, but the employer hires people "
                "with little German"
            ),
        }
        params = {
            "person": p.get("person") or _("no level on record"),
            "required": p.get("required"),
        }
        return texts[factor.code] % params
    if factor.name == "commute":
        texts = {
            "near": _("about %(km)s km: close by"),
            "reachable": _("about %(km)s km: reachable by car"),
            "far": _("about %(km)s km: far"),
            "reachable_without_licence": _("about %(km)s km without a driving licence"),
            "far_without_licence": _("about %(km)s km without a driving licence: hard to reach"),
            "unknown": _("distance unknown (no municipality on record)"),
        }
        return texts[factor.code] % p if factor.code != "unknown" else texts["unknown"]
    texts = {
        "available": _("no known constraints"),
        "childcare": _("childcare still to be arranged for full-time or shift work"),
        "course_clash": _("attends a German course %(time)s, which clashes with these hours"),
        "course_fits": _("attends a German course %(time)s, which fits these hours"),
    }
    text = texts[factor.code]
    return text % {"time": COURSE_TIMES[p.get("course_time", "none")]} if "%(" in text else text


def explain(match: matching.Match, sources: Sources | None = None) -> list[dict[str, object]]:
    """The factors as rows for a template: name, points, maximum and the plain-word reason,
    the occupation with the record it comes from."""
    return [
        {
            "name": FACTOR_NAMES[f.name],
            "points": round(f.points),
            "max_points": round(f.max_points),
            "text": factor_text(f, sources),
        }
        for f in match.factors
    ]


def constraint_texts(match: matching.Match) -> list[str]:
    return [str(CONSTRAINTS[c]) for c in match.constraints]


def flag_texts(match: matching.Match) -> list[str]:
    return [str(FLAGS[f]) for f in match.flags]


def counts_text(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(str(CONSTRAINTS[name]), count) for name, count in counts.items()]
