"""Labour market: matching with hard constraints, the consent gate on proposals, the
employer's narrow scope, placements with their follow-up schedule, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from freezegun import freeze_time

from wegweiser.cases.models import Case
from wegweiser.cases.tests.factories import CaseFactory, OrientationFactory
from wegweiser.core.audit import acting_as
from wegweiser.core.models import AuditEntry
from wegweiser.jobs import services
from wegweiser.jobs.models import FollowUp, JobProposal, Placement, ProposalStep, Vacancy
from wegweiser.jobs.tests.factories import ExperienceFactory, VacancyFactory
from wegweiser.people.models import ResidenceStatus
from wegweiser.people.tests.factories import ResidenceStatusFactory
from wegweiser.recognition.tests.factories import ProcedureFactory, QualificationFactory

pytestmark = pytest.mark.django_db


def _second_person(team, caseworker, municipality, occupation, **residence):
    case = CaseFactory(team=team, caseworker=caseworker)
    OrientationFactory(case=case)
    person = case.person
    person.municipality = municipality
    with transaction.atomic(), acting_as(None):
        person.save()
    ResidenceStatusFactory(
        person=person, valid_until=dt.date.today() + dt.timedelta(days=400), **residence
    )
    ExperienceFactory(person=person, occupation=occupation)
    return person


# ---------------------------------------------------------------------------------------------
# Matching


def test_vacancy_ranks_the_fitting_person_with_plain_reasons(client, caseworker, vacancy, person):
    client.force_login(caseworker)
    response = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert person.given_names_latin in page
    assert "the same occupation (from the work experience: " in page
    assert "A2 meets the required A2" in page
    entry = AuditEntry.objects.filter(purpose="vacancy_matching").latest("id")
    assert person.pk in entry.object_ids


def test_person_who_may_not_work_is_never_ranked_but_shown_with_the_reason(
    client, caseworker, team, vacancy, person, giessen, warehouse, employer
):
    barred = _second_person(
        team,
        caseworker,
        giessen,
        warehouse,
        title=ResidenceStatus.Title.GESTATTUNG,
        work_permission=ResidenceStatus.WorkPermission.NOT_ALLOWED,
    )
    client.force_login(caseworker)
    response = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    ranked = [row["object"].pk for row in response.context["matches"]]
    held = {row["object"].pk: row["constraints"] for row in response.context["held_back"]}
    assert person.pk in ranked
    assert barred.pk not in ranked
    assert held[barred.pk] == ["may not work under the current residence title"]
    assert "may not work under the current residence title: 1" in response.content.decode()
    with pytest.raises(ValidationError, match="may not work"):
        services.proposal_create(actor=caseworker, person=barred, vacancy=vacancy)


def test_approval_needed_is_ranked_and_flagged(
    client, caseworker, team, vacancy, giessen, warehouse
):
    pending = _second_person(
        team,
        caseworker,
        giessen,
        warehouse,
        title=ResidenceStatus.Title.DULDUNG,
        work_permission=ResidenceStatus.WorkPermission.APPROVAL,
    )
    client.force_login(caseworker)
    response = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    row = next(r for r in response.context["matches"] if r["object"].pk == pending.pk)
    assert row["flags"] == ["only with the immigration office's approval"]


def test_missing_recognition_for_a_regulated_occupation_is_shown(
    client, caseworker, person, employer, nurse
):
    ExperienceFactory(person=person, occupation=nurse, title="ممرضة")
    care = VacancyFactory(employer=employer, occupation=nurse, title="Pflegefachkraft (m/w/d)")
    client.force_login(caseworker)
    response = client.get(reverse("jobs:person", args=[person.pk]))
    assert care.pk not in [r["object"].pk for r in response.context["matches"]]
    held = {r["object"].pk: r["constraints"] for r in response.context["held_back"]}
    assert held[care.pk] == [
        "regulated occupation: a full recognition of the qualification is missing"
    ]

    qualification = QualificationFactory(person=person, occupation=nurse)
    ProcedureFactory(
        person=person,
        qualification=qualification,
        reference_occupation=nurse,
        outcome="full",
        decision_on=dt.date.today() - dt.timedelta(days=30),
    )
    response = client.get(reverse("jobs:person", args=[person.pk]))
    assert care.pk in [r["object"].pk for r in response.context["matches"]]


def test_required_driving_licence_holds_back_a_person_without_one(
    client, caseworker, person, employer, warehouse
):
    van = VacancyFactory(
        employer=employer, occupation=warehouse, driving_licence_required=True, title="Fahrer"
    )
    client.force_login(caseworker)
    response = client.get(reverse("jobs:person", args=[person.pk]))
    held = {r["object"].pk: r["constraints"] for r in response.context["held_back"]}
    assert held[van.pk] == ["a driving licence is required and missing"]


def test_other_teams_persons_are_not_ranked(
    client, other_caseworker, other_team, vacancy, person, giessen, warehouse
):
    theirs = _second_person(other_team, other_caseworker, giessen, warehouse)
    client.force_login(other_caseworker)
    response = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    ranked = [row["object"].pk for row in response.context["matches"]]
    assert ranked == [theirs.pk]


# ---------------------------------------------------------------------------------------------
# Proposals and consent


def test_no_consent_no_proposal(client, caseworker, vacancy, person):
    client.force_login(caseworker)
    url = reverse("jobs:propose", args=[person.pk, vacancy.pk])
    page = client.get(url).content.decode()
    assert "No consent to share a profile with" in page
    response = client.post(url, {"message": "Zuverlässig"})
    assert response.status_code == 422
    assert not JobProposal.objects.exists()


def test_proposal_with_consent_is_dated_audited_and_visible_to_the_employer(
    client, caseworker, employer_user, vacancy, person, consent
):
    client.force_login(caseworker)
    response = client.post(
        reverse("jobs:propose", args=[person.pk, vacancy.pk]), {"message": "Staplerschein"}
    )
    proposal = JobProposal.objects.get()
    assert response.status_code == 302
    assert proposal.consent == consent
    assert ProposalStep.objects.filter(proposal=proposal, status="proposed").count() == 1
    assert AuditEntry.objects.filter(
        object_type="jobs.jobproposal", action="create", person_id=person.pk
    ).exists()
    basis = AuditEntry.objects.get(object_type="jobs.jobproposal", action="confirm")
    assert basis.purpose.endswith(f"consent {consent.pk} (consent)")

    client.force_login(employer_user)
    page = client.get(reverse("jobs:proposal", args=[proposal.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert person.family_name_latin in text
    assert "work allowed" in text
    # the minimum only: no residence title, no health data, no address
    assert "§25" not in text
    assert "Rückenleiden" not in text
    assert AuditEntry.objects.filter(
        actor=employer_user, action="read", object_type="jobs.jobproposal"
    ).exists()


def test_withdrawn_consent_stops_sharing_on_the_next_request(
    client, caseworker, employer_user, vacancy, person, consent
):
    with transaction.atomic(), acting_as(caseworker):
        # a name no random name of the employer's staff can be (it would show in the header)
        person.family_name_latin = "Quellbornwiese"
        person.save(update_fields=["family_name_latin"])
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(employer_user)
    assert client.get(reverse("jobs:proposal", args=[proposal.pk])).status_code == 200
    assert "Quellbornwiese" in client.get(reverse("jobs:proposals")).content.decode()
    with transaction.atomic(), acting_as(caseworker):
        consent.withdrawn_on = dt.date.today()
        consent.save()
    assert client.get(reverse("jobs:proposal", args=[proposal.pk])).status_code == 404
    listing = client.get(reverse("jobs:proposals")).content.decode()
    assert "Quellbornwiese" not in listing
    assert reverse("jobs:proposal", args=[proposal.pk]) not in listing


def test_consent_for_another_employer_does_not_count(caseworker, person, other_employer, vacancy):
    from wegweiser.people.models import Consent
    from wegweiser.people.tests.factories import ConsentFactory

    ConsentFactory(
        person=person,
        purpose=Consent.Purpose.JOB_PLACEMENT,
        recipient=other_employer.organisation,
        recorded_by=caseworker,
    )
    with pytest.raises(ValidationError, match="No consent"):
        services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)


def test_employer_records_interview_but_cannot_withdraw(
    client, caseworker, employer_user, vacancy, person, consent
):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(employer_user)
    url = reverse("jobs:proposal", args=[proposal.pk])
    today = dt.date.today().isoformat()
    response = client.post(url, {"status": "withdrawn", "on": today})
    assert response.status_code == 422
    response = client.post(url, {"status": "interview", "on": today, "note": "Mo 10 Uhr"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == "interview"


def test_not_hired_needs_a_reason(caseworker, vacancy, person, consent):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    with pytest.raises(ValidationError) as error:
        services.proposal_advance(
            actor=caseworker, proposal=proposal, status="not_hired", on=dt.date.today()
        )
    assert "reason" in error.value.message_dict
    proposal.refresh_from_db()
    assert proposal.status == "proposed"
    assert proposal.steps.count() == 1


def test_hiring_the_last_position_fills_the_vacancy(caseworker, vacancy, person, consent):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    services.proposal_advance(
        actor=caseworker, proposal=proposal, status="hired", on=dt.date.today()
    )
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED


# ---------------------------------------------------------------------------------------------
# The employer's scope


def test_employer_sees_only_its_own_vacancies_and_proposals(
    client, caseworker, employer_user, other_employer, vacancy, person, consent, warehouse
):
    foreign = VacancyFactory(employer=other_employer, occupation=warehouse, title="Fremd")
    client.force_login(employer_user)
    listing = client.get(reverse("jobs:vacancies")).content.decode()
    assert vacancy.title in listing
    assert "Fremd" not in listing
    assert client.get(reverse("jobs:vacancy", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("jobs:vacancy_edit", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("jobs:person", args=[person.pk])).status_code == 403
    assert client.get(reverse("jobs:employers")).status_code == 403
    page = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    assert "matches" not in page.context  # no candidates of the centre's caseload


def test_other_employer_cannot_reach_a_proposal(
    client, caseworker, other_employer_user, vacancy, person, consent
):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(other_employer_user)
    assert client.get(reverse("jobs:proposal", args=[proposal.pk])).status_code == 404
    assert person.family_name_latin not in client.get(reverse("jobs:proposals")).content.decode()


def test_employer_creates_a_vacancy_for_its_own_organisation_only(
    client, employer_user, employer, other_employer, warehouse, giessen
):
    client.force_login(employer_user)
    response = client.post(
        reverse("jobs:vacancy_create"),
        {
            "employer": other_employer.pk,
            "title": "Lagerhelfer",
            "occupation": warehouse.pk,
            "municipality": giessen.pk,
            "hours": "part_time",
            "starts_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
            "duration": "permanent",
            "positions": 2,
        },
    )
    assert response.status_code == 302
    assert Vacancy.objects.get().employer == employer


# ---------------------------------------------------------------------------------------------
# Bad input


def test_new_vacancy_cannot_start_in_the_past(client, caseworker, employer, warehouse, giessen):
    client.force_login(caseworker)
    response = client.post(
        reverse("jobs:vacancy_create"),
        {
            "employer": employer.pk,
            "title": "Lagerhelfer",
            "occupation": warehouse.pk,
            "municipality": giessen.pk,
            "hours": "full_time",
            "starts_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
            "duration": "permanent",
            "positions": 1,
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["starts_on"] == [
        "A new vacancy cannot start before today."
    ]
    assert not Vacancy.objects.exists()


def test_german_level_out_of_range_is_refused_at_the_field(
    client, caseworker, employer, warehouse, giessen
):
    client.force_login(caseworker)
    response = client.post(
        reverse("jobs:vacancy_create"),
        {
            "employer": employer.pk,
            "title": "Lagerhelfer",
            "occupation": warehouse.pk,
            "municipality": giessen.pk,
            "german_level": "B3",
            "hours": "full_time",
            "starts_on": (dt.date.today() + dt.timedelta(days=1)).isoformat(),
            "duration": "permanent",
            "positions": 1,
        },
    )
    assert response.status_code == 422
    assert "german_level" in response.context["form"].errors
    assert not Vacancy.objects.exists()


def test_vacancy_in_arabic_interface(client, caseworker, vacancy, person):
    client.cookies["django_language"] = "ar"
    client.force_login(caseworker)
    response = client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    assert response.status_code == 200
    assert 'dir="rtl"' in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Placements and follow-up


def _place(caseworker, person, employer, warehouse, starts_on):
    return services.placement_create(
        actor=caseworker,
        person=person,
        employer=employer,
        occupation=warehouse,
        starts_on=starts_on,
        contract="permanent",
        hours="full_time",
        funding="integration_subsidy",
    )


@freeze_time("2026-01-20")
def test_placement_schedules_follow_ups_at_1_3_6_12_months(caseworker, person, employer, warehouse):
    placement = _place(caseworker, person, employer, warehouse, dt.date(2026, 1, 31))
    due = [(f.month, f.due_on) for f in placement.follow_ups.order_by("month")]
    assert due == [
        (1, dt.date(2026, 2, 28)),
        (3, dt.date(2026, 4, 30)),
        (6, dt.date(2026, 7, 31)),
        (12, dt.date(2027, 1, 31)),
    ]
    assert Case.objects.get(person=person).status == Case.Status.PLACED


def test_follow_up_appears_on_the_dashboard_when_due(
    client, caseworker, person, employer, warehouse
):
    with freeze_time("2026-03-02"):
        _place(caseworker, person, employer, warehouse, dt.date(2026, 3, 2))
    with freeze_time("2026-03-20"):
        client.force_login(caseworker)
        page = client.get(reverse("cases:my")).content.decode()
        assert "Follow-up contacts due" not in page
    with freeze_time("2026-03-27"):  # one week before 2 April
        client.force_login(caseworker)
        page = client.get(reverse("cases:my")).content.decode()
        assert "Follow-up contacts due" in page
        assert person.family_name_latin in page
    with freeze_time("2026-04-10"):
        client.force_login(caseworker)
        page = client.get(reverse("cases:my")).content.decode()
        assert "overdue" in page


def test_case_moves_placed_follow_up_closed_and_sustained_is_derived(
    caseworker, person, employer, warehouse
):
    from wegweiser.jobs.selectors import sustained

    with freeze_time("2025-01-15"):
        placement = _place(caseworker, person, employer, warehouse, dt.date(2025, 1, 15))
    follow_ups = {f.month: f for f in placement.follow_ups.all()}
    for month, day in ((1, "2025-02-17"), (3, "2025-04-16"), (6, "2025-07-16")):
        with freeze_time(day):
            services.follow_up_record(
                actor=caseworker,
                follow_up=follow_ups[month],
                contacted_on=dt.date.fromisoformat(day),
                still_employed=True,
                problems=["language"] if month == 1 else [],
            )
        assert Case.objects.get(person=person).status == Case.Status.FOLLOW_UP
    placement.refresh_from_db()
    assert sustained(placement, 6) is True
    assert sustained(placement, 12) is None
    with freeze_time("2026-01-20"):
        services.follow_up_record(
            actor=caseworker,
            follow_up=follow_ups[12],
            contacted_on=dt.date(2026, 1, 20),
            still_employed=True,
            employer_now="Spedition Vogelsberg",
        )
    case = Case.objects.get(person=person)
    assert case.status == Case.Status.CLOSED
    assert case.closing_reason == Case.ClosingReason.SUSTAINED_EMPLOYMENT
    assert sustained(placement, 12) is True


def test_lost_job_ends_the_placement_and_reopens_the_case(caseworker, person, employer, warehouse):
    with freeze_time("2025-05-01"):
        placement = _place(caseworker, person, employer, warehouse, dt.date(2025, 5, 1))
    first = placement.follow_ups.get(month=1)
    with freeze_time("2025-06-03"):
        services.follow_up_record(
            actor=caseworker,
            follow_up=first,
            contacted_on=dt.date(2025, 6, 3),
            still_employed=False,
            problems=["childcare", "shifts"],
        )
    placement.refresh_from_db()
    assert placement.ended_on == dt.date(2025, 6, 3)
    assert Case.objects.get(person=person).status == Case.Status.ACTIVE
    from wegweiser.jobs.selectors import sustained

    assert sustained(placement, 6) is False


def test_follow_up_in_the_future_is_refused_and_nothing_changes(
    client, caseworker, person, employer, warehouse
):
    placement = _place(caseworker, person, employer, warehouse, dt.date.today())
    follow_up = placement.follow_ups.get(month=1)
    client.force_login(caseworker)
    response = client.post(
        reverse("jobs:follow_up", args=[follow_up.pk]),
        {
            "contacted_on": (dt.date.today() + dt.timedelta(days=5)).isoformat(),
            "still_employed": "1",
        },
    )
    assert response.status_code == 422
    assert response.context["form"].errors["contacted_on"] == [
        "The contact cannot be in the future."
    ]
    assert not FollowUp.objects.filter(contacted_on__isnull=False).exists()


def test_other_team_cannot_open_placement_or_follow_up(
    client, caseworker, other_caseworker, person, employer, warehouse
):
    placement = _place(caseworker, person, employer, warehouse, dt.date.today())
    client.force_login(other_caseworker)
    assert client.get(reverse("jobs:placement", args=[placement.pk])).status_code == 404
    follow_up = placement.follow_ups.first()
    assert follow_up is not None
    assert client.get(reverse("jobs:follow_up", args=[follow_up.pk])).status_code == 404
    assert Placement.objects.count() == 1


# ---------------------------------------------------------------------------------------------
# API


def test_api_ranks_persons_with_reasons_and_hides_them_from_employers(
    client, caseworker, employer_user, vacancy, person
):
    client.force_login(caseworker)
    body = client.get(f"/api/jobs/vacancies/{vacancy.pk}/matches").json()
    top = body["matches"][0]
    assert top["id"] == person.pk
    assert {f["name"] for f in top["factors"]} == {
        "occupation",
        "german",
        "commute",
        "availability",
    }
    assert top["factors"][0]["code"] == "same_occupation"
    client.force_login(employer_user)
    assert client.get(f"/api/jobs/vacancies/{vacancy.pk}/matches").status_code == 404
    assert client.get(f"/api/jobs/vacancies/{vacancy.pk}").status_code == 200


def test_api_person_matches_show_held_back_reasons(client, caseworker, person, employer, nurse):
    care = VacancyFactory(employer=employer, occupation=nurse, title="Pflegefachkraft")
    ExperienceFactory(person=person, occupation=nurse)
    client.force_login(caseworker)
    body = client.get(f"/api/jobs/persons/{person.pk}/matches").json()
    held = {m["id"]: [c["code"] for c in m["constraints"]] for m in body["held_back"]}
    assert held[care.pk] == ["recognition_missing"]
    assert body["held_back_counts"] == {"recognition_missing": 1}


def test_site_in_another_municipality_than_the_place_of_work_is_refused(
    caseworker, employer, warehouse, giessen
):
    from wegweiser.core.tests.factories import MunicipalityFactory

    lich = MunicipalityFactory(name="Lich", latitude=50.52, longitude=8.82)
    site = services.site_add(
        actor=caseworker, employer=employer, name="Lager Lich", municipality=lich
    )
    with pytest.raises(ValidationError) as error:
        services.vacancy_create(
            actor=caseworker,
            employer=employer,
            site=site,
            municipality=giessen,
            title="Lagerhelfer",
            occupation=warehouse,
            hours="full_time",
            starts_on=dt.date.today(),
            duration="permanent",
        )
    assert error.value.message_dict["municipality"] == [
        "The site is in Lich; choose it as the place of work or another site."
    ]
    assert not Vacancy.objects.exists()


def test_matching_reads_the_same_german_level_as_the_person_page(person, team, caseworker):
    from wegweiser.courses.selectors import current_levels
    from wegweiser.courses.tests.factories import LevelRecordFactory
    from wegweiser.jobs.selectors import _german_levels
    from wegweiser.people.models import Person

    other = CaseFactory(team=team, caseworker=caseworker).person
    LevelRecordFactory(person=person, level="B1", source="exam", recorded_by=caseworker)
    LevelRecordFactory(
        person=other,
        level="A2",
        source="self",
        assessed_on=dt.date.today() - dt.timedelta(days=3),
        recorded_by=caseworker,
    )
    LevelRecordFactory(
        person=other,
        level="B2",
        source="placement_test",
        assessed_on=dt.date.today() - dt.timedelta(days=3),
        recorded_by=caseworker,
    )
    persons = Person.objects.filter(pk__in=[person.pk, other.pk])
    lean = _german_levels(persons.values("pk"))
    assert lean == current_levels([person.pk, other.pk])
    assert lean[other.pk] == "B2"  # on the same day the tested level wins


def test_placement_from_a_hired_proposal_offers_only_its_vacancy(
    client, caseworker, vacancy, person, consent, employer, warehouse
):
    other = VacancyFactory(employer=employer, occupation=warehouse, title="Andere Stelle")
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    services.proposal_advance(
        actor=caseworker, proposal=proposal, status="hired", on=dt.date.today()
    )
    client.force_login(caseworker)
    url = reverse("jobs:placement_create", args=[person.pk]) + f"?proposal={proposal.pk}"
    form = client.get(url).context["form"]
    assert list(form.fields["vacancy"].queryset) == [vacancy]
    assert form.initial["vacancy"] == vacancy.pk
    response = client.post(
        url,
        {
            "employer": employer.pk,
            "vacancy": other.pk,
            "occupation": warehouse.pk,
            "starts_on": dt.date.today().isoformat(),
            "contract": "permanent",
            "hours": "full_time",
            "funding": "none",
        },
    )
    assert response.status_code == 422
    assert "vacancy" in response.context["form"].errors
    assert not Placement.objects.exists()


def test_vacancy_list_filters_by_employer(client, caseworker, vacancy, other_employer, warehouse):
    VacancyFactory(employer=other_employer, occupation=warehouse, title="Fremdlager")
    client.force_login(caseworker)
    page = client.get(reverse("jobs:vacancies"), {"employer": vacancy.employer_id})
    titles = [v.title for v in page.context["vacancies"]]
    assert titles == [vacancy.title]


def test_lists_of_proposals_log_the_persons_shown(
    client, caseworker, employer_user, vacancy, person, consent
):
    proposal = services.proposal_create(actor=caseworker, person=person, vacancy=vacancy)
    client.force_login(employer_user)
    client.get(reverse("jobs:vacancy", args=[vacancy.pk]))
    entry = AuditEntry.objects.filter(actor=employer_user, purpose="vacancy_proposals").get()
    assert entry.object_ids == [proposal.pk]
    client.force_login(caseworker)
    client.get(reverse("jobs:proposals"))
    entry = AuditEntry.objects.filter(actor=caseworker, purpose="proposals").get()
    assert entry.object_ids == [proposal.pk]


@pytest.mark.django_db
def test_employer_update_refuses_fields_the_form_does_not_offer(caseworker, employer):
    organisation_id = employer.organisation_id
    with pytest.raises(ValueError, match="organisation"):
        services.employer_update(
            actor=caseworker, employer=employer, data={"organisation_id": organisation_id + 1}
        )
    employer.refresh_from_db()
    assert employer.organisation_id == organisation_id


@pytest.mark.django_db
def test_a_vacancy_starting_in_the_year_9999_is_refused(
    client, caseworker, employer, warehouse, giessen
):
    client.force_login(caseworker)
    client.cookies["django_language"] = "de"
    data = {
        "employer": employer.pk,
        "title": "Lagerhelfer",
        "occupation": warehouse.pk,
        "municipality": giessen.pk,
        "hours": "full_time",
        "starts_on": "9999-01-01",
        "duration": "permanent",
        "positions": 1,
    }
    response = client.post(reverse("jobs:vacancy_create"), data)
    assert response.status_code == 422
    assert response.context["form"].errors["starts_on"] == [
        "Der Beginn liegt mehr als zwei Jahre in der Zukunft. Bitte prüfen Sie das Datum; eine "
        "Stelle wird eingetragen, wenn ihr Beginn absehbar ist."
    ]
    assert not Vacancy.objects.exists()
    data["starts_on"] = (dt.date.today() + dt.timedelta(days=700)).isoformat()
    assert client.post(reverse("jobs:vacancy_create"), data).status_code == 302
