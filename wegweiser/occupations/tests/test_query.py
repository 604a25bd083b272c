"""What is embedded of a title, the embedding cache, and German titles against English labels."""

from __future__ import annotations

import numpy as np
import pytest

from wegweiser.occupations.coding import (
    MAX_QUERY_TOKENS,
    OccupationCoder,
    cut_to_tokens,
    get_coder,
    load_embedder,
)
from wegweiser.occupations.index import Reference, load_reference, vector_keys
from wegweiser.occupations.text import normalise
from wegweiser.occupations.translation import WordTranslator

from .conftest import uri_of

LONG_TITLE = (
    "Schweißer Metallbau für unseren Kunden aus der Automobilzulieferindustrie mit "
    "Nachtzuschlägen Weihnachtsgeld Urlaubsgeld Fahrtkostenzuschuss und Jobticket"
)


def top_uris(coder: OccupationCoder, title: str, n: int) -> list[str]:
    return [m.concept_uri for m in coder.code(title, top=n)]


def test_cut_keeps_the_leading_words_that_fit() -> None:
    def words(text: str) -> int:
        return len(text.split())

    assert cut_to_tokens("Koch", 2, words) == "Koch"
    assert cut_to_tokens("Fachkraft für Lagerlogistik", 3, words) == "Fachkraft für Lagerlogistik"
    assert cut_to_tokens("Fachkraft für Lagerlogistik in Gießen", 3, words) == (
        "Fachkraft für Lagerlogistik"
    )
    # A first word longer than the limit is kept whole rather than cut to nothing.
    assert cut_to_tokens("Rechtsanwaltsfachangestellte gesucht", 1, len) == (
        "Rechtsanwaltsfachangestellte"
    )


def test_model_embeds_the_occupation_words_of_a_long_title() -> None:
    encoder = load_embedder()
    assert encoder is not None and encoder.max_tokens == MAX_QUERY_TOKENS
    cut = encoder.cut(LONG_TITLE)
    assert cut.startswith("Schweißer Metallbau")
    assert encoder.tokens(cut) <= MAX_QUERY_TOKENS < encoder.tokens(LONG_TITLE)
    # Whole words only, and as many as fit: one more word would pass the limit.
    words = cut.split()
    assert LONG_TITLE.split()[: len(words)] == words
    longer = " ".join(LONG_TITLE.split()[: len(words) + 1])
    assert encoder.tokens(longer) > MAX_QUERY_TOKENS
    assert encoder.cut("Schweißer (m/w/d)") == "Schweißer (m/w/d)"
    assert encoder.cut("Verkäufer/Verkäuferin") == "Verkäufer"


def test_a_title_in_two_gender_forms_is_coded_like_one_form() -> None:
    coder = get_coder()
    first = top_uris(coder, "Verkäufer", 3)
    assert top_uris(coder, "Verkäufer/Verkäuferin (m/w/d)", 3) == first
    assert uri_of("shop assistant") in first


def test_a_long_title_is_still_coded_by_its_occupation() -> None:
    assert uri_of("welder") in top_uris(get_coder(), LONG_TITLE, 3)


STAND_IN = {"welder": "schwei", "cook": "koch"}  # occupation: what a title naming it contains


class CountingEmbedder:
    """Points a title at the stand-in directions of the occupations it names (one dimension
    each, a last one for everything else), and records what it embeds."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def __call__(self, text: str) -> np.ndarray:
        self.texts.append(text)
        named = [float(word in text.lower()) for word in STAND_IN.values()]
        return np.array([*named, 0.0 if any(named) else 1.0])


def stand_in_coder(
    reference: Reference, embedder: CountingEmbedder, **options: object
) -> OccupationCoder:
    directions = {uri_of(label): n for n, label in enumerate(STAND_IN)}
    owners: dict[str, set[str]] = {}
    for lb in reference.labels:
        owners.setdefault(normalise(lb.text), set()).add(reference.occupations[lb.occupation].uri)
    keys = vector_keys(reference.raw["occupations"])
    vectors = np.zeros((len(keys), len(STAND_IN) + 1), dtype=np.float32)
    for row, key in enumerate(keys):
        (uri,) = owners[key] if len(owners[key]) == 1 else ("shared",)
        vectors[row, directions.get(uri, -1)] = 1.0
    return OccupationCoder(reference, vectors=vectors, embedder=embedder, **options)  # type: ignore[arg-type]


def test_a_repeated_title_is_embedded_once_with_the_same_result(
    small_reference: Reference,
) -> None:
    embedder = CountingEmbedder()
    coder = stand_in_coder(small_reference, embedder)
    first = coder.code("Schweißer (m/w/d) in Vollzeit", top=5)
    again = coder.code("Schweißer (m/w/d) in Vollzeit", top=5)
    assert first == again
    assert first[0].concept_uri == uri_of("welder")
    assert embedder.texts == ["Schweißer"]
    coder.clear_cache()
    assert coder.code("Schweißer (m/w/d) in Vollzeit", top=5) == first
    assert embedder.texts == ["Schweißer", "Schweißer"]


def test_a_cached_vector_cannot_be_changed_by_a_caller(small_reference: Reference) -> None:
    coder = stand_in_coder(small_reference, CountingEmbedder())
    vector = coder._embed("Schweißer")
    with pytest.raises(ValueError):
        vector[0] = 5.0


@pytest.mark.parametrize(
    ("policy", "embedded"),
    [
        ("all", ["Schweißer/Koch", "Schweißer", "Koch"]),
        ("parts", ["Schweißer", "Koch"]),
        ("whole", ["Schweißer/Koch"]),
    ],
)
def test_a_title_naming_two_occupations_embeds_what_the_policy_says(
    small_reference: Reference, policy: str, embedded: list[str]
) -> None:
    embedder = CountingEmbedder()
    coder = stand_in_coder(small_reference, embedder, embed_parts=policy)
    found = top_uris(coder, "Schweißer/Koch (m/w/d)", 5)
    assert embedder.texts == embedded
    assert {uri_of("welder"), uri_of("cook")} <= set(found)


class BatchingEmbedder(CountingEmbedder):
    """The stand-in embedder that can also embed several texts in one call."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []

    def many(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return np.stack([self(text) for text in texts])


def test_the_parts_of_a_double_title_are_embedded_in_one_call(
    small_reference: Reference,
) -> None:
    embedder = BatchingEmbedder()
    coder = stand_in_coder(small_reference, embedder)
    found = coder.code("Schweißer/Koch (m/w/d)", top=5)
    assert embedder.calls == [["Schweißer", "Koch"]]
    assert {uri_of("welder"), uri_of("cook")} <= {m.concept_uri for m in found[:2]}
    # The same answer as one call per part, and the parts are cached one by one.
    assert found == stand_in_coder(small_reference, CountingEmbedder()).code(
        "Schweißer/Koch (m/w/d)", top=5
    )
    coder.code("Koch/Schweißer", top=5)
    assert embedder.calls == [["Schweißer", "Koch"]]
    coder.code("Koch/Bäcker", top=5)
    assert embedder.texts == ["Schweißer", "Koch", "Bäcker"]


def test_only_the_most_recent_vectors_are_kept(small_reference: Reference) -> None:
    embedder = CountingEmbedder()
    coder = stand_in_coder(small_reference, embedder, cache_size=2)
    for title in ("Schweißer", "Koch", "Schweißer", "Bäcker", "Schweißer", "Koch"):
        coder.code(title, top=1)
    # "Koch" was the least recently used when "Bäcker" came, "Schweißer" never was.
    assert embedder.texts == ["Schweißer", "Koch", "Bäcker", "Koch"]


def test_the_model_embeds_several_texts_in_one_call_as_one_by_one() -> None:
    encoder = load_embedder()
    assert encoder is not None
    texts = ["Verkäufer", "Kassierer im Einzelhandel", LONG_TITLE]
    together = encoder.many(texts)
    assert together.shape == (3, len(encoder(texts[0])))
    for row, text in zip(together, texts, strict=True):
        np.testing.assert_allclose(row, encoder(text), atol=1e-6)


def test_shipped_coder_finds_both_occupations_of_a_double_title() -> None:
    found = top_uris(get_coder(), "Koch und Kellner (m/w/d)", 5)
    assert uri_of("cook") in found and uri_of("waiter/waitress") in found


@pytest.fixture(scope="module")
def translator() -> WordTranslator:
    return WordTranslator(load_reference().labels)


@pytest.mark.parametrize(
    ("german", "english"),
    [("Schweißer", "welder"), ("Bäcker", "baker"), ("Köchin", "cook"), ("Kellner", "waiter")],
)
def test_german_occupation_words_are_translated(
    translator: WordTranslator, german: str, english: str
) -> None:
    assert english in translator.translate(german).split()


def test_compounds_are_translated_by_their_parts(translator: WordTranslator) -> None:
    assert translator.translate("Busfahrer").split() == ["bus", "driver"]


def test_words_without_a_translation_are_kept(translator: WordTranslator) -> None:
    assert translator.translate("Manager für Xylophonbau").startswith("manager")


@pytest.fixture(scope="module")
def english_only() -> OccupationCoder:
    return OccupationCoder(load_reference(), languages=["en"])


def test_english_labels_only_find_a_german_title_through_its_translation(
    english_only: OccupationCoder, small_reference: Reference
) -> None:
    assert english_only.translator is not None
    assert top_uris(english_only, "Schweißerin (m/w/d)", 1) == [uri_of("welder")]
    assert uri_of("bus driver") in top_uris(english_only, "Busfahrer", 3)
    untranslated = OccupationCoder(small_reference, languages=["en"], translate=False)
    assert uri_of("welder") not in top_uris(untranslated, "Schweißerin", 1)


def test_german_labels_are_not_translated(small_reference: Reference) -> None:
    assert OccupationCoder(small_reference).translator is None
    assert OccupationCoder(small_reference, languages=["de"]).translator is None


@pytest.mark.parametrize(
    "title", ["Schweißer/-in (m/w/d)", "Lagerlogistikhelfer", "welder", "зварювальник", "", "!!"]
)
def test_lexical_scores_are_the_tfidf_cosines(coder: OccupationCoder, title: str) -> None:
    """The hand-computed query weights give the cosines TfidfVectorizer.transform gives."""
    lexical = coder.lexical
    query = lexical.chars.transform([lexical.expand(title)])
    expected = np.asarray((query @ lexical.matrix).todense()).ravel()
    np.testing.assert_allclose(lexical.scores(title), expected, atol=1e-6)
