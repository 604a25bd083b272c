from __future__ import annotations

import pytest

from wegweiser.occupations.cleaning import clean_title, one_form, title_variants
from wegweiser.occupations.coding import OccupationCoder
from wegweiser.occupations.text import normalise

from .conftest import uri_of


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Lagerhelfer (m/w/d) in Vollzeit - Frankfurt am Main", "Lagerhelfer"),
        ("Staplerfahrer m/w/d - ab sofort - Gießen", "Staplerfahrer"),
        ("Kommissionierer (w/m/d) Teilzeit Frühschicht", "Kommissionierer"),
        ("Spülkraft (m/w/d) auf 520€-Basis", "Spülkraft"),
        ("Friseur (m/w/d) Voll- oder Teilzeit", "Friseur"),
        ("Reinigungskraft (m/w/d) Teilzeit, Büroreinigung", "Reinigungskraft"),
        ("Ergotherapeut/in für Praxis in Butzbach", "Ergotherapeut/in für Praxis"),
        ("Senior Software Engineer (m/w/d)", "Software Engineer"),
        ("Junior Data Scientist (d/m/w)", "Data Scientist"),
        ("LKW-Fahrer (m/w/d) Klasse C/CE im Fernverkehr", "LKW-Fahrer im Fernverkehr"),
    ],
)
def test_job_ad_noise_is_removed(title: str, cleaned: str) -> None:
    assert clean_title(title) == cleaned


@pytest.mark.parametrize(
    ("title", "cleaned"),
    [
        ("Kfm. Angestellter (m/w/d)", "Kaufmännischer Angestellter"),
        ("MFA (m/w/d) für Hausarztpraxis", "Medizinische Fachangestellte für Hausarztpraxis"),
        ("Medizinische Fachangestellte (MFA)", "Medizinische Fachangestellte"),
        ("Dipl.-Ing. Maschinenbau (m/w/d)", "Ingenieur Maschinenbau"),
        ("Anlagenmechaniker SHK (m/w/d)", "Anlagenmechaniker Sanitär Heizung Klima"),
    ],
)
def test_abbreviations_are_written_out(title: str, cleaned: str) -> None:
    assert clean_title(title) == cleaned


def test_two_occupations_in_one_title_are_both_scored() -> None:
    assert title_variants("Verkäufer/Kassierer (m/w/d)") == (
        "Verkäufer/Kassierer",
        "Verkäufer",
        "Kassierer",
    )
    assert title_variants("Koch und Kellner (m/w/d)") == ("Koch und Kellner", "Koch", "Kellner")


@pytest.mark.parametrize(
    ("title", "variant"),
    [
        ("Koch / Köchin (m/w/d)", "Koch / Köchin"),
        ("Kaufmann/-frau für Büromanagement (m/w/d)", "Kaufmann für Büromanagement"),
        ("Medizinische/r Fachangestellte/r", "Medizinische Fachangestellte"),
        ("Maschinen- und Anlagenführer (m/w/d)", "Maschinen- und Anlagenführer"),
        ("Gesundheits- und Krankenpfleger (m/w/d)", "Gesundheits- und Krankenpfleger"),
    ],
)
def test_gender_forms_and_shared_word_parts_are_one_occupation(title: str, variant: str) -> None:
    assert title_variants(title) == (variant,)


@pytest.mark.parametrize(
    ("variant", "embedded"),
    [
        ("Koch / Köchin", "Koch"),
        ("Verkäufer/Verkäuferin", "Verkäufer"),
        ("IT-Netzwerkarchitekt/IT-Netzwerkarchitektin", "IT-Netzwerkarchitekt"),
        (
            "Referent für Bildungspolitik/Referentin für Bildungspolitik",
            "Referent für Bildungspolitik",
        ),
        # Two occupations, or forms the label keys do not fold, stay as they are.
        ("Verkäufer/Kassierer", "Verkäufer/Kassierer"),
        ("Experte Biologie/Expertin Biologie", "Experte Biologie/Expertin Biologie"),
        ("Maschinen- und Anlagenführer", "Maschinen- und Anlagenführer"),
    ],
)
def test_gender_forms_of_one_occupation_are_embedded_once(variant: str, embedded: str) -> None:
    assert one_form(variant) == embedded
    # The same key: the lexical side scores the title as before.
    assert normalise(embedded) == normalise(variant)


def test_a_title_of_noise_only_is_kept_rather_than_emptied() -> None:
    assert title_variants("Minijob") == ("Minijob",)
    assert title_variants("   ") == ()


def test_coder_finds_both_occupations_of_a_double_title(coder: OccupationCoder) -> None:
    found = [m.concept_uri for m in coder.code("Verkäufer/Kassierer (m/w/d) Minijob", top=5)]
    assert uri_of("cashier") in found
    assert {uri_of("shop assistant"), uri_of("sales assistant")} & set(found)


def test_coder_reads_through_job_ad_noise(coder: OccupationCoder) -> None:
    noisy = coder.code("Staplerfahrer (m/w/d) im 3-Schicht-System - Logistik GmbH, Gießen", top=1)
    assert noisy[0].concept_uri == uri_of("forklift operator")
