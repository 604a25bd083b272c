"""Comparing two person records: a match probability with a per-field explanation.

The scorer is a Fellegi-Sunter model. Each field comparison lands on a level (given name:
spelling variant; date of birth: placeholder, same year; ...). For each level there are two
probabilities: ``m``, the chance of that level when both records describe the same person,
and ``u``, the chance when they describe two different persons. The level's weight is
``log2(m / u)`` (in bits; positive is evidence for a match). The weights of all fields add up
with the prior log-odds to the match weight, and the probability is
``1 / (1 + 2 ** -match_weight)``. Missing data has weight 0.

Where the numbers come from (they are set by hand, and each one is explained next to it in
``FIELD_LEVELS``):

* ``u`` is what chance agreement costs in the centre's population: one birth year in about
  28 for adults of working age, one day in 365, nationalities concentrated on a few
  countries. For names, ``u`` of an agreeing level is scaled by how common the name is
  (term-frequency adjustment as in Splink): agreeing on Mohammad is weaker evidence than
  agreeing on a rare name. Frequencies come from ``frequencies=`` (the caller can pass
  registry-derived shares per index key) or from the built-in bands in
  ``data/common_names.tsv``.
* ``m`` is how often true duplicates in a register differ in that way: transliteration
  variants are common, swapped given and family names happen, dates of birth of the same
  person mostly agree exactly, and a few percent differ by typing errors or swapped day
  and month.
* The prior is the chance that two compared records are the same person before looking at
  them: for an intake search it is the share of returning persons divided by the size of
  the register (:func:`prior_for_registry`).

The model assumes fields are independent given match status, as Fellegi-Sunter does; the
duplicate-review job estimates ``m`` and ``u`` from the data with EM (Splink) and can
replace these values.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from wegweiser.identity.analysis import (
    Coverage,
    NameAnalysis,
    PartKeys,
    PartLevel,
    PartListMatch,
    analyse_name,
    compare_names,
)
from wegweiser.identity.calibration import NAMESAKE_FROM, match_probability, name_probability
from wegweiser.identity.dates import BirthDate, DateLevel, compare_birth_dates
from wegweiser.identity.scripts import Script
from wegweiser.identity.variants import COMMON_NAME_FREQUENCIES

__all__ = [
    "DEFAULT_PRIOR",
    "EXPLANATIONS",
    "FIELD_LEVELS",
    "MATCH_THRESHOLD",
    "FieldEvidence",
    "MatchResult",
    "NameFrequencies",
    "NameSpelling",
    "PersonRecord",
    "PreparedPerson",
    "compare_many",
    "compare_name_strings",
    "compare_persons",
    "prepare_person",
    "prior_for_registry",
    "share_namesakes",
]

MATCH_THRESHOLD = 0.5
"""Probability above which a pair is reported as the same person ("more likely than not")."""


def prior_for_registry(registry_size: int, returning_share: float = 0.3) -> float:
    """Prior match probability of one query against one record of a register.

    About a third of the people who come to the centre have been registered before (returning
    clients, family members registered earlier, referrals from other teams); a returning
    person matches one record among ``registry_size``.
    """
    return min(0.5, returning_share / max(registry_size, 1))


DEFAULT_PRIOR = prior_for_registry(3_000)
"""1 in 10,000: a register of a few thousand persons, as one centre has."""


@dataclass(frozen=True, slots=True)
class Level:
    m: float
    u: float
    note: str

    @property
    def weight(self) -> float:
        return math.log2(self.m / self.u)


_EXACT_LIKE = ("same_original_script", "exact", "transliteration")

# Per field and level: m, u and why. Names: u of the agreeing levels is the chance agreement
# for a name of ordinary frequency and is scaled by the actual name's frequency.
FIELD_LEVELS: dict[str, dict[str, Level]] = {
    "family_name": {
        **{
            code: Level(
                0.57,
                0.002,
                "duplicates from the same documents carry the same "
                "spelling; an ordinary family name is shared by about 1 in 500 persons",
            )
            for code in _EXACT_LIKE
        },
        "spelling_variant": Level(
            0.22,
            0.002,
            "another authority's transliteration of the "
            "same name; strangers share a name in another spelling about "
            "as often as in the same spelling",
        ),
        "reading": Level(
            0.07,
            0.003,
            "the Latin spelling is one way to read the Arabic-script letters with vowels "
            "(half of the cross-script spellings of names the dictionary does not know); "
            "of random pairs of different names, fewer than 1 in 3,000 read so",
        ),
        "consonants": Level(
            0.03,
            0.006,
            "Arabic script shows only consonants; about three names share a consonant skeleton",
        ),
        "similar": Level(
            0.04,
            0.01,
            "typing errors and rare transliterations; similar spellings also join unrelated names",
        ),
        "subset": Level(
            0.02, 0.002, "one record has an extra family-name part (Shah Ahmadi / Ahmadi)"
        ),
        "partial": Level(0.01, 0.01, "only some parts agree: no evidence either way"),
        "different": Level(
            0.04,
            0.974,
            "marriage, tribal names and the father's name used "
            "as family name change family names of the same person",
        ),
    },
    "given_name": {
        **{
            code: Level(
                0.55,
                0.005,
                "duplicates from the same documents carry the same "
                "spelling; an ordinary given name is shared by about 1 in 200 persons",
            )
            for code in _EXACT_LIKE
        },
        "spelling_variant": Level(
            0.21, 0.005, "another authority's transliteration of the same name"
        ),
        "reading": Level(
            0.06,
            0.0075,
            "the Latin spelling is one way to read the Arabic-script letters with vowels",
        ),
        "consonants": Level(0.03, 0.015, "Arabic script shows only consonants"),
        "similar": Level(0.03, 0.02, "typing errors; similar spellings also join unrelated names"),
        "subset": Level(
            0.08,
            0.005,
            "one record lists more given names or a patronymic; "
            "authorities often keep only the first",
        ),
        "partial": Level(0.01, 0.02, "only some given names agree"),
        "different": Level(0.03, 0.935, "a different given name is rare for the same person"),
    },
    "dob": {
        "exact": Level(0.90, 1e-4, "same day: 1 in 365 days times 1 in 28 birth years"),
        "day_month_swapped": Level(
            0.015, 1e-4, "day and month swapped when copying between date formats"
        ),
        "year_off_by_one": Level(
            0.012,
            2e-4,
            "same day and month, year off by one (calendar conversions, estimated ages)",
        ),
        "one_part_differs": Level(0.03, 0.006, "one typing error in day, month or year"),
        "same_month": Level(0.90, 0.0025, "only month and year are known on one side"),
        "placeholder_same_year": Level(
            0.88,
            0.035,
            "placeholder dates agree on the year only; 1 in 28 strangers share a birth year",
        ),
        "same_year": Level(0.88, 0.035, "only the year is known; 1 in 28 strangers share it"),
        "near_year": Level(0.07, 0.07, "an imprecise year off by one: as likely for strangers"),
        "different": Level(0.043, 0.99, "the same person rarely has two unrelated birth dates"),
    },
    "nationality": {
        "same": Level(
            0.92,
            0.25,
            "most persons come from three countries, so strangers often share a nationality",
        ),
        "different": Level(
            0.08,
            0.75,
            "nationality is recorded differently at times "
            "(stateless, dual, Palestinians from Syria)",
        ),
    },
    "place_of_birth": {
        "same": Level(0.65, 0.04, "the same place, in any spelling or script"),
        "similar": Level(0.12, 0.04, "a similar or partly agreeing place name"),
        "different": Level(
            0.23, 0.92, "places are recorded at different levels (village, district, province)"
        ),
    },
    "names": {
        "swapped": Level(
            0.15,
            0.6,
            "given and family name swapped, as happens with names "
            "without a fixed family name; it is the name fields' agreement that "
            "counts, this is the price of the swap",
        ),
    },
}
# The whole name compared as one field (when one record has no given or no family name).
FIELD_LEVELS["name"] = FIELD_LEVELS["given_name"]

# Name frequency of an ordinary name per field: the u of the exact level.
_ORDINARY_FREQUENCY = {"family_name": 0.002, "given_name": 0.005, "name": 0.005}
_MIN_U = 1e-6
_MAX_U = 0.5


EXPLANATIONS: dict[str, str] = {
    "given_name.same_original_script": "Given name: same in {script} script",
    "given_name.exact": "Given name: same spelling",
    "given_name.transliteration": "Given name: same name, transliterated ({a} / {b})",
    "given_name.spelling_variant": "Given name: spelling variant ({a} / {b})",
    "given_name.reading": "Given name: a possible reading of the Arabic-script spelling "
    "({a} / {b})",
    "given_name.consonants": "Given name: same consonants as the Arabic-script spelling "
    "({a} / {b})",
    "given_name.similar": "Given name: similar spelling ({a} / {b})",
    "given_name.subset": "Given names: one record has more given names ({a} / {b})",
    "given_name.partial": "Given names: only some agree ({a} / {b})",
    "given_name.different": "Given name: different ({a} / {b})",
    "given_name.missing": "Given name: missing in one record",
    "family_name.same_original_script": "Family name: same in {script} script",
    "family_name.exact": "Family name: same spelling",
    "family_name.transliteration": "Family name: same name, transliterated ({a} / {b})",
    "family_name.spelling_variant": "Family name: spelling variant ({a} / {b})",
    "family_name.reading": "Family name: a possible reading of the Arabic-script spelling "
    "({a} / {b})",
    "family_name.consonants": "Family name: same consonants as the Arabic-script spelling "
    "({a} / {b})",
    "family_name.similar": "Family name: similar spelling ({a} / {b})",
    "family_name.subset": "Family name: one record has more name parts ({a} / {b})",
    "family_name.partial": "Family name: only some parts agree ({a} / {b})",
    "family_name.different": "Family name: different ({a} / {b})",
    "family_name.missing": "Family name: missing in one record",
    "name.same_original_script": "Name: same in {script} script",
    "name.exact": "Name: same spelling",
    "name.transliteration": "Name: same name, transliterated ({a} / {b})",
    "name.spelling_variant": "Name: spelling variant ({a} / {b})",
    "name.reading": "Name: a possible reading of the Arabic-script spelling ({a} / {b})",
    "name.consonants": "Name: same consonants as the Arabic-script spelling ({a} / {b})",
    "name.similar": "Name: similar spelling ({a} / {b})",
    "name.subset": "Name: one record has more name parts ({a} / {b})",
    "name.partial": "Name: only some parts agree ({a} / {b})",
    "name.different": "Name: different ({a} / {b})",
    "name.missing": "Name: missing in one record",
    "names.swapped": "Given and family name are swapped",
    "names.namesakes": "Name: carried by several candidates ({count}); the name alone cannot "
    "tell them apart",
    "dob.exact": "Date of birth: same ({a})",
    "dob.day_month_swapped": "Date of birth: day and month swapped ({a} / {b})",
    "dob.year_off_by_one": "Date of birth: same day and month, year differs by one ({a} / {b})",
    "dob.one_part_differs": "Date of birth: one part differs ({a} / {b})",
    "dob.same_month": "Date of birth: same month and year ({a} / {b})",
    "dob.placeholder_same_year": "Date of birth: placeholder, same year ({a} / {b})",
    "dob.same_year": "Date of birth: only the year is known, same year ({a} / {b})",
    "dob.near_year": "Date of birth: imprecise, year differs by one ({a} / {b})",
    "dob.different": "Date of birth: different ({a} / {b})",
    "dob.missing": "Date of birth: missing in one record",
    "nationality.same": "Nationality: same ({a})",
    "nationality.different": "Nationality: different ({a} / {b})",
    "nationality.missing": "Nationality: missing in one record",
    "place_of_birth.same": "Place of birth: same ({a} / {b})",
    "place_of_birth.similar": "Place of birth: similar ({a} / {b})",
    "place_of_birth.different": "Place of birth: different ({a} / {b})",
    "place_of_birth.missing": "Place of birth: missing in one record",
}
"""English default sentences per level code, with named placeholders."""

_SCRIPT_NAMES = {
    Script.ARABIC: "Arabic",
    Script.CYRILLIC: "Cyrillic",
    Script.ETHIOPIC: "Ge'ez",
    Script.LATIN: "Latin",
    Script.OTHER: "the original",
}


@dataclass(frozen=True, slots=True)
class NameSpelling:
    """One spelling of a person's name: as in a document, in the original script, ..."""

    given_names: str
    family_name: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """What the scorer compares. Names in any script; everything but the names is optional.

    ``nationalities`` are ISO 3166 codes in one scheme (the people model uses alpha-2).
    """

    given_names: str
    family_name: str
    other_spellings: tuple[NameSpelling, ...] = ()
    birth_date: BirthDate | None = None
    nationalities: tuple[str, ...] = ()
    place_of_birth: str = ""

    @property
    def spellings(self) -> tuple[NameSpelling, ...]:
        return (NameSpelling(self.given_names, self.family_name), *self.other_spellings)


@dataclass(frozen=True, slots=True)
class FieldEvidence:
    """One line of the explanation: which field, which level, how much it weighed.

    ``level`` is a stable code (``given_name.spelling_variant``) for translation, ``params``
    fill its placeholders, ``text`` is the English sentence. Params hold the compared values,
    so the evidence is for display to the caseworker, not for the audit log.
    """

    field: str
    level: str
    weight: float
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def text(self) -> str:
        template = EXPLANATIONS.get(self.level, self.level)
        try:
            return template.format(**self.params)
        except KeyError:
            return template


NAME_FIELDS = frozenset({"given_name", "family_name", "name", "names"})
"""The fields whose weights make the name evidence (the rest is date, nationality, place)."""


@dataclass(frozen=True, slots=True)
class MatchResult:
    probability: float
    match_weight: float
    prior: float
    evidence: tuple[FieldEvidence, ...]
    namesakes: int = 1
    """How many candidates carry the name (this one among them): set by
    :func:`share_namesakes`; 1 for a pair compared alone."""

    @property
    def is_match(self) -> bool:
        return self.probability >= MATCH_THRESHOLD

    @property
    def evidence_weight(self) -> float:
        """The match weight without the prior: what the two records say, in bits."""
        return self.match_weight - _log2_odds(self.prior)

    @property
    def name_weight(self) -> float:
        """What the names say, in bits (the fields of :data:`NAME_FIELDS`)."""
        return sum(e.weight for e in self.evidence if e.field in NAME_FIELDS)

    @property
    def other_weight(self) -> float:
        """What the date of birth, nationality and place of birth say, in bits."""
        return sum(
            e.weight for e in self.evidence if e.field not in NAME_FIELDS and e.field != "namesakes"
        )

    @property
    def calibrated(self) -> float:
        """The number to show (0..1): the share of candidates with such a name agreement that
        were the person (fitted on real name pairs), divided among the namesakes, with the
        date of birth and the other fields weighed in
        (:func:`wegweiser.identity.calibration.match_probability`)."""
        return match_probability(
            name_weight=self.name_weight, other_weight=self.other_weight, namesakes=self.namesakes
        )

    @property
    def explanation(self) -> str:
        """The caseworker's one-line reading: 'Family name: same in Arabic script; ...'."""
        return "; ".join(item.text for item in self.evidence)


def share_namesakes(results: Sequence[MatchResult]) -> list[MatchResult]:
    """The results of one query's candidates, each with the number of namesakes among them.

    A namesake is a candidate whose name alone would make it likely the person
    (:data:`~wegweiser.identity.calibration.NAMESAKE_FROM`): same or nearly the same name.
    Where there are several, the name points at one of them at most, so each one's shown
    value shares the name's evidence with the others, and its evidence says so (the level
    ``names.namesakes``; its weight, ``-log2(count)`` bits, is shown, not added to the
    ranking). The count is taken among the candidates the query found, so it is at least the
    number of namesakes the register holds up to the number of candidates scored."""
    strong = [name_probability(r.name_weight) >= NAMESAKE_FROM for r in results]
    count = sum(strong)
    if count < 2:
        return list(results)
    line = FieldEvidence("namesakes", "names.namesakes", -math.log2(count), {"count": str(count)})
    return [
        dataclasses.replace(r, namesakes=count, evidence=(*r.evidence, line)) if is_strong else r
        for r, is_strong in zip(results, strong, strict=True)
    ]


NameFrequencies = Callable[[str], float | None]
"""Share of persons (0..1) carrying a name, by index key (``p:ahmadi``, ``g:muhammad``);
None when unknown. A register can answer it from its key table."""


def _builtin_frequency(key: str) -> float | None:
    return COMMON_NAME_FREQUENCIES.get(key)


@dataclass(frozen=True, slots=True)
class _SpellingAnalysis:
    given: NameAnalysis
    family: NameAnalysis
    text: NameSpelling


@dataclass(frozen=True, slots=True)
class PreparedPerson:
    """A person record with its names analysed, for comparing one record with many."""

    record: PersonRecord
    spellings: tuple[_SpellingAnalysis, ...]
    place: NameAnalysis | None
    nationalities: frozenset[str]


def prepare_person(record: PersonRecord) -> PreparedPerson:
    spellings = tuple(
        _SpellingAnalysis(analyse_name(s.given_names), analyse_name(s.family_name), s)
        for s in record.spellings
        if s.given_names.strip() or s.family_name.strip()
    )
    place = analyse_name(record.place_of_birth) if record.place_of_birth.strip() else None
    nationalities = frozenset(code.strip().upper() for code in record.nationalities if code.strip())
    return PreparedPerson(record, spellings, place, nationalities)


# --- names -------------------------------------------------------------------------------

_LEVEL_CODES = {
    PartLevel.SAME_ORIGINAL_SCRIPT: "same_original_script",
    PartLevel.EXACT: "exact",
    PartLevel.TRANSLITERATION: "transliteration",
    PartLevel.SPELLING_VARIANT: "spelling_variant",
    PartLevel.READING: "reading",
    PartLevel.CONSONANTS: "consonants",
    PartLevel.SIMILAR: "similar",
}


def _list_level_code(match: PartListMatch) -> str:
    if match.coverage == Coverage.NONE:
        return "different"
    if match.coverage == Coverage.PARTIAL:
        return "partial"
    if match.coverage == Coverage.SUBSET:
        return "subset" if match.level >= PartLevel.SPELLING_VARIANT else "partial"
    return _LEVEL_CODES[match.level]


def _part_frequency(part: PartKeys, frequencies: NameFrequencies) -> float | None:
    known = [f for key in part.frequency_keys if (f := frequencies(key)) is not None]
    return max(known) if known else None


def _name_weight(
    field_name: str, code: str, match: PartListMatch, frequencies: NameFrequencies
) -> float:
    level = FIELD_LEVELS[field_name][code]
    u = level.u
    if code not in ("different", "partial"):
        # The level's u holds for one name of ordinary frequency. Each agreeing part
        # contributes its own frequency instead (independence, as in the rest of the model):
        # Mohammad alone is weak evidence, Noor Ahmad both agreeing is stronger than Noor.
        ordinary = _ORDINARY_FREQUENCY[field_name]
        u /= ordinary
        for a, b, _ in match.pairs:
            known = [
                f
                for f in (_part_frequency(a, frequencies), _part_frequency(b, frequencies))
                if f is not None
            ]
            u *= max(known) if known else ordinary
        u = min(_MAX_U, max(_MIN_U, u))
    return math.log2(level.m / u)


def _name_params(match: PartListMatch, a: NameAnalysis, b: NameAnalysis) -> dict[str, str]:
    """The compared values: the agreeing parts where one pair decides, else the names."""
    if len(match.pairs) == 1 and match.coverage == Coverage.FULL:
        x, y, _ = match.pairs[0]
        shown_a, shown_b = x.written, y.written
        script = x.script if x.script != Script.LATIN else y.script
    else:
        shown_a, shown_b = a.text.strip(), b.text.strip()
        script = next(
            (p.script for p in (*a.parts, *b.parts) if p.script != Script.LATIN), Script.LATIN
        )
    return {"a": shown_a, "b": shown_b, "script": _SCRIPT_NAMES[script]}


@dataclass(frozen=True, slots=True)
class _NameOutcome:
    """A name field's comparison before its explanation is written out."""

    field: str
    code: str
    weight: float
    match: PartListMatch | None = None
    a: NameAnalysis | None = None
    b: NameAnalysis | None = None

    def evidence(self) -> FieldEvidence:
        params = {}
        if self.match is not None and self.a is not None and self.b is not None:
            params = _name_params(self.match, self.a, self.b)
        level = self.code if self.field == "names" else f"{self.field}.{self.code}"
        return FieldEvidence(self.field, level, self.weight, params)


def _name_field(
    field_name: str,
    a: NameAnalysis,
    b: NameAnalysis,
    frequencies: NameFrequencies,
) -> _NameOutcome:
    if not a.parts or not b.parts:
        return _NameOutcome(field_name, "missing", 0.0)
    match = compare_names(a, b)
    code = _list_level_code(match)
    return _NameOutcome(
        field_name, code, _name_weight(field_name, code, match, frequencies), match, a, b
    )


def _combined(*analyses: NameAnalysis) -> NameAnalysis:
    parts = tuple(part for analysis in analyses for part in analysis.parts)
    text = " ".join(analysis.text for analysis in analyses if analysis.text.strip())
    return NameAnalysis(text, parts, (), analyse_name(text).joined_part if len(parts) > 1 else None)


_SWAPPED = _NameOutcome("names", "names.swapped", FIELD_LEVELS["names"]["swapped"].weight)


def _name_evidence(
    a: PreparedPerson, b: PreparedPerson, frequencies: NameFrequencies
) -> list[FieldEvidence]:
    """The best reading of the names: as recorded, swapped, or as one whole name."""
    best: list[_NameOutcome] = []
    best_total = -math.inf
    for x in a.spellings:
        for y in b.spellings:
            straight = [
                _name_field("given_name", x.given, y.given, frequencies),
                _name_field("family_name", x.family, y.family, frequencies),
            ]
            options = [straight]
            if x.given.parts and y.given.parts and x.family.parts and y.family.parts:
                swapped = [
                    _name_field("given_name", x.given, y.family, frequencies),
                    _name_field("family_name", x.family, y.given, frequencies),
                    _SWAPPED,
                ]
                options.append(swapped)
            else:
                whole = _name_field(
                    "name", _combined(x.given, x.family), _combined(y.given, y.family), frequencies
                )
                options.append([whole])
            for option in options:
                total = sum(outcome.weight for outcome in option)
                if total > best_total:
                    best, best_total = option, total
    return [outcome.evidence() for outcome in best]


# --- other fields ------------------------------------------------------------------------

_DOB_MISSING = FieldEvidence("dob", "dob.missing", 0.0)


def _dob_evidence(a: BirthDate | None, b: BirthDate | None) -> FieldEvidence:
    level = compare_birth_dates(a, b)
    if level == DateLevel.MISSING or a is None or b is None:
        return _DOB_MISSING
    weight = FIELD_LEVELS["dob"][level.value].weight
    return FieldEvidence("dob", f"dob.{level.value}", weight, {"a": _display(a), "b": _display(b)})


@functools.lru_cache(maxsize=50_000)
def _display(date: BirthDate) -> str:
    return date.display()


def _nationality_evidence(a: frozenset[str], b: frozenset[str]) -> FieldEvidence:
    if not a or not b:
        return FieldEvidence("nationality", "nationality.missing", 0.0)
    code = "same" if a & b else "different"
    params = {"a": ", ".join(sorted(a & b) or sorted(a)), "b": ", ".join(sorted(b))}
    weight = FIELD_LEVELS["nationality"][code].weight
    return FieldEvidence("nationality", f"nationality.{code}", weight, params)


def _place_evidence(a: NameAnalysis | None, b: NameAnalysis | None) -> FieldEvidence:
    if a is None or b is None or not a.parts or not b.parts:
        return FieldEvidence("place_of_birth", "place_of_birth.missing", 0.0)
    match = compare_names(a, b)
    if (
        match.coverage in (Coverage.FULL, Coverage.SUBSET)
        and match.level >= PartLevel.SPELLING_VARIANT
    ):
        code = "same"
    elif match.coverage != Coverage.NONE:
        code = "similar"
    else:
        code = "different"
    weight = FIELD_LEVELS["place_of_birth"][code].weight
    return FieldEvidence(
        "place_of_birth", f"place_of_birth.{code}", weight, {"a": a.text, "b": b.text}
    )


# --- the scorer --------------------------------------------------------------------------


def _log2_odds(probability: float) -> float:
    return math.log2(probability / (1 - probability))


def compare_persons(
    a: PersonRecord | PreparedPerson,
    b: PersonRecord | PreparedPerson,
    *,
    prior: float = DEFAULT_PRIOR,
    frequencies: NameFrequencies | None = None,
) -> MatchResult:
    """The probability that two records describe the same person, with the evidence per field.

    Pass :class:`PreparedPerson` objects (:func:`prepare_person`) when comparing one record
    with many. ``prior`` is the match probability before looking at the records
    (:func:`prior_for_registry`); ``frequencies`` gives name frequencies by index key.

    Names are read as recorded, with given and family name swapped, and - when one record
    lacks a given or a family name - as one whole name; the best reading counts. A name
    typed as one string (an intake search) is passed as ``given_names`` with an empty
    ``family_name`` and is compared as a whole name.
    """
    prepared_a = a if isinstance(a, PreparedPerson) else prepare_person(a)
    prepared_b = b if isinstance(b, PreparedPerson) else prepare_person(b)
    lookup: NameFrequencies = frequencies if frequencies is not None else _builtin_frequency
    evidence = [
        *_name_evidence(prepared_a, prepared_b, lookup),
        _dob_evidence(prepared_a.record.birth_date, prepared_b.record.birth_date),
        _nationality_evidence(prepared_a.nationalities, prepared_b.nationalities),
        _place_evidence(prepared_a.place, prepared_b.place),
    ]
    match_weight = _log2_odds(prior) + sum(item.weight for item in evidence)
    probability = 1.0 / (1.0 + 2.0 ** (-match_weight)) if match_weight > -1000 else 0.0
    return MatchResult(probability, match_weight, prior, tuple(evidence))


def compare_name_strings(a: str, b: str, *, prior: float = 0.5) -> MatchResult:
    """Whether two names, each written as one string in any script, are the same name.

    For lists that hold nothing but names. The names are compared as whole names (the order
    of the parts and the given/family split do not matter), and the weakest agreeing part
    decides: Hassan Ali / Hussein Ali is only similar, however well Ali agrees. Name
    frequencies play no part, because the question is whether the spellings agree, not how
    many people carry the name. ``prior`` is the share of same-name pairs expected among the
    compared pairs.
    """
    x, y = analyse_name(a), analyse_name(b)
    if not x.parts or not y.parts:
        evidence = FieldEvidence("name", "name.missing", 0.0)
    else:
        match = compare_names(x, y)
        code = _list_level_code(match)
        weight = FIELD_LEVELS["name"][code].weight
        evidence = FieldEvidence("name", f"name.{code}", weight, _name_params(match, x, y))
    match_weight = _log2_odds(prior) + evidence.weight
    return MatchResult(1.0 / (1.0 + 2.0 ** (-match_weight)), match_weight, prior, (evidence,))


def compare_many(
    query: PersonRecord | PreparedPerson,
    candidates: Iterable[PersonRecord | PreparedPerson],
    *,
    prior: float = DEFAULT_PRIOR,
    frequencies: NameFrequencies | None = None,
) -> list[MatchResult]:
    """:func:`compare_persons` of one query against each candidate, in the candidates' order,
    with the namesakes among them counted (:func:`share_namesakes`)."""
    prepared = query if isinstance(query, PreparedPerson) else prepare_person(query)
    return share_namesakes(
        [compare_persons(prepared, c, prior=prior, frequencies=frequencies) for c in candidates]
    )
