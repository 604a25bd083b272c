"""Landkreis Gießen (Hesse): its 18 towns and municipalities, for addresses and distances.

Official municipality keys (Amtlicher Gemeindeschlüssel, AGS) as published by the Federal
Statistical Office; coordinates are the approximate centre of the main locality. The zone
decides which team of the centre serves the place.
"""

from __future__ import annotations

from typing import NamedTuple

COUNTY_NAME = "Landkreis Gießen"
COUNTY_KEY = "06531"


class Place(NamedTuple):
    name: str
    official_key: str
    latitude: float
    longitude: float
    postal_codes: tuple[str, ...]
    zone: str  # "city", "east" or "west"


MUNICIPALITIES: tuple[Place, ...] = (
    Place("Allendorf (Lumda)", "06531001", 50.6833, 8.8214, ("35469",), "east"),
    Place("Biebertal", "06531002", 50.6283, 8.5822, ("35444",), "west"),
    Place("Buseck", "06531003", 50.6105, 8.7812, ("35418",), "east"),
    Place("Fernwald", "06531004", 50.5592, 8.7894, ("35463",), "east"),
    Place(
        "Gießen", "06531005", 50.5841, 8.6784, ("35390", "35392", "35394", "35396", "35398"), "city"
    ),
    Place("Grünberg", "06531006", 50.5944, 8.9581, ("35305",), "east"),
    Place("Heuchelheim an der Lahn", "06531007", 50.5853, 8.6333, ("35452",), "west"),
    Place("Hungen", "06531008", 50.4742, 8.8994, ("35410",), "east"),
    Place("Langgöns", "06531009", 50.5003, 8.6672, ("35428",), "west"),
    Place("Laubach", "06531010", 50.5419, 9.0003, ("35321",), "east"),
    Place("Lich", "06531011", 50.5211, 8.8161, ("35423",), "east"),
    Place("Linden", "06531012", 50.5333, 8.6500, ("35440",), "west"),
    Place("Lollar", "06531013", 50.6472, 8.7050, ("35457",), "west"),
    Place("Pohlheim", "06531014", 50.5264, 8.7161, ("35415",), "west"),
    Place("Rabenau", "06531015", 50.6772, 8.8600, ("35466",), "east"),
    Place("Reiskirchen", "06531016", 50.6000, 8.8333, ("35447",), "east"),
    Place("Staufenberg", "06531017", 50.6628, 8.7306, ("35460",), "west"),
    Place("Wettenberg", "06531018", 50.6167, 8.6500, ("35435",), "west"),
)

# Relative weight of each place for where clients live: the university town has most of the
# county's housing for new arrivals, the rural east the least.
RESIDENCE_WEIGHTS: dict[str, int] = {
    "Gießen": 46,
    "Lich": 5,
    "Hungen": 4,
    "Grünberg": 4,
    "Pohlheim": 4,
    "Linden": 4,
    "Lollar": 4,
    "Wettenberg": 3,
    "Heuchelheim an der Lahn": 3,
    "Buseck": 3,
    "Langgöns": 3,
    "Laubach": 3,
    "Reiskirchen": 3,
    "Staufenberg": 2,
    "Fernwald": 2,
    "Biebertal": 2,
    "Rabenau": 1,
    "Allendorf (Lumda)": 1,
}

# Street names common across Hessian towns; combined with any municipality they describe
# no particular real household.
STREETS: tuple[str, ...] = (
    "Bahnhofstraße",
    "Hauptstraße",
    "Schulstraße",
    "Gartenstraße",
    "Ringstraße",
    "Lindenstraße",
    "Friedrichstraße",
    "Goethestraße",
    "Schillerstraße",
    "Bergstraße",
    "Kirchstraße",
    "Am Anger",
    "Wiesenweg",
    "Lahnstraße",
    "Frankfurter Straße",
    "Marburger Straße",
    "Grünberger Straße",
    "Licher Straße",
    "Am Sportplatz",
    "Mühlweg",
    "Burgstraße",
    "Rosenweg",
    "Eichendorffring",
    "Wilhelmstraße",
    "Südanlage",
    "Nordanlage",
    "Sudetenstraße",
    "Am Hang",
    "Waldweg",
    "Feldstraße",
)

# Telephone numbers that the Bundesnetzagentur keeps permanently unassigned for use in media
# ("Drama Numbers", Amtsblatt 7/2021, Mitteilung 148/2021): 1,000 numbers in each of these
# local networks. Synthetic people get these so nobody is ever called by mistake.
DRAMA_NUMBER_PREFIXES: tuple[str, ...] = (
    "+49 69 90009 ",
    "+49 30 23125 ",
    "+49 40 66969 ",
    "+49 221 4710 ",
    "+49 89 99998 ",
)

# Domains reserved for documentation (RFC 2606): no mail ever reaches a real mailbox.
EMAIL_DOMAINS: tuple[str, ...] = ("example.org", "example.net", "example.com")
