"""Regions of origin: a person's first nationality (ISO 3166 alpha-2) mapped to a world region.

Pure: no Django import. Regions follow the UN M49 groups, with the origins that shape the
centre's work kept visible (the EU, the rest of Europe with Ukraine and Türkiye, the Middle
East and North Africa, Afghanistan with Iran and Pakistan).
"""

from __future__ import annotations

EU_EFTA = "eu_efta"
OTHER_EUROPE = "other_europe"
MENA = "mena"
SOUTH_CENTRAL_ASIA = "south_central_asia"
OTHER_ASIA = "other_asia"
SUB_SAHARAN_AFRICA = "sub_saharan_africa"
AMERICAS_OCEANIA = "americas_oceania"
UNKNOWN = "unknown"

REGION_ORDER = (
    EU_EFTA,
    OTHER_EUROPE,
    MENA,
    SOUTH_CENTRAL_ASIA,
    OTHER_ASIA,
    SUB_SAHARAN_AFRICA,
    AMERICAS_OCEANIA,
    UNKNOWN,
)

_MEMBERS = {
    EU_EFTA: "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK "
    "IS LI NO CH",
    OTHER_EUROPE: "UA RU BY MD GE AM AZ TR AL BA ME MK RS XK GB",
    MENA: "SY IQ LB JO PS IL EG LY TN DZ MA SA YE OM AE QA KW BH SD",
    SOUTH_CENTRAL_ASIA: "AF IR PK IN BD LK NP BT MV KZ KG TJ TM UZ",
    OTHER_ASIA: "CN JP KR KP MN VN LA KH TH MM MY SG ID PH TL BN TW HK",
    SUB_SAHARAN_AFRICA: "ER ET SO DJ KE UG TZ RW BI SS CD CG CF CM NG GH CI SN GM GN GW SL LR "
    "ML BF NE TD BJ TG MR CV GA GQ ST AO ZM ZW MW MZ MG NA BW ZA LS SZ KM MU SC",
    AMERICAS_OCEANIA: "US CA MX GT HN SV NI CR PA CU DO HT JM CO VE EC PE BO CL AR UY PY BR AU NZ",
}
REGION_OF: dict[str, str] = {
    code: region for region, codes in _MEMBERS.items() for code in codes.split()
}


def region_of(country: str) -> str:
    """The region of a country code; `unknown` for none, stateless or a code not listed."""
    return REGION_OF.get((country or "").upper(), UNKNOWN)
