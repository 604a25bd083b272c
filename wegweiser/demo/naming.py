# ruff: noqa: RUF001 - Cyrillic letters in names are intended, not look-alikes.
"""Names of synthetic people per nationality, with the spellings their documents carry.

Original script and Latin transliteration come from the lists in `data.names` (Arabic,
Dari, Pashto, Tigrinya, Bulgarian), from Faker's uk_UA, pl_PL, ro_RO and tr_TR locales, and
from the transliteration tables in `data.translit`. Further spellings are recorded with the
document or authority that uses them: a different transliteration, swapped given and family
names, the name as the person writes it.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from faker import Faker

from wegweiser.people.models import NameSpelling, Script

from .data import names
from .data.names import Name
from .data.translit import (
    bulgarian_2009,
    bulgarian_french,
    german_system_spelling,
    ukrainian_2010,
    ukrainian_german,
    without_diacritics,
)

T = TypeVar("T")
Source = NameSpelling.Source


def weighted(rng: random.Random, options: Sequence[T], weights: Sequence[float]) -> T:
    """One of `options`, chosen with the given relative weights."""
    threshold = rng.random() * sum(weights)
    for option, weight in zip(options, weights, strict=True):
        threshold -= weight
        if threshold < 0:
            return option
    return options[-1]


# The generator draws millions of random values; these do in one call what `random.Random`
# methods do in three or four, with the same guarantees for our small, fixed sequences.


def randint(rng: random.Random, low: int, high: int) -> int:
    """Like `rng.randint`: an integer from low to high, both included."""
    return low + int(rng.random() * (high - low + 1))


def pick(rng: random.Random, options: Sequence[T]) -> T:
    """Like `rng.choice`."""
    return options[int(rng.random() * len(options))]


def sample(rng: random.Random, options: Sequence[T], count: int) -> list[T]:
    """Like `rng.sample`: `count` different elements (a partial Fisher-Yates shuffle)."""
    pool = list(options)
    for i in range(count):
        j = i + int(rng.random() * (len(pool) - i))
        pool[i], pool[j] = pool[j], pool[i]
    return pool[:count]


@dataclass
class PersonName:
    """A person's name in the original script and in Latin, with further spellings."""

    given_original: str
    family_original: str
    script: str
    given_latin: str
    family_latin: str
    spellings: list[tuple[str, str, str, str]] = field(default_factory=list)


class Names:
    """Draws names per nationality, with the Latin spellings the documents carry."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.pools = {
            "uk_male": self._pool("uk_UA", "first_name_male", seed),
            "uk_female": self._pool("uk_UA", "first_name_female", seed),
            "uk_family": self._pool("uk_UA", "last_name_male", seed),
            "pl_male": self._pool("pl_PL", "first_name_male", seed),
            "pl_female": self._pool("pl_PL", "first_name_female", seed),
            "pl_family": self._pool("pl_PL", "last_name_male", seed),
            "ro_male": self._pool("ro_RO", "first_name_male", seed),
            "ro_female": self._pool("ro_RO", "first_name_female", seed),
            "ro_family": self._pool("ro_RO", "last_name", seed),
            "tr_male": self._pool("tr_TR", "first_name_male", seed),
            "tr_female": self._pool("tr_TR", "first_name_female", seed),
            "tr_family": self._pool("tr_TR", "last_name", seed),
        }

    @staticmethod
    def _pool(locale: str, method: str, seed: int, size: int = 400) -> tuple[str, ...]:
        fake = Faker(locale)
        fake.seed_instance(seed)
        draw: Callable[[], str] = getattr(fake, method)
        return tuple(dict.fromkeys(draw() for _ in range(size)))

    # -- family names shared by a household ------------------------------------------------

    def family_key(self, nationality: str, language: str) -> Any:
        """What a family shares: the father's family name (or his given name in Eritrea)."""
        rng = self.rng
        if nationality == "SY":
            return rng.choice(names.SYRIAN_FAMILY)
        if nationality == "IQ":
            return rng.choice(names.IRAQI_FAMILY + names.SYRIAN_FAMILY[:12])
        if nationality == "AF":  # tribal names mostly among Pashto speakers
            if rng.random() < (0.8 if language == "ps" else 0.1):
                return rng.choice(names.PASHTUN_FAMILY)
            return rng.choice(names.AFGHAN_FAMILY)
        if nationality == "ER":
            if rng.random() < 0.25:
                return rng.choice(names.TIGRINYA_FAMILY)
            return rng.choice(names.TIGRINYA_MALE)
        if nationality == "UA":
            return rng.choice(self.pools["uk_family"])
        if nationality == "BG":
            return rng.choice(names.BULGARIAN_FAMILY)
        if nationality == "TR":
            if rng.random() < 0.6:
                return rng.choice(names.TURKISH_FAMILY)
            return rng.choice(self.pools["tr_family"])
        return rng.choice(self.pools[f"{nationality.lower()}_family"])

    # -- one person ------------------------------------------------------------------------

    def person(self, nationality: str, sex: str, family: Any, language: str) -> PersonName:
        if nationality in ("SY", "IQ"):
            return self._arabic_script(
                sex, family, names.ARABIC_MALE, names.ARABIC_FEMALE, father_name=0.15
            )
        if nationality == "AF":
            male = names.DARI_MALE + (names.PASHTO_MALE if language == "ps" else ())
            female = names.DARI_FEMALE + (names.PASHTO_FEMALE if language == "ps" else ())
            return self._arabic_script(sex, family, male, female, father_name=0.1)
        if nationality == "ER":
            return self._tigrinya(sex, family)
        if nationality == "UA":
            return self._ukrainian(sex, family)
        if nationality == "BG":
            return self._bulgarian(sex, family)
        return self._latin(nationality, sex, family)

    def _variant(self, name: Name, main: bool) -> str:
        """The document's main spelling is usually the first; others vary more."""
        if main and self.rng.random() < 0.7:
            return name.latin[0]
        return self.rng.choice(name.latin)

    def _arabic_script(
        self,
        sex: str,
        family: Name,
        male: Sequence[Name],
        female: Sequence[Name],
        *,
        father_name: float,
    ) -> PersonName:
        rng = self.rng
        given = [rng.choice(male if sex == "m" else female)]
        if rng.random() < father_name:  # the father's name registered as a second given name
            given.append(rng.choice(male))
        elif sex == "m" and rng.random() < 0.12:
            given.insert(0, male[0])  # Mohammad as the first of two names
        name = PersonName(
            given_original=" ".join(n.original for n in given),
            family_original=family.original,
            script=Script.ARABIC,
            given_latin=" ".join(self._variant(n, True) for n in given),
            family_latin=self._variant(family, True),
        )
        for source in self._sources():
            if source == Source.SELF_DECLARED and rng.random() < 0.5:
                # Written by the person: just the first name, in their own script.
                self._spell(name, given[0].original, family.original, Script.ARABIC, source)
                continue
            given_latin = " ".join(self._variant(n, False) for n in given)
            family_latin = self._variant(family, False)
            if source != Source.PASSPORT and rng.random() < 0.35:
                given_latin, family_latin = family_latin, given_latin  # swapped order
            self._spell(name, given_latin, family_latin, Script.LATIN, source)
        return name

    def _tigrinya(self, sex: str, family: Name) -> PersonName:
        rng = self.rng
        given = rng.choice(names.TIGRINYA_MALE if sex == "m" else names.TIGRINYA_FEMALE)
        name = PersonName(
            given_original=given.original,
            family_original=family.original,
            script=Script.ETHIOPIC,
            given_latin=self._variant(given, True),
            family_latin=self._variant(family, True),
        )
        for source in self._sources():
            if source == Source.SELF_DECLARED:
                # Given name, father's name and grandfather's name, as Eritreans write it.
                grandfather = rng.choice(names.TIGRINYA_MALE)
                self._spell(
                    name,
                    given.original,
                    f"{family.original} {grandfather.original}",
                    Script.ETHIOPIC,
                    source,
                )
                continue
            given_latin, family_latin = self._variant(given, False), self._variant(family, False)
            if source == Source.OTHER_AUTHORITY and rng.random() < 0.4:
                given_latin, family_latin = family_latin, given_latin
            self._spell(name, given_latin, family_latin, Script.LATIN, source)
        return name

    def _ukrainian(self, sex: str, family_male: str) -> PersonName:
        rng = self.rng
        given = rng.choice(self.pools["uk_male" if sex == "m" else "uk_female"])
        family = family_male if sex == "m" else _ukrainian_female(family_male)
        name = PersonName(
            given_original=given,
            family_original=family,
            script=Script.CYRILLIC,
            given_latin=ukrainian_2010(given),
            family_latin=ukrainian_2010(family),
        )
        for source in self._sources():
            if source == Source.PASSPORT:  # a passport issued before 2010
                self._spell(
                    name,
                    _ukrainian_before_2010(name.given_latin),
                    _ukrainian_before_2010(name.family_latin),
                    Script.LATIN,
                    source,
                )
            elif source == Source.OTHER_AUTHORITY:
                self._spell(
                    name, ukrainian_german(given), ukrainian_german(family), Script.LATIN, source
                )
            elif source == Source.SELF_DECLARED and given in names.UKRAINIAN_GIVEN_VARIANTS:
                variant = rng.choice(names.UKRAINIAN_GIVEN_VARIANTS[given])
                self._spell(name, variant, name.family_latin, Script.LATIN, source)
        return name

    def _bulgarian(self, sex: str, family_male: str) -> PersonName:
        rng = self.rng
        given = rng.choice(names.BULGARIAN_MALE if sex == "m" else names.BULGARIAN_FEMALE)
        family = family_male if sex == "m" else family_male + "а"
        name = PersonName(
            given_original=given,
            family_original=family,
            script=Script.CYRILLIC,
            given_latin=bulgarian_2009(given),
            family_latin=bulgarian_2009(family),
        )
        for source in self._sources():
            if source == Source.PASSPORT:  # issued before the 2009 act
                self._spell(
                    name, bulgarian_french(given), bulgarian_french(family), Script.LATIN, source
                )
            elif source == Source.OTHER_AUTHORITY and rng.random() < 0.5:
                self._spell(name, name.family_latin, name.given_latin, Script.LATIN, source)
        return name

    def _latin(self, nationality: str, sex: str, family: str) -> PersonName:
        rng = self.rng
        code = nationality.lower()
        if nationality == "TR" and rng.random() < 0.6:
            given = rng.choice(names.TURKISH_MALE if sex == "m" else names.TURKISH_FEMALE)
        else:
            given = rng.choice(self.pools[f"{code}_male" if sex == "m" else f"{code}_female"])
        if nationality in ("RO", "PL") and rng.random() < 0.25:
            second = rng.choice(self.pools[f"{code}_male" if sex == "m" else f"{code}_female"])
            if second != given:
                given = f"{given} {second}"
        if sex == "f" and nationality == "PL":
            family = _polish_female(family)
        name = PersonName("", "", "", given, family)
        for source in self._sources():
            if source == Source.OTHER_AUTHORITY:
                spell = german_system_spelling if nationality == "TR" else without_diacritics
                self._spell(name, spell(given), spell(family), Script.LATIN, source)
            elif source == Source.RESIDENCE_PERMIT:
                self._spell(
                    name,
                    without_diacritics(given),
                    without_diacritics(family),
                    Script.LATIN,
                    source,
                )
            elif source == Source.SELF_DECLARED and " " in given:
                self._spell(name, given.split(" ", 1)[0], family, Script.LATIN, source)
        return name

    def _sources(self) -> list[str]:
        count = weighted(self.rng, (0, 1, 2, 3), (30, 38, 22, 10))
        return self.rng.sample(
            [
                Source.PASSPORT,
                Source.RESIDENCE_PERMIT,
                Source.OTHER_AUTHORITY,
                Source.SELF_DECLARED,
            ],
            count,
        )

    @staticmethod
    def _spell(name: PersonName, given: str, family: str, script: str, source: str) -> None:
        if script == Script.LATIN and (given, family) == (name.given_latin, name.family_latin):
            return  # the same as the main spelling: nothing to record
        if any((g, f) == (given, family) for g, f, _, _ in name.spellings):
            return
        name.spellings.append((given, family, script, source))


def _ukrainian_female(family: str) -> str:
    for male, female in (("ський", "ська"), ("цький", "цька"), ("ий", "а")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family


def _ukrainian_before_2010(latin: str) -> str:
    """Spellings of older Ukrainian passports: Andriy, Nataliya, Zgurskyy."""
    text = latin.replace("iia", "iya").replace("iu", "yu").replace("Zgh", "Zg").replace("zgh", "zg")
    if text.endswith(("ii", "yi")):
        text = text[:-1] + "y"
    return text


def _polish_female(family: str) -> str:
    for male, female in (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")):
        if family.endswith(male):
            return family[: -len(male)] + female
    return family
