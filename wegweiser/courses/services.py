"""Writes of course data. Each runs in one transaction; the audit entries follow by signal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from wegweiser.accounts.models import Organisation, User
from wegweiser.core.audit import audit_event, service
from wegweiser.core.models import AuditEntry, Municipality
from wegweiser.people.models import Person
from wegweiser.people.selectors import persons_visible_to

from . import assignment
from .models import (
    KIND_RULES,
    AssignmentRun,
    AttendanceRecord,
    Course,
    CourseLocation,
    Enrolment,
    Entitlement,
    ExamResult,
    LevelRecord,
    Programme,
    Proposal,
    WaitingEntry,
    first_of_month,
    level_rank,
)
from .selectors import (
    current_levels,
    eligibility_problems,
    obligated_person_ids,
    open_courses,
    referral_basis,
)

# The code of the error that asks for a consent first (the page offers the consent form).
CONSENT_MISSING = "consent_missing"

# ---------------------------------------------------------------------------------------------
# Catalogue


def _provider_for(actor: User, provider: Organisation | None) -> Organisation:
    """A provider's staff always write for their own organisation."""
    if actor.is_course_provider:
        if actor.organisation is None:
            raise ValidationError(_("Your account belongs to no course provider."))
        return actor.organisation
    if provider is None:
        raise ValidationError({"provider": _("Choose the course provider.")})
    return provider


@service
def location_create(
    *,
    actor: User,
    name: str,
    municipality: Municipality,
    street: str = "",
    provider: Organisation | None = None,
) -> CourseLocation:
    location = CourseLocation(
        provider=_provider_for(actor, provider), name=name, street=street, municipality=municipality
    )
    location.full_clean()
    location.save()
    return location


@service
def course_create(*, actor: User, provider: Organisation | None = None, **data: Any) -> Course:
    course = Course(provider=_provider_for(actor, provider), **data)
    course.full_clean()
    course.save()
    return course


@service
def course_update(*, actor: User, course: Course, data: dict[str, Any]) -> Course:
    data = dict(data)
    if actor.is_course_provider:
        data.pop("provider", None)
    for name, value in data.items():
        setattr(course, name, value)
    taken = course.enrolments.filter(status__in=Enrolment.HOLDS_SEAT).count()
    if course.seats is not None and course.seats < taken:
        raise ValidationError(
            {
                "seats": _("%(taken)s seats are already taken; the course needs at least as many.")
                % {"taken": taken}
            }
        )
    course.full_clean()
    course.save()
    return course


# ---------------------------------------------------------------------------------------------
# A person's entitlements, waiting and German levels


@service
def entitlement_add(*, actor: User, person: Person, **data: Any) -> Entitlement:
    entitlement = Entitlement(person=person, **data)
    entitlement.full_clean()
    entitlement.save()
    return entitlement


@service
def waiting_entry_add(
    *,
    actor: User,
    person: Person,
    kind: str,
    municipality: Municipality,
    registered_on: dt.date,
    childcare: str = "none",
    work_times: str = "",
) -> WaitingEntry:
    """Puts the person on the waiting list; `work_times` lists times of day, comma-separated."""
    open_entry = person.course_waiting.filter(status__in=WaitingEntry.OPEN).first()
    if open_entry is not None:
        raise ValidationError(
            {
                "kind": _("This person is already waiting for: %(kind)s. Close that entry first.")
                % {"kind": open_entry.get_kind_display()}
            }
        )
    entry = WaitingEntry(
        person=person,
        kind=kind,
        municipality=municipality,
        registered_on=registered_on,
        childcare=childcare,
        work_times=",".join(t for t in assignment.TIMES if t in work_times.split(",")),
    )
    entry.full_clean()
    entry.save()
    return entry


@service
def waiting_entry_close(*, actor: User, entry: WaitingEntry, reason: str) -> WaitingEntry:
    if entry.status not in WaitingEntry.OPEN:
        raise ValidationError(_("This entry is no longer open."))
    if entry.enrolments.filter(status=Enrolment.Status.OFFERED).exists():
        raise ValidationError(_("A seat is offered for this entry; record the answer first."))
    entry.status = WaitingEntry.Status.CLOSED
    entry.closing_reason = reason
    entry.closed_on = timezone.localdate()
    entry.full_clean()
    entry.save(update_fields=["status", "closing_reason", "closed_on"])
    return entry


@service
def level_record_add(
    *,
    actor: User,
    person: Person,
    level: str,
    assessed_on: dt.date,
    source: str,
    test_name: str = "",
) -> LevelRecord:
    record = LevelRecord(
        person=person,
        level=level,
        assessed_on=assessed_on,
        source=source,
        test_name=test_name,
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    return record


# ---------------------------------------------------------------------------------------------
# Enrolments


@service
def enrolment_offer(
    *,
    actor: User,
    person: Person,
    course: Course,
    waiting_entry: WaitingEntry | None = None,
) -> Enrolment:
    """Offers the person a seat: refused when the course is full, over, or does not fit."""
    today = timezone.localdate()
    course = Course.objects.select_for_update().get(pk=course.pk)  # one booking at a time
    if course.ends_on < today:
        raise ValidationError({"course": _("This course has already ended.")})
    if Enrolment.objects.filter(person=person, course=course).exists():
        raise ValidationError({"course": _("This person already has an enrolment in this course.")})
    taken = course.enrolments.filter(status__in=Enrolment.HOLDS_SEAT).count()
    if taken >= course.seats:
        raise ValidationError(
            {
                "course": _("The course is fully booked: its %(seats)s seats are taken.")
                % {"seats": course.seats}
            }
        )
    problems = eligibility_problems(person=person, course=course, today=today)
    if problems:
        raise ValidationError({"course": problems})
    if waiting_entry is None:
        waiting_entry = person.course_waiting.filter(
            status=WaitingEntry.Status.WAITING, kind=course.kind
        ).first()
    enrolment = Enrolment(
        person=person,
        course=course,
        waiting_entry=waiting_entry,
        status=Enrolment.Status.OFFERED,
        offered_on=today,
        status_changed_on=today,
    )
    enrolment.full_clean()
    enrolment.save()
    if waiting_entry is not None and waiting_entry.status == WaitingEntry.Status.WAITING:
        waiting_entry.status = WaitingEntry.Status.OFFERED
        waiting_entry.save(update_fields=["status"])
    return enrolment


@service
def enrolment_change_status(
    *, actor: User, enrolment: Enrolment, status: str, reason: str = ""
) -> Enrolment:
    """Moves an enrolment on. Accepting shares the person with the provider, which needs a
    consent or legal basis for the referral to that provider; the audit entry names it."""
    if status not in enrolment.next_statuses:
        raise ValidationError(
            {
                "status": _("An enrolment cannot move from %(old)s to %(new)s.")
                % {
                    "old": enrolment.get_status_display(),
                    "new": dict(Enrolment.Status.choices).get(status, status),
                }
            }
        )
    if status == Enrolment.Status.ACCEPTED:
        basis = referral_basis(person=enrolment.person, provider_id=enrolment.course.provider_id)
        if basis is None:
            raise ValidationError(
                {
                    "status": ValidationError(
                        _(
                            "Record the person's consent (or another legal basis) for the "
                            "referral to %(provider)s first: the provider learns about the "
                            "person on acceptance."
                        )
                        % {"provider": enrolment.course.provider},
                        code=CONSENT_MISSING,
                    )
                }
            )
        audit_event(
            actor=actor,
            action=AuditEntry.Action.CONFIRM,
            object_type="courses.enrolment",
            object_id=enrolment.pk,
            person_id=enrolment.person_id,
            fields=["status"],
            purpose=f"referral to {enrolment.course.provider_id}: "
            f"consent {basis.pk} ({basis.legal_basis})",
        )
    enrolment.status = status
    enrolment.reason = reason if status in (*Enrolment.NEEDS_REASON, "declined") else ""
    enrolment.status_changed_on = timezone.localdate()
    enrolment.full_clean()
    enrolment.save(update_fields=["status", "reason", "status_changed_on"])
    entry = enrolment.waiting_entry
    if entry is not None and entry.status in WaitingEntry.OPEN:
        if status == Enrolment.Status.DECLINED:
            entry.status = WaitingEntry.Status.WAITING  # back on the list, same date
        elif status == Enrolment.Status.ACCEPTED:
            entry.status = WaitingEntry.Status.PLACED
        entry.save(update_fields=["status"])
    return enrolment


@service
def attendance_record(
    *, actor: User, enrolment: Enrolment, month: dt.date, percent: Decimal
) -> AttendanceRecord:
    """Attendance of one month; recording it again for the month corrects it."""
    if enrolment.status not in Enrolment.STARTED:
        raise ValidationError(
            {"month": _("Attendance is recorded once the person is enrolled in the course.")}
        )
    month = first_of_month(month)
    record = AttendanceRecord.objects.filter(enrolment=enrolment, month=month).first()
    if record is None:
        record = AttendanceRecord(enrolment=enrolment, month=month)
    record.percent = percent
    record.recorded_by = actor
    record.full_clean()
    record.save()
    if enrolment.status == Enrolment.Status.ENROLLED and percent > 0:
        enrolment.status = Enrolment.Status.ATTENDING
        enrolment.status_changed_on = timezone.localdate()
        enrolment.save(update_fields=["status", "status_changed_on"])
    return record


@service
def exam_result_record(
    *,
    actor: User,
    person: Person,
    exam: str,
    taken_on: dt.date,
    level_reached: str = "",
    points: int | None = None,
    certificate: str = "",
    enrolment: Enrolment | None = None,
) -> ExamResult:
    """An exam result; a level reached joins the person's German levels as tested."""
    result = ExamResult(
        person=person,
        enrolment=enrolment,
        exam=exam,
        taken_on=taken_on,
        level_reached=level_reached,
        points=points,
        certificate=certificate,
        recorded_by=actor,
    )
    result.full_clean()
    result.save()
    if level_reached:
        record = LevelRecord(
            person=person,
            level=level_reached,
            assessed_on=taken_on,
            source=LevelRecord.Source.EXAM,
            exam_result=result,
            recorded_by=actor,
        )
        record.full_clean()
        record.save()
    return result


# ---------------------------------------------------------------------------------------------
# Fair seat assignment


def _applicants(entries: list[WaitingEntry], today: dt.date) -> list[assignment.Applicant]:
    person_ids = [e.person_id for e in entries]
    levels = current_levels(person_ids)
    obliged = obligated_person_ids(person_ids, today)
    until: dict[tuple[int, str], int] = {}
    for entitlement in Entitlement.objects.filter(person_id__in=person_ids):
        end = (
            entitlement.valid_until.toordinal() if entitlement.valid_until else assignment.UNLIMITED
        )
        key = (entitlement.person_id, entitlement.programme)
        until[key] = max(until.get(key, assignment.NOT_ENTITLED), end)
    applicants = []
    for entry in entries:
        programme = KIND_RULES[entry.kind].programme
        applicants.append(
            assignment.Applicant(
                key=entry.pk,
                kind=entry.kind,
                level=level_rank(levels.get(entry.person_id, "")),
                latitude=entry.municipality.latitude,
                longitude=entry.municipality.longitude,
                days_waited=entry.days_waited(today),
                entitled_until=(
                    assignment.UNLIMITED
                    if programme == Programme.LOCAL
                    else until.get((entry.person_id, programme), assignment.NOT_ENTITLED)
                ),
                obligated=entry.person_id in obliged,
                childcare=assignment.Childcare(entry.childcare),
                blocked_times=entry.blocked_times,
            )
        )
    return applicants


def _offers(courses: list[Course]) -> list[assignment.Offer]:
    return [
        assignment.Offer(
            key=course.pk,
            kind=course.kind,
            entry_level=level_rank(course.entry_level),
            target_level=level_rank(course.target_level),
            seats=int(course.free),  # type: ignore[attr-defined]
            latitude=course.location.municipality.latitude,
            longitude=course.location.municipality.longitude,
            starts_on=course.starts_on.toordinal(),
            online=course.online,
            time_of_day=course.time_of_day,
            childcare=course.childcare,
        )
        for course in courses
    ]


def _option_json(option: assignment.Option) -> dict[str, Any]:
    points = option.breakdown
    return {
        "course": option.offer_key,
        "points": points.total if points else None,
        "needed": option.needed,
        "distance_km": points.distance_km if points else None,
    }


@service
def assignment_propose(*, actor: User) -> AssignmentRun:
    """Computes the fair assignment of all open seats to everyone waiting in the organisation.
    Nothing is offered yet: caseworkers confirm the proposals of their persons."""
    if actor.organisation_id is None or not actor.works_cases:
        raise ValidationError(_("Only staff of the centre can compute a seat assignment."))
    today = timezone.localdate()
    weights = assignment.Weights()
    entries = list(
        WaitingEntry.objects.filter(
            status=WaitingEntry.Status.WAITING, person__organisation_id=actor.organisation_id
        )
        .select_related("municipality")
        .order_by("registered_on", "id")
    )
    courses = list(open_courses(on=today))
    applicants = _applicants(entries, today)
    offers = _offers(courses)
    best = assignment.assign(applicants, offers, weights)
    fcfs = assignment.first_come_first_served(applicants, offers, weights)
    explanations = assignment.explain_all(applicants, offers, best, weights)
    for previous in AssignmentRun.objects.filter(
        organisation_id=actor.organisation_id, status=AssignmentRun.Status.PROPOSED
    ):
        previous.status = AssignmentRun.Status.SUPERSEDED
        previous.save(update_fields=["status"])
    run = AssignmentRun(
        organisation_id=actor.organisation_id,
        created_by=actor,
        weights=weights.__dict__,
        waiting=len(entries),
        seats=sum(o.seats for o in offers),
        placed=best.placed,
        fcfs_placed=fcfs.placed,
        objective=best.objective,
        fcfs_objective=fcfs.objective,
        gap=best.gap,
        solve_seconds=round(best.seconds, 3),
    )
    run.full_clean()
    run.save()
    proposals = []
    for entry in entries:
        explanation = explanations[entry.pk]
        course_id = best.placements.get(entry.pk)
        chosen = next((o for o in explanation.options if o.offer_key == course_id), None)
        options: list[dict[str, Any]] = [_option_json(o) for o in explanation.options]
        options += [
            {"reason": str(reason), "count": count}
            for reason, count in explanation.ruled_out.items()
        ]
        proposals.append(
            Proposal(
                run=run,
                waiting_entry=entry,
                person_id=entry.person_id,
                course_id=course_id,
                points=best.scores.get(entry.pk),
                breakdown=chosen.breakdown.__dict__ if chosen and chosen.breakdown else {},
                options=options,
            )
        )
    # One entry for the whole set instead of one per row, as for other bulk inserts.
    Proposal.objects.bulk_create(proposals)
    audit_event(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="courses.proposal",
        object_id=run.pk,
        fields=["course", "points", "breakdown", "options"],
        purpose="seat_assignment",
    )
    return run


@service
def assignment_confirm(*, actor: User, run: AssignmentRun) -> list[Enrolment]:
    """Turns the run's proposals for the actor's persons into offers: all of them or none."""
    if run.status != AssignmentRun.Status.PROPOSED:
        raise ValidationError(_("A newer proposal has replaced this one. Confirm the newest."))
    proposals = list(
        run.proposals.filter(
            person__in=persons_visible_to(actor), course__isnull=False, confirmed_at__isnull=True
        ).select_related("person", "course", "waiting_entry")
    )
    if not proposals:
        raise ValidationError(_("There is nothing left to confirm for your persons."))
    now = timezone.now()
    enrolments = []
    for proposal in proposals:
        assert proposal.course is not None
        entry = proposal.waiting_entry
        try:
            if entry.status != WaitingEntry.Status.WAITING:
                raise ValidationError(
                    _("%(name)s is no longer waiting.") % {"name": proposal.person.latin_name}
                )
            enrolment = enrolment_offer(
                actor=actor, person=proposal.person, course=proposal.course, waiting_entry=entry
            )
        except ValidationError as error:
            raise ValidationError(
                _(
                    "Things have changed since the proposal was computed (%(name)s, %(course)s: "
                    "%(problem)s). Compute a new proposal."
                )
                % {
                    "name": proposal.person.latin_name,
                    "course": proposal.course.title,
                    "problem": " ".join(error.messages),
                }
            ) from error
        proposal.enrolment = enrolment
        proposal.confirmed_by = actor
        proposal.confirmed_at = now
        proposal.save(update_fields=["enrolment", "confirmed_by", "confirmed_at"])
        enrolments.append(enrolment)
    audit_event(
        actor=actor,
        action=AuditEntry.Action.CONFIRM,
        object_type="courses.assignmentrun",
        object_id=run.pk,
        fields=["enrolment"],
        purpose="seat_assignment_confirmed",
    )
    return enrolments
