"""The cases of the demo data: status history, orientation (education, family situation) and
notes with next steps (the cases app's records). Drawn in the order `Generator.family` calls."""

from __future__ import annotations

import datetime as dt

from wegweiser.cases.models import NextStep, Note, Orientation

from .common import CaseHistory, GeneratorBase, Member, Reason, Status, _days
from .data import texts
from .naming import pick, randint, sample, weighted
from .people import INTERPRETED_LANGUAGES, LANGUAGE_NAMES_DE


class CasesMixin(GeneratorBase):
    """The cases part of `Generator`."""

    # -- the case --------------------------------------------------------------------------

    def _case_history(self, opened: dt.date) -> CaseHistory:
        """Walks a case through its statuses from the intake up to today."""
        rng = self.rng
        today = self.today
        changes: list[tuple[str, str, str, dt.date]] = [("", Status.INTAKE, "", opened)]
        status: str = Status.INTAKE
        on, reopened = opened, False

        def move(to: str, day: dt.date, reason: str = "") -> None:
            nonlocal status, on
            changes.append((status, to, reason, day))
            status, on = to, day

        while True:
            if status == Status.INTAKE:
                nxt = on + _days(randint(rng, 14, 120))
                if nxt > today:
                    break
                if rng.random() < 0.06:
                    early = (Reason.NO_CONTACT, Reason.DECLINED, Reason.MOVED_AWAY)
                    move(Status.CLOSED, nxt, weighted(rng, early, (5, 3, 2)))
                else:
                    move(Status.ACTIVE, nxt)
            elif status == Status.ACTIVE:
                nxt = on + _days(60 + int(rng.expovariate(1 / 540)))
                if nxt > today:
                    break
                if rng.random() < 0.5:
                    move(Status.PLACED, nxt)
                else:
                    reasons = (
                        Reason.NO_CONTACT,
                        Reason.MOVED_AWAY,
                        Reason.OTHER_SERVICE,
                        Reason.DECLINED,
                        Reason.LEFT_GERMANY,
                        Reason.OTHER,
                        Reason.DECEASED,
                    )
                    move(Status.CLOSED, nxt, weighted(rng, reasons, (30, 25, 18, 10, 10, 6, 1)))
            elif status == Status.PLACED:
                # Placed during the probation period, then follow-up up to twelve months.
                nxt = on + _days(randint(rng, 60, 180))
                if nxt > today:
                    break
                move(Status.FOLLOW_UP, nxt)
            elif status == Status.FOLLOW_UP:
                nxt = on + _days(randint(rng, 120, 240))
                if nxt > today:
                    break
                draw = rng.random()
                if draw < 0.78:
                    move(Status.CLOSED, nxt, Reason.SUSTAINED_EMPLOYMENT)
                elif draw < 0.95:
                    move(Status.ACTIVE, nxt)  # the job did not last
                else:
                    move(Status.CLOSED, nxt, Reason.MOVED_AWAY)
            else:  # closed: a few come back once
                nxt = on + _days(randint(rng, 90, 720))
                if reopened or nxt > today or rng.random() >= 0.05:
                    break
                reopened = True
                move(Status.ACTIVE, nxt)
        reason = changes[-1][2] if status == Status.CLOSED else ""
        closed_on = on if status == Status.CLOSED else None
        return CaseHistory(status, reason, closed_on, changes)

    def _orientation(
        self,
        case_id: int,
        opened: dt.date,
        member: Member,
        members: list[Member],
        minors: list[int],
        german: str,
        spoken: list[tuple[str, str]],
    ) -> None:
        rng = self.rng
        if opened > self.today - _days(60) and rng.random() < 0.5:
            return  # a recent intake: the situation analysis is not done yet
        sex = member.sex
        occupation, schooling, certificate, vocational, higher, work_experience = self._education(
            member
        )

        source, exam = "", ""
        if german:
            german_source = Orientation.GermanSource
            source = weighted(
                rng,
                (german_source.TESTED, german_source.SELF_ASSESSED, german_source.CASEWORKER),
                (40, 40, 20) if german != "A1" else (15, 55, 30),
            )
            if source == german_source.TESTED:
                exam = pick(rng, texts.GERMAN_EXAMS[german])
        caring = member.role in ("head", "spouse") and any(age < 6 for age in minors)
        childcare_needed = caring and (sex == "f" or len(members) == 1 or rng.random() < 0.3)
        licence = Orientation.DrivingLicence
        if sex == "m":
            driving = weighted(
                rng,
                (licence.NONE, licence.B, licence.B_FOREIGN, licence.TRUCK),
                (45, 15, 32, 8) if occupation.title_m != "Lkw-Fahrer" else (0, 10, 30, 60),
            )
        else:
            driving = weighted(rng, (licence.NONE, licence.B, licence.B_FOREIGN), (80, 8, 12))
        other = ", ".join(
            f"{LANGUAGE_NAMES_DE[language]} ({'Muttersprache' if level == 'native' else level})"
            for language, level in spoken[1:]
            if language != "de"
        )
        assessed = min(self.today, opened + _days(randint(rng, 0, 30)))
        self.tables[Orientation].add(
            case_id,
            self._family_situation(member, members, minors),
            childcare_needed,
            pick(rng, texts.CHILDCARE_NOTES) if childcare_needed else "",
            pick(rng, texts.HEALTH_LIMITATIONS) if rng.random() < 0.08 else "",
            schooling,
            certificate,
            vocational,
            higher,
            work_experience,
            None,  # the occupation is coded by hand, not generated
            german,
            source,
            exam,
            other,
            driving,
            f"{pick(rng, texts.GOALS)} Ziel: {occupation.target}.",
            " ".join(sample(rng, texts.OBSTACLES, randint(rng, 0, 2))),
            self.date(assessed),
            self._stamp(assessed),
        )

    def _education(self, member: Member) -> tuple[texts.Occupation, int, str, str, str, str]:
        """The occupation learnt or practised, schooling, training and work experience."""
        rng = self.rng
        sex = member.sex
        weights = self.occupation_weights_m if sex == "m" else self.occupation_weights_f
        if member.age < 21:
            occupation = texts.OCCUPATIONS[-1]
        else:
            occupation = weighted(rng, texts.OCCUPATIONS, weights)
        title = occupation.title_m if sex == "m" else occupation.title_f
        if occupation.skill == 2:
            schooling, certificate = 12, texts.SCHOOL_CERTIFICATES[5][1]
            higher = f"{occupation.training}, Universität im Herkunftsland"
            vocational = ""
        else:
            schooling, certificate = pick(rng, texts.SCHOOL_CERTIFICATES[:5])
            higher = ""
            vocational = occupation.training if occupation.skill == 1 else ""
        years = randint(rng, 1, max(1, min(20, member.age - 17)))
        if occupation.skill == 0 and rng.random() < 0.3:
            work_experience = title
        else:
            work_experience = f"{title}, {years} Jahre"
        return occupation, schooling, certificate, vocational, higher, work_experience

    def _family_situation(self, member: Member, members: list[Member], minors: list[int]) -> str:
        roles = {m.role for m in members}
        if member.role == "child":
            return "Lebt mit den Eltern im gemeinsamen Haushalt."
        if member.role == "sibling" or (member.role == "head" and "sibling" in roles):
            return "Ledig, lebt mit einem Geschwister zusammen."
        if "spouse" in roles:
            text = "Verheiratet, Ehepartner ebenfalls in Beratung."
        elif "child" in roles or minors:
            text = "Alleinerziehend."
        elif self.rng.random() < 0.25:
            text = "Verheiratet; Ehepartner lebt noch im Herkunftsland, Familiennachzug beantragt."
        else:
            text = "Ledig, lebt allein."
        if minors:
            ages = ", ".join(str(a) for a in minors)
            text += f" {len(minors)} Kind(er) unter 16 im Haushalt (Alter: {ages})."
        return text

    def _notes(
        self,
        case_id: int,
        opened: dt.date,
        caseworker_id: int,
        native: str,
        german: str,
        history: CaseHistory,
    ) -> None:
        rng = self.rng
        end = history.closed_on or self.today
        open_case = history.status != Status.CLOSED
        span = max(0, (end - opened).days)
        count = max(1, min(8, 1 + int(span / rng.uniform(200, 500))))
        dates = sorted(opened + _days(randint(rng, 0, span)) for _ in range(count))
        dates[0] = opened
        if open_case and len(dates) > 1:  # open cases were seen recently
            dates[-1] = max(dates[-2], self.today - _days(randint(rng, 0, 60)))
        interpreter_language = native if native in INTERPRETED_LANGUAGES else ""
        needs_interpreter = german in ("", "A1", "A2") and bool(interpreter_language)
        channel = Note.Channel
        for index, day in enumerate(dates):
            phase = self._phase(history.status_on(day), index)
            interpreter = needs_interpreter and rng.random() < 0.65
            sentences = texts.NOTE_SENTENCES[phase]
            summary = " ".join(sample(rng, sentences, min(len(sentences), randint(rng, 1, 3))))
            note_id = self.tables[Note].add(
                case_id,
                self.date(day),
                weighted(
                    rng,
                    (channel.IN_PERSON, channel.PHONE, channel.VIDEO, channel.HOME_VISIT),
                    (62, 25, 6, 7),
                ),
                interpreter,
                interpreter_language if interpreter else "",
                ", ".join(texts.NOTE_TOPICS[phase][: randint(rng, 1, 2)]),
                summary,
                caseworker_id,
                self._stamp(day),
            )
            last = index == len(dates) - 1
            pending = last and open_case  # the open case's current next step
            if not pending and rng.random() < 0.5:
                continue
            due = day + _days(randint(rng, 7, 42))
            done: dt.date | None = None
            if pending:  # some overdue, some due within two weeks, the rest later
                offset = weighted(rng, ((-30, -1), (0, 14), (15, 60)), (25, 35, 40))
                due = max(day + _days(1), self.today + _days(randint(rng, *offset)))
            else:
                done = max(day, min(end, due + _days(randint(rng, -5, 10))))
            self.tables[NextStep].add(
                case_id,
                note_id,
                pick(rng, texts.NEXT_STEPS[phase]),
                self.date(due),
                caseworker_id,
                self.date(done),
            )

    def _phase(self, status: str, index: int) -> str:
        if index == 0 or status == Status.INTAKE:
            return "intake"
        if status == Status.PLACED:
            return "job"
        if status == Status.FOLLOW_UP:
            return "follow_up"
        return weighted(
            self.rng,
            ("language", "recognition", "job", "residence", "family"),
            (35, 12, 25, 14, 14),
        )
