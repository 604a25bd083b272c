"""Reads of the directory and of referrals, scoped to the user and audited.

Directory entries are not person data: every case worker, team lead and administrator reads
them. Referrals are read by the person's team, and by the partner's staff: only referrals made
to their organisation, sent, and only while the consent (or the named legal basis) stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Case, F, Q, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.paging import CappedPaginator
from wegweiser.core.request_memo import once
from wegweiser.people.models import Consent, Person
from wegweiser.people.selectors import latest_residence, persons_visible_to

from .models import SHAREABLE, Partner, PartnerContact, Referral, consent_purpose_for


def may_read_directory(user: User) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.works_cases))


# The directory ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    need: str = ""
    language: str = ""
    municipality: int | None = None
    kind: str = ""
    include_inactive: bool = False


def partners_visible_to(user: User) -> QuerySet[Partner]:
    partners = Partner.objects.select_related("organisation", "authority")
    if may_read_directory(user):
        return partners
    if user.is_authenticated and user.is_partner_staff:
        return partners.filter(organisation_id=user.organisation_id or 0)
    return partners.none()


def _contains(field: str, code: str) -> Q:
    """A JSON list field holds `code` (the lists are short codes without quotes)."""
    return Q(**{f"{field}__icontains": f'"{code}"'})


def partner_search(*, user: User, filters: DirectoryFilters) -> list[Partner]:
    """Partners by need (a service), language and municipality; a partner without
    municipalities serves the whole county. Active partners first, then by name."""
    partners = partners_visible_to(user).prefetch_related("municipalities")
    if not filters.include_inactive:
        partners = partners.exclude(status=Partner.Status.INACTIVE)
    if filters.q:
        partners = partners.filter(
            Q(organisation__name__icontains=filters.q) | Q(description__icontains=filters.q)
        )
    if filters.need:
        partners = partners.filter(_contains("services", filters.need))
    if filters.language:
        partners = partners.filter(_contains("languages", filters.language))
    if filters.kind:
        partners = partners.filter(kind=filters.kind)
    if filters.municipality:
        partners = partners.filter(
            Q(municipalities__id=filters.municipality) | Q(municipalities__isnull=True)
        ).distinct()
    return sorted(partners, key=lambda p: (p.status != Partner.Status.ACTIVE, p.name.casefold()))


def partner_get_for_user(*, user: User, pk: int) -> Partner:
    return get_object_or_404(partners_visible_to(user), pk=pk)


def partner_contacts(*, partner: Partner) -> QuerySet[PartnerContact]:
    return partner.contacts.all()


def contact_get_for_user(*, user: User, partner: Partner, pk: int) -> PartnerContact:
    return get_object_or_404(PartnerContact.objects.filter(partner=partner), pk=pk)


def partners_for_referral() -> QuerySet[Partner]:
    return Partner.objects.filter(status=Partner.Status.ACTIVE).select_related("organisation")


def own_partner(user: User) -> Partner | None:
    if not user.is_partner_staff:
        return None
    return Partner.objects.filter(organisation_id=user.organisation_id or 0).first()


# Referrals -------------------------------------------------------------------------------


def _sharing_stands() -> Q:
    return Q(consent__isnull=False, consent__withdrawn_on__isnull=True) | Q(
        consent__isnull=True
    ) & ~Q(legal_basis="")


def referrals_visible_to(user: User) -> QuerySet[Referral]:
    referrals = Referral.objects.select_related(
        "person", "partner__organisation", "consent", "created_by"
    )
    if not user.is_authenticated or not user.is_active:
        return referrals.none()
    if user.is_partner_staff:
        return (
            referrals.filter(partner__organisation_id=user.organisation_id or 0)
            .exclude(status=Referral.Status.DRAFTED)
            .filter(_sharing_stands())
        )
    if user.works_cases:
        return referrals.filter(person__in=persons_visible_to(user))
    return referrals.none()


def referral_get_for_user(*, user: User, pk: int, purpose: str = "referral_view") -> Referral:
    referral = get_object_or_404(referrals_visible_to(user), pk=pk)
    audit_read(actor=user, obj=referral, purpose=purpose)
    return referral


def referrals_for_person(*, user: User, person: Person) -> list[Referral]:
    """The person's referrals in the user's scope; read once per page (the person page's
    timeline and referrals panel both show them)."""

    def read() -> list[Referral]:
        referrals = list(referrals_visible_to(user).filter(person=person))
        if referrals:
            audit_list(
                actor=user,
                model=Referral,
                ids=[r.pk for r in referrals],
                purpose="person_referrals",
            )
        return referrals

    return once(f"partners.referrals_for_person:{user.pk}:{person.pk}", read)


def referrals_for_partner_staff(*, user: User) -> QuerySet[Referral]:
    """What a partner's staff see: the referrals made to them, open ones first, newest first."""
    if not user.is_partner_staff:
        return Referral.objects.none()
    open_first = Case(When(status__in=Referral.OPEN, then=Value(0)), default=Value(1))
    return referrals_visible_to(user).order_by(
        open_first, F("sent_on").desc(nulls_last=True), "-drafted_on", "-pk"
    )


INBOX_PAGE_SIZE = 25


def partner_inbox_page(*, user: User, page_number: str | None) -> Page[Referral]:
    """One page of the partner's inbox; the referrals shown are audited as listed."""
    page = CappedPaginator(referrals_for_partner_staff(user=user), INBOX_PAGE_SIZE).get_page(
        page_number
    )
    audit_list(actor=user, model=Referral, ids=[r.pk for r in page], purpose="partner_referrals")
    return page


@dataclass(frozen=True)
class OpenReferral:
    referral: Referral
    days: int  # since sent
    overdue: bool  # no answer after the set number of days


def _ageing(referrals: QuerySet[Referral], today: dt.date) -> list[OpenReferral]:
    limit = settings.WEGWEISER_REFERRAL_ANSWER_DAYS
    rows = []
    for referral in referrals.order_by("sent_on", "id"):
        days = (today - (referral.sent_on or referral.drafted_on)).days
        rows.append(
            OpenReferral(referral, days, referral.status == Referral.Status.SENT and days > limit)
        )
    return rows


def partner_open_referrals(*, user: User, partner: Partner) -> list[OpenReferral]:
    """The open referrals to a partner within the user's scope, with how long each has been
    waiting."""
    referrals = referrals_visible_to(user).filter(partner=partner, status__in=Referral.OPEN)
    rows = _ageing(referrals, timezone.localdate())
    if rows:
        audit_list(
            actor=user,
            model=Referral,
            ids=[row.referral.pk for row in rows],
            purpose="partner_open_referrals",
        )
    return rows


def referrals_awaiting_answer(*, user: User, today: dt.date | None = None) -> list[OpenReferral]:
    """The dashboard's list: referrals the user made that are sent and unanswered for more
    than the set number of days."""
    if not user.works_cases:
        return []
    today = today or timezone.localdate()
    limit = settings.WEGWEISER_REFERRAL_ANSWER_DAYS
    referrals = referrals_visible_to(user).filter(
        created_by=user,
        status=Referral.Status.SENT,
        sent_on__lt=today - dt.timedelta(days=limit),
    )
    rows = _ageing(referrals, today)
    if rows:
        audit_list(
            actor=user,
            model=Referral,
            ids=[row.referral.pk for row in rows],
            purpose="referrals_unanswered",
        )
    return rows


def consents_for_referral(*, person: Person) -> QuerySet[Consent]:
    """The person's consents in force (the form narrows them to partner and purpose)."""
    return person.consents.filter(withdrawn_on__isnull=True).select_related("recipient")


def matching_consent(*, person: Person, partner: Partner, purpose: str) -> Consent | None:
    """The consent in force for this recipient and purpose, if there is one."""
    return (
        person.consents.filter(
            withdrawn_on__isnull=True,
            recipient_id=partner.organisation_id,
            purpose=consent_purpose_for(purpose),
        )
        .order_by("-given_on", "-id")
        .first()
    )


@dataclass(frozen=True)
class SharedItem:
    label: str
    value: str


def shared_data(referral: Referral) -> list[SharedItem]:
    """The person's data a referral shares: the chosen fields and nothing else, and nothing at
    all once the consent is withdrawn."""
    if not referral.consent_stands():
        return []
    person = referral.person
    chosen = set(referral.shared_fields)
    items = []
    for code, label in SHAREABLE:
        if code not in chosen:
            continue
        items.append(SharedItem(str(label), _value(person, code)))
    return items


def _value(person: Person, code: str) -> str:
    if code == "name":
        return f"{person.given_names_latin} {person.family_name_latin}".strip()
    if code == "date_of_birth":
        return (
            date_format(person.date_of_birth, "SHORT_DATE_FORMAT") if person.date_of_birth else ""
        )
    if code == "address":
        town = f"{person.postal_code} {person.municipality or ''}".strip()
        return ", ".join(part for part in (person.street, town) if part)
    if code == "phone":
        return person.phone
    if code == "email":
        return person.email
    if code == "nationality":
        return ", ".join(str(getattr(country, "name", country)) for country in person.nationalities)
    if code == "languages":
        return ", ".join(str(language) for language in person.languages.all())
    if code == "letter_language":
        names = dict(settings.SPOKEN_LANGUAGES)
        return str(names.get(person.letter_language, person.letter_language))
    if code == "residence":
        residence = latest_residence(person)
        if residence is None:
            return ""
        until = residence.valid_until
        suffix = f" ({date_format(until, 'SHORT_DATE_FORMAT')})" if until else ""
        return f"{residence.get_title_display()}{suffix}"
    return ""
