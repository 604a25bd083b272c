"""The demo letters: reviewed texts in four languages by the demo administrator, the rest
drafts; a few letters already made for demo cases; a second run adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from wegweiser.demo.appointments import ensure_demo_appointments
from wegweiser.demo.generator import generate
from wegweiser.demo.letters import REVIEWED_LANGUAGES, ensure_demo_letters
from wegweiser.demo.plans import ensure_demo_plans
from wegweiser.letters.models import Letter, Letterhead, LetterText

pytestmark = pytest.mark.django_db


def test_demo_letters_texts_and_letterhead():
    today = timezone.localdate()
    generate(persons=300, seed=4, today=today)
    ensure_demo_appointments(seed=4, today=today)
    ensure_demo_plans(seed=4, today=today)
    assert ensure_demo_letters(seed=4, today=today)
    reviewed = LetterText.objects.filter(state="reviewed")
    assert set(reviewed.values_list("language", flat=True)) == set(REVIEWED_LANGUAGES)
    assert set(reviewed.values_list("reviewed_by__username", flat=True)) == {"admin"}
    assert not LetterText.objects.exclude(language__in=REVIEWED_LANGUAGES).exclude(state="draft")
    letters = list(Letter.objects.select_related("case"))
    assert len(letters) >= 3
    assert len({x.case_id for x in letters}) == len(letters)
    assert {x.from_draft for x in letters} == {True, False}  # ar/uk reviewed, ti/prs drafts
    for letter in letters:
        assert bytes(letter.pdf).startswith(b"%PDF")
        assert letter.made_by_id == letter.case.caseworker_id
    assert Letterhead.objects.count() == 1
    assert not ensure_demo_letters(seed=4, today=today)
    assert Letter.objects.count() == len(letters)
