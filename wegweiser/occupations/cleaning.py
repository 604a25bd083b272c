"""Job-advertisement noise removed from a title before coding (no Django import).

Real titles carry words that name no occupation: "(m/w/d)", working time (Teilzeit, Minijob,
3-Schicht-System), seniority (Senior, Junior), the employer and the place after " - " or
" in ", "ab sofort". They also abbreviate (Kfm., MFA, Dipl.-Ing.) and name two occupations in
one title ("Verkäufer/Kassierer", "Koch und Kellner"). `title_variants` returns the cleaned
whole title first and, when it names several occupations, each of them; the coder scores every
variant and keeps the best score per occupation.

Words that change the occupation stay: Leiter/Leitung (shop supervisor, not shop assistant),
Helfer, Fachkraft, Meister.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .text import normalise

# "(m/w/d)", "(w/m/d)", "m/w/d", "(m|w|d)", "(d/m/w)", "(m/f/d)", "(all genders)", "(gn)".
_GENDER_TAG = re.compile(
    r"\(\s*(?:[mwfdxi]\s*[/|,]\s*){1,3}[mwfdxi]\s*\)|\b[mwfd]\s*[/|]\s*[mwfd]\s*[/|]\s*[mwfdx]\b"
    r"|\(\s*(?:all genders|alle geschlechter|gn\*?|divers|w/m|m/w)\s*\)|\*\s*gn\b",
    re.IGNORECASE,
)
# Gender suffixes that would otherwise look like a second occupation after "/":
# Fachangestellte/r, Kaufmann/-frau, Hotelfachfrau/-mann, Elektriker/in, Koch/-in, Lehrer*in.
_SLASH_SUFFIX = re.compile(
    r"(?<=\w)\s*/\s*(?:-\s*\w+|in(?:nen)?|r|e|n|er)\b|(?<=\w)[*:_·](?:in(?:nen)?|r)\b"
    r"|(?<=\w)\((?:in|innen|r|e|n)\)",
    re.IGNORECASE,
)
# Abbreviations of job boards, expanded to the words of the labels (case-sensitive, whole words).
ABBREVIATIONS: dict[str, str] = {
    "Kfm.": "Kaufmännischer",
    "kfm.": "kaufmännischer",
    "Kffr.": "Kauffrau",
    "Dipl.-Ing.": "Ingenieur",
    "Dipl.-Ing": "Ingenieur",
    "Dipl.-Kfm.": "Kaufmann",
    "Dipl.-Kff.": "Kaufmann",
    "Dipl.-Inf.": "Informatiker",
    "Ing.": "Ingenieur",
    "techn.": "technischer",
    "Techn.": "Technischer",
    "Mitarb.": "Mitarbeiter",
    "Sachb.": "Sachbearbeiter",
    "MFA": "Medizinische Fachangestellte",
    "ZFA": "Zahnmedizinische Fachangestellte",
    "TFA": "Tiermedizinische Fachangestellte",
    "PTA": "Pharmazeutisch-technische Assistentin",
    "PKA": "Pharmazeutisch-kaufmännische Angestellte",
    "MTA": "Medizinisch-technische Assistentin",
    "MTRA": "Medizinisch-technische Radiologieassistentin",
    "MTLA": "Medizinisch-technische Laborassistentin",
    "SHK": "Sanitär Heizung Klima",
    "GaLaBau": "Garten- und Landschaftsbau",
    "FiSi": "Fachinformatiker Systemintegration",
    "FiAe": "Fachinformatiker Anwendungsentwicklung",
    "ReFa": "Rechtsanwaltsfachangestellte",
    "ReNo": "Rechtsanwalts- und Notarfachangestellte",
    "HR": "Personal",
    "KFZ": "Kfz",
    "LKW": "Lkw",
    "PKW": "Pkw",
    "BKF": "Berufskraftfahrer",
    "EDV": "IT",
}
_ABBREVIATION = re.compile(
    r"(?<![\w.-])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w-])"
)
_BRACKETED_ABBREVIATION = re.compile(
    r"\(\s*(?:" + "|".join(re.escape(k) for k in ABBREVIATIONS) + r")\s*\)"
)
# Words and phrases that say nothing about the occupation (lowercase, whole words).
_NOISE = re.compile(
    r"\b(?:in\s+|im\s+|auf\s+|als\s+)?(?:"
    r"(?:voll|teil)(?:zeit)?-?\s*(?:oder|und|/|,)\s*(?:voll|teil)zeit"
    r"|vollzeit|teilzeit|minijob(?:-?basis)?|midijob|aushilfs(?:basis|job)|honorarbasis"
    r"|\d+\s*(?:€|eur|euro)(?:-?basis)?|geringfügig\w*|festanstellung|unbefristet|befristet"
    r"|\d-schicht(?:-?system|betrieb)?|\w*schicht(?:betrieb|system|dienst|arbeit)?|schichtdienst"
    r"|nachtdienst|wochenende|wochenend\w*|saisonarbeit|saison|stundenweise|homeoffice"
    r"|home office|remote|hybrid|ab sofort|sofort|gesucht|dringend|quereinsteiger\w*"
    r"|angestellt|möglich|bundesweit|deutschlandweit|unbefristet|in\s+festanstellung"
    r"|senior|junior|jung(?=\s)|erfahrene[rn]?|examinierte[rn]?|staatlich anerkannte[rn]?"
    r"|gelernte[rn]?|qualifizierte[rn]?|engagierte[rn]?|motivierte[rn]?|zuverlässige[rn]?"
    r"|mit erfahrung|ohne erfahrung|top-?gehalt|übertariflich\w*|nach tarif|tvöd|tv-l"
    r"|klasse\s+[a-d]\w*(?:\s*/\s*[a-d]\w*)*|führerschein\s+\w+|\d+\s*std\.?(?:/woche)?"
    r"|\d+\s*stunden(?:/woche)?|\d+\s*%"
    r")\b",
    re.IGNORECASE,
)
# Employer and place: everything after a dash between spaces, " | ", ", " or " @ ".
_CONTEXT = re.compile(r"\s+[-\u2013\u2014|@]\s+|\s*,\s+|\s*\|\s*")
# " in Gießen", " bei Firma X", " Raum Marburg", " für Hausarztpraxis in Lich" at the end.
_PLACE = re.compile(r"\s+(?:in|bei|raum|region|nähe|standort)\s+[A-ZÄÖÜ][\w.\- ]*$")
_PARTS = re.compile(r"(?<!-)\s*/\s*|\s*&\s*|\s*\+\s*|(?<!-)\s+(?:und|oder)\s+")
_SLASH = re.compile(r"(?<!-)\s*/\s*")
_SPACE = re.compile(r"\s+")
_EMPTY_BRACKETS = re.compile(r"\(\s*[-/,;.]*\s*\)|\[\s*\]")


def _tidy(text: str) -> str:
    text = _EMPTY_BRACKETS.sub(" ", text)
    return _SPACE.sub(" ", text).strip(" -\u2013,;:/|*.()")


@lru_cache(maxsize=16384)
def clean_title(title: str) -> str:
    """The title without gender tags, working time, seniority, employer or place, and with
    known abbreviations written out."""
    text = unicodedata.normalize("NFKC", title)
    text = _GENDER_TAG.sub(" ", text)
    # "Medizinische Fachangestellte (MFA)": the long form is there already.
    text = _BRACKETED_ABBREVIATION.sub(" ", text)
    text = _ABBREVIATION.sub(lambda m: f" {ABBREVIATIONS[m.group(1)]} ", text)
    # Keep the first context segment that still has words once the noise is gone.
    segments = [_tidy(_NOISE.sub(" ", s)) for s in _CONTEXT.split(text)]
    text = next((s for s in segments if s), "")
    text = _tidy(_PLACE.sub("", text))
    return text


@lru_cache(maxsize=16384)
def title_variants(title: str) -> tuple[str, ...]:
    """The cleaned title and, when it joins several occupations with "/", "&" or "und", each
    of them (gender forms such as Koch/Köchin or Kaufmann/-frau are no second occupation).
    Empty when nothing is left."""
    cleaned = clean_title(title)
    if not cleaned:
        cleaned = _tidy(title)
    if not cleaned:
        return ()
    whole = _tidy(_SLASH_SUFFIX.sub("", cleaned)) or cleaned
    # "Maler und Lackierer" is one occupation, "Koch und Kellner" two: the parts go with the
    # whole, whose own score still counts. Parts with the same key as the whole or as each
    # other (Koch/Köchin, Kauffrau/Kaufmann) are one.
    variants = [whole]
    keys = {normalise(whole)}
    for part in (_tidy(p) for p in _PARTS.split(whole)):
        key = normalise(part)
        if len(part) >= 4 and not part.isupper() and key and key not in keys:
            keys.add(key)
            variants.append(part)
    if len(variants) == 2:  # the other parts were too short or the same occupation
        return (variants[1] if _PARTS.search(whole) and normalise(variants[1]) else whole,)
    return tuple(variants[:4])


def one_form(text: str) -> str:
    """The first of forms joined by "/" that are one occupation in other genders
    ("Verkäufer/Verkäuferin", "Referent für X/Referentin für X" -> the masculine form, as the
    coder's label keys fold them), else the text. The key (`normalise`) stays the same, so only
    what the model embeds is shorter."""
    if "/" not in text:
        return text
    forms = [form for form in (_tidy(f) for f in _SLASH.split(text)) if form]
    key = normalise(text)
    if len(forms) > 1 and all(normalise(form) == key for form in forms):
        return forms[0]
    return text
