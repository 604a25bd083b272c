from __future__ import annotations

import datetime as dt

import factory

from wegweiser.accounts.models import Organisation
from wegweiser.accounts.tests.factories import OrganisationFactory
from wegweiser.core.tests.factories import AuditedFactory
from wegweiser.partners.models import Partner, PartnerKind


class PartnerFactory(AuditedFactory):
    class Meta:
        model = Partner

    organisation = factory.SubFactory(
        OrganisationFactory,
        name=factory.Sequence(lambda n: f"Migrationsberatung {n}"),
        kind=Organisation.Kind.CHARITY,
    )
    kind = PartnerKind.MIGRATION_COUNSELLING
    services = ["migration_counselling", "counselling"]
    languages = ["ar", "uk"]
    email = factory.Sequence(lambda n: f"mbe{n}@partner.example")
    address = "Bahnhofstraße 1\n35390 Gießen"
    checked_on = dt.date(2026, 1, 1)
