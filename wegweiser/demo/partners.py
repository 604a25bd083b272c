"""Demo partner directory and referrals: a partner of every kind the centre deals with (the
competent authorities for recognition come from their reference data), contact persons, a
login of the adult migration counselling's staff, and referrals in every status.

The migration counselling has no demo referrals of its own: its staff see exactly the
referrals a caseworker makes to it while trying the demo. All persons are synthetic; partner
addresses and e-mails are made up (example.org). Deterministic for a seed.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils import timezone

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.core.audit import acting_as, audit_event
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.demo.accounts import DEMO_LOGINS
from wegweiser.partners import services
from wegweiser.partners.models import Partner, Referral, consent_purpose_for
from wegweiser.people import services as people_services
from wegweiser.people.models import Consent
from wegweiser.recognition.models import CompetentAuthority

PARTNER_LOGIN = ("partner.mbe", "Lahnbruecke-Rat-2026")
MIGRATION_COUNSELLING = "Caritasverband Gießen"
ADMIN_LOGIN = "admin"
CASEWORKER_LOGIN = DEMO_LOGINS[0].username

HOURS = "Mo bis Do 9:00 bis 12:00 und 14:00 bis 16:00 Uhr, Fr 9:00 bis 12:00 Uhr"


@dataclass(frozen=True)
class PartnerSpec:
    name: str
    kind: str
    services: tuple[str, ...]
    languages: tuple[str, ...]
    channel: str
    towns: tuple[str, ...] = ()  # none: the whole county
    description: str = ""
    how_to_refer: str = ""
    contact: tuple[str, str] = ("", "")  # name, function


PARTNERS: tuple[PartnerSpec, ...] = (
    PartnerSpec(
        "Ausländerbehörde Landkreis Gießen",
        "immigration_office",
        ("residence",),
        ("en",),
        "form",
        description="Aufenthaltstitel, Verlängerungen, Beschäftigungserlaubnis.",
        how_to_refer="Online-Terminformular; Unterlagen vorab per Post.",
        contact=("Herr Weber", "Sachgebietsleitung"),
    ),
    PartnerSpec(
        "Integrationsbeauftragte des Landkreises Gießen",
        "integration_officer",
        ("counselling",),
        ("en", "tr"),
        "email",
        description="Beschwerden, Vermittlung zwischen Ämtern, Integrationsprojekte.",
    ),
    PartnerSpec(
        "Jobcenter Gießen",
        "job_centre",
        ("employment", "benefits"),
        ("en", "ar"),
        "email",
        description="Bürgergeld (SGB II), Vermittlung, Förderung von Weiterbildung.",
        contact=("Frau Yilmaz", "Migrationsbeauftragte"),
    ),
    PartnerSpec(
        "Agentur für Arbeit Gießen",
        "employment_agency",
        ("employment", "recognition_advice"),
        ("en",),
        "phone",
        description="Berufsberatung, Arbeitsvermittlung (SGB III).",
    ),
    PartnerSpec(
        "Jugendmigrationsdienst Gießen",
        "youth_migration",
        ("youth_support", "language_course"),
        ("ar", "fa", "uk", "en"),
        "email",
        description="Junge Zugewanderte von 12 bis 27 Jahren: Schule, Ausbildung, Alltag.",
        contact=("Herr Nazari", "Berater"),
    ),
    PartnerSpec(
        MIGRATION_COUNSELLING,
        "migration_counselling",
        ("migration_counselling", "counselling", "housing"),
        ("ar", "ru", "uk", "en"),
        "email",
        description="Migrationsberatung für erwachsene Zugewanderte (MBE), ab 27 Jahren.",
        how_to_refer="Weitervermittlung per E-Mail; Termin innerhalb von zwei Wochen.",
        contact=("Frau Haddad", "Migrationsberaterin"),
    ),
    PartnerSpec(
        "Diakonisches Werk Gießen",
        "welfare",
        ("debt_counselling", "housing", "psychosocial"),
        ("en", "ru"),
        "email",
        description="Schuldnerberatung, Wohnungsnotfallhilfe.",
        contact=("Herr Lange", "Schuldnerberater"),
    ),
    PartnerSpec(
        "AWO Kreisverband Gießen",
        "welfare",
        ("psychosocial", "counselling"),
        ("ar", "tr"),
        "phone",
        description="Psychosoziale Beratung, Frauenberatung.",
    ),
    PartnerSpec(
        "IHK Gießen-Friedberg, Anerkennungsberatung",
        "chamber",
        ("recognition_advice", "employment"),
        ("en",),
        "email",
        description="Beratung zu IHK-Berufen vor dem Antrag bei IHK FOSA.",
    ),
    PartnerSpec(
        "IQ Beratung Anerkennung Mittelhessen",
        "recognition_advice",
        ("recognition_advice",),
        ("ar", "fa", "uk", "ru", "en"),
        "email",
        description="Anerkennungs- und Qualifizierungsberatung im Förderprogramm IQ.",
        contact=("Frau Kovalenko", "Anerkennungsberaterin"),
    ),
    PartnerSpec(
        "Volkshochschule Gießen",
        "course_provider",
        ("language_course",),
        ("en",),
        "email",
        towns=("Gießen",),
    ),
    PartnerSpec(
        "Seniorenzentrum Lindenhof",
        "employer",
        ("employment",),
        (),
        "phone",
    ),
    PartnerSpec(
        "Kita-Platzvergabe Stadt Gießen",
        "childcare",
        ("childcare",),
        ("en",),
        "form",
        towns=("Gießen",),
        how_to_refer="Anmeldung im Kita-Portal, Nachweis Wohnsitz.",
    ),
    PartnerSpec(
        "Staatliches Schulamt Gießen",
        "school",
        ("school",),
        (),
        "email",
        description="Schulplätze und Intensivklassen für Seiteneinsteigende.",
    ),
    PartnerSpec(
        "Sprachmittlerpool Mittelhessen",
        "interpreters",
        ("interpreting",),
        ("ar", "fa", "ps", "ti", "ku", "uk", "ru", "tr"),
        "email",
        how_to_refer="Einsatz mindestens drei Werktage vorher anfragen.",
    ),
    PartnerSpec(
        "Willkommensnetz Lahntal e.V.",
        "volunteers",
        ("volunteer_support",),
        ("ar", "en"),
        "phone",
        towns=("Lollar", "Staufenberg"),
        description="Ehrenamtliche Patenschaften, Begleitung zu Ämtern.",
    ),
)

# (partner, purpose, final status, days since drafted); each for a different person.
REFERRALS: tuple[tuple[str, str, str, int], ...] = (
    ("Diakonisches Werk Gießen", "debt_counselling", "drafted", 1),
    ("AWO Kreisverband Gießen", "psychosocial", "sent", 24),  # unanswered: on the dashboard
    ("Jugendmigrationsdienst Gießen", "youth_support", "sent", 3),
    ("IQ Beratung Anerkennung Mittelhessen", "recognition_advice", "accepted", 30),
    ("Diakonisches Werk Gießen", "housing", "declined", 40),
    ("Kita-Platzvergabe Stadt Gießen", "childcare", "in_progress", 60),
    ("Diakonisches Werk Gießen", "debt_counselling", "completed", 120),
    ("AWO Kreisverband Gießen", "counselling", "no_show", 50),
    ("Ausländerbehörde Landkreis Gießen", "residence", "accepted", 20),  # legal basis
    ("Jugendmigrationsdienst Gießen", "language_course", "withdrawn", 35),
)
PATH = {
    "drafted": (),
    "sent": ("sent",),
    "accepted": ("sent", "accepted"),
    "declined": ("sent", "declined"),
    "in_progress": ("sent", "accepted", "in_progress"),
    "completed": ("sent", "accepted", "in_progress", "completed"),
    "no_show": ("sent", "accepted", "no_show"),
    "withdrawn": ("sent", "accepted"),
}


def ensure_demo_partners(*, seed: int, today: dt.date | None = None) -> bool:
    """The directory, the partner login and the referrals, unless partners exist."""
    if Partner.objects.exists():
        return False
    admin = User.objects.filter(username=ADMIN_LOGIN).first()
    caseworker = User.objects.filter(username=CASEWORKER_LOGIN).first()
    if admin is None or caseworker is None:
        return False
    today = today or timezone.localdate()
    rng = random.Random(seed)
    with transaction.atomic():
        partners = _directory(admin)
        _partner_login(partners[MIGRATION_COUNSELLING].organisation_id)
        _referrals(rng, caseworker, partners, today)
        with acting_as(None):
            audit_event(
                actor=None,
                action=AuditEntry.Action.CREATE,
                object_type="demo.partners",
                object_id=f"seed={seed}",
                fields=["partners", "contacts", "referrals"],
                purpose="synthetic demo partners and referrals",
            )
    return True


def _directory(admin: User) -> dict[str, Partner]:
    towns = {m.name: m for m in Municipality.objects.all()}
    partners: dict[str, Partner] = {}
    for spec in PARTNERS:
        slug = "".join(ch for ch in spec.name.lower() if ch.isascii() and ch.isalnum())[:24]
        data: dict[str, object] = {
            "kind": spec.kind,
            "services": list(spec.services),
            "languages": list(spec.languages),
            "channel": spec.channel,
            "email": f"{slug}@example.org",
            "phone": "0641 " + str(10000 + len(partners) * 137),
            "address": f"Beispielweg {len(partners) + 1}\n35390 Gießen",
            "opening_hours": HOURS,
            "description": spec.description,
            "how_to_refer": spec.how_to_refer,
            "municipalities": [towns[t] for t in spec.towns if t in towns],
        }
        partner = services.partner_create(actor=admin, name=spec.name, data=data)
        if spec.contact[0]:
            services.partner_contact_add(
                actor=admin,
                partner=partner,
                data={
                    "name": spec.contact[0],
                    "function": spec.contact[1],
                    "email": f"kontakt.{slug}@example.org",
                },
            )
        partners[spec.name] = partner
    for authority in CompetentAuthority.objects.filter(is_active=True).order_by("name"):
        if Organisation.objects.filter(name=authority.name).exists():
            continue
        partner = services.partner_create(
            actor=admin,
            name=authority.name,
            data={
                "kind": "competent_authority",
                "services": ["recognition"],
                "channel": "form",
                "address": authority.address,
                "email": authority.email,
                "phone": authority.phone,
                "website": authority.website,
                "description": authority.responsible_for,
                "how_to_refer": authority.note,
                "authority": authority,
            },
        )
        partners[authority.name] = partner
    return partners


def _partner_login(organisation_id: int) -> User:
    username, password = PARTNER_LOGIN
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    user = User(
        username=username,
        first_name="Samira",
        last_name="Haddad",
        role=User.Role.PARTNER,
        organisation_id=organisation_id,
        email=f"{username}@example.org",
    )
    validate_password(password, user)
    user.set_password(password)
    with acting_as(None):
        user.save()
    return user


def _referrals(
    rng: random.Random, caseworker: User, partners: dict[str, Partner], today: dt.date
) -> None:
    cases = list(
        Case.objects.filter(team__in=caseworker.teams.all())
        .exclude(status=Case.Status.CLOSED)
        .select_related("person")
        .order_by("id")[:200]
    )
    rng.shuffle(cases)
    # The demo caseworker's own cases first, so that the dashboard shows the unanswered one.
    cases.sort(key=lambda case: case.caseworker_id != caseworker.pk)
    for (name, purpose, final, age), case in zip(REFERRALS, cases, strict=False):
        partner = partners[name]
        person = case.person
        drafted = today - dt.timedelta(days=age)
        consent = None
        legal_basis = ""
        if purpose == "residence":
            legal_basis = "§ 69 Abs. 1 Nr. 1 SGB X (Aufgabe der Ausländerbehörde)"
        else:
            consent = people_services.consent_record(
                actor=caseworker,
                person=person,
                purpose=consent_purpose_for(purpose),
                scope="Name, Telefon, Sprachen",
                recipient=partner.organisation,
                legal_basis=Consent.LegalBasis.CONSENT,
                given_on=drafted,
            )
        referral = services.referral_create(
            actor=caseworker,
            person=person,
            partner=partner,
            purpose=purpose,
            shared_fields=["name", "phone", "languages"],
            consent=consent,
            legal_basis=legal_basis,
            message="Bitte um einen Termin; die Person spricht wenig Deutsch.",
            on=drafted,
        )
        _walk(caseworker, referral, PATH[final], drafted, today, rng)
        if final == "withdrawn" and consent is not None:
            people_services.consent_withdraw(
                actor=caseworker, consent=consent, withdrawn_on=today - dt.timedelta(days=2)
            )
    # A person of the caseworker who consented to the migration counselling: ready to refer.
    for case in cases[len(REFERRALS) :][:1]:
        people_services.consent_record(
            actor=caseworker,
            person=case.person,
            purpose=Consent.Purpose.COUNSELLING,
            scope="Name, Telefon, Sprachen",
            recipient=partners[MIGRATION_COUNSELLING].organisation,
            legal_basis=Consent.LegalBasis.CONSENT,
            given_on=today,
        )


def _walk(
    caseworker: User,
    referral: Referral,
    steps: tuple[str, ...],
    drafted: dt.date,
    today: dt.date,
    rng: random.Random,
) -> None:
    day = drafted
    remaining = (today - drafted).days
    for step in steps:
        gap = min(remaining, rng.randint(1, 7)) if step != "sent" else min(remaining, 1)
        day, remaining = day + dt.timedelta(days=gap), remaining - gap
        if step == "sent":
            services.referral_send(actor=caseworker, referral=referral, on=day)
            continue
        services.referral_record(
            actor=caseworker,
            referral=referral,
            status=step,
            on=day,
            reason="Zurzeit keine freien Plätze." if step == "declined" else "",
            feedback="Beratung abgeschlossen, Ratenplan vereinbart." if step == "completed" else "",
        )
