"""The demo directory holds a partner of every kind and the competent authorities, the
referrals cover every status, and the migration counselling's login sees none of them until a
caseworker refers someone there."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.demo.generator import generate
from wegweiser.demo.partners import MIGRATION_COUNSELLING, PARTNER_LOGIN, ensure_demo_partners
from wegweiser.partners import services
from wegweiser.partners.models import Partner, PartnerKind, Referral
from wegweiser.partners.selectors import matching_consent, referrals_for_partner_staff
from wegweiser.people.selectors import persons_visible_to
from wegweiser.recognition.models import CompetentAuthority

pytestmark = pytest.mark.django_db


def test_demo_partners_and_referrals(client):
    today = timezone.localdate()
    generate(persons=300, seed=4, today=today)
    assert ensure_demo_partners(seed=4, today=today)
    kinds = set(Partner.objects.values_list("kind", flat=True))
    assert kinds >= set(PartnerKind.values) - {"other"}
    authorities = CompetentAuthority.objects.filter(is_active=True)
    assert Partner.objects.filter(authority__in=authorities).count() == authorities.count()
    statuses = set(Referral.objects.values_list("status", flat=True))
    assert statuses == set(Referral.Status.values)
    assert Referral.objects.filter(consent__withdrawn_on__isnull=False).exists()

    staff = User.objects.get(username=PARTNER_LOGIN[0])
    assert staff.check_password(PARTNER_LOGIN[1]) and staff.is_partner_staff
    assert list(referrals_for_partner_staff(user=staff)) == []
    mbe = Partner.objects.get(organisation__name=MIGRATION_COUNSELLING)
    caseworker = User.objects.get(username="caseworker.a")
    person = next(
        p
        for p in persons_visible_to(caseworker)
        if matching_consent(person=p, partner=mbe, purpose="migration_counselling")
    )
    consent = matching_consent(person=person, partner=mbe, purpose="migration_counselling")
    referral = services.referral_create(
        actor=caseworker,
        person=person,
        partner=mbe,
        purpose="migration_counselling",
        shared_fields=["name"],
        consent=consent,
    )
    services.referral_send(actor=caseworker, referral=referral)
    assert list(referrals_for_partner_staff(user=staff)) == [referral]
    client.force_login(staff)
    assert client.get(reverse("partners:referral", args=[referral.pk])).status_code == 200
    assert not ensure_demo_partners(seed=4, today=today)
