"""Reference data: the authorities that decide on recognition for the demo county (Landkreis
Gießen, Hesse) and the nationwide ones, by the KldB 2010 areas they are responsible for.

Responsibilities as published on anerkennung-in-deutschland.de (Federal Institute for
Vocational Education and Training) as of 2026; where the assignment is less certain the
entry carries a note to check it. Administrators maintain the list afterwards; the migration
adds only names that are not there yet and removes nothing when reversed by hand edits.
"""

from django.db import migrations

CHECK = (
    "Bitte prüfen: Zuständigkeit vor Antragstellung auf anerkennung-in-deutschland.de bestätigen."
)

# Crafts (Handwerk) with a vocational training: wood, metal, vehicles, electrics, food,
# building and finishing trades, plumbing, hairdressing, textiles.
CRAFTS = (
    "223@23 244@23 245@23 252@23 262@23 263@23 28@23 292@23 321@23 331@23 332@23 333@23 "
    "342@23 823@23"
)
ENGINEERING = "22@4 24@4 25@4 26@4 27@4 31104 3113@4 32@4 34@4 42@4"

AUTHORITIES = [
    {
        "name": "IHK FOSA (Foreign Skills Approval)",
        "state": "federal",
        "responsible_for": "Ausbildungsberufe im Bereich von Industrie und Handel (IHK-Berufe) "
        "und Fortbildungsabschlüsse der IHKs, bundesweit.",
        "address": "Ulmenstraße 52g\n90443 Nürnberg",
        "website": "https://www.ihk-fosa.de",
        "kldb_areas": "1@23 2@23 3@23 4@23 5@23 6@23 7@23 8@23 9@23",
        "note": "",
    },
    {
        "name": "Handwerkskammer Wiesbaden",
        "state": "HE",
        "responsible_for": "Handwerksberufe (Gesellen- und Meisterabschlüsse) für Mittel- und "
        "Westhessen einschließlich des Landkreises Gießen.",
        "address": "Bierstadter Straße 45\n65189 Wiesbaden",
        "website": "https://www.hwk-wiesbaden.de",
        "kldb_areas": CRAFTS,
        "note": "Bitte prüfen: ob ein Beruf Handwerk (HWK) oder Industrie (IHK FOSA) ist, "
        "entscheidet der deutsche Referenzberuf.",
    },
    {
        "name": "Hessisches Landesamt für Gesundheit und Pflege (HLfGP)",
        "state": "HE",
        "responsible_for": "Gesundheitsfachberufe und akademische Heilberufe: Pflege, "
        "Ärztinnen und Ärzte, Zahnmedizin, Pharmazie, Psychotherapie, Therapieberufe, "
        "medizinisch-technische Berufe.",
        "website": "https://hlfgp.hessen.de",
        "kldb_areas": "812 813 814 816 817 818 821",
        "note": "",
    },
    {
        "name": "Hessische Lehrkräfteakademie",
        "state": "HE",
        "responsible_for": "Lehrkräfte an allgemeinbildenden und beruflichen Schulen.",
        "website": "https://lehrkraefteakademie.hessen.de",
        "kldb_areas": "841 8421@4",
        "note": "",
    },
    {
        "name": "Regierungspräsidium Kassel, Anerkennung sozialer Berufe",
        "state": "HE",
        "responsible_for": "Sozialarbeit und Sozialpädagogik, Erzieherinnen und Erzieher, "
        "Heilerziehungspflege, Kinderpflege.",
        "website": "https://rp-kassel.hessen.de",
        "kldb_areas": "8311 8312 8313",
        "note": CHECK,
    },
    {
        "name": "Ingenieurkammer Hessen",
        "state": "HE",
        "responsible_for": "Berufsbezeichnung „Ingenieurin/Ingenieur“ (Hessisches "
        "Ingenieurgesetz) und Bauvorlageberechtigung.",
        "address": "Gustav-Stresemann-Ring 6\n65189 Wiesbaden",
        "website": "https://www.ingkh.de",
        "kldb_areas": ENGINEERING,
        "note": "",
    },
    {
        "name": "Architekten- und Stadtplanerkammer Hessen",
        "state": "HE",
        "responsible_for": "Architektur, Innenarchitektur, Landschaftsarchitektur, Stadtplanung.",
        "address": "Bierstadter Straße 2\n65189 Wiesbaden",
        "website": "https://www.akh.de",
        "kldb_areas": "3111 3112@4",
        "note": "",
    },
    {
        "name": "Hessisches Ministerium der Justiz, Justizprüfungsamt",
        "state": "HE",
        "responsible_for": "Rechtsberufe: Eignungsprüfung und Anrechnung ausländischer "
        "juristischer Ausbildungen.",
        "website": "https://justizministerium.hessen.de",
        "kldb_areas": "731",
        "note": "Bitte prüfen: Niederlassung als europäische Rechtsanwältin/europäischer "
        "Rechtsanwalt über die Rechtsanwaltskammer Frankfurt am Main.",
    },
    {
        "name": "Zentralstelle für ausländisches Bildungswesen (ZAB)",
        "state": "federal",
        "responsible_for": "Zeugnisbewertung ausländischer Hochschulabschlüsse für "
        "nicht reglementierte Berufe, bundesweit.",
        "address": "Graurheindorfer Straße 157\n53117 Bonn",
        "website": "https://www.kmk.org/zab",
        "kldb_areas": "@4",
        "note": "",
    },
]


def load(apps, schema_editor):
    Authority = apps.get_model("recognition", "CompetentAuthority")
    for data in AUTHORITIES:
        Authority.objects.get_or_create(name=data["name"], defaults=data)


def unload(apps, schema_editor):
    Authority = apps.get_model("recognition", "CompetentAuthority")
    Authority.objects.filter(
        name__in=[a["name"] for a in AUTHORITIES], procedures__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("recognition", "0003_authority_areas")]

    operations = [migrations.RunPython(load, unload)]
