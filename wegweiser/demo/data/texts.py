"""Building blocks for the German texts caseworkers write: orientation, notes, next steps.

These are record contents in the staff's working language, not interface strings, so they
are not translated.
"""

from __future__ import annotations

from typing import NamedTuple


class Occupation(NamedTuple):
    """A previous occupation, how it was learnt, and what the person aims for in Germany.

    `skill` is 0 for unskilled, 1 for trained or experienced, 2 for a university degree.
    The weights say how often men and women arrive with it.
    """

    title_m: str
    title_f: str
    training: str
    skill: int
    target: str
    weight_m: int
    weight_f: int


OCCUPATIONS: tuple[Occupation, ...] = (
    Occupation(
        "Elektriker",
        "Elektrikerin",
        "Berufsschule (2 Jahre) und Praxis",
        1,
        "Elektroniker/in",
        6,
        0,
    ),
    Occupation(
        "Schneider", "Schneiderin", "im Familienbetrieb angelernt", 1, "Änderungsschneiderei", 4, 6
    ),
    Occupation(
        "Lkw-Fahrer",
        "Lkw-Fahrerin",
        "kein Abschluss, Führerschein Klasse C",
        1,
        "Berufskraftfahrer/in",
        6,
        0,
    ),
    Occupation(
        "Bauarbeiter", "Bauarbeiterin", "angelernt auf Baustellen", 0, "Ausbildung Maurer/in", 9, 0
    ),
    Occupation("Friseur", "Friseurin", "eigener Salon", 1, "Friseur/in", 4, 5),
    Occupation("Koch", "Köchin", "in Restaurants angelernt", 1, "Koch/Köchin", 5, 3),
    Occupation("Verkäufer", "Verkäuferin", "Einzelhandel, angelernt", 0, "Verkauf", 6, 6),
    Occupation(
        "Kfz-Mechaniker", "Kfz-Mechanikerin", "eigene Werkstatt", 1, "Kfz-Mechatroniker/in", 6, 0
    ),
    Occupation(
        "Schweißer", "Schweißerin", "Zertifikat aus dem Herkunftsland", 1, "Schweißer/in", 4, 0
    ),
    Occupation(
        "Landwirt",
        "Landwirtin",
        "Landwirtschaft im Familienbetrieb",
        0,
        "Garten- und Landschaftsbau",
        5,
        2,
    ),
    Occupation(
        "Lagerarbeiter",
        "Lagerarbeiterin",
        "ohne Ausbildung",
        0,
        "Fachkraft für Lagerlogistik",
        7,
        2,
    ),
    Occupation("Bäcker", "Bäckerin", "angelernt", 1, "Bäcker/in", 3, 1),
    Occupation(
        "Reinigungskraft", "Reinigungskraft", "ohne Ausbildung", 0, "Gebäudereinigung", 2, 6
    ),
    Occupation("Pflegehelfer", "Pflegehelferin", "Kurs (6 Monate)", 1, "Pflegefachkraft", 1, 6),
    Occupation(
        "Krankenpfleger",
        "Krankenpflegerin",
        "Fachschule Krankenpflege (3 Jahre)",
        1,
        "Pflegefachkraft (Anerkennung)",
        2,
        5,
    ),
    Occupation("Lehrer", "Lehrerin", "Lehramtsstudium", 2, "Erzieher/in oder Lehrkraft", 2, 5),
    Occupation(
        "Bauingenieur", "Bauingenieurin", "Bachelor Bauingenieurwesen", 2, "Bauingenieur/in", 3, 1
    ),
    Occupation("Arzt", "Ärztin", "Studium der Humanmedizin", 2, "Arzt/Ärztin (Approbation)", 1, 1),
    Occupation("Apotheker", "Apothekerin", "Studium der Pharmazie", 2, "Apotheker/in", 1, 1),
    Occupation(
        "Buchhalter", "Buchhalterin", "Bachelor Wirtschaftswissenschaften", 2, "Buchhaltung", 2, 3
    ),
    Occupation("Softwareentwickler", "Softwareentwicklerin", "Bachelor Informatik", 2, "IT", 2, 1),
    Occupation("Jurist", "Juristin", "Studium der Rechtswissenschaften", 2, "Verwaltung", 1, 1),
    Occupation(
        "ohne Berufstätigkeit",
        "Hausfrau",
        "keine Berufsausbildung",
        0,
        "Kinderbetreuung oder Pflege",
        1,
        14,
    ),
    Occupation("Schüler", "Schülerin", "Schulbesuch, keine Berufserfahrung", 0, "Ausbildung", 4, 4),
)

SCHOOL_CERTIFICATES: tuple[tuple[int, str], ...] = (
    (0, "kein Schulbesuch"),
    (4, "Grundschule (nicht abgeschlossen)"),
    (6, "Grundschule"),
    (9, "Mittelschule, vergleichbar Hauptschulabschluss"),
    (10, "vergleichbar mittlerer Schulabschluss"),
    (12, "Abitur (Herkunftsland), Anerkennung offen"),
    (12, "Hochschulzugangsberechtigung (Herkunftsland)"),
)

CHILDCARE_NOTES: tuple[str, ...] = (
    "Kita-Platz beantragt, Warteliste.",
    "U3-Platz fehlt, Tagesmutter angefragt.",
    "Betreuung durch Großmutter an zwei Tagen möglich.",
    "Kita-Platz ab dem nächsten Monat zugesagt.",
    "Nur vormittags Betreuung, Kurs am Nachmittag nicht möglich.",
)

HEALTH_LIMITATIONS: tuple[str, ...] = (
    "Rückenbeschwerden, keine schweren Lasten heben.",
    "Eingeschränkte Belastbarkeit nach Knieoperation.",
    "Diabetes, regelmäßige Arzttermine.",
    "Hörminderung links, Hörgerät beantragt.",
    "Psychische Belastung nach der Flucht, therapeutische Anbindung besteht.",
    "Allergie gegen Reinigungsmittel, keine Tätigkeit in der Gebäudereinigung.",
)

GOALS: tuple[str, ...] = (
    "„Ich möchte so schnell wie möglich arbeiten und eigenes Geld verdienen.“",
    "„Ich will zuerst richtig Deutsch lernen, dann eine Ausbildung machen.“",
    "„Ich möchte wieder in meinem Beruf arbeiten.“",
    "„Ich möchte, dass meine Kinder hier gut ankommen, und später arbeiten.“",
    "„Mein Abschluss soll anerkannt werden.“",
    "„Ich möchte den Führerschein machen, damit ich zur Arbeit komme.“",
    "„Ich suche eine Arbeit in der Nähe meiner Wohnung.“",
)

OBSTACLES: tuple[str, ...] = (
    "Kein Kita-Platz.",
    "Abschluss noch nicht anerkannt.",
    "Schlechte Busverbindung nach Gießen.",
    "Wohnsitzauflage.",
    "Warteliste für den Integrationskurs.",
    "Unterlagen aus dem Herkunftsland fehlen.",
    "Keine eigene Wohnung, lebt in einer Gemeinschaftsunterkunft.",
    "Lernschwierigkeiten im Kurs, Alphabetisierung nötig.",
)

GERMAN_EXAMS: dict[str, tuple[str, ...]] = {
    "A1": ("Goethe-Zertifikat A1: Start Deutsch 1", "telc Deutsch A1"),
    "A2": ("DTZ (A2)", "telc Deutsch A2", "Goethe-Zertifikat A2"),
    "B1": ("DTZ (B1)", "telc Deutsch B1", "Goethe-Zertifikat B1"),
    "B2": ("DTB B2", "telc Deutsch B2", "Goethe-Zertifikat B2"),
    "C1": ("DTB C1", "telc Deutsch C1 Hochschule", "TestDaF"),
}

NOTE_TOPICS: dict[str, tuple[str, ...]] = {
    "intake": ("Erstgespräch", "Unterlagen", "Einwilligungen"),
    "language": ("Integrationskurs", "Berufssprachkurs", "Sprachstand"),
    "recognition": ("Anerkennung", "Zeugnisse", "Übersetzungen"),
    "job": ("Bewerbung", "Vermittlung", "Praktikum"),
    "residence": ("Aufenthalt", "Ausländerbehörde"),
    "family": ("Kinderbetreuung", "Wohnung", "Familie"),
    "follow_up": ("Nachbetreuung", "Arbeitsaufnahme"),
}

NOTE_SENTENCES: dict[str, tuple[str, ...]] = {
    "intake": (
        "Erstgespräch geführt, Lebenssituation und bisherige Ausbildung besprochen.",
        "Unterlagen gesichtet: Aufenthaltstitel, Zeugnisse teilweise vorhanden.",
        "Einwilligungen erklärt und unterschrieben.",
        "Ablauf der Beratung und nächste Schritte erläutert.",
    ),
    "language": (
        "Anmeldung zum Integrationskurs besprochen, Berechtigungsschein liegt vor.",
        "Kurs läuft, Teilnahme regelmäßig; Prüfung im nächsten Quartal.",
        "DTZ bestanden, Anschluss mit Berufssprachkurs B2 geplant.",
        "Kursplatz in Wohnortnähe fehlt; Alternative in Gießen geprüft.",
    ),
    "recognition": (
        "Zeugnisse zur Übersetzung gegeben, Antrag auf Anerkennung vorbereitet.",
        "Bescheid über teilweise Gleichwertigkeit erhalten, Anpassungsqualifizierung besprochen.",
        "Referenzberuf geklärt, Antrag bei der zuständigen Stelle eingereicht.",
    ),
    "job": (
        "Lebenslauf erstellt und Bewerbungsunterlagen überarbeitet.",
        "Vorschlag an einen Arbeitgeber nach Einwilligung versandt.",
        "Vorstellungsgespräch vorbereitet; Probearbeit vereinbart.",
        "Praktikum für vier Wochen vereinbart.",
    ),
    "residence": (
        "Aufenthaltstitel läuft bald ab; Termin bei der Ausländerbehörde besprochen.",
        "Beschäftigungserlaubnis bei der Ausländerbehörde beantragt.",
        "Wohnsitzauflage erschwert die Arbeitssuche außerhalb des Kreises.",
    ),
    "family": (
        "Kita-Anmeldung unterstützt, Platz noch nicht zugesagt.",
        "Wohnungssuche ist belastend; Kontakt zur Wohnungsberatung hergestellt.",
        "Familiennachzug läuft, Unterlagen für die Botschaft besprochen.",
    ),
    "follow_up": (
        "Nachbetreuung: Arbeit läuft gut, Probezeit bestanden.",
        "Kontakt nach Arbeitsaufnahme: Fragen zur Lohnabrechnung geklärt.",
        "Schichtarbeit und Kinderbetreuung schwer vereinbar; Lösung mit Arbeitgeber gesucht.",
    ),
}

NEXT_STEPS: dict[str, tuple[str, ...]] = {
    "intake": (
        "Kopie des Aufenthaltstitels nachreichen",
        "Schulzeugnisse mitbringen",
        "Erstorientierung abschließen",
    ),
    "language": (
        "Anmeldung beim Kursträger bestätigen",
        "Berechtigungsschein beim BAMF anfordern",
        "Prüfungsergebnis DTZ vorlegen",
    ),
    "recognition": (
        "Zeugnisse übersetzen lassen",
        "Antrag auf Anerkennung einreichen",
        "Rückmeldung der Anerkennungsstelle nachfragen",
    ),
    "job": (
        "Bewerbung nachfassen",
        "Lebenslauf aktualisieren",
        "Termin für Probearbeit bestätigen",
    ),
    "residence": (
        "Termin bei der Ausländerbehörde vereinbaren",
        "Verlängerung des Aufenthaltstitels beantragen",
    ),
    "family": ("Kita-Platz nachfragen", "Unterlagen Wohnungsamt einreichen"),
    "follow_up": ("Kontakt nach drei Monaten", "Kontakt nach sechs Monaten"),
}

CONSENT_SCOPES: dict[str, str] = {
    "course_referral": "Kontaktdaten, Sprachstand, Aufenthaltsstatus",
    "recognition": "Zeugnisse, Lebenslauf, Kontaktdaten",
    "job_placement": "Lebenslauf, Sprachstand, Qualifikationen",
    "immigration_office": "Personalien, Aufenthaltsstatus, Teilnahme an Maßnahmen",
    "counselling": "Kontaktdaten, Anliegen",
    "other": "Kontaktdaten",
}
