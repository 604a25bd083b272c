"""Reads for the duplicate review: the queue, one pair, the merges. Scoped and audited.

A pair is shown to a user who may see at least one of its two persons. A person outside
the user's scope (another team's) is shown only with what is needed to recognise them:
names, date of birth and team, never case content; such a pair can be marked "different
people" but not merged by this user. A merge needs both persons in the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.core.audit import audit_list, audit_read

from .duplicate_search import duplicate_searches_recover
from .models import DuplicatePair, DuplicateSearch, Person, PersonMerge
from .selectors import persons_visible_to


@dataclass(frozen=True)
class PairSide:
    person: Person
    in_scope: bool

    @property
    def team_name(self) -> str:
        case = getattr(self.person, "case", None)
        return str(case.team) if case is not None else ""


@dataclass(frozen=True)
class PairReview:
    pair: DuplicatePair
    sides: tuple[PairSide, ...]  # the persons that still exist, lower id first

    @property
    def complete(self) -> bool:
        return len(self.sides) == 2

    @property
    def mergeable(self) -> bool:
        """Both persons exist and are in the user's scope, and nobody decided yet."""
        return (
            self.complete
            and all(side.in_scope for side in self.sides)
            and self.pair.status == DuplicatePair.Status.OPEN
        )

    @property
    def decidable(self) -> bool:
        return (
            self.complete
            and any(side.in_scope for side in self.sides)
            and self.pair.status == DuplicatePair.Status.OPEN
        )


def _persons(ids: set[int], user: User) -> dict[int, Person]:
    persons = Person.objects.filter(pk__in=ids, organisation=user.organisation)
    return {p.pk: p for p in persons.select_related("case__team")}


def _reviews(user: User, pairs: list[DuplicatePair]) -> list[PairReview]:
    ids = {i for pair in pairs for i in pair.person_ids}
    persons = _persons(ids, user)
    visible = set(persons_visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    reviews = []
    for pair in pairs:
        sides = tuple(PairSide(persons[i], i in visible) for i in pair.person_ids if i in persons)
        reviews.append(PairReview(pair, sides))
    return reviews


def duplicate_queue(*, user: User, page: int | str | None = 1, per_page: int = 25) -> Page:
    """Open pairs of which the user may see at least one person, most likely first."""
    visible = persons_visible_to(user).values("pk")
    pairs = DuplicatePair.objects.filter(
        Q(person_low__in=visible) | Q(person_high__in=visible),
        organisation=user.organisation,
        status=DuplicatePair.Status.OPEN,
    ).order_by("-probability", "pk")
    found = Paginator(pairs, per_page).get_page(page)
    reviews = [r for r in _reviews(user, list(found)) if r.complete]
    result: Page[PairReview] = Page(reviews, found.number, cast(Any, found.paginator))
    audit_list(
        actor=user,
        model=Person,
        ids=sorted({side.person.pk for r in reviews for side in r.sides}),
        purpose="duplicate_queue",
    )
    return result


def duplicate_pair_get_for_user(*, user: User, pk: int) -> PairReview:
    """One pair; 404 unless the user may see at least one of its persons."""
    pair = get_object_or_404(
        DuplicatePair.objects.select_related("decided_by"),
        pk=pk,
        organisation=user.organisation,
    )
    (review,) = _reviews(user, [pair])
    if not any(side.in_scope for side in review.sides):
        raise Http404
    for side in review.sides:
        if side.in_scope:
            audit_read(actor=user, obj=side.person, purpose="duplicate_review")
    shown_minimal = [side.person.pk for side in review.sides if not side.in_scope]
    if shown_minimal:
        audit_list(actor=user, model=Person, ids=shown_minimal, purpose="duplicate_review")
    return review


def pair_merges(*, pair: DuplicatePair) -> list[PersonMerge]:
    return list(pair.merges.select_related("merged_by", "undone_by"))


def recent_merges(*, user: User, limit: int = 10) -> list[PersonMerge]:
    """The latest merges whose surviving person the user may see."""
    visible = persons_visible_to(user).values("pk")
    return list(
        PersonMerge.objects.filter(organisation=user.organisation, survivor__in=visible)
        .select_related("merged_by", "undone_by", "survivor")
        .order_by("-merged_at", "-pk")[:limit]
    )


def merge_get_for_user(*, user: User, pk: int) -> PersonMerge:
    """A merge whose surviving person is in the user's scope, else 404."""
    visible = persons_visible_to(user).values("pk")
    return get_object_or_404(
        PersonMerge.objects.filter(organisation=user.organisation, survivor__in=visible),
        pk=pk,
    )


def latest_search(*, user: User) -> DuplicateSearch | None:
    """The organisation's newest search; one whose worker died shows as failed."""
    if user.organisation is None:
        return None
    duplicate_searches_recover(organisation=user.organisation)
    return DuplicateSearch.objects.filter(organisation=user.organisation).first()


FIELD_LABELS = {
    "name": _("Name"),
    "dob": _("Date of birth"),
    "nationality": _("Nationality"),
    "place_of_birth": _("Place of birth"),
    "sex": _("Sex"),
}
LEVEL_LABELS = {
    "missing": _("missing in one record"),
    "same_spelling": _("same spelling"),
    "exact": _("same name, in another script or written slightly differently"),
    "spelling_variant": _("spelling variant or transliteration"),
    "swapped": _("given and family name swapped"),
    "consonants": _("same consonants"),
    "one_similar": _("one name agrees, the other is similar"),
    "family_only": _("only the family name agrees"),
    "given_only": _("only the given name agrees"),
    "different": _("different"),
    "day_month_swapped": _("day and month swapped"),
    "year_off_by_one": _("same day and month, year differs by one"),
    "day_off_by_one": _("same month and year, day differs by one"),
    "one_part_differs": _("one part differs"),
    "same_month": _("same month and year"),
    "placeholder_same_year": _("placeholder or year only, same year"),
    "near_year": _("imprecise, year differs by one"),
    "same": _("same"),
    "similar": _("similar"),
    "matcher": _("alike to the identity matcher (across scripts)"),
    "matcher_weaker": _("weighed by the identity matcher: common names here, or less alike"),
}

# Levels whose code the date of birth shares with the names but which mean something else there.
DATE_LEVEL_LABELS = {"exact": _("the same date")}


def explained_weights(pair: DuplicatePair) -> list[dict[str, object]]:
    """Splink's match weight per field, with the level in words, for the review page."""
    rows = []
    for name, label in FIELD_LABELS.items():
        entry = pair.field_weights.get(name)
        if not isinstance(entry, dict):
            continue
        level = str(entry.get("level", ""))
        labels = {**LEVEL_LABELS, **DATE_LEVEL_LABELS} if name == "dob" else LEVEL_LABELS
        rows.append(
            {
                "field": label,
                "level": labels.get(level, level),
                "weight": entry.get("weight", 0.0),
            }
        )
    return rows
