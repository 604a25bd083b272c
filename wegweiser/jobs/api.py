from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from ninja import Router, Schema

from wegweiser.core.audit import audit_list
from wegweiser.core.types import AuthedRequest
from wegweiser.people.selectors import person_get_for_user

from . import explanations, matching
from .models import JobProposal, Vacancy
from .selectors import (
    VacancyFilters,
    matches_for_person,
    matches_for_vacancy,
    proposals_visible_to,
    vacancy_get_for_user,
    vacancy_list,
)

API_PAGE_SIZE = 100  # rows per page of the vacancy and proposal lists

router = Router(tags=["jobs"])


class VacancyOut(Schema):
    id: int
    employer_id: int
    employer: str
    title: str
    occupation_uri: str
    occupation: str
    isco_code: str
    kldb_code: str
    municipality: str
    german_level: str
    hours: str
    starts_on: dt.date
    duration: str
    recognition_required: bool
    driving_licence_required: bool
    wage_band: str
    positions: int
    status: str

    @staticmethod
    def resolve_employer(obj: Vacancy) -> str:
        return str(obj.employer)

    @staticmethod
    def resolve_occupation_uri(obj: Vacancy) -> str:
        return obj.occupation.concept_uri

    @staticmethod
    def resolve_occupation(obj: Vacancy) -> str:
        return obj.occupation.preferred_label_de or obj.occupation.preferred_label_en

    @staticmethod
    def resolve_isco_code(obj: Vacancy) -> str:
        return obj.occupation.isco_code

    @staticmethod
    def resolve_municipality(obj: Vacancy) -> str:
        return str(obj.municipality)


class FactorOut(Schema):
    name: str
    points: float
    max_points: float
    code: str
    text: str


class ReasonOut(Schema):
    code: str
    text: str


class MatchOut(Schema):
    id: int
    score: float
    band: str  # good, partial or weak fit
    factors: list[FactorOut]
    constraints: list[ReasonOut]
    flags: list[ReasonOut]


class RankingOut(Schema):
    considered: int
    matches: list[MatchOut]
    held_back: list[MatchOut]
    held_back_counts: dict[str, int]


class ProposalOut(Schema):
    id: int
    person_id: int
    given_names_latin: str
    family_name_latin: str
    vacancy_id: int
    employer_id: int
    status: str
    reason: str
    proposed_on: dt.date
    updated_on: dt.date

    @staticmethod
    def resolve_given_names_latin(obj: JobProposal) -> str:
        return obj.person.given_names_latin

    @staticmethod
    def resolve_family_name_latin(obj: JobProposal) -> str:
        return obj.person.family_name_latin


def _match(match: matching.Match) -> dict[str, object]:
    return {
        "id": match.id,
        "score": match.score,
        "band": match.band,
        "factors": [
            {
                "name": f.name,
                "points": round(f.points, 1),
                "max_points": f.max_points,
                "code": f.code,
                "text": explanations.factor_text(f),
            }
            for f in match.factors
        ],
        "constraints": [
            {"code": c, "text": str(explanations.CONSTRAINTS[c])} for c in match.constraints
        ],
        "flags": [{"code": c, "text": str(explanations.FLAGS[c])} for c in match.flags],
    }


def _ranking(ranking: matching.Ranking, visible: set[int]) -> dict[str, object]:
    return {
        "considered": ranking.considered,
        "matches": [_match(m) for m in ranking.matches if m.id in visible],
        "held_back": [_match(m) for m in ranking.held_back if m.id in visible],
        "held_back_counts": ranking.held_back_counts,
    }


@router.get("/vacancies", response=list[VacancyOut])
def list_vacancies(
    request: AuthedRequest, status: str = "open", text: str = "", page: int = 1
) -> list:
    """The vacancies in the caller's view, 100 a page (`?page=2` for the next)."""
    filters = VacancyFilters(status=status[:16], text=text[:100])
    return list(
        Paginator(vacancy_list(user=request.user, filters=filters), API_PAGE_SIZE).get_page(page)
    )


@router.get("/vacancies/{vacancy_id}", response=VacancyOut)
def get_vacancy(request: AuthedRequest, vacancy_id: int) -> object:
    return vacancy_get_for_user(user=request.user, pk=vacancy_id)


@router.get("/vacancies/{vacancy_id}/matches", response=RankingOut)
def vacancy_matches(request: AuthedRequest, vacancy_id: int, k: int = 20) -> dict:
    """Persons of the caller's teams ranked for the vacancy (case work only)."""
    if not request.user.works_cases:
        raise Http404
    vacancy = vacancy_get_for_user(user=request.user, pk=vacancy_id)
    result = matches_for_vacancy(user=request.user, vacancy=vacancy, k=max(1, min(k, 100)))
    return _ranking(result.ranking, set(result.persons))


@router.get("/persons/{person_id}/matches", response=RankingOut)
def person_matches(request: AuthedRequest, person_id: int, k: int = 20) -> dict:
    """Open vacancies ranked for a person of the caller's teams."""
    person = person_get_for_user(user=request.user, pk=person_id, purpose="person_jobs")
    result = matches_for_person(user=request.user, person=person, k=max(1, min(k, 100)))
    return _ranking(result.ranking, set(result.vacancies))


@router.get("/proposals", response=list[ProposalOut])
def list_proposals(request: AuthedRequest, page: int = 1) -> list:
    """Proposals made to the caller's employer, or of the caller's teams' persons; newest
    first, 100 a page (`?page=2` for the next). Only the page returned is audited."""
    ordered = proposals_visible_to(request.user).order_by("-updated_on", "-id")
    proposals = list(Paginator(ordered, API_PAGE_SIZE).get_page(page))
    purpose = "employer_proposals" if request.user.is_employer else "proposals"
    audit_list(
        actor=request.user, model=JobProposal, ids=[p.pk for p in proposals], purpose=purpose
    )
    return proposals
