"""Duplicate review: the job, the queue, merge and undo, and what another team sees."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case, CaseStatusChange, NextStep, Note, Orientation
from wegweiser.cases.tests.factories import (
    CaseFactory,
    NextStepFactory,
    NoteFactory,
    OrientationFactory,
)
from wegweiser.core.models import AuditEntry
from wegweiser.demo.generator import generate
from wegweiser.people import merging
from wegweiser.people.duplicate_search import run_duplicate_detection
from wegweiser.people.models import (
    Consent,
    DuplicatePair,
    HouseholdLink,
    NameKey,
    NameSpelling,
    Person,
    PersonLanguage,
    PersonMerge,
    ResidenceStatus,
)
from wegweiser.people.services import (
    household_link_add,
    name_spelling_add,
    person_create,
    person_language_set,
)
from wegweiser.people.tests.factories import (
    ConsentFactory,
    PersonFactory,
    ResidenceStatusFactory,
    duplicate_pair,
)

TODAY = dt.date(2026, 11, 30)


# --- the job -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_job_finds_a_planted_arabic_script_duplicate_and_never_proposes_a_different_pair():
    generate(persons=150, seed=5, today=TODAY)
    organisation = Organisation.objects.get(name="Migrationszentrum Landkreis Gießen")
    person = (
        Person.objects.filter(original_script="Arab", dob_precision="exact")
        .exclude(family_name_original="")
        .order_by("pk")
        .first()
    )
    assert person is not None and person.date_of_birth is not None
    actor = User.objects.filter(organisation=organisation, role=User.Role.CASEWORKER).first()
    assert actor is not None
    other_spelling = person.spellings.filter(script="Latn").first()
    # The same person registered again by another authority: another Latin spelling beside
    # the same Arabic-script name, and the birthday as a placeholder 01.01. of the same year.
    duplicate = person_create(
        actor=actor,
        given_names_latin=other_spelling.given_names
        if other_spelling
        else person.given_names_latin,
        family_name_latin=other_spelling.family_name
        if other_spelling
        else person.family_name_latin,
        given_names_original=person.given_names_original,
        family_name_original=person.family_name_original,
        date_of_birth=dt.date(person.date_of_birth.year, 1, 1),
        dob_placeholder=True,
        sex=person.sex,
        nationalities=[str(c.code) for c in person.nationalities],
    )
    low, high = sorted((person.pk, duplicate.pk))

    # A register of 150 makes every name common (1 in 150), so the pair scores lower than
    # in a real register; the test asks for what a small centre would review.
    result = run_duplicate_detection(organisation=organisation, threshold=0.15)

    pair = DuplicatePair.objects.get(person_low_id=low, person_high_id=high)
    assert result.new_pairs >= 1
    assert pair.status == DuplicatePair.Status.OPEN
    assert pair.field_weights.get("name", {}).get("weight", 0) > 0, pair.field_weights
    assert AuditEntry.objects.filter(purpose="duplicate_detection").exists()

    merging.duplicate_mark_different(actor=actor, pair=pair)
    again = run_duplicate_detection(organisation=organisation, threshold=0.15)

    assert DuplicatePair.objects.filter(person_low_id=low, person_high_id=high).count() == 1
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DIFFERENT
    assert again.new_pairs == 0


# --- merge and undo ----------------------------------------------------------------------


@pytest.fixture
def two_files(team, caseworker):
    """The same person twice in one team: the older file active, the newer one closed."""
    first = CaseFactory(
        team=team,
        caseworker=caseworker,
        person=PersonFactory(
            given_names_latin="Mohammad",
            family_name_latin="Ahmadi",
            given_names_original="محمد",
            family_name_original="احمدی",
            date_of_birth=dt.date(1990, 5, 17),
            phone="+49 641 1234",
        ),
    )
    second = CaseFactory(
        team=team,
        caseworker=caseworker,
        status=Case.Status.CLOSED,
        closing_reason=Case.ClosingReason.OTHER_SERVICE,
        closed_on=dt.date(2024, 3, 1),
        person=PersonFactory(
            organisation=first.person.organisation,
            given_names_latin="Mohammed",
            family_name_latin="Ahmady",
            date_of_birth=dt.date(1990, 1, 1),
            dob_placeholder=True,
            place_of_birth="Herat",
        ),
    )
    OrientationFactory(case=first)
    OrientationFactory(case=second, goals="Pflegehelfer werden")
    a, b = first.person, second.person
    relative = CaseFactory(team=team, caseworker=caseworker).person
    name_spelling_add(
        actor=caseworker, person=b, given_names="Muhammad", family_name="Ahmadi", source="passport"
    )
    person_language_set(actor=caseworker, person=a, language="fa", level="native")
    person_language_set(actor=caseworker, person=b, language="fa", level="B1")
    person_language_set(actor=caseworker, person=b, language="de", level="A2")
    household_link_add(actor=caseworker, person=b, relative=relative, relation="spouse")
    household_link_add(actor=caseworker, person=relative, relative=b, relation="spouse")
    household_link_add(actor=caseworker, person=a, relative=b, relation="other")
    ResidenceStatusFactory(person=b)
    ConsentFactory(person=b, recorded_by=caseworker)
    NoteFactory(case=second, author=caseworker, summary="Erstberatung im zweiten Fall")
    NextStepFactory(case=second, owner=caseworker)
    pair = duplicate_pair(a, b)
    return a, b, relative, pair


def _linked(person_id: int) -> dict[str, set[int]]:
    return {
        "spellings": set(
            NameSpelling.objects.filter(person_id=person_id).values_list("pk", flat=True)
        ),
        "languages": set(
            PersonLanguage.objects.filter(person_id=person_id).values_list("pk", flat=True)
        ),
        "household": set(
            HouseholdLink.objects.filter(person_id=person_id).values_list("pk", flat=True)
        ),
        "residence": set(
            ResidenceStatus.objects.filter(person_id=person_id).values_list("pk", flat=True)
        ),
        "consents": set(Consent.objects.filter(person_id=person_id).values_list("pk", flat=True)),
        "cases": set(Case.objects.filter(person_id=person_id).values_list("pk", flat=True)),
        "notes": set(Note.objects.filter(case__person_id=person_id).values_list("pk", flat=True)),
        "steps": set(
            NextStep.objects.filter(case__person_id=person_id).values_list("pk", flat=True)
        ),
        "status_changes": set(
            CaseStatusChange.objects.filter(case__person_id=person_id).values_list("pk", flat=True)
        ),
        "orientations": set(
            Orientation.objects.filter(case__person_id=person_id).values_list("pk", flat=True)
        ),
    }


def _merge(actor, a, b, pair, values=None):
    return merging.person_merge(
        actor=actor,
        pair=pair,
        survivor=a,
        values=values if values is not None else {},
        seen=merging.fingerprint(*sorted((a, b), key=lambda p: p.pk)),
    )


@pytest.mark.django_db
def test_merge_keeps_every_linked_record_and_is_audited(caseworker, two_files):
    a, b, relative, pair = two_files
    before_b = _linked(b.pk)
    note_ids, step_ids = before_b["notes"], before_b["steps"]

    merge = _merge(
        caseworker, a, b, pair, {"place_of_birth": merging.field_value(b, _field("place_of_birth"))}
    )

    assert not Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert a.place_of_birth == "Herat"  # the chosen value
    assert a.phone == "+49 641 1234"  # not chosen: the survivor's
    after = _linked(a.pk)
    assert note_ids <= after["notes"] and step_ids <= after["steps"]
    assert before_b["residence"] <= after["residence"]
    assert before_b["consents"] <= after["consents"]
    assert before_b["spellings"] <= after["spellings"]
    spellings = set(a.spellings.values_list("given_names", "family_name"))
    assert ("Mohammed", "Ahmady") in spellings  # the merged record's name stays findable
    assert set(a.languages.values_list("language", "level")) == {("fa", "native"), ("de", "A2")}
    assert HouseholdLink.objects.filter(person=a, relative=relative).exists()
    assert HouseholdLink.objects.filter(person=relative, relative=a).exists()
    assert not HouseholdLink.objects.filter(person=a, relative=a).exists()
    assert a.case.status == Case.Status.ACTIVE  # the open case remains
    assert a.case.notes.filter(summary="Erstberatung im zweiten Fall").exists()
    assert NameKey.objects.filter(person=a, key__startswith="g:").exists()
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.SAME and pair.decided_by == caseworker
    entry = AuditEntry.objects.get(purpose="person_merge")
    assert sorted(entry.object_ids) == sorted([a.pk, b.pk])
    assert entry.fields == ["place_of_birth"]
    assert "Herat" not in str(entry.fields)
    assert merge.steps


@pytest.mark.django_db
def test_undo_restores_both_persons_and_repoints_every_record(caseworker, two_files):
    a, b, _relative, pair = two_files
    before_a, before_b = _linked(a.pk), _linked(b.pk)
    a_place = a.place_of_birth
    merge = _merge(
        caseworker, a, b, pair, {"place_of_birth": merging.field_value(b, _field("place_of_birth"))}
    )

    restored = merging.person_merge_undo(actor=caseworker, merge=merge)

    assert restored.pk == b.pk
    restored.refresh_from_db()
    assert (restored.given_names_latin, restored.family_name_latin) == ("Mohammed", "Ahmady")
    assert restored.dob_placeholder is True
    a.refresh_from_db()
    assert a.place_of_birth == a_place
    assert _linked(a.pk) == before_a
    assert _linked(b.pk) == before_b
    assert restored.case.status == Case.Status.CLOSED
    assert restored.case.orientation.goals == "Pflegehelfer werden"
    assert NameKey.objects.filter(person=restored).exists()
    merge.refresh_from_db()
    assert merge.is_undone and merge.undone_by == caseworker
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.OPEN
    assert AuditEntry.objects.filter(purpose="person_merge_undo", object_id=str(b.pk)).exists()
    with pytest.raises(ValidationError):
        merging.person_merge_undo(actor=caseworker, merge=merge)


def _field(name: str) -> merging.MergeField:
    return merging.FIELDS_BY_NAME[name]


@pytest.mark.django_db
def test_merge_with_a_changed_record_is_refused_and_changes_nothing(caseworker, two_files):
    a, b, _relative, pair = two_files
    seen = merging.fingerprint(*sorted((a, b), key=lambda p: p.pk))
    name_spelling_add(
        actor=caseworker,
        person=b,
        given_names="Mohamad",
        family_name="Ahmadi",
        source="self_declared",
    )
    changes = AuditEntry.objects.count()

    with pytest.raises(ValidationError, match="changed since"):
        merging.person_merge(actor=caseworker, pair=pair, survivor=a, values={}, seen=seen)

    assert Person.objects.filter(pk=b.pk).exists()
    assert AuditEntry.objects.count() == changes
    assert not PersonMerge.objects.exists()


@pytest.mark.django_db
def test_a_value_from_neither_record_is_refused(caseworker, two_files):
    a, b, _relative, pair = two_files
    with pytest.raises(ValidationError) as error:
        _merge(caseworker, a, b, pair, {"place_of_birth": ("Kandahar",)})
    assert "place_of_birth" in error.value.message_dict
    assert Person.objects.filter(pk=b.pk).exists()
    a.refresh_from_db()
    assert a.place_of_birth == ""


@pytest.mark.django_db
def test_two_open_cases_are_not_merged(caseworker, team, two_files):
    a, b, _relative, pair = two_files
    Case.objects.filter(person=b).update(status=Case.Status.ACTIVE, closing_reason="")
    b.refresh_from_db()
    with pytest.raises(ValidationError, match="open case"):
        _merge(caseworker, a, b, pair)
    assert Person.objects.filter(pk=b.pk).exists()


# --- pages -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_merge_and_undo_through_the_pages(client, caseworker, two_files):
    a, b, _relative, pair = two_files
    client.force_login(caseworker)
    page = client.get(reverse("people:duplicate", args=[pair.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert ("Ahmady" in html and "Same person" in html) or "merge" in html
    seen = page.context["form"].initial["seen"]
    survivor_side = "a" if a.pk < b.pk else "b"
    data = {"survivor": survivor_side, "seen": seen}
    for name in page.context["form"].choice_fields:
        data[f"value_{name}"] = survivor_side

    response = client.post(reverse("people:duplicate_merge", args=[pair.pk]), data)

    assert response.status_code == 302
    assert not Person.objects.filter(pk=b.pk).exists()
    merge = PersonMerge.objects.get()
    response = client.post(reverse("people:merge_undo", args=[merge.pk]))
    assert response.status_code == 302
    assert Person.objects.filter(pk=b.pk).exists()


@pytest.mark.django_db
def test_merge_page_refuses_a_choice_outside_both_records(client, caseworker, two_files):
    _a, b, _relative, pair = two_files
    client.force_login(caseworker)
    page = client.get(reverse("people:duplicate", args=[pair.pk]))
    data = {"survivor": "a", "seen": page.context["form"].initial["seen"]}
    for name in page.context["form"].choice_fields:
        data[f"value_{name}"] = "c"

    response = client.post(reverse("people:duplicate_merge", args=[pair.pk]), data)

    assert response.status_code == 422
    assert "one of the two values" in response.content.decode()
    assert Person.objects.filter(pk=b.pk).exists()


@pytest.mark.django_db
def test_another_teams_person_shows_no_case_content(
    client, caseworker, other_caseworker, other_team_case, team
):
    mine = CaseFactory(
        team=team, caseworker=caseworker, person=PersonFactory(family_name_latin="Haidari")
    ).person
    theirs = other_team_case.person
    OrientationFactory(case=other_team_case, health_limitations="Diabetes, kein Nachtdienst")
    NoteFactory(
        case=other_team_case, author=other_caseworker, summary="Vertrauliche Beratung zur Familie"
    )
    Person.objects.filter(pk=theirs.pk).update(phone="+49 641 99999")
    pair = duplicate_pair(mine, theirs)
    client.force_login(caseworker)

    html = client.get(reverse("people:duplicates")).content.decode()
    assert theirs.family_name_latin in html and "Team Süd" in html

    page = client.get(reverse("people:duplicate", args=[pair.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert theirs.family_name_latin in html
    assert "Vertrauliche Beratung" not in html
    assert "Diabetes" not in html
    assert "99999" not in html
    assert page.context["form"] is None  # no merge across the scope
    response = client.post(reverse("people:duplicate_merge", args=[pair.pk]), {"survivor": "a"})
    assert response.status_code == 302
    assert Person.objects.filter(pk=theirs.pk).exists()
    assert not AuditEntry.objects.filter(
        action=AuditEntry.Action.READ, person_id=theirs.pk
    ).exists()


@pytest.mark.django_db
def test_caseworker_of_neither_team_gets_404(client, other_caseworker, caseworker, team):
    first = CaseFactory(team=team, caseworker=caseworker).person
    second = CaseFactory(team=team, caseworker=caseworker, person__organisation=first.organisation)
    pair = duplicate_pair(first, second.person)
    client.force_login(other_caseworker)
    assert client.get(reverse("people:duplicate", args=[pair.pk])).status_code == 404
    assert client.get(reverse("people:duplicates")).context["page"].object_list == []


@pytest.mark.django_db
def test_different_people_is_remembered(client, caseworker, two_files):
    _a, _b, _relative, pair = two_files
    client.force_login(caseworker)
    response = client.post(reverse("people:duplicate_different", args=[pair.pk]))
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.status == DuplicatePair.Status.DIFFERENT
    assert client.get(reverse("people:duplicates")).context["page"].object_list == []
    assert AuditEntry.objects.filter(purpose="duplicate_different").exists()


@pytest.mark.django_db
def test_team_lead_starts_the_search_from_the_queue(client, team_lead, case):
    client.force_login(team_lead)
    response = client.post(reverse("people:duplicates_run"))
    assert response.status_code == 302
    from wegweiser.people.models import DuplicateSearch

    search = DuplicateSearch.objects.get()
    assert search.status == DuplicateSearch.Status.DONE
    assert search.requested_by == team_lead


@pytest.mark.django_db
def test_a_different_decision_carries_over_to_the_surviving_record(caseworker, two_files, team):
    a, b, _relative, pair = two_files
    stranger = CaseFactory(team=team, caseworker=caseworker).person
    merging.duplicate_mark_different(actor=caseworker, pair=duplicate_pair(b, stranger))

    merge = _merge(caseworker, a, b, pair)

    low, high = sorted((a.pk, stranger.pk))
    inherited = DuplicatePair.objects.get(person_low_id=low, person_high_id=high)
    assert inherited.status == DuplicatePair.Status.DIFFERENT
    merging.person_merge_undo(actor=caseworker, merge=merge)
    assert not DuplicatePair.objects.filter(person_low_id=low, person_high_id=high).exists()


def test_the_review_names_each_fields_level_in_its_own_words():
    from wegweiser.people.models import DuplicatePair
    from wegweiser.people.review import explained_weights

    # The date of birth and the names share the level code "exact" in the duplicate model;
    # the page must not call an equal date "the same name, in another script".
    pair = DuplicatePair(
        field_weights={
            "name": {"level": "exact", "weight": 9.1},
            "dob": {"level": "exact", "weight": 13.5},
            "sex": {"level": "same", "weight": 0.9},
        }
    )
    with translation.override("en"):
        rows = {str(row["field"]): str(row["level"]) for row in explained_weights(pair)}
    assert rows == {
        "Name": "same name, in another script or written slightly differently",
        "Date of birth": "the same date",
        "Sex": "same",
    }


@pytest.mark.parametrize(
    ("level", "language", "words"),
    [
        ("year_off_by_one", "en", "same day and month, year differs by one"),
        ("day_off_by_one", "de", "gleicher Monat und gleiches Jahr, Tag weicht um eins ab"),
        ("day_off_by_one", "ar", "الشهر والسنة نفسهما، واليوم يختلف بيوم واحد"),
        ("year_off_by_one", "uk", "той самий день і місяць, рік відрізняється на один"),  # noqa: RUF001
    ],
)
def test_every_date_level_of_the_job_is_named_in_the_reviewers_language(level, language, words):
    from wegweiser.identity.duplicate_model import COMPARISON_LEVELS
    from wegweiser.people.review import DATE_LEVEL_LABELS, LEVEL_LABELS, explained_weights

    codes = {code for code, _, _ in COMPARISON_LEVELS["dob"]}
    assert codes <= set(LEVEL_LABELS) | set(DATE_LEVEL_LABELS)
    pair = DuplicatePair(field_weights={"dob": {"level": level, "weight": 7.1}})
    with translation.override(language):
        levels = [str(row["level"]) for row in explained_weights(pair)]
    assert levels == [words]
