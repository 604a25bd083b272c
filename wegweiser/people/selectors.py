"""Reads of person data: always scoped to the user, always audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.core.paging import COUNT_CAP, CappedPaginator
from wegweiser.core.permissions import may_search_register
from wegweiser.core.request_memo import once
from wegweiser.core.text import clean_name
from wegweiser.identity.analysis import analyse_name
from wegweiser.identity.keys import part_index_keys
from wegweiser.identity.scorer import PersonRecord

from .models import Consent, HouseholdLink, NameKey, Person, PersonReference, ResidenceStatus
from .name_keys import (
    MAX_CANDIDATES,
    Candidate,
    candidate_hits,
    find_candidates,
    query_keys,
    shortlist_ids,
)
from .reference_numbers import search_key


def persons_visible_to(user: User) -> QuerySet[Person]:
    """Persons whose case belongs to one of the user's teams; none for auditors."""
    if not user.is_authenticated or not user.works_cases:
        return Person.objects.none()
    return Person.objects.filter(case__team__in=user.teams.all())


def person_in_scope(*, user: User, pk: int) -> Person:
    """The person if the user may see them (404 otherwise), with case, team, caseworker, case
    orientation and municipality; not audited (the caller records why it reads). Read once per
    page: the person page's panels (courses, recognition) ask for the same person again."""

    def read() -> Person:
        return get_object_or_404(
            persons_visible_to(user).select_related(
                "case", "case__team", "case__caseworker", "case__orientation", "municipality"
            ),
            pk=pk,
        )

    return once(f"people.person_in_scope:{user.pk}:{pk}", read)


def person_get_for_user(*, user: User, pk: int, purpose: str = "person_view") -> Person:
    person = person_in_scope(user=user, pk=pk)
    audit_read(actor=user, obj=person, purpose=purpose)
    return person


def person_page_get_for_user(*, user: User, pk: int) -> Person:
    """The person for their page, with what its sections list read in one query each (not one
    per consent): spellings, languages, residence titles, reference numbers, consents with
    recipient and author."""
    person = person_get_for_user(user=user, pk=pk)
    prefetch_related_objects(
        [person],
        "spellings",
        "languages",
        "residence",
        "references",
        Prefetch("consents", queryset=Consent.objects.select_related("recipient", "recorded_by")),
    )
    return person


def person_find_visible(*, user: User, pk: int) -> Person | None:
    """A person in the user's scope for linking (household), without opening their file."""
    return persons_visible_to(user).filter(pk=pk).first()


@dataclass(frozen=True)
class HouseholdMember:
    relation: str  # the relative's relation to the person, as a label
    relative: Person


def household_of(*, person: Person) -> list[HouseholdMember]:
    """The person's household, whichever of the two pages the link was recorded on."""
    links = HouseholdLink.objects.filter(Q(person=person) | Q(relative=person)).select_related(
        "person", "relative"
    )
    members: dict[int, HouseholdMember] = {}
    # A link recorded on this person's page wins over the same pair recorded the other way.
    for link in sorted(links, key=lambda link: (link.person_id != person.pk, link.pk)):
        if link.person_id == person.pk:
            member = HouseholdMember(link.get_relation_display(), link.relative)
        else:
            member = HouseholdMember(link.get_inverse_relation_display(), link.person)
        members.setdefault(member.relative.pk, member)
    return list(members.values())


def person_pick(*, user: User, query: str, limit: int = 10) -> list[Person]:
    """Persons in the user's scope for choosing one (a household member) by name."""
    return list(person_search(user=user, filters=PersonFilters(q=query), per_page=limit))


@dataclass(frozen=True)
class PersonFilters:
    q: str = ""
    status: str = ""
    team: int | None = None
    nationality: str = ""
    municipality: int | None = None


NAME_SEARCH_KINDS = ("p:", "g:", "o:")  # phonetic, variant group, original script
PREFIX_MIN_LENGTH = 3  # a phonetic key this long also finds the names it begins
KEY_RANGE_END = "\U0010ffff"  # the highest code point: key <= k < key + this, k begins with key


def name_part_lookups(text: str) -> list[QuerySet[NameKey, Any]] | None:
    """For every name part of the searched text, the ids of the persons it finds: through its
    phonetic keys (and the longer ones they begin, so "Ahmad" finds Ahmadi as the old substring
    search did), its variant group and its original-script form. None when the text has no
    name part.

    The keys are the intake search's (people.NameKey: every spelling and script of a person,
    kept by the person services), so both databases answer from the same index with the same
    result, and a search in one script finds the person written in another. The exact keys and
    each range of beginnings are SELECTs of their own, joined by UNION: one index range each,
    which PostgreSQL can read from the index alone, where one condition with OR made it fetch
    every matching row from the table (12,217 for "Al-Ali").

    A range from a key to the key followed by the highest code point holds exactly the keys it
    begins, because the key column compares by code point on both databases (SQLite's BINARY,
    PostgreSQL's "C" collation since migration people 0008). No LIKE beside it: PostgreSQL
    counted the two conditions as independent and expected 11 keys where "Murad" has 20,728 at
    a million persons, so it checked every bearer for the user's team instead of joining the
    team's 2,252 persons; the column's statistics are kept finer than the default (1,000
    buckets and common values, migration 0009), without which the range alone was still
    guessed at 1 key for "Nasr" (31,866)."""
    lookups = []
    for part in analyse_name(text).parts:
        keys = sorted(k for k in part_index_keys(part) if k.startswith(NAME_SEARCH_KINDS))
        if not keys:
            continue
        beginnings = [
            key for key in keys if key.startswith("p:") and len(key) >= 2 + PREFIX_MIN_LENGTH
        ]
        exact = [key for key in keys if key not in beginnings]
        selects = [NameKey.objects.filter(key__in=exact)] if exact else []
        # A range the key's index answers on both databases; it holds the key itself.
        selects += [
            NameKey.objects.filter(key__gte=key, key__lt=key + KEY_RANGE_END) for key in beginnings
        ]
        first, *rest = [select.values("person_id") for select in selects]
        lookups.append(first.union(*rest) if rest else first)
    return lookups or None


def person_search(
    *, user: User, filters: PersonFilters, page: int | str | None = 1, per_page: int = 25
) -> Page:
    """A name search with filters; the shown rows are audited as a list read.

    Each name part must be found among the person's name keys (an indexed lookup per part, no
    scan of the names); the count is capped (`CappedPaginator`)."""
    # The scope as a subquery, not the team ids as values: SQLite then starts from the persons
    # the name finds, not from every case of the teams (33 ms against 0.2 for "Aanei").
    qs = persons_visible_to(user)
    number = reference_number_query(filters.q)
    text = "" if number else clean_name(filters.q)
    if number:
        qs = qs.filter(pk__in=PersonReference.objects.filter(search_key=number).values("person_id"))
    if text.strip():
        lookups = name_part_lookups(text)
        if lookups is None:
            qs = qs.none()
        for lookup in lookups or ():
            qs = qs.filter(pk__in=lookup)
    if filters.status:
        qs = qs.filter(case__status=filters.status)
    if filters.team:
        qs = qs.filter(case__team_id=filters.team)
    if filters.nationality:
        qs = qs.filter(nationalities__contains=filters.nationality.upper())
    if filters.municipality:
        qs = qs.filter(municipality_id=filters.municipality)
    qs = qs.order_by("family_name_latin", "given_names_latin", "pk")
    # One query for the ids of the first cap + 1 rows: they give the capped count and every
    # page, where counting and then reading a page walked every match of a common name twice.
    # The page's persons are then read by id (one erased in between is left out).
    ids = list(qs.values_list("pk", flat=True)[: COUNT_CAP + 1])
    result = CappedPaginator(ids, per_page, cap=COUNT_CAP).get_page(page)
    persons = Person.objects.select_related("case", "case__team", "municipality").in_bulk(
        list(result.object_list)
    )
    result.object_list = [persons[pk] for pk in result.object_list if pk in persons]
    audit_list(actor=user, model=Person, ids=[p.pk for p in result], purpose="person_search")
    return result


def reference_number_query(text: str) -> str:
    """The search key of a typed reference number ('12345 BG 1234567'), or "" for a name: a
    number has at least six letters and digits, and digits among them."""
    key = search_key(text)
    return key if len(key) >= 6 and any(char.isdigit() for char in key) else ""


def person_references(*, person: Person) -> list[PersonReference]:
    """The person's reference numbers, in the order of their kinds (read with the person)."""
    order = {kind: position for position, kind in enumerate(PersonReference.Kind.values)}
    return sorted(person.references.all(), key=lambda ref: order.get(ref.kind, len(order)))


def person_reference_value(*, person: Person, kind: str) -> str:
    """One number of the person for a letter, an entitlement or a referral ("" if none)."""
    prefetched = getattr(person, "_prefetched_objects_cache", {}).get("references")
    if prefetched is not None:  # read with the person for their page
        return next((ref.value for ref in prefetched if ref.kind == kind), "")
    return (
        PersonReference.objects.filter(person=person, kind=kind)
        .values_list("value", flat=True)
        .first()
        or ""
    )


def person_reference_values(*, person: Person) -> dict[str, str]:
    """Every number of the person by kind, for merge fields and referrals."""
    return dict(PersonReference.objects.filter(person=person).values_list("kind", "value"))


@dataclass(frozen=True)
class IdentityHit:
    """A candidate for the person being searched. Outside the user's scope only what is
    needed to avoid a second file: names, date of birth, responsible team."""

    candidate: Candidate
    in_scope: bool
    team_name: str

    @property
    def person(self) -> Person:
        return self.candidate.person


def identity_search(*, user: User, record: PersonRecord, limit: int = 10) -> list[IdentityHit]:
    """Candidates from the whole organisation, in any script, ranked by the scorer.

    The lookup is audited as a list read with the ids shown, whether or not in scope. Only for
    case work: administrators and auditors are refused here, whatever page or API calls it."""
    if not may_search_register(user):
        raise PermissionDenied
    keys = query_keys(record)
    if not keys:
        return []
    organisation = Person.objects.filter(organisation_id=user.organisation_id)  # type: ignore[misc]
    year = record.birth_date.value.year if record.birth_date and record.birth_date.value else None
    key_hits = candidate_hits(keys, year, record.birth_date)
    ranked_ids = sorted(key_hits.items(), key=lambda kv: (-kv[1], kv[0]))
    ids = [person_id for person_id, _ in ranked_ids[:MAX_CANDIDATES]]
    # The shortlist needs only the date of birth of the hundred: the full records (and their
    # team) are read for the few it keeps.
    births = organisation.filter(pk__in=ids).values_list("pk", "date_of_birth")
    kept = shortlist_ids(births, key_hits, record)
    # Whether each is in the user's scope, in the same query (persons_visible_to's rule).
    in_scope = Exists(persons_visible_to(user).filter(pk=OuterRef("pk")))
    loaded = (
        organisation.filter(pk__in=kept)
        .select_related("case__team")
        .annotate(in_scope=in_scope)
        .in_bulk()
    )
    persons = [loaded[pk] for pk in kept]
    size = cache.get_or_set(
        f"wegweiser:registry-size:{user.organisation_id}", organisation.count, timeout=600
    )
    ranked = find_candidates(persons=persons, query=record, registry_size=size or 1)
    hits = [
        IdentityHit(
            candidate=c,
            in_scope=bool(getattr(c.person, "in_scope", False)),
            team_name=str(getattr(getattr(c.person, "case", None), "team", "") or ""),
        )
        for c in ranked[:limit]
    ]
    audit_list(actor=user, model=Person, ids=[h.person.pk for h in hits], purpose="identity_search")
    return hits


# Two rules about residence titles, each with its own name:
def latest_residence(person: Person) -> ResidenceStatus | None:
    """The newest registered title, even if it has expired: the person page shows it and warns
    when it has run out or is about to (from the titles read with the person when they were)."""
    prefetched = getattr(person, "_prefetched_objects_cache", {}).get("residence")
    if prefetched is not None:
        return max(prefetched, key=lambda title: (title.valid_from, title.pk), default=None)
    return person.residence.order_by("-valid_from", "-id").first()


def residence_in_force(person: Person, today: dt.date | None = None) -> ResidenceStatus | None:
    """The title in force today: the newest one that has begun and not expired. It decides what
    work is permitted."""
    today = today or timezone.localdate()
    return (
        person.residence.filter(valid_from__lte=today)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .order_by("-valid_from", "-id")
        .first()
    )
