"""The competent authorities of the demo county (Hesse) and the nationwide ones are loaded as
reference data, and the procedure form offers the ones responsible for the reference
occupation first."""

from __future__ import annotations

import re
from typing import cast

import pytest
from django.urls import reverse

from wegweiser.occupations.models import Occupation
from wegweiser.recognition.models import CompetentAuthority
from wegweiser.recognition.selectors import authorities_for_occupation
from wegweiser.recognition.tests.conftest import HTMX
from wegweiser.recognition.tests.factories import OccupationFactory, ProcedureFactory

pytestmark = pytest.mark.django_db


def _occupation(kldb: str) -> Occupation:
    return cast(Occupation, OccupationFactory(kldb_code=kldb))


def _first_choices(html: str) -> list[str]:
    select = html.split('name="authority"', 1)[1].split("</select>", 1)[0]
    group = re.search(r'<optgroup label="([^"]+)">(.*?)</optgroup>', select, re.S)
    assert group, "no group of suitable authorities"
    return re.findall(r">([^<]+)</option>", group.group(2))


@pytest.mark.parametrize(
    ("kldb", "first"),
    [
        ("81302", "Hessisches Landesamt für Gesundheit und Pflege (HLfGP)"),  # nurse
        ("84114", "Hessische Lehrkräfteakademie"),  # teacher
        ("83112", "Regierungspräsidium Kassel, Anerkennung sozialer Berufe"),  # educator
        ("31104", "Ingenieurkammer Hessen"),  # civil engineer
        ("31114", "Architekten- und Stadtplanerkammer Hessen"),  # architect
        ("73104", "Hessisches Ministerium der Justiz, Justizprüfungsamt"),  # lawyer
        ("26212", "Handwerkskammer Wiesbaden"),  # electrician (craft)
        ("51312", "IHK FOSA (Foreign Skills Approval)"),  # warehouse logistics (IHK)
        ("43414", "Zentralstelle für ausländisches Bildungswesen (ZAB)"),  # software, academic
    ],
)
def test_the_responsible_authority_comes_first(kldb, first) -> None:
    suitable, others = authorities_for_occupation(_occupation(kldb))
    assert suitable and suitable[0].name == first
    assert not set(suitable) & set(others)


def test_crafts_offer_the_chamber_of_crafts_and_ihk_fosa_with_a_note() -> None:
    suitable, _ = authorities_for_occupation(_occupation("26212"))
    names = [a.name for a in suitable]
    assert names[:2] == ["Handwerkskammer Wiesbaden", "IHK FOSA (Foreign Skills Approval)"]
    assert "prüfen" in suitable[0].note


def test_every_loaded_authority_is_responsible_for_something() -> None:
    authorities = CompetentAuthority.objects.filter(is_active=True)
    assert authorities.count() >= 9
    assert all(a.kldb_areas and a.state in ("HE", "federal") for a in authorities)


def test_procedure_form_offers_the_reference_occupations_authorities_first(
    client, caseworker, person
):
    teacher = OccupationFactory(preferred_label_de="Lehrer/Lehrerin", kldb_code="84114")
    procedure = ProcedureFactory(person=person, qualification=None, reference_occupation=teacher)
    client.force_login(caseworker)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("recognition:procedure_edit", args=[procedure.pk])).content.decode()
    assert "Responsible for Lehrer/Lehrerin" in page
    assert _first_choices(page)[0] == "Hessische Lehrkräfteakademie"
    assert "Other authorities" in page


def test_new_procedure_ranks_by_the_qualifications_occupation(
    client, caseworker, person, qualification
):
    client.force_login(caseworker)
    page = client.get(
        reverse("recognition:person_section", args=[person.pk, "procedure"]), **HTMX
    ).content.decode()
    assert _first_choices(page)[0] == "Hessisches Landesamt für Gesundheit und Pflege (HLfGP)"
