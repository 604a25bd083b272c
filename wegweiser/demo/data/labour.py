"""The demo labour market's fixed data: occupations with their ESCO codes, the invented
employers of Landkreis Gießen, and the texts and shares the loader (`demo/jobs.py`) draws from.
"""

from __future__ import annotations

from dataclasses import dataclass

from wegweiser.jobs.models import (
    EmployerChannel,
    FollowUp,
    Funding,
    Hours,
    JobProposal,
    Sector,
    WageBand,
)

LOGIN_EMPLOYER = "Logistikzentrum Lahnaue GmbH"  # the organisation of the employer login


# ---------------------------------------------------------------------------------------------
# Occupations: ESCO codes with the English label as a fallback if a data version renumbers


@dataclass(frozen=True)
class Job:
    """An occupation as employers advertise it."""

    label_en: str
    title: str  # as the employer writes it
    german: str  # level asked for; "" = none
    hours: str
    wage: str
    skilled: bool = False  # a trained occupation: apprenticeships are offered for it
    recognition: bool = False  # a regulated profession: recognition is required


FULL, PART, SHIFTS = Hours.FULL_TIME, Hours.PART_TIME, Hours.SHIFTS
MIN, TO15, TO20, ABOVE20 = (
    WageBand.MINIMUM,
    WageBand.UP_TO_15,
    WageBand.UP_TO_20,
    WageBand.ABOVE_20,
)

JOBS: dict[str, Job] = {
    "9333.8": Job("warehouse worker", "Lagerhelfer (m/w/d)", "A2", SHIFTS, MIN),
    "9333.8.1": Job("warehouse order picker", "Kommissionierer (m/w/d)", "A1", SHIFTS, MIN),
    "8344.1": Job("forklift operator", "Staplerfahrer (m/w/d)", "A2", SHIFTS, TO15),
    "8332.2": Job("cargo vehicle driver", "Berufskraftfahrer CE (m/w/d)", "B1", FULL, TO20, True),
    "8322.2": Job("car and van delivery driver", "Zusteller Transporter (m/w/d)", "A2", FULL, TO15),
    "9321.2": Job("hand packer", "Verpackungshelfer (m/w/d)", "", SHIFTS, MIN),
    "5321.1": Job("healthcare assistant", "Pflegehelfer (m/w/d)", "B1", SHIFTS, TO15),
    "2221.2": Job(
        "nurse responsible for general care",
        "Pflegefachkraft (m/w/d)",
        "B2",
        SHIFTS,
        ABOVE20,
        skilled=True,
        recognition=True,
    ),
    "5322.1": Job("home care aide", "Alltagsbegleiter (m/w/d)", "B1", PART, TO15),
    "7411.1": Job(
        "electrician", "Elektroniker Energie- und Gebäudetechnik (m/w/d)", "B1", FULL, TO20, True
    ),
    "8212.2": Job(
        "electrical equipment assembler", "Montagehelfer Elektro (m/w/d)", "A2", FULL, TO15
    ),
    "7112.1": Job("bricklayer", "Maurer (m/w/d)", "A2", FULL, TO20, True),
    "9313.1": Job("building construction worker", "Bauhelfer (m/w/d)", "A1", FULL, MIN),
    "7123.2": Job("plasterer", "Stuckateur (m/w/d)", "A2", FULL, TO15, True),
    "7131.1": Job("construction painter", "Maler und Lackierer (m/w/d)", "A2", FULL, TO15, True),
    "7126.8": Job("plumber", "Anlagenmechaniker SHK (m/w/d)", "B1", FULL, TO20, True),
    "7231.10": Job("vehicle technician", "Kfz-Mechatroniker (m/w/d)", "B1", FULL, TO20, True),
    "9122.1": Job("vehicle cleaner", "Fahrzeugaufbereiter (m/w/d)", "", FULL, MIN),
    "9112.4": Job("room attendant", "Zimmerreinigung (m/w/d)", "", PART, MIN),
    "4226.1": Job("receptionist", "Rezeptionist (m/w/d)", "B2", SHIFTS, TO15),
    "9412.2": Job("kitchen porter", "Spülkraft (m/w/d)", "", PART, MIN),
    "9412.1": Job("kitchen assistant", "Küchenhilfe (m/w/d)", "A1", SHIFTS, MIN),
    "5120.1": Job("cook", "Koch (m/w/d)", "A2", SHIFTS, TO15, True),
    "5131.2": Job("waiter/waitress", "Servicekraft (m/w/d)", "B1", SHIFTS, MIN),
    "5230.1": Job("cashier", "Kassierer (m/w/d)", "B1", PART, TO15),
    "9334.1": Job("shelf filler", "Warenverräumer (m/w/d)", "A1", PART, MIN),
    "5223.4": Job("sales assistant", "Verkäufer (m/w/d)", "B1", FULL, TO15, True),
    "5223.7.4": Job(
        "bakery specialised seller", "Bäckereifachverkäufer (m/w/d)", "B1", PART, TO15, True
    ),
    "7512.1": Job("baker", "Bäcker (m/w/d)", "A2", SHIFTS, TO15, True),
    "8219.9": Job(
        "plastic products assembler", "Produktionshelfer Kunststoff (m/w/d)", "A1", SHIFTS, TO15
    ),
    "8142.1": Job(
        "blow moulding machine operator", "Maschinenbediener Blasformen (m/w/d)", "A2", SHIFTS, TO15
    ),
    "7233.7": Job(
        "industrial machinery mechanic", "Industriemechaniker (m/w/d)", "B1", SHIFTS, TO20, True
    ),
    "7212.3": Job("welder", "Schweißer (m/w/d)", "A2", FULL, TO20),
    "7213.4": Job("sheet metal worker", "Metallbauer (m/w/d)", "A2", FULL, TO20, True),
    "8160.34": Job(
        "food production operator", "Produktionsmitarbeiter Lebensmittel (m/w/d)", "A1", SHIFTS, MIN
    ),
    "8157.1": Job("laundry worker", "Mitarbeiter Wäscherei (m/w/d)", "", SHIFTS, MIN),
    "7533.5": Job("sewing machinist", "Näher (m/w/d)", "A1", FULL, MIN),
    "9112.2": Job("building cleaner", "Reinigungskraft (m/w/d)", "", PART, MIN),
    "9123.1": Job("window cleaner", "Glasreiniger (m/w/d)", "A1", FULL, TO15),
    "2512.4": Job("software developer", "Softwareentwickler (m/w/d)", "B2", FULL, ABOVE20),
    "3313.2": Job("bookkeeper", "Buchhalter (m/w/d)", "B2", PART, TO20),
    "6113.5": Job(
        "landscape gardener", "Garten- und Landschaftsbauer (m/w/d)", "A2", FULL, TO15, True
    ),
    "9214.1": Job("garden labourer", "Helfer Grünpflege (m/w/d)", "", FULL, MIN),
}

# What a person of each background (texts.OCCUPATIONS, by the male title) worked as, and the
# occupation of the goal the orientation names; the goal is coded for some as a job wish.
BACKGROUNDS: dict[str, tuple[str | None, str | None]] = {
    "Elektriker": ("7411.1", "7411.1"),
    "Schneider": ("7531.5", "7533.5"),
    "Lkw-Fahrer": ("8332.2", "8332.2"),
    "Bauarbeiter": ("9313.1", "7112.1"),
    "Friseur": ("5141.1", "5141.1"),
    "Koch": ("5120.1", "5120.1"),
    "Verkäufer": ("5223.4", "5223.4"),
    "Kfz-Mechaniker": ("7231.10", "7231.10"),
    "Schweißer": ("7212.3", "7212.3"),
    "Landwirt": ("6130.2", "6113.5"),
    "Lagerarbeiter": ("9333.8", "8344.1"),
    "Bäcker": ("7512.1", "7512.1"),
    "Reinigungskraft": ("9112.2", "9112.2"),
    "Pflegehelfer": ("5321.1", "2221.2"),
    "Krankenpfleger": ("2221.2", "2221.2"),
    "Lehrer": ("2341.1", "5311.1"),
    "Bauingenieur": ("2142.1", "2142.1"),
    "Arzt": ("2211.1", "2211.1"),
    "Apotheker": ("2262.1", "2262.1"),
    "Buchhalter": ("3313.2", "3313.2"),
    "Softwareentwickler": ("2512.4", "2512.4"),
    "Jurist": ("2611.1", None),
    "ohne Berufstätigkeit": (None, None),
    "Schüler": (None, None),
}
FIRST_WISHES = ("9412.1", "9112.2", "5311.1", "5321.1", "9333.8.1")  # no work history yet
YOUTH_WISHES = ("7411.1", "7231.10", "5223.4", "5321.1", "9333.8", "5120.1")
OTHER_LABELS: dict[str, str] = {  # occupations of persons that no demo employer advertises
    "7531.5": "tailor",
    "5141.1": "hairdresser",
    "6130.2": "mixed farmer",
    "2341.1": "primary school teacher",
    "5311.1": "child care worker",
    "2142.1": "civil engineer",
    "2211.1": "general practitioner",
    "2262.1": "pharmacist",
    "2611.1": "lawyer",
}


# ---------------------------------------------------------------------------------------------
# Employers


@dataclass(frozen=True)
class EmployerSpec:
    name: str
    sector: str
    town: str
    channel: str
    little_german: bool
    sites: tuple[tuple[str, str], ...]  # name, municipality
    jobs: tuple[str, ...]
    open: int  # open vacancies
    note: str = ""


S = Sector
C = EmployerChannel
EMPLOYERS: tuple[EmployerSpec, ...] = (
    EmployerSpec(
        LOGIN_EMPLOYER,
        S.LOGISTICS,
        "Gießen",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Lager Gießen-West", "Gießen"), ("Umschlaglager Langgöns", "Langgöns")),
        ("9333.8", "9333.8.1", "8344.1", "8332.2", "9321.2"),
        11,
        "Über die Wirtschaftsförderung; stellt im Lager auch mit Deutsch A1 ein, "
        "Staplerschein wird im Betrieb gemacht.",
    ),
    EmployerSpec(
        "Paketzentrum Mittelhessen GmbH",
        S.LOGISTICS,
        "Linden",
        C.JOB_FAIR,
        True,
        (("Verteilzentrum Linden", "Linden"),),
        ("8322.2", "9321.2", "9333.8.1"),
        8,
        "Kennengelernt auf der Jobmesse; Frühschicht ab 5 Uhr, Führerschein B für Zustellung.",
    ),
    EmployerSpec(
        "Spedition Lahn-Wetter KG",
        S.LOGISTICS,
        "Lich",
        C.CHAMBER,
        False,
        (("Betriebshof Lich", "Lich"),),
        ("8332.2", "9333.8", "8344.1"),
        6,
    ),
    EmployerSpec(
        "Versandhandel Oberhessen GmbH",
        S.LOGISTICS,
        "Reiskirchen",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Versandlager Reiskirchen", "Reiskirchen"),),
        ("9333.8.1", "9321.2", "8344.1"),
        7,
        "Saisonspitzen im Herbst; Einarbeitung mit Bildkarten.",
    ),
    EmployerSpec(
        "Seniorenzentrum Lindenhof",
        S.HEALTH,
        "Gießen",
        C.DIRECT,
        False,
        (("Haus Lindenhof", "Gießen"),),
        ("5321.1", "2221.2", "5322.1", "9412.1", "9112.2"),
        8,
        "Unterstützt die Anerkennung von Pflegefachkräften (Anpassungslehrgang).",
    ),
    EmployerSpec(
        "Pflegedienst Sonnenweg",
        S.HEALTH,
        "Pohlheim",
        C.DIRECT,
        False,
        (("Büro Pohlheim", "Pohlheim"), ("Station Linden", "Linden")),
        ("5321.1", "2221.2", "5322.1"),
        6,
        "Ambulante Touren, Führerschein erwünscht.",
    ),
    EmployerSpec(
        "Wohnpark Grünberger Höhe",
        S.HEALTH,
        "Grünberg",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Wohnpark Grünberg", "Grünberg"),),
        ("5321.1", "5322.1", "9412.1", "9112.2"),
        6,
    ),
    EmployerSpec(
        "Ambulante Pflege Lumdatal",
        S.HEALTH,
        "Allendorf (Lumda)",
        C.JOB_FAIR,
        False,
        (("Pflegebüro Allendorf", "Allendorf (Lumda)"), ("Zweigstelle Staufenberg", "Staufenberg")),
        ("5321.1", "2221.2"),
        4,
    ),
    EmployerSpec(
        "Elektrotechnik Brandt GmbH",
        S.CONSTRUCTION,
        "Wettenberg",
        C.CHAMBER,
        False,
        (("Betrieb Wettenberg", "Wettenberg"),),
        ("7411.1", "8212.2"),
        5,
        "Bildet aus; Berufsschule in Gießen.",
    ),
    EmployerSpec(
        "Bauunternehmen Keller & Sohn GmbH",
        S.CONSTRUCTION,
        "Langgöns",
        C.CHAMBER,
        True,
        (("Bauhof Langgöns", "Langgöns"),),
        ("7112.1", "9313.1", "7123.2"),
        7,
        "Baustellen im ganzen Kreis, Abholung am Bauhof.",
    ),
    EmployerSpec(
        "Malerbetrieb Farbwerk",
        S.CONSTRUCTION,
        "Lich",
        C.DIRECT,
        True,
        (("Werkstatt Lich", "Lich"),),
        ("7131.1",),
        3,
    ),
    EmployerSpec(
        "Haustechnik Lahntal GmbH",
        S.CONSTRUCTION,
        "Heuchelheim an der Lahn",
        C.CHAMBER,
        False,
        (("Betrieb Heuchelheim", "Heuchelheim an der Lahn"),),
        ("7126.8", "7411.1"),
        4,
    ),
    EmployerSpec(
        "Autohaus Buseck GmbH",
        S.TRADE,
        "Buseck",
        C.JOB_FAIR,
        False,
        (("Werkstatt Buseck", "Buseck"),),
        ("7231.10", "9122.1", "5223.4"),
        5,
    ),
    EmployerSpec(
        "Hotel Lahnblick",
        S.HOSPITALITY,
        "Gießen",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Hotel Lahnblick", "Gießen"),),
        ("9112.4", "4226.1", "9412.2", "5131.2"),
        7,
        "Housekeeping ohne Deutschkenntnisse möglich, Schichtplan zwei Wochen im Voraus.",
    ),
    EmployerSpec(
        "Landgasthof Zum Hirsch",
        S.HOSPITALITY,
        "Hungen",
        C.DIRECT,
        True,
        (("Landgasthof Hungen", "Hungen"),),
        ("5120.1", "5131.2", "9412.1"),
        4,
    ),
    EmployerSpec(
        "Systemgastronomie Mittelhessen GmbH",
        S.HOSPITALITY,
        "Gießen",
        C.JOB_FAIR,
        True,
        (("Restaurant Gießen Innenstadt", "Gießen"), ("Restaurant Linden", "Linden")),
        ("9412.1", "5120.1", "5230.1"),
        6,
    ),
    EmployerSpec(
        "Catering Oberhessen GmbH",
        S.HOSPITALITY,
        "Fernwald",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Großküche Fernwald", "Fernwald"),),
        ("5120.1", "9412.2", "8160.34"),
        5,
    ),
    EmployerSpec(
        "Frischemarkt Grünberg",
        S.TRADE,
        "Grünberg",
        C.DIRECT,
        True,
        (("Markt Grünberg", "Grünberg"),),
        ("9334.1", "5230.1", "5223.4"),
        5,
    ),
    EmployerSpec(
        "Bau- und Gartenmarkt Pohlheim",
        S.TRADE,
        "Pohlheim",
        C.JOB_FAIR,
        False,
        (("Markt Pohlheim", "Pohlheim"),),
        ("5223.4", "9333.8", "5230.1"),
        4,
    ),
    EmployerSpec(
        "Bäckerei Kornblume",
        S.MANUFACTURING,
        "Wettenberg",
        C.DIRECT,
        False,
        (
            ("Backstube Wettenberg", "Wettenberg"),
            ("Filiale Biebertal", "Biebertal"),
            ("Filiale Gießen Bahnhof", "Gießen"),
        ),
        ("7512.1", "5223.7.4"),
        6,
    ),
    EmployerSpec(
        "Kunststofftechnik Lollar GmbH",
        S.MANUFACTURING,
        "Lollar",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Werk Lollar", "Lollar"),),
        ("8219.9", "8142.1", "7233.7"),
        7,
        "Drei-Schicht-Betrieb; Werksbus ab Gießen.",
    ),
    EmployerSpec(
        "Metallbau Rabenau GmbH",
        S.MANUFACTURING,
        "Rabenau",
        C.CHAMBER,
        False,
        (("Werkstatt Rabenau", "Rabenau"),),
        ("7212.3", "7213.4"),
        5,
    ),
    EmployerSpec(
        "Feinkost Oberhessen GmbH",
        S.MANUFACTURING,
        "Hungen",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Produktion Hungen", "Hungen"),),
        ("8160.34", "9321.2"),
        6,
    ),
    EmployerSpec(
        "Textilpflege Lahnaue GmbH",
        S.OTHER,
        "Heuchelheim an der Lahn",
        C.JOB_FAIR,
        True,
        (("Wäscherei Heuchelheim", "Heuchelheim an der Lahn"),),
        ("8157.1", "7533.5"),
        4,
    ),
    EmployerSpec(
        "Gebäudereinigung Glanzpunkt GmbH",
        S.SERVICES,
        "Gießen",
        C.DEVELOPMENT_AGENCY,
        True,
        (("Niederlassung Gießen", "Gießen"), ("Objektbüro Lich", "Lich")),
        ("9112.2", "9123.1"),
        7,
        "Teilzeit am frühen Morgen und am Abend, passt zu Kursen am Vormittag.",
    ),
    EmployerSpec(
        "Lahnwerk Software GmbH",
        S.IT,
        "Gießen",
        C.CHAMBER,
        False,
        (("Büro Gießen", "Gießen"),),
        ("2512.4", "3313.2"),
        3,
        "Teamsprache teilweise Englisch.",
    ),
    EmployerSpec(
        "Garten- und Landschaftsbau Wiesengrund",
        S.AGRICULTURE,
        "Staufenberg",
        C.JOB_FAIR,
        True,
        (("Betriebshof Staufenberg", "Staufenberg"),),
        ("6113.5", "9214.1"),
        4,
    ),
)

CONTACT_FIRST = ("Andrea", "Michael", "Sandra", "Thomas", "Claudia", "Stefan", "Nicole", "Jens")
CONTACT_LAST = ("Lange", "Krause", "Roth", "Seidel", "Busch", "Ziegler", "Kuhn", "Engel", "Vogt")
CONTACT_FUNCTIONS = ("Personalleitung", "Geschäftsführung", "Betriebsleitung", "Ausbildung")
DESCRIPTIONS: dict[str, str] = {
    S.LOGISTICS: "Wareneingang, Kommissionierung und Versand im Schichtbetrieb.",
    S.HEALTH: "Unterstützung in der Pflege und Betreuung älterer Menschen.",
    S.CONSTRUCTION: "Arbeiten auf Baustellen im Landkreis, Einarbeitung durch Vorarbeiter.",
    S.TRADE: "Kundenberatung, Kasse und Warenverräumung.",
    S.HOSPITALITY: "Mitarbeit im Team von Küche, Service oder Housekeeping.",
    S.MANUFACTURING: "Mitarbeit in der Produktion, Einweisung an den Maschinen.",
    S.OTHER: "Mitarbeit in der Wäscherei und Näherei.",
    S.SERVICES: "Unterhaltsreinigung in Büros, Praxen und Schulen.",
    S.IT: "Entwicklung und Betreuung von Fachanwendungen.",
    S.AGRICULTURE: "Pflege von Grünanlagen, Pflanzarbeiten, Pflasterarbeiten.",
}
NOT_HIRED_REASONS = (
    (JobProposal.NotHiredReason.LANGUAGE, 30),
    (JobProposal.NotHiredReason.OTHER_CANDIDATE, 30),
    (JobProposal.NotHiredReason.QUALIFICATION, 12),
    (JobProposal.NotHiredReason.PERSON_DECLINED, 12),
    (JobProposal.NotHiredReason.NO_SHOW, 8),
    (JobProposal.NotHiredReason.PERMIT, 4),
    (JobProposal.NotHiredReason.OTHER, 4),
)
P = JobProposal.Status
RUNNING_STATUSES = (
    (P.PROPOSED, 22),
    (P.APPLIED, 18),
    (P.INTERVIEW, 18),
    (P.TRIAL_WORK, 10),
    (P.NOT_HIRED, 20),
    (P.WITHDRAWN, 12),
)
EMPLOYER_STEPS = (P.APPLIED, P.INTERVIEW, P.TRIAL_WORK, P.HIRED, P.NOT_HIRED)
HIRED_PATHS = ([P.APPLIED, P.INTERVIEW], [P.INTERVIEW], [P.INTERVIEW, P.TRIAL_WORK])
PROPOSAL_MESSAGES = (
    "Bringt passende Berufserfahrung mit; Arbeitserlaubnis liegt vor.",
    "Sehr motiviert, kann sofort anfangen.",
    "Deutschkurs läuft am Vormittag, Schichten ab Mittag möglich.",
    "Hat im Herkunftsland mehrere Jahre in diesem Bereich gearbeitet.",
    "",
)
FUNDINGS = (Funding.NONE, Funding.INTEGRATION_SUBSIDY, Funding.PARTICIPATION)
FUNDING_WEIGHTS = (80, 14, 6)
FOLLOW_UP_PROBLEMS = (
    ([FollowUp.Problem.LANGUAGE], "Fachbegriffe im Betrieb schwierig, Berufssprachkurs angeregt."),
    ([FollowUp.Problem.SHIFTS], "Wechselschicht und Kinderbetreuung schwer zu vereinbaren."),
    (
        [FollowUp.Problem.COMMUTE],
        "Busverbindung zur Frühschicht fehlt, Mitfahrgelegenheit gesucht.",
    ),
    ([FollowUp.Problem.TEAM], "Missverständnis mit dem Vorarbeiter, Gespräch vermittelt."),
    ([FollowUp.Problem.CHILDCARE], "Kita-Zeiten passen nicht zur Schicht."),
)
LOST_JOB_SHARE = 0.15  # active cases whose earlier job did not last

FOLLOW_UP_NOTES = (
    "Läuft gut, Arbeitgeber zufrieden.",
    "Probezeit bestanden.",
    "Vertrag verlängert.",
    "Kommt gut zurecht, möchte Führerschein machen.",
    "",
)
