"""Writes: qualifications and procedures, their validation, the one extension, the audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wegweiser.core.models import AuditEntry
from wegweiser.recognition import services
from wegweiser.recognition.models import Qualification, RecognitionProcedure
from wegweiser.recognition.tests.factories import QualificationFactory, days_ago

QUALIFICATION = {
    "kind": "academic",
    "country": "UA",
    "title_original": "Бакалавр з інженерії",
    "title_german": "Bachelor Ingenieurwesen",
    "year_from": 2012,
    "year_to": 2016,
    "isced_level": "6",
    "dqr_level": 6,
    "has_original": True,
}


@pytest.mark.django_db
def test_qualification_add_is_audited_without_values(caseworker, person, cook):
    qualification = services.qualification_add(
        actor=caseworker, person=person, occupation=cook, **QUALIFICATION
    )
    assert qualification.person == person and qualification.occupation == cook
    entry = AuditEntry.objects.get(object_type="recognition.qualification", action="create")
    assert entry.actor == caseworker and entry.person_id == person.pk
    assert "title_original" in entry.fields
    assert "Бакалавр" not in str(entry.fields)


@pytest.mark.django_db
def test_years_to_before_from_is_refused_at_the_field(caseworker, person):
    with pytest.raises(ValidationError) as error:
        services.qualification_add(
            actor=caseworker, person=person, **{**QUALIFICATION, "year_to": 2010}
        )
    assert "year_to" in error.value.message_dict
    assert not Qualification.objects.exists()


@pytest.mark.django_db
def test_qualification_update_changes_only_given_fields(caseworker, person):
    qualification = QualificationFactory(person=person)
    services.qualification_update(
        actor=caseworker, qualification=qualification, data={"has_certified_translation": True}
    )
    qualification.refresh_from_db()
    assert qualification.has_certified_translation and qualification.year_from == 2010


@pytest.mark.django_db
def test_regulated_defaults_from_the_reference_occupation(caseworker, person, nurse, cook):
    regulated = services.procedure_start(
        actor=caseworker, person=person, reference_occupation=nurse
    )
    optional = services.procedure_start(actor=caseworker, person=person, reference_occupation=cook)
    chosen = services.procedure_start(
        actor=caseworker, person=person, reference_occupation=cook, regulated=True
    )
    assert (regulated.regulated, optional.regulated, chosen.regulated) == (True, False, True)


@pytest.mark.django_db
def test_qualification_of_another_person_is_refused(caseworker, person, other_team_case):
    foreign = QualificationFactory(person=other_team_case.person)
    with pytest.raises(ValidationError) as error:
        services.procedure_start(actor=caseworker, person=person, qualification=foreign)
    assert "qualification" in error.value.message_dict


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (  # decision before the application
            {"application_submitted_on": days_ago(20), "decision_on": days_ago(30)},
            "decision_on",
        ),
        (  # a decision without outcome
            {"application_submitted_on": days_ago(30), "decision_on": days_ago(5)},
            "outcome",
        ),
        ({"outcome": "full"}, "decision_on"),  # an outcome without decision
        (  # in the future: a month ahead, since these dates are taken when the tests are
            # collected, and tomorrow would be today once a run crosses midnight
            {"application_submitted_on": days_ago(-30)},
            "application_submitted_on",
        ),
        ({"documents_requested_on": days_ago(3)}, "documents_requested_on"),
        (
            {
                "application_submitted_on": days_ago(30),
                "decision_on": days_ago(5),
                "outcome": "full",
                "measure": "knowledge_test",
            },
            "measure",
        ),
        (
            {
                "application_submitted_on": days_ago(400),
                "decision_on": days_ago(300),
                "outcome": "partial",
                "measure": "adaptation_course",
                "measure_starts_on": days_ago(200),
                "measure_ends_on": days_ago(200) + dt.timedelta(days=3 * 366 + 30),
            },
            "measure_ends_on",
        ),
        ({"completed_on": days_ago(1)}, "completed_on"),
        ({"fee_amount": Decimal("200.00")}, "fee_payer"),
        (  # an extension without a running period
            {"application_submitted_on": days_ago(10), "extended_until": days_ago(-100)},
            "extended_until",
        ),
    ],
)
@pytest.mark.django_db
def test_bad_procedure_input_is_refused_at_the_field(caseworker, person, data, field):
    with pytest.raises(ValidationError) as error:
        services.procedure_start(
            actor=caseworker, person=person, counselling_on=days_ago(60), **data
        )
    assert field in error.value.message_dict
    assert not RecognitionProcedure.objects.exists()


@pytest.mark.django_db
def test_stages_are_recorded_in_order(caseworker, procedure):
    data = {
        "documents_complete_on": days_ago(50),
        "application_submitted_on": days_ago(45),
        "decision_on": days_ago(5),
        "outcome": "partial",
        "measure": "aptitude_test",
        "measure_starts_on": days_ago(1),
        "fee_amount": Decimal("450.00"),
        "fee_payer": "job_centre",
    }
    services.procedure_update(actor=caseworker, procedure=procedure, data=data)
    procedure.refresh_from_db()
    assert procedure.stage == "measure" and procedure.fee_payer == "job_centre"
    entry = AuditEntry.objects.filter(object_type="recognition.recognitionprocedure").latest("pk")
    assert entry.action == "update" and "outcome" in entry.fields


@pytest.mark.django_db
def test_the_decision_period_is_extended_only_once(caseworker, procedure):
    services.procedure_update(
        actor=caseworker,
        procedure=procedure,
        data={"documents_complete_on": days_ago(50), "application_submitted_on": days_ago(50)},
    )
    statutory = procedure.statutory_due_on
    assert statutory is not None
    services.procedure_extend(
        actor=caseworker, procedure=procedure, until=statutory + dt.timedelta(days=30)
    )
    with pytest.raises(ValidationError) as error:
        services.procedure_extend(
            actor=caseworker, procedure=procedure, until=statutory + dt.timedelta(days=60)
        )
    assert "extended_until" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.procedure_update(
            actor=caseworker,
            procedure=procedure,
            data={"extended_until": statutory + dt.timedelta(days=60)},
        )
    procedure.refresh_from_db()
    assert procedure.extended_until == statutory + dt.timedelta(days=30)


@pytest.mark.django_db
def test_an_extension_beyond_three_months_is_refused(caseworker, procedure):
    procedure.application_submitted_on = procedure.documents_complete_on = days_ago(50)
    statutory = procedure.statutory_due_on
    assert statutory is not None
    with pytest.raises(ValidationError) as error:
        services.procedure_extend(
            actor=caseworker, procedure=procedure, until=statutory + dt.timedelta(days=120)
        )
    assert "extended_until" in error.value.message_dict
