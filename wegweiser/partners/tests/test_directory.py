from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from wegweiser.core.tests.factories import MunicipalityFactory
from wegweiser.partners import services
from wegweiser.partners.models import Partner
from wegweiser.partners.selectors import DirectoryFilters, partner_search

from .factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_caseworker_finds_partners_by_need_language_and_municipality(caseworker):
    lich, hungen = MunicipalityFactory(name="Lich"), MunicipalityFactory(name="Hungen")
    debt = PartnerFactory(kind="welfare", services=["debt_counselling"], languages=["ar"])
    debt.municipalities.set([lich])
    county = PartnerFactory(services=["debt_counselling"], languages=["uk"])
    PartnerFactory(services=["childcare"], languages=["ar"])

    found = partner_search(
        user=caseworker, filters=DirectoryFilters(need="debt_counselling", language="ar")
    )
    assert found == [debt]
    in_hungen = partner_search(
        user=caseworker, filters=DirectoryFilters(need="debt_counselling", municipality=hungen.pk)
    )
    assert in_hungen == [county]  # no municipalities: serves the whole county


def test_directory_page_searches(client, caseworker):
    PartnerFactory(organisation__name="Schuldnerberatung Diakonie", services=["debt_counselling"])
    PartnerFactory(organisation__name="Kita Sonnenschein", services=["childcare"])
    client.force_login(caseworker)
    html = client.get(reverse("partners:directory"), {"need": "childcare"}).content.decode()
    assert "Kita Sonnenschein" in html and "Schuldnerberatung" not in html


def test_team_lead_maintains_the_directory_and_caseworker_may_not(client, team_lead, caseworker):
    client.force_login(team_lead)
    response = client.post(
        reverse("partners:partner_create"),
        {
            "name": "Jugendmigrationsdienst Gießen",
            "kind": "youth_migration",
            "status": "active",
            "services": ["youth_support"],
            "languages": ["ar", "fa"],
            "channel": "email",
            "email": "jmd@example.org",
        },
    )
    partner = Partner.objects.get()
    assert response.status_code == 302
    assert partner.organisation.name == "Jugendmigrationsdienst Gießen"
    assert partner.checked_by == team_lead
    with pytest.raises(PermissionDenied):
        services.partner_update(actor=caseworker, partner=partner, data={"phone": "1"})
    client.force_login(caseworker)
    assert client.get(reverse("partners:partner_edit", args=[partner.pk])).status_code == 403


def test_email_channel_without_address_is_refused_at_the_field(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("partners:partner_create"),
        {"name": "Ohne Adresse", "kind": "other", "status": "active", "channel": "email"},
    )
    assert response.status_code == 422
    assert "need the partner" in response.content.decode()
    assert not Partner.objects.exists()


def test_existing_organisation_becomes_a_partner_and_keeps_its_consents(administrator):
    from wegweiser.accounts.models import Organisation

    organisation = Organisation.objects.create(name="Caritas Gießen", kind="charity")
    partner = services.partner_create(
        actor=administrator,
        name="Caritas Gießen",
        data={"kind": "welfare", "channel": "phone", "phone": "0641 1"},
    )
    assert partner.organisation == organisation


def test_pages_render_in_every_interface_language(client, caseworker, case):
    partner = PartnerFactory()
    client.force_login(caseworker)
    for language in ("de", "en", "ar", "uk"):
        client.cookies["django_language"] = language
        for url in (
            reverse("partners:directory"),
            reverse("partners:partner", args=[partner.pk]),
            reverse("partners:refer", args=[case.person_id]),
        ):
            assert client.get(url).status_code == 200, (language, url)
