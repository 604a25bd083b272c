"""Reads of qualifications and recognition procedures: scoped to the persons of the user's teams
(404 outside), audited. Occupations and authorities are reference data, not person data."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from wegweiser.accounts.models import User
from wegweiser.cases.models import open_cases_of
from wegweiser.core.audit import audit_list, audit_read
from wegweiser.occupations.models import Occupation
from wegweiser.people.models import Person
from wegweiser.people.selectors import person_in_scope, persons_visible_to

from .models import CompetentAuthority, Qualification, RecognitionProcedure

logger = logging.getLogger(__name__)

SEARCH_RESULTS = 10


def qualifications_visible_to(user: User) -> QuerySet[Qualification]:
    return Qualification.objects.filter(person__in=persons_visible_to(user))


def procedures_visible_to(user: User) -> QuerySet[RecognitionProcedure]:
    return RecognitionProcedure.objects.filter(person__in=persons_visible_to(user))


def qualification_get_for_user(*, user: User, pk: int) -> Qualification:
    qualification = get_object_or_404(
        qualifications_visible_to(user).select_related("person", "occupation"), pk=pk
    )
    audit_read(actor=user, obj=qualification, purpose="qualification_view")
    return qualification


def procedure_get_for_user(*, user: User, pk: int) -> RecognitionProcedure:
    procedure = get_object_or_404(
        procedures_visible_to(user).select_related(
            "person", "qualification", "reference_occupation", "authority"
        ),
        pk=pk,
    )
    audit_read(actor=user, obj=procedure, purpose="recognition_procedure_view")
    return procedure


@dataclass
class PersonRecognition:
    person: Person
    qualifications: list[Qualification]
    procedures: list[RecognitionProcedure]
    today: dt.date = field(default_factory=timezone.localdate)

    @property
    def near(self) -> list[RecognitionProcedure]:
        return [p for p in self.procedures if p.decision_near(self.today)]

    @property
    def overdue(self) -> list[RecognitionProcedure]:
        return [p for p in self.procedures if p.is_overdue(self.today)]


def person_recognition(*, user: User, pk: int) -> PersonRecognition:
    """Qualifications and procedures of a person in the user's scope (404 otherwise)."""
    return person_recognition_of(user=user, person=person_in_scope(user=user, pk=pk))


def person_qualifications(*, person: Person) -> list[Qualification]:
    return list(person.qualifications.select_related("occupation"))


def person_recognition_of(
    *, user: User, person: Person, qualifications: list[Qualification] | None = None
) -> PersonRecognition:
    """`person_recognition` of a person the caller has found in the user's scope (the person
    page), with the qualifications `person_qualifications` read if the caller has them; the read
    is recorded."""
    audit_read(actor=user, obj=person, purpose="person_recognition")
    if qualifications is None:
        qualifications = person_qualifications(person=person)
    return PersonRecognition(
        person=person,
        qualifications=qualifications,
        procedures=list(
            person.recognition_procedures.select_related(
                "qualification", "reference_occupation", "authority"
            )
        ),
    )


def overdue_procedures(*, user: User, today: dt.date | None = None) -> list[RecognitionProcedure]:
    """Procedures of the user's own open cases whose decision is overdue."""
    today = today or timezone.localdate()
    candidates = (
        RecognitionProcedure.objects.filter(
            open_cases_of(user, path="person__case__"),
            decision_on__isnull=True,
            application_submitted_on__isnull=False,
        )
        .select_related("person", "reference_occupation", "authority")
        .order_by("application_submitted_on", "id")
    )
    overdue = [p for p in candidates if p.is_overdue(today)]
    if overdue:
        audit_list(
            actor=user,
            model=RecognitionProcedure,
            ids=[p.pk for p in overdue],
            purpose="recognition_overdue",
        )
    return overdue


def active_authorities() -> QuerySet[CompetentAuthority]:
    return CompetentAuthority.objects.filter(is_active=True).order_by("state", "name")


def authorities_for_occupation(
    occupation: Occupation | None,
) -> tuple[list[CompetentAuthority], list[CompetentAuthority]]:
    """The active authorities for an occupation's KldB code, the most specific first, and
    all the others."""
    authorities = list(active_authorities())
    code = occupation.kldb_code if occupation is not None else ""
    if not code:
        return [], authorities
    scored = [(a.specificity(code), a) for a in authorities]
    suitable = [a for score, a in sorted(scored, key=lambda x: -x[0]) if score]
    return suitable, [a for score, a in scored if not score]


# ---------------------------------------------------------------------------------------------
# Occupation autocomplete


def _coded_uris(title: str, *, language: str) -> list[str]:
    """ESCO concept URIs the occupation coder ranks for `title`, best first."""
    # Not a cycle: imported on first use so that scikit-learn loads with the first search.
    from wegweiser.occupations.coding import get_coder

    return [m.concept_uri for m in get_coder().code(title, top=SEARCH_RESULTS, language=language)]


def occupation_search(*, title: str, language: str = "de") -> list[Occupation]:
    """Occupations for a job title as people say it, best first. Uses the occupation coder;
    when its packaged data cannot be loaded, falls back to a plain label search."""
    title = title.strip()
    if len(title) < 2:
        return []
    try:
        uris = _coded_uris(title, language=language)
    except (ImportError, OSError, ValueError):
        logger.exception("occupation coder unavailable, falling back to a label search")
        return list(
            Occupation.objects.filter(is_current=True)
            .filter(
                Q(preferred_label_de__icontains=title)
                | Q(preferred_label_en__icontains=title)
                | Q(labels__text__icontains=title)
            )
            .distinct()
            .order_by("preferred_label_de")[:SEARCH_RESULTS]
        )
    found = Occupation.objects.in_bulk(uris, field_name="concept_uri")
    return [found[uri] for uri in uris if uri in found]
