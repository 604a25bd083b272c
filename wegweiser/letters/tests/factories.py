from __future__ import annotations

import datetime as dt

import factory

from wegweiser.accounts.tests.factories import UserFactory
from wegweiser.cases.tests.factories import CaseFactory
from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.letters.models import Letter, Letterhead


class LetterFactory(AuditedFactory):
    """A stored letter without rendering (for scope tests); the PDF is a stand-in."""

    class Meta:
        model = Letter

    case = factory.SubFactory(CaseFactory)
    kind = "documents-request"
    language = "ar"
    date = factory.LazyFunction(dt.date.today)
    made_by = factory.SubFactory(UserFactory)
    pdf = b"%PDF-1.7\n% stand-in\n"


class LetterheadFactory(AuditedFactory):
    class Meta:
        model = Letterhead
        django_get_or_create = ("organisation",)

    name = "Migrationszentrum Testkreis"
    address = "Marktplatz 1\n35390 Gießen"
    phone = "+49 641 9390-0"
    email = "migration@testkreis.example"
    opening_hours = "Mo bis Do 8 bis 16 Uhr"
