"""The plan agreed with the person: name, versions, rules, review, scope and API."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from wegweiser.cases import services
from wegweiser.cases.models import Case, Plan, PlanGoal, PlanStep, plan_name
from wegweiser.cases.selectors import next_steps_due, plan_current_for_case, plan_reviews_due
from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory, OrientationFactory
from wegweiser.core.models import AuditEntry
from wegweiser.courses.tests.factories import EnrolmentFactory

AGREED = dt.date(2026, 3, 2)


def _plan(case: Case, actor, *, agreed_on: dt.date | None = AGREED) -> Plan:
    plan = services.plan_create(
        actor=actor, case=case, integration_goal="Eine Stelle als Elektriker finden"
    )
    goal = services.plan_goal_add(
        actor=actor, plan=plan, area=PlanGoal.Area.LANGUAGE, description="Deutsch B1"
    )
    services.plan_step_add(
        actor=actor,
        goal=goal,
        description="Integrationskurs besuchen",
        who=PlanStep.Who.PERSON,
        due_on=dt.date(2026, 6, 30),
    )
    if agreed_on:
        services.plan_agree(
            actor=actor,
            plan=plan,
            agreed_on=agreed_on,
            person_present=True,
            interpreter_language="ar",
        )
    return plan


def test_sgb2_cases_have_a_kooperationsplan_others_an_integrationsplan():
    with translation.override("de"):
        assert plan_name(Case.LegalDomain.SGB_II) == "Kooperationsplan"
        for domain in (Case.LegalDomain.SGB_III, Case.LegalDomain.ASYLBLG, Case.LegalDomain.NONE):
            assert plan_name(domain) == "Integrationsplan"


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_plan_page_shows_the_name_by_legal_domain(client, case, caseworker, team):
    _plan(case, caseworker)
    other = CaseFactory(team=team, caseworker=caseworker, legal_domain=Case.LegalDomain.SGB_III)
    OrientationFactory(case=other)
    _plan(other, caseworker)
    client.force_login(caseworker)
    with translation.override("de"):
        sgb2 = client.get(reverse("cases:plan", args=[case.pk]), HTTP_ACCEPT_LANGUAGE="de")
        sgb3 = client.get(reverse("cases:plan", args=[other.pk]), HTTP_ACCEPT_LANGUAGE="de")
    assert "Kooperationsplan" in sgb2.content.decode()
    assert "Integrationsplan" in sgb3.content.decode()
    assert "Kooperationsplan" not in sgb3.content.decode()


@pytest.mark.django_db
def test_plan_needs_the_initial_orientation_first(caseworker, team):
    case = CaseFactory(team=team, caseworker=caseworker)
    with pytest.raises(ValidationError) as error:
        services.plan_create(actor=caseworker, case=case, integration_goal="Arbeit")
    assert "integration_goal" in error.value.message_dict
    assert not Plan.objects.filter(case=case).exists()


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_changing_an_agreed_plan_makes_a_new_version_and_keeps_the_old_one_unchanged(
    client, case, caseworker
):
    v1 = _plan(case, caseworker)
    before = [
        (s.pk, s.description, s.due_on, s.status) for s in PlanStep.objects.filter(goal__plan=v1)
    ]
    goal = v1.goals.get()
    step = services.plan_step_add(
        actor=caseworker,
        goal=goal,
        description="Bewerbung bei den Stadtwerken",
        who=PlanStep.Who.CASEWORKER,
        due_on=dt.date(2026, 5, 15),
    )
    v2 = step.goal.plan
    assert v2.version == 2 and v2.status == Plan.Status.DRAFT
    assert v2.goals.get().steps.count() == 2
    # the agreed version is untouched while the new one is drafted, and after it is agreed
    services.plan_agree(
        actor=caseworker, plan=v2, agreed_on=dt.date(2026, 4, 1), person_present=True
    )
    v1.refresh_from_db()
    assert v1.status == Plan.Status.SUPERSEDED and v1.agreed_on == AGREED
    after = [
        (s.pk, s.description, s.due_on, s.status) for s in PlanStep.objects.filter(goal__plan=v1)
    ]
    assert after == before
    # a superseded version can no longer be changed
    with pytest.raises(ValidationError):
        services.plan_step_set_status(
            actor=caseworker, step=v1.goals.get().steps.get(), status=PlanStep.Status.DONE
        )
    client.force_login(caseworker)
    page = client.get(reverse("cases:plan_version", args=[v1.pk])).content.decode()
    assert "Integrationskurs besuchen" in page
    assert "Bewerbung bei den Stadtwerken" not in page
    versions = client.get(reverse("cases:plan_versions", args=[case.pk])).content.decode()
    assert reverse("cases:plan_version", args=[v1.pk]) in versions
    assert reverse("cases:plan_version", args=[v2.pk]) in versions


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_step_due_before_the_agreement_is_refused_at_the_field_and_nothing_is_saved(
    client, case, caseworker
):
    plan = _plan(case, caseworker)
    goal = plan.goals.get()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:plan_step_add", args=[plan.pk]),
        {
            "goal": goal.pk,
            "description": "Zeugnisse übersetzen lassen",
            "who": "person",
            "due_on": "2026-02-15",
        },
    )
    assert response.status_code == 422
    form = response.context["form"]
    assert "due_on" in form.errors
    assert Plan.objects.filter(case=case).count() == 1  # no new version half-made
    assert not PlanStep.objects.filter(description="Zeugnisse übersetzen lassen").exists()


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_agreement_refused_when_a_new_step_is_due_before_it(case, caseworker):
    plan = _plan(case, caseworker, agreed_on=None)
    with pytest.raises(ValidationError) as error:
        services.plan_agree(
            actor=caseworker, plan=plan, agreed_on=dt.date(2026, 7, 1), person_present=True
        )
    assert "agreed_on" in error.value.message_dict
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT and plan.agreed_on is None


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_agreed_date_in_the_future_and_dropped_step_without_reason_are_refused(
    client, case, caseworker
):
    plan = _plan(case, caseworker, agreed_on=None)
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:plan_agree", args=[plan.pk]),
        {"agreed_on": "2026-04-02", "person_present": "on"},
    )
    assert response.status_code == 422
    assert "agreed_on" in response.context["form"].errors
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    step = PlanStep.objects.get(goal__plan=plan)
    response = client.post(
        reverse("cases:plan_step_status", args=[plan.pk, step.pk]),
        {"status": "dropped", "reason": " "},
    )
    assert response.status_code == 422
    assert "reason" in response.context["form"].errors
    step.refresh_from_db()
    assert step.status == PlanStep.Status.OPEN


@pytest.mark.django_db
def test_review_due_date_and_dashboard(client, case, caseworker):
    with freeze_time("2026-03-10"):
        plan = _plan(case, caseworker)
    assert plan.review_due_on == dt.date(2026, 9, 2)  # agreed + 6 months
    with freeze_time("2026-09-01"):
        client.force_login(caseworker)
        assert list(plan_reviews_due(as_of=dt.date(2026, 9, 1), user=caseworker)) == []
        page = client.get(reverse("cases:my")).content.decode()
        assert reverse("cases:plan_review", args=[plan.pk]) not in page
    with freeze_time("2026-09-02"):
        client.force_login(caseworker)
        assert list(plan_reviews_due(as_of=dt.date(2026, 9, 2))) == [plan]
        page = client.get(reverse("cases:my")).content.decode()
        assert reverse("cases:plan_review", args=[plan.pk]) in page
        goal = plan.goals.get()
        response = client.post(
            reverse("cases:plan_review", args=[plan.pk]),
            {"reviewed_on": "2026-09-02", f"outcome_{goal.pk}": "partly", "comment": "gut"},
        )
        assert response.status_code == 302
        plan.refresh_from_db()
        assert plan.review_due_on == dt.date(2027, 3, 2)
        assert plan.reviews.get().outcomes.get().outcome == "partly"
        page = client.get(reverse("cases:my")).content.decode()
        assert reverse("cases:plan_review", args=[plan.pk]) not in page


def test_agreement_form_explains_the_review_date_in_the_interface_language():
    # The help text was filled in once at import, in German, and then shown to everyone.
    from wegweiser.cases.forms import PlanAgreeForm

    with translation.override("ar"):
        arabic = str(PlanAgreeForm().fields["review_due_on"].help_text)
    with translation.override("uk"):
        ukrainian = str(PlanAgreeForm().fields["review_due_on"].help_text)
    with translation.override("de"):
        german = str(PlanAgreeForm().fields["review_due_on"].help_text)
    assert "Leer" not in arabic and "أشهر" in arabic and "6" in arabic
    assert "Leer" not in ukrainian and "6" in ukrainian
    assert german.startswith("Leer: 6 Monate")


def test_review_form_explains_the_next_review_date_in_the_interface_language():
    from wegweiser.cases.forms import PlanReviewForm

    with translation.override("ar"):
        arabic = str(PlanReviewForm(goals=[]).fields["next_review_on"].help_text)
    with translation.override("de"):
        german = str(PlanReviewForm(goals=[]).fields["next_review_on"].help_text)
    assert "Empty" not in arabic and "Leer" not in arabic and "6" in arabic
    assert german.startswith("Leer: 6 Monate")


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_review_earlier_than_six_months_may_be_set_but_not_later(case, caseworker):
    plan = _plan(case, caseworker, agreed_on=None)
    with pytest.raises(ValidationError) as error:
        services.plan_agree(
            actor=caseworker,
            plan=plan,
            agreed_on=dt.date(2026, 3, 2),
            person_present=True,
            review_due_on=dt.date(2026, 10, 1),
        )
    assert "review_due_on" in error.value.message_dict
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT
    services.plan_agree(
        actor=caseworker,
        plan=plan,
        agreed_on=dt.date(2026, 3, 2),
        person_present=True,
        review_due_on=dt.date(2026, 6, 1),
    )
    assert plan.review_due_on == dt.date(2026, 6, 1)


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_a_draft_plan_cannot_be_reviewed(client, case, caseworker):
    plan = _plan(case, caseworker, agreed_on=None)
    goal = plan.goals.get()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:plan_review", args=[plan.pk]),
        {"reviewed_on": "2026-04-01", f"outcome_{goal.pk}": "achieved"},
    )
    assert response.status_code == 422
    assert "reviewed_on" in response.context["form"].errors
    assert not plan.reviews.exists()


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_disagreement_is_recorded_and_does_not_block_the_steps(client, case, caseworker):
    plan = _plan(case, caseworker)
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:plan_disagreement", args=[plan.pk]),
        {"disagreement_reason": "Möchte erst den Führerschein machen."},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.has_disagreement
    step = PlanStep.objects.get(goal__plan=plan)
    response = client.post(
        reverse("cases:plan_step_status", args=[plan.pk, step.pk]), {"status": "done"}
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == PlanStep.Status.DONE
    page = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
    assert "Möchte erst den Führerschein machen." in page


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_step_cannot_link_another_persons_enrolment(client, case, caseworker, team):
    plan = _plan(case, caseworker, agreed_on=None)
    goal = plan.goals.get()
    stranger = CaseFactory(team=team, caseworker=caseworker)
    foreign = EnrolmentFactory(person=stranger.person)
    own = EnrolmentFactory(person=case.person)
    with pytest.raises(ValidationError) as error:
        services.plan_step_add(
            actor=caseworker,
            goal=goal,
            description="Kurs",
            who="person",
            due_on=dt.date(2026, 5, 1),
            link={"enrolment": foreign},
        )
    assert "enrolment" in error.value.message_dict
    assert not PlanStep.objects.filter(description="Kurs").exists()
    client.force_login(caseworker)
    response = client.post(
        reverse("cases:plan_step_add", args=[plan.pk]),
        {
            "goal": goal.pk,
            "description": "Kurs",
            "who": "person",
            "due_on": "2026-05-01",
            "link": f"enrolment:{foreign.pk}",
        },
    )
    assert response.status_code == 422 and "link" in response.context["form"].errors
    step = services.plan_step_add(
        actor=caseworker,
        goal=goal,
        description="Kurs",
        who="person",
        due_on=dt.date(2026, 5, 1),
        link={"enrolment": own},
    )
    assert step.linked == own


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_another_teams_plan_answers_404_and_is_not_logged_as_read(
    client, other_caseworker, case, caseworker
):
    plan = _plan(case, caseworker)
    client.force_login(other_caseworker)
    for name, args in (
        ("cases:plan", [case.pk]),
        ("cases:plan_versions", [case.pk]),
        ("cases:plan_version", [plan.pk]),
        ("cases:plan_review", [plan.pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name
    assert client.get(f"/api/cases/{case.pk}/plan").status_code == 404
    assert plan_current_for_case(user=other_caseworker, case=case) is None
    assert not AuditEntry.objects.filter(
        actor=other_caseworker, action="read", object_type="cases.plan"
    ).exists()


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_reading_the_plan_is_logged(client, case, caseworker):
    plan = _plan(case, caseworker)
    client.force_login(caseworker)
    client.get(reverse("cases:plan", args=[case.pk]))
    assert AuditEntry.objects.filter(
        actor=caseworker, action="read", object_type="cases.plan", object_id=str(plan.pk)
    ).exists()


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_api_returns_the_current_plan_and_hides_health_goals_from_colleagues(
    client, case, caseworker, colleague
):
    plan = _plan(case, caseworker)
    services.plan_goal_add(
        actor=caseworker, plan=plan, area=PlanGoal.Area.HEALTH, description="Reha abschließen"
    )
    client.force_login(caseworker)
    data = client.get(f"/api/cases/{case.pk}/plan").json()
    assert data["version"] == 2 and data["status"] == "draft"
    assert data["name"] and data["integration_goal"] == "Eine Stelle als Elektriker finden"
    assert {g["area"] for g in data["goals"]} == {"language", "health"}
    assert "Reha abschließen" in [g["description"] for g in data["goals"]]
    assert AuditEntry.objects.filter(actor=caseworker, purpose="api_plan").exists()
    client.force_login(colleague)
    data = client.get(f"/api/cases/{case.pk}/plan").json()
    health = next(g for g in data["goals"] if g["area"] == "health")
    assert health["description"] is None and health["steps"] == []
    page = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
    assert "Reha abschließen" not in page


@pytest.mark.django_db
def test_next_steps_due_for_one_user_or_everyone(case, caseworker, colleague):
    mine = NextStepFactory(case=case, owner=caseworker, due_on=dt.date(2026, 4, 1))
    theirs = NextStepFactory(case=case, owner=colleague, due_on=dt.date(2026, 4, 1))
    NextStepFactory(case=case, owner=caseworker, due_on=dt.date(2026, 4, 9))
    assert list(next_steps_due(as_of=dt.date(2026, 4, 2), user=caseworker)) == [mine]
    assert set(next_steps_due(as_of=dt.date(2026, 4, 2))) == {mine, theirs}


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_person_page_and_timeline_show_the_plan(client, case, caseworker):
    plan = _plan(case, caseworker)
    client.force_login(caseworker)
    page = client.get(reverse("people:detail", args=[case.person_id])).content.decode()
    assert reverse("cases:plan", args=[case.pk]) in page
    assert reverse("cases:plan_version", args=[plan.pk]) in page  # timeline entry


@pytest.mark.django_db
def test_timeline_lists_plans_reviews_appointments_and_letters(client, case, caseworker):
    from wegweiser.appointments.services import appointment_create
    from wegweiser.core.audit import acting_as
    from wegweiser.letters.models import Letter

    with freeze_time("2026-09-03"):
        plan = _plan(case, caseworker)
        goal = plan.goals.get()
        services.plan_review_create(
            actor=caseworker,
            plan=plan,
            reviewed_on=dt.date(2026, 9, 2),
            outcomes={goal.pk: ("achieved", "")},
        )
        start = dt.datetime(2026, 9, 10, 9, 0, tzinfo=dt.UTC)
        appointment_create(
            actor=caseworker,
            caseworker=caseworker,
            kind="plan_review",
            starts_at=start,
            ends_at=start + dt.timedelta(minutes=45),
            place="phone",
            case=case,
        )
        with acting_as(caseworker):
            Letter.objects.create(
                case=case,
                kind="plan",
                language="ar",
                date=dt.date(2026, 9, 3),
                made_by=caseworker,
                pdf=b"%PDF-1.7",
                plan=plan,
            )
        client.force_login(caseworker)
        with translation.override("de"):
            timeline = client.get(reverse("people:detail", args=[case.person_id])).context[
                "timeline"
            ]
    kinds = [(item.when, item.kind) for item in timeline]
    assert (AGREED, "plan_agreed") in kinds
    assert (dt.date(2026, 9, 2), "plan_review") in kinds
    assert (dt.date(2026, 9, 10), "appointment") in kinds
    assert (dt.date(2026, 9, 3), "letter") in kinds
    assert kinds == sorted(kinds, reverse=True)


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_subject_access_holds_the_plan_and_withholds_goal_texts_from_colleagues(
    client, case, caseworker, colleague
):
    import json

    _plan(case, caseworker)
    url = reverse("gdpr:subject_access_download", args=[case.person_id, "json"])
    client.force_login(caseworker)
    data = json.loads(client.get(url).content.decode("utf-8"))
    keys = [section["key"] for section in data["sections"]]
    for key in ("cases.plan", "cases.plangoal", "cases.planstep"):
        assert key in keys
    assert keys.index("cases.nextstep") < keys.index("cases.plan") < keys.index("cases.plangoal")
    text = json.dumps(data, ensure_ascii=False)
    assert "Eine Stelle als Elektriker finden" in text and "Deutsch B1" in text
    client.force_login(colleague)
    text = client.get(url).content.decode("utf-8")
    assert "Eine Stelle als Elektriker finden" in text
    assert "Deutsch B1" not in text  # goal texts are special category


@pytest.mark.django_db
def test_plan_letter_is_made_from_the_agreed_plan_and_stored_with_the_case(
    client, case, caseworker
):
    from wegweiser.letters.models import Letter

    case.person.letter_language = "ar"
    with freeze_time("2026-04-01"):
        from wegweiser.core.audit import acting_as

        with acting_as(caseworker), transaction.atomic():
            case.person.save(update_fields=["letter_language"])
        draft = _plan(case, caseworker, agreed_on=None)
        client.force_login(caseworker)
        page = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
        assert reverse("cases:plan_letter", args=[draft.pk]) not in page
        refused = client.post(reverse("cases:plan_letter", args=[draft.pk]))
        assert refused.status_code == 302 and not Letter.objects.exists()
        services.plan_agree(actor=caseworker, plan=draft, agreed_on=AGREED, person_present=True)
        page = client.get(reverse("cases:plan", args=[case.pk])).content.decode()
        assert reverse("cases:plan_letter", args=[draft.pk]) in page
        response = client.post(reverse("cases:plan_letter", args=[draft.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    letter = Letter.objects.get()
    assert (letter.kind, letter.language, letter.plan_id, letter.case_id) == (
        "plan",
        "ar",
        draft.pk,
        case.pk,
    )


@pytest.mark.django_db
@freeze_time("2026-04-01")
def test_adding_a_step_with_htmx_answers_the_goals_partial(client, case, caseworker):
    plan = _plan(case, caseworker, agreed_on=None)
    goal = plan.goals.get()
    client.force_login(caseworker)
    url = reverse("cases:plan_step_add", args=[plan.pk])
    data = {"goal": goal.pk, "description": "Bewerbungsfoto machen", "who": "person"}
    response = client.post(url, {**data, "due_on": ""}, HTTP_HX_REQUEST="true")
    assert response.status_code == 422
    html = response.content.decode()
    assert html.startswith('<div id="plan-goals">') and 'id="id_due_on_error"' in html
    response = client.post(url, {**data, "due_on": "2026-04-20"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Bewerbungsfoto machen" in response.content.decode()
    assert PlanStep.objects.filter(goal=goal, description="Bewerbungsfoto machen").exists()
