from __future__ import annotations

import pytest

from wegweiser.occupations.text import CompoundSplitter, normalise


@pytest.mark.parametrize(
    "written",
    [
        "Schweißer",
        "Schweißerin",
        "Schweißer/in",
        "Schweißer/-in",
        "Schweißer*in",
        "Schweißer:in",
        "Schweißer_in",
        "SchweißerIn",
        "Schweißer/Schweißerin",
        "Schweisser (m/w/d)",
        "Schweißer:innen",
    ],
)
def test_gendered_spellings_share_one_key(written: str) -> None:
    assert normalise(written) == "schweisser"


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("Kauffrau im Einzelhandel", "kaufmann im einzelhandel"),
        ("Kaufmann/-frau im Einzelhandel", "kaufmann im einzelhandel"),
        ("Köchin", "koch"),
        ("Ärztin", "arzt"),
        ("Baecker", "backer"),
        ("Bäckerin", "backer"),
        ("Medizin", "medizin"),
    ],
)
def test_feminine_forms_and_umlauts_fold(written: str, key: str) -> None:
    assert normalise(written) == key


def test_other_scripts_are_kept_and_their_spelling_variants_folded() -> None:
    assert normalise("Електрик") == "електрик"
    assert normalise("электромонтёр") == normalise("электромонтер")
    assert normalise("كهربائي") == normalise("کهربائی")  # Arabic and Persian kaf and yeh
    assert normalise("برق‌کار") == normalise("برقکار")  # with and without half-space
    assert normalise("ممرضة") == normalise("ممرضه")


def test_compound_splits_into_known_words() -> None:
    splitter = CompoundSplitter(["lager", "logistik", "helfer", "arbeiter"])
    assert splitter.split("lagerlogistikhelfer") == ("lager", "logistik", "helfer")
    assert splitter.split("lager") == ()
    assert splitter.expand("lagerarbeiter") == "lagerarbeiter lager arbeiter"
