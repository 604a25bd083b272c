from __future__ import annotations

import datetime as dt

import factory

from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.occupations.models import Occupation
from wegweiser.people.tests.factories import PersonFactory
from wegweiser.recognition.models import (
    CompetentAuthority,
    GermanState,
    Qualification,
    QualificationKind,
    RecognitionProcedure,
)


def days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)


class OccupationFactory(factory.django.DjangoModelFactory):
    """Reference data: written directly, as the occupation loader does."""

    class Meta:
        model = Occupation
        django_get_or_create = ("concept_uri",)

    concept_uri = factory.Sequence(lambda n: f"http://data.europa.eu/esco/occupation/test-{n}")
    isco_code = "2221"
    preferred_label_en = factory.Sequence(lambda n: f"nurse {n}")
    preferred_label_de = factory.Sequence(lambda n: f"Pflegefachkraft {n}")
    kldb_code = "81302"
    regulated = False


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetentAuthority

    name = factory.Sequence(lambda n: f"Anerkennungsstelle {n}")
    state = GermanState.HE
    responsible_for = "Gesundheitsfachberufe"
    email = "anerkennung@example.org"


class QualificationFactory(AuditedFactory):
    class Meta:
        model = Qualification

    person = factory.SubFactory(PersonFactory)
    kind = QualificationKind.VOCATIONAL
    country = "SY"
    title_original = "دبلوم التمريض"
    title_german = "Diplom in Krankenpflege"
    institution = "Institut für Krankenpflege"
    year_from = 2010
    year_to = 2013
    isced_level = "5"
    dqr_level = 4


class ProcedureFactory(AuditedFactory):
    class Meta:
        model = RecognitionProcedure

    person = factory.SubFactory(PersonFactory)
    reference_title = "Pflegefachfrau/Pflegefachmann"
    counselling_on = factory.LazyFunction(lambda: days_ago(60))
