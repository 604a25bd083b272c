"""The demo documents: synthetic PDFs and phone photos (JPEG and HEIC) kept through the
documents service, reference numbers in their published shapes; a second run adds nothing."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from wegweiser.demo.documents import ensure_demo_documents, synthetic_tax_id
from wegweiser.demo.generator import generate
from wegweiser.documents.models import Document
from wegweiser.people import reference_numbers
from wegweiser.people.models import PersonReference


def test_synthetic_tax_ids_pass_the_published_check():
    rng = random.Random(1)
    for _ in range(200):
        assert reference_numbers.tax_id_problem(synthetic_tax_id(rng)) is None


@pytest.mark.django_db
def test_demo_documents_and_reference_numbers():
    today = timezone.localdate()
    generate(persons=120, seed=5, today=today)
    assert ensure_demo_documents(seed=5, today=today)
    types = set(Document.objects.values_list("content_type", flat=True))
    assert types == {"application/pdf", "image/jpeg", "image/heic"}
    assert not Document.objects.filter(content_type__startswith="image/", preview="").exists()
    for reference in PersonReference.objects.all():
        assert reference_numbers.problem(reference.kind, reference.value) is None
    kinds = set(PersonReference.objects.values_list("kind", flat=True))
    assert kinds == set(reference_numbers.KINDS)
    count = Document.objects.count()
    assert not ensure_demo_documents(seed=5, today=today)
    assert Document.objects.count() == count
