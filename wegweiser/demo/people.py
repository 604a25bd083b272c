"""The persons of the demo data: families, names, languages, residence titles, consents and
household links (the people app's records). Drawn in the order `Generator.family` calls."""

from __future__ import annotations

import datetime as dt
import functools

from wegweiser.accounts.models import Organisation
from wegweiser.cases.models import Case
from wegweiser.people.models import (
    Consent,
    HouseholdLink,
    NameKey,
    NameSpelling,
    Person,
    PersonLanguage,
    ResidenceStatus,
)
from wegweiser.people.name_keys import keys_of_names, stored_keys

from .common import (
    CaseHistory,
    GeneratorBase,
    Member,
    Relation,
    Status,
    Title,
    TitleRow,
    Work,
    _add_years,
    _blank_name,
    _days,
)
from .data import county, names, origins, texts
from .data.names import Name
from .data.translit import without_diacritics
from .naming import pick, randint, weighted

# Share of each nationality among the centre's clients, and in which years they came.
NATIONALITY_WEIGHTS: dict[str, int] = {
    "SY": 27,
    "UA": 20,
    "AF": 18,
    "IQ": 7,
    "ER": 6,
    "TR": 6,
    "RO": 6,
    "BG": 5,
    "PL": 5,
}
_YEARS = range(2016, 2027)
INTAKE_YEAR_WEIGHTS: dict[str, dict[int, int]] = {
    "SY": dict(zip(_YEARS, (18, 16, 12, 9, 6, 6, 7, 8, 7, 6, 6), strict=True)),
    "AF": dict(zip(_YEARS, (15, 14, 9, 7, 5, 7, 12, 12, 9, 6, 6), strict=True)),
    "IQ": dict(zip(_YEARS, (16, 14, 11, 9, 6, 7, 8, 8, 8, 7, 7), strict=True)),
    "ER": dict(zip(_YEARS, (12, 14, 12, 10, 6, 7, 9, 9, 8, 7, 7), strict=True)),
    "UA": {2022: 40, 2023: 25, 2024: 15, 2025: 12, 2026: 10},
    "TR": dict(zip(_YEARS, (6, 7, 7, 7, 5, 6, 10, 14, 12, 10, 9), strict=True)),
    "RO": dict(zip(_YEARS, (9, 9, 10, 10, 8, 8, 9, 9, 9, 9, 9), strict=True)),
    "BG": dict(zip(_YEARS, (9, 9, 10, 10, 8, 8, 9, 9, 9, 9, 9), strict=True)),
    "PL": dict(zip(_YEARS, (12, 11, 10, 9, 8, 8, 8, 7, 7, 6, 6), strict=True)),
}
UKRAINE_WAR = dt.date(2022, 2, 24)
# §24 titles were extended by ordinance; the current ones run until 4 March 2027.
TEMPORARY_PROTECTION_END = dt.date(2027, 3, 4)
EU_COUNTRIES = ("RO", "BG", "PL")

# How a person's native language is chosen: (language, weight, second language or "").
NATIVE_LANGUAGES: dict[str, tuple[tuple[str, int, str], ...]] = {
    "SY": (("ar", 85, ""), ("ku", 15, "ar")),
    "IQ": (("ar", 65, ""), ("ku", 35, "ar")),
    "AF": (("fa", 70, ""), ("ps", 30, "fa")),
    "ER": (("ti", 100, ""),),
    "UA": (("uk", 100, "ru"),),
    "TR": (("tr", 80, ""), ("ku", 20, "tr")),
    "RO": (("ro", 100, ""),),
    "BG": (("bg", 80, ""), ("tr", 20, "bg")),
    "PL": (("pl", 100, ""),),
}
LANGUAGE_NAMES_DE: dict[str, str] = {
    "ar": "Arabisch",
    "fa": "Dari",
    "ps": "Paschtu",
    "uk": "Ukrainisch",
    "ru": "Russisch",
    "ti": "Tigrinya",
    "tr": "Türkisch",
    "ku": "Kurdisch",
    "ro": "Rumänisch",
    "bg": "Bulgarisch",
    "pl": "Polnisch",
    "en": "Englisch",
}
INTERPRETED_LANGUAGES = ("ar", "fa", "ps", "ti", "ku", "uk")
LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


class PeopleMixin(GeneratorBase):
    """The people part of `Generator`."""

    def _intake_years(self, nationality: str) -> list[int]:
        return [y for y in INTAKE_YEAR_WEIGHTS[nationality] if y <= self.today.year]

    # -- families --------------------------------------------------------------------------

    def _name_family(self, nationality: str, members: list[Member], native: str) -> None:
        family_key = self.names.family_key(nationality, native)
        father_given: Name | None = None
        for member in members:
            key = family_key
            if member.role == "spouse" and nationality in ("SY", "IQ", "AF", "ER"):
                key = self.names.family_key(nationality, native)  # wives keep their own name
            if member.role == "child" and nationality == "ER" and father_given is not None:
                key = father_given  # an Eritrean child's family name is the father's name
            member.name = self.names.person(nationality, member.sex, key, native)
            if member.role == "head" and nationality == "ER" and member.sex == "m":
                father_given = next(
                    n for n in names.TIGRINYA_MALE if n.original == member.name.given_original
                )

    def _members(self, nationality: str, remaining: int) -> list[Member]:
        rng = self.rng
        shapes = ("single", "couple", "couple_children", "single_parent", "siblings")
        weights = {
            "UA": (40, 10, 8, 38, 4),
            "SY": (50, 22, 15, 7, 6),
            "AF": (58, 17, 12, 5, 8),
        }.get(nationality, (55, 24, 10, 7, 4))
        shape = weighted(rng, shapes, weights)
        male_share = {"UA": 0.25, "SY": 0.7, "AF": 0.78, "IQ": 0.65, "ER": 0.7}.get(
            nationality, 0.55
        )
        head_sex = "m" if rng.random() < male_share else "f"
        head_age = randint(rng, 19, 58)
        members = [Member("head", head_sex, head_age, _blank_name())]
        if shape in ("couple", "couple_children"):
            spouse_sex = "f" if head_sex == "m" else "m"
            spouse_age = max(18, head_age + randint(rng, -8, 4))
            members.append(Member("spouse", spouse_sex, spouse_age, _blank_name()))
        if shape in ("couple_children", "single_parent") and head_age >= 36:
            # Children of 16 and over are clients themselves (school, training, work).
            for _ in range(randint(rng, 1, 2)):
                age = randint(rng, 16, min(25, head_age - 18))
                members.append(Member("child", pick(rng, "mf"), age, _blank_name()))
        if shape == "siblings" and head_age <= 35:
            age = max(18, head_age + randint(rng, -6, 6))
            members.append(Member("sibling", pick(rng, "mf"), age, _blank_name()))
        return members[:remaining]

    def _minor_children(self, members: list[Member]) -> list[int]:
        """Ages of children under 16 in the household: they appear in the orientation only."""
        head = members[0]
        if head.age < 20 or head.age > 50 or self.rng.random() < 0.45:
            return []
        count = weighted(self.rng, (1, 2, 3, 4, 5), (30, 32, 22, 11, 5))
        oldest = min(15, head.age - 18)
        return sorted((randint(self.rng, 0, oldest) for _ in range(count)), reverse=True)

    def _intake_date(self, nationality: str) -> dt.date:
        rng = self.rng
        years = self._intake_years(nationality)
        weights = INTAKE_YEAR_WEIGHTS[nationality]
        year = weighted(rng, years, [weights[y] for y in years])
        start = dt.date(year, 1, 1)
        if nationality == "UA" and year == 2022:
            start = dt.date(2022, 3, 1)
        end = min(dt.date(year, 12, 31), self.today)
        return start + _days(randint(rng, 0, max(0, (end - start).days)))

    def _arrival(self, nationality: str, intake: dt.date) -> dt.date:
        rng = self.rng
        if nationality == "UA":
            return max(UKRAINE_WAR + _days(7), intake - _days(randint(rng, 0, 150)))
        if nationality in EU_COUNTRIES:
            return intake - _days(randint(rng, 0, 1500))
        return max(dt.date(2014, 6, 1), intake - _days(randint(rng, 10, 900)))

    # -- the person ------------------------------------------------------------------------

    def _person(
        self,
        *,
        nationality: str,
        member: Member,
        opened: dt.date,
        place_id: int,
        street: str,
        postal_code: str,
        phone: str,
        native: str,
    ) -> int:
        rng = self.rng
        name = member.name
        birth_year = opened.year - member.age
        born = dt.date(birth_year, 1, 1) + _days(randint(rng, 0, 364))
        precision, placeholder = Person.DobPrecision.EXACT, False
        placeholder_share = {"AF": 0.45, "SY": 0.22, "IQ": 0.15, "ER": 0.1}.get(nationality, 0)
        year_only_share = {"AF": 0.08, "ER": 0.06, "SY": 0.03, "IQ": 0.03}.get(nationality, 0)
        draw = rng.random()
        if draw < placeholder_share:  # registered as 1 January by the authorities
            born, placeholder = dt.date(birth_year, 1, 1), True
        elif draw < placeholder_share + year_only_share:
            born, precision = dt.date(birth_year, 1, 1), Person.DobPrecision.YEAR
        country_of_birth = nationality
        if nationality == "AF" and rng.random() < 0.25:
            country_of_birth = "IR"
        elif nationality == "ER" and rng.random() < 0.2:
            country_of_birth = pick(rng, ("ET", "SD"))
        nationality_status = Person.NationalityStatus.KNOWN
        nationalities = nationality
        if nationality == "SY" and rng.random() < 0.04:
            nationality_status, nationalities = Person.NationalityStatus.STATELESS, ""
        elif nationality in ("IQ", "AF") and rng.random() < 0.02:
            nationality_status, nationalities = Person.NationalityStatus.UNCLEAR, ""
        elif nationality == "BG" and native == "tr" and rng.random() < 0.3:
            nationalities = "BG,TR"
        email = ""
        if rng.random() < 0.55:
            local = _email_local(name.given_latin, name.family_latin)
            suffix = str(randint(rng, 1, 99)) if rng.random() < 0.5 else ""
            email = f"{local}{suffix}@{pick(rng, county.EMAIL_DOMAINS)}"
        letter_language = native if native != "ku" else pick(rng, ("ar", "tr", "de"))
        created = self._stamp(opened)
        person_id = self.tables[Person].add(
            self.centre_id,
            name.given_original,
            name.family_original,
            name.given_latin,
            name.family_latin,
            self.date(born),
            precision,
            placeholder,
            member.sex,
            pick(rng, origins.PLACES_OF_BIRTH[country_of_birth]),
            country_of_birth,
            nationality_status,
            nationalities,
            phone if rng.random() < 0.9 else "",
            email,
            street,
            postal_code,
            place_id,
            letter_language,
            name.script,
            created,
        )
        for given, family_name, script, source in name.spellings:
            self.tables[NameSpelling].add(person_id, given, family_name, source, script, created)
        spellings = [(given, family_name) for given, family_name, _, _ in name.spellings]
        names = keys_of_names(
            [
                (name.given_latin, name.family_latin),
                (name.given_original, name.family_original),
                *spellings,
            ]
        )
        for key in sorted(stored_keys(names, born, str(precision), placeholder)):
            self.tables[NameKey].add(person_id, key)
        return person_id

    def _phone(self) -> str:
        return f"{pick(self.rng, county.DRAMA_NUMBER_PREFIXES)}{randint(self.rng, 0, 999):03d}"

    def _german_level_at_intake(self, nationality: str, age: int) -> str:
        options = ("", "A1", "A2", "B1", "B2", "C1")
        if nationality in EU_COUNTRIES or nationality == "TR":
            weights: tuple[int, ...] = (40, 22, 15, 12, 8, 3)
        else:
            weights = (34, 30, 20, 10, 5, 1)
        if age < 25:
            weights = (weights[0] // 2, *weights[1:])
        return weighted(self.rng, options, weights)

    def _german_level_now(self, at_intake: str, opened: dt.date, history: CaseHistory) -> str:
        """Languages improve while the case runs: about one level per year and a half."""
        end = history.closed_on or self.today
        steps = int((end - opened).days / self.rng.uniform(400, 800))
        level = (LEVELS.index(at_intake) + 1 if at_intake else 0) + steps  # 1 is A1
        return LEVELS[min(level, 5) - 1] if level > 0 else ""

    def _languages(
        self,
        person_id: int,
        nationality: str,
        native: str,
        second: str,
        german: str,
        member: Member,
    ) -> list[tuple[str, str]]:
        rng = self.rng
        spoken = [(native, "native")]
        if second and (nationality != "UA" or rng.random() < 0.8):
            spoken.append(
                (second, "native" if nationality == "UA" and rng.random() < 0.4 else "C1")
            )
        if german:
            spoken.append(("de", german))
        if rng.random() < (0.45 if member.age < 35 else 0.2):
            level = weighted(rng, ("A1", "A2", "B1", "B2", "C1"), (15, 30, 30, 18, 7))
            spoken.append(("en", level))
        for language, level in spoken:
            self.tables[PersonLanguage].add(person_id, language, level)
        return spoken

    # -- residence -------------------------------------------------------------------------

    def _residence(
        self,
        person_id: int,
        nationality: str,
        arrival: dt.date,
        history: CaseHistory,
        place_id: int,
    ) -> list[TitleRow]:
        rng = self.rng
        rows: list[TitleRow]
        if nationality in EU_COUNTRIES:
            rows = [(Title.EU_FREEDOM, arrival, None, Work.ALLOWED, False, "")]
        elif nationality == "UA":
            rows = self._titles_ukraine(arrival)
        elif nationality == "TR":
            kind = weighted(rng, ("asylum", "family", "blue_card", "settled"), (35, 30, 10, 25))
            rows = self._titles_turkey(kind, arrival)
        else:
            rows = self._titles_asylum(nationality, arrival)

        if history.status != Status.CLOSED and rows[-1][2] is not None:
            title, start, until, work, obligation, note = rows[-1]
            if until is not None and until < self.today:  # renewed in time
                start = max(until, self.today - _days(randint(rng, 0, 150)))
                until = self.today + _days(randint(rng, 10, 180))
                rows.append((title, start, until, work, obligation and start < until, note))
            if rng.random() < 0.12:  # expires within the next eight weeks
                title, start, _, work, obligation, note = rows[-1]
                until = self.today + _days(randint(rng, 0, 55))
                rows[-1] = (title, start, until, work, obligation, note)

        clamped: list[TitleRow] = []
        for title, start, until, work, obligation, note in rows:
            start = min(start, self.today)  # a decision due any day now: no later titles yet
            until = max(until, start) if until is not None else None
            clamped.append((title, start, until, work, obligation, note))
            self.tables[ResidenceStatus].add(
                person_id,
                title,
                self.date(start),
                self.date(until),
                work,
                place_id if obligation else None,
                note,
                self._stamp(start),
            )
        return clamped

    def _titles_ukraine(self, arrival: dt.date) -> list[TitleRow]:
        rng = self.rng
        start = min(self.today, arrival + _days(randint(rng, 7, 60)))
        until = (
            TEMPORARY_PROTECTION_END
            if self.today < TEMPORARY_PROTECTION_END
            else _add_years(self.today, 1)
        )
        note = "Aufenthaltserlaubnis nach § 24 AufenthG"
        rows: list[TitleRow] = [
            (Title.TEMPORARY_PROTECTION, start, until, Work.ALLOWED, rng.random() < 0.15, note)
        ]
        change = start + _days(randint(rng, 500, 1100))
        if change < self.today and rng.random() < 0.1:  # moved on to a title for work
            title = Title.BLUE_CARD if rng.random() < 0.2 else Title.OTHER
            note = "§ 18g AufenthG" if title == Title.BLUE_CARD else "§ 18a AufenthG (Fachkraft)"
            first = rows[0]
            rows[0] = (first[0], first[1], change - _days(1), first[3], first[4], first[5])
            rows.append((title, change, _add_years(change, 3), Work.ALLOWED, False, note))
        return rows

    def _titles_turkey(self, kind: str, arrival: dt.date) -> list[TitleRow]:
        rng = self.rng
        if kind == "asylum":
            return self._titles_asylum("TR", arrival)
        start = arrival + _days(randint(rng, 0, 60))
        if kind == "blue_card":
            note = "§ 18g AufenthG"
            return [(Title.BLUE_CARD, start, _add_years(start, 4), Work.ALLOWED, False, note)]
        note = "§ 30 AufenthG (Ehegattennachzug)"
        if kind == "settled":
            return [
                (Title.OTHER, _add_years(start, -4), start, Work.ALLOWED, False, note),
                (Title.SETTLEMENT, start, None, Work.ALLOWED, False, "§ 9 AufenthG"),
            ]
        return [(Title.OTHER, start, _add_years(start, 3), Work.ALLOWED, False, note)]

    def _titles_asylum(self, nationality: str, arrival: dt.date) -> list[TitleRow]:
        """Aufenthaltsgestattung during the procedure, then protection or toleration."""
        rng = self.rng
        today = self.today
        start = arrival + _days(randint(rng, 3, 40))
        decision = start + _days(randint(rng, 90, 600))
        if nationality == "SY" and arrival >= dt.date(2024, 6, 1):
            decision = today + _days(365)  # decisions on Syrian applications were paused
        work = Work.NOT_ALLOWED if rng.random() < 0.3 else Work.APPROVAL
        if decision > today:
            until = max(start + _days(90), today + _days(randint(rng, 10, 180)))
            return [(Title.GESTATTUNG, start, until, work, rng.random() < 0.5, "")]
        rows: list[TitleRow] = [(Title.GESTATTUNG, start, decision, work, rng.random() < 0.5, "")]
        protection_share = {"SY": 0.95, "ER": 0.85, "AF": 0.62, "IQ": 0.45, "TR": 0.3}
        if rng.random() < protection_share[nationality]:
            refugee = rng.random() < (0.55 if nationality == "SY" else 0.7)
            issued = decision + _days(randint(rng, 14, 90))
            years = 3 if refugee else 1
            kind = "Flüchtlingseigenschaft" if refugee else "subsidiärer Schutz"
            note = f"§ 25 Abs. 2 AufenthG, {kind}"
            obligation = rng.random() < 0.6  # § 12a for three years after recognition
            until = _add_years(issued, years)
            rows.append((Title.PROTECTION, issued, until, Work.ALLOWED, obligation, note))
            renewal = until
            while renewal <= today and len(rows) < 5:
                if renewal >= _add_years(arrival, 5) and rng.random() < 0.45:
                    note = "Niederlassungserlaubnis § 26 Abs. 3 AufenthG"
                    rows.append((Title.SETTLEMENT, renewal, None, Work.ALLOWED, False, note))
                    break
                years = 3 if refugee else 2
                obligation = renewal < _add_years(issued, 3) and rng.random() < 0.5
                until = _add_years(renewal, years)
                rows.append((Title.PROTECTION, renewal, until, Work.ALLOWED, obligation, note))
                renewal = until
            return rows
        tolerated = decision + _days(randint(rng, 30, 200))
        work = Work.NOT_ALLOWED if rng.random() < 0.25 else Work.APPROVAL
        obligation = rng.random() < 0.3
        until = tolerated + _days(randint(rng, 90, 180))
        rows.append((Title.DULDUNG, tolerated, until, work, obligation, ""))
        current = today - _days(randint(rng, 0, 150))
        if current > tolerated + _days(540):
            if current >= dt.date(2023, 1, 1) and rng.random() < 0.2:
                note = "§ 104c AufenthG, Chancen-Aufenthaltsrecht"
                until = current + _days(540)
                rows.append((Title.OTHER, current, until, Work.ALLOWED, False, note))
            else:
                until = current + _days(randint(rng, 90, 180))
                note = f"Duldung, fortlaufend verlängert seit {tolerated:%m/%Y}"
                rows.append((Title.DULDUNG, current, until, work, obligation, note))
        return rows

    def _legal_domain(self, titles: list[TitleRow], on: dt.date, arrival: dt.date) -> str:
        """Who pays, by the residence title the person held on `on`."""
        title = titles[0][0]
        for row in titles:
            if row[1] <= on:
                title = row[0]
        domain = Case.LegalDomain
        if title in (Title.GESTATTUNG, Title.DULDUNG):
            return domain.ASYLBLG
        if title == Title.TEMPORARY_PROTECTION:
            # Bürgergeld from June 2022; arrivals from April 2025 stay under the AsylbLG.
            if on < dt.date(2022, 6, 1) or arrival >= dt.date(2025, 4, 1):
                return domain.ASYLBLG
            return domain.SGB_II
        options = (domain.SGB_II, domain.SGB_III, domain.NONE)
        weights = {
            Title.PROTECTION: (90, 10, 0),
            Title.SETTLEMENT: (60, 25, 15),
            Title.EU_FREEDOM: (45, 30, 25),
            Title.BLUE_CARD: (0, 30, 70),
        }.get(Title(title), (50, 20, 30))
        return weighted(self.rng, options, weights)

    # -- consents and household ------------------------------------------------------------

    def _consents(
        self,
        person_id: int,
        opened: dt.date,
        legal_domain: str,
        caseworker_id: int,
        history: CaseHistory,
        titles: list[TitleRow],
    ) -> None:
        rng = self.rng
        end = history.closed_on or self.today
        purpose = Consent.Purpose
        basis = Consent.LegalBasis
        partners = self.partner_ids
        wanted: list[tuple[str, int, str, dt.date]] = []
        if history.status != Status.INTAKE or rng.random() < 0.5:
            if rng.random() < 0.75:
                provider = pick(rng, partners[Organisation.Kind.COURSE_PROVIDER])
                wanted.append((purpose.COURSE_REFERRAL, provider, basis.CONSENT, opened))
            if rng.random() < 0.4 or titles[-1][0] in (Title.DULDUNG, Title.GESTATTUNG):
                office = partners[Organisation.Kind.IMMIGRATION_OFFICE][0]
                wanted.append((purpose.IMMIGRATION_OFFICE, office, basis.CONSENT, opened))
            if legal_domain == Case.LegalDomain.SGB_II and rng.random() < 0.5:
                job_centre = partners[Organisation.Kind.JOB_CENTRE][0]
                wanted.append((purpose.OTHER, job_centre, basis.SGB_X_69, opened))
            if rng.random() < 0.15:
                charity = pick(rng, partners[Organisation.Kind.CHARITY])
                wanted.append((purpose.COUNSELLING, charity, basis.CONSENT, opened))
        placed = [on for _, to, _, on in history.changes if to == Status.PLACED]
        if placed and rng.random() < 0.9:  # proposed to the employer before the start
            employer = pick(rng, partners[Organisation.Kind.EMPLOYER])
            on = max(opened, placed[0] - _days(randint(rng, 14, 90)))
            wanted.append((purpose.JOB_PLACEMENT, employer, basis.CONSENT, on))
        for purpose_value, recipient, legal_basis, given in wanted:
            given_on = min(self.today, given + _days(randint(rng, 0, 14)))
            withdrawn = None
            if rng.random() < 0.04 and given_on < end:
                withdrawn = given_on + _days(randint(rng, 1, max(1, (end - given_on).days)))
            self.tables[Consent].add(
                person_id,
                purpose_value,
                texts.CONSENT_SCOPES[purpose_value],
                recipient,
                legal_basis,
                self.date(given_on),
                self.date(withdrawn),
                caseworker_id,
                self._stamp(given_on),
            )

    def _household(self, members: list[Member]) -> None:
        """Links in both directions: spouses, parents and their children, siblings."""
        links: list[tuple[Member, Member, str]] = []
        head = members[0]
        parents = [m for m in members if m.role in ("head", "spouse")]
        children = [m for m in members if m.role == "child"]
        for member in members[1:]:
            if member.role == "spouse":
                links += [(head, member, Relation.SPOUSE), (member, head, Relation.SPOUSE)]
            elif member.role == "sibling":
                links += [(head, member, Relation.SIBLING), (member, head, Relation.SIBLING)]
        for child in children:
            for parent in parents:
                links += [(parent, child, Relation.CHILD), (child, parent, Relation.PARENT)]
            links += [(child, other, Relation.SIBLING) for other in children if other is not child]
        table = self.tables[HouseholdLink]
        for person, relative, relation in links:
            table.add(person.person_id, relative.person_id, relation)


@functools.cache
def _ascii_lower(text: str) -> str:
    return "".join(c for c in without_diacritics(text).lower() if c.isascii() and c.isalnum())


def _email_local(given: str, family: str) -> str:
    return f"{_ascii_lower(given.split(' ')[0])}.{_ascii_lower(family)}"
