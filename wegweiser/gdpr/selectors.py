"""The subject access report (Art. 15 and 20 GDPR): everything Wegweiser holds about a person.

What is in it
    Every record that hangs off the person, found by walking reverse relations: each audited
    model with a foreign key to the person, then to those records (the case, an enrolment, a
    proposal, a placement ...), as far as they go. A record type added later appears without a
    change here; `SECTION_ORDER` only sorts the known ones into a readable order. Each field
    shows its translated name (verbose_name) and a display value: the label of a choice, the
    name of a country, organisation or municipality; dates stay dates (ISO 8601 in the JSON).
    Then the recipients of shared data (consents, proposals to employers, course providers)
    and a summary of who read the file.

Special categories
    Fields classified "special" (health limitations, the reason an enrolment was interrupted,
    what a merge of two files did) are included only when the user producing the report
    may see them (`may_see_health_data`: the assigned caseworker and the team's leads). For
    anyone else the section names the field as withheld for this user, whether or not it holds
    anything, so the report does not tell a colleague that there is a health note.

Other persons
    A household member is named, as the person's own file records them. Any other reference to
    another person's record (a possible duplicate, a merge that was undone) reads "another
    person's record". Household links in which someone else names this person belong to that
    person's file and are left out. The summary of reads counts only entries that name this
    person.

Staff
    Staff appear by role and organisation, never by name: in the records (recorded by, owner,
    caseworker), in the summary of reads and as the producer of the report. The page, the JSON
    and the PDF are one report, written to be handed to the person; who exactly read a file is
    in the audit log, which auditors see.

Not shown
    The name keys (an index rebuilt from the names shown), and the content of what a merge keeps
    for undo: it is summarised as counts of records moved, added and removed, because after an
    undo those copies may hold the other person's data.

The summary of reads counts audit entries with this person's id (reads, changes, exports) per
month, organisation, role and action. Appearances in lists and search results are logged by
the ids shown, not per person, and are not counted.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries.fields import CountryField

from wegweiser.accounts.models import Organisation, User
from wegweiser.cases.models import Case
from wegweiser.cases.selectors import may_see_health_data
from wegweiser.core.audit import SYSTEM, AuditedModel, audit_event, audit_list, flush_reads
from wegweiser.core.i18n import join_list, language_name
from wegweiser.core.models import AuditEntry
from wegweiser.courses.models import Enrolment
from wegweiser.jobs.models import JobProposal
from wegweiser.people.models import Consent, Person
from wegweiser.people.selectors import person_find_visible, person_get_for_user

from . import exports
from .models import Erasure
from .retention import RetentionPlan, retention_plan
from .subject import Export, Field, ReadCount, Record, Section, SubjectAccess

# Known record types in the order a reader expects them; others follow, sorted by name.
SECTION_ORDER = (
    "people.person",
    "people.namespelling",
    "people.personlanguage",
    "people.householdlink",
    "people.residencestatus",
    "people.consent",
    "cases.case",
    "cases.casestatuschange",
    "cases.orientation",
    "cases.note",
    "cases.nextstep",
    "cases.plan",
    "cases.plangoal",
    "cases.planstep",
    "cases.planreview",
    "cases.goaloutcome",
    "courses.entitlement",
    "courses.waitingentry",
    "courses.enrolment",
    "courses.attendancerecord",
    "courses.examresult",
    "courses.levelrecord",
    "courses.proposal",
    "recognition.qualification",
    "recognition.recognitionprocedure",
    "jobs.experience",
    "jobs.jobproposal",
    "jobs.proposalstep",
    "jobs.placement",
    "jobs.followup",
    "people.duplicatepair",
    "people.personmerge",
)
# Relations not followed: another person's household link that names this person.
NOT_FOLLOWED = {"people.householdlink.relative"}
# A reference to another person that shows their name (the person's own household).
NAMED_PERSONS = {"people.householdlink.relative"}
# Record fields left out: the pair behind a merge (two record numbers, one another person's).
OMITTED = {"people.personmerge.pair"}
# Records whose own name shows record numbers of other persons: titled by type and number.
NUMBERED = {"people.duplicatepair", "people.personmerge", "courses.proposal"}
# Person ids that are not foreign keys: the record merged into another.
EXTRA_PERSON_FIELDS = {"people.personmerge": ("merged_person_id",)}
SPECIAL = "special"
INTERNAL = "internal"


# --- the records ---------------------------------------------------------------------------


def _label(model: type[models.Model] | models.Model) -> str:
    return model._meta.label_lower


def _child_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    """Reverse one-to-many and one-to-one relations from audited models (person data)."""
    relations = []
    for relation in model._meta.get_fields(include_hidden=True):
        if not isinstance(relation, models.ForeignObjectRel) or relation.many_to_many:
            continue
        child = relation.related_model
        if not (isinstance(child, type) and issubclass(child, AuditedModel)):
            continue
        if f"{_label(child)}.{relation.field.name}" in NOT_FOLLOWED:
            continue
        relations.append(relation)
    return relations


def _section_rank(model: type[models.Model]) -> tuple[int, str]:
    label = _label(model)
    return (SECTION_ORDER.index(label) if label in SECTION_ORDER else len(SECTION_ORDER), label)


@functools.cache
def person_record_types() -> tuple[type[models.Model], ...]:
    """Every record type that can hang off a person, in reading order."""
    found: list[type[models.Model]] = [Person]
    queue: list[type[models.Model]] = [Person]
    while queue:
        for relation in _child_relations(queue.pop(0)):
            child = relation.related_model
            if isinstance(child, type) and child not in found:
                found.append(child)
                queue.append(child)
    return tuple(sorted(found, key=_section_rank))


def _person_ids(record: models.Model) -> set[int]:
    """The persons a record is about: its person keys, else the one it is audited under."""
    ids = {
        getattr(record, f.attname)
        for f in record._meta.concrete_fields
        if f.is_relation and f.related_model is Person
    }
    ids |= {getattr(record, name) for name in EXTRA_PERSON_FIELDS.get(_label(record), ())}
    if not ids and isinstance(record, AuditedModel):
        ids = {record.audit_person_id()}
    return {i for i in ids if i is not None}


def _person_records(person: Person) -> dict[type[models.Model], list[models.Model]]:
    """The person and every record about them, by type (one query per relation and level)."""
    found: dict[type[models.Model], list[models.Model]] = {Person: [person]}
    seen: set[tuple[type[models.Model], Any]] = {(Person, person.pk)}
    frontier: dict[type[models.Model], list[models.Model]] = {Person: [person]}
    while frontier:
        following: dict[type[models.Model], list[models.Model]] = {}
        for model, parents in frontier.items():
            for relation in _child_relations(model):
                child = relation.related_model
                assert isinstance(child, type)
                name = relation.field.name
                records = child._base_manager.filter(
                    **{f"{name}__in": [p.pk for p in parents]}
                ).select_related(name)
                for record in records:
                    if (child, record.pk) in seen or person.pk not in _person_ids(record):
                        continue
                    seen.add((child, record.pk))
                    found.setdefault(child, []).append(record)
                    following.setdefault(child, []).append(record)
        frontier = following
    return found


class _Values:
    """Display values of one report: foreign keys resolved once, staff by role only."""

    def __init__(self, person: Person) -> None:
        self.person = person
        self.case_id = Case.objects.filter(person=person).values_list("pk", flat=True).first()
        self._related: dict[tuple[type[models.Model], Any], str] = {}

    def related(self, record: models.Model, f: models.Field[Any, Any]) -> str | None:
        target_id = getattr(record, f.attname)
        target = f.related_model
        if target_id is None or not isinstance(target, type):
            return None
        if (target is Person and target_id == self.person.pk) or (
            target is Case and target_id == self.case_id
        ):
            return None  # the person and their case: the report is about them
        if target is Person and f"{_label(record)}.{f.name}" not in NAMED_PERSONS:
            return _("another person's record")
        key = (target, target_id)
        if key not in self._related:
            obj = getattr(record, f.name)
            if isinstance(obj, User):
                self._related[key] = staff_label(obj)
            elif isinstance(obj, Person):
                self._related[key] = obj.display_name
            else:
                self._related[key] = str(obj)
        return self._related[key]


def staff_label(user: User | None) -> str:
    """A staff member as the person may see them: role and organisation, not the name."""
    if user is None:
        return _("the system")
    role = str(user.get_role_display())
    if user.organisation_id is None:
        return role
    return _("%(role)s, %(organisation)s") % {"role": role, "organisation": user.organisation}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, Decimal | float | int):
        return str(formats.localize(value))
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return join_list(value)
    if isinstance(value, list | dict):
        return _structured_text(value)
    return str(value)


# Keys of the structured (JSON) values a person may read in the report, e.g. the courses the
# seat assignment considered: [{"course": 3, "distance_km": 19.8, "needed": 164.8, ...}].
STRUCTURED_KEYS = {
    "course": gettext_lazy("course"),
    "points": gettext_lazy("points"),
    "needed": gettext_lazy("points needed for a seat"),
    "distance_km": gettext_lazy("distance in km"),
    "placement": gettext_lazy("seat"),
    "level": gettext_lazy("German level"),
    "distance": gettext_lazy("distance"),
    "schedule": gettext_lazy("times and childcare"),
    "waiting": gettext_lazy("waiting time"),
    "obligation": gettext_lazy("obligation to attend"),
    "childcare_arranged": gettext_lazy("childcare arranged"),
    "reason": gettext_lazy("reason"),
    "count": gettext_lazy("number"),
}


def _structured_value(key: str, value: Any) -> str:
    if key == "course" and isinstance(value, int):
        from wegweiser.courses.models import Course

        course = Course.objects.filter(pk=value).first()
        return str(course) if course else str(value)
    if isinstance(value, str):
        when = parse_datetime(value)
        if when is not None:
            return _as_text(when if timezone.is_aware(when) else timezone.make_aware(when))
        day = parse_date(value) if len(value) == 10 else None
        if day is not None:
            return _as_text(day)
    if isinstance(value, float):
        return str(formats.localize(round(value, 1)))
    return _as_text(value)


def _structured_text(value: Any, key: str = "") -> str:
    """A JSON value as a person reads it: one line per item of a list, "label: value" pairs
    with translated labels, numbers and times as the rest of the report shows them."""
    if isinstance(value, dict):
        return "; ".join(
            f"{capfirst(str(STRUCTURED_KEYS.get(k, k.replace('_', ' '))))}: "
            f"{_structured_text(v, str(k))}"
            for k, v in value.items()
            if not _empty(v)
        )
    if isinstance(value, list):
        return "\n".join(_structured_text(v, key) for v in value)
    return _structured_value(key, value)


def _empty(value: Any) -> bool:
    return value is None or (not isinstance(value, bool | int | float | Decimal) and not value)


def _merge_steps(steps: list[dict[str, Any]]) -> list[str]:
    """What a merge did, as counts per record type (the copies it keeps are not shown)."""

    def plural(model: str, count: int) -> str:
        try:
            meta = apps.get_model(model)._meta
        except (LookupError, ValueError):
            return model
        return str(meta.verbose_name if count == 1 else meta.verbose_name_plural)

    lines = []
    for step in steps:
        op, model = step.get("op"), step.get("model", "")
        if op == "update":
            lines.append(_("personal data of the remaining record chosen"))
        elif op in ("move", "create"):
            count = len(step.get("ids", []))
            text = (
                _("moved: %(count)s %(records)s")
                if op == "move"
                else _("added: %(count)s %(records)s")
            )
            lines.append(text % {"count": count, "records": plural(model, count)})
        elif op == "delete":
            lines.append(
                _("removed and kept for undo: %(records)s") % {"records": plural(model, 1)}
            )
    return lines


# Values a field's generic display would get wrong.
DISPLAY: dict[str, Callable[[Any], Any]] = {
    "jobs.followup.problems": lambda r: r.problem_labels(),
    "courses.waitingentry.work_times": lambda r: r.work_time_labels,
    "people.person.letter_language": lambda r: language_name(r.letter_language),
    "people.personmerge.steps": lambda r: _merge_steps(r.steps),
    # A kept document: its file named by size (the file itself is given on request), and
    # whether a preview image was made of it.
    "documents.document.file": lambda r: (
        _("file of %(size)s kB") % {"size": max(1, round(r.size / 1024))}
    ),
    "documents.document.preview": lambda r: bool(r.preview.name),
}


def _field_value(record: models.Model, f: models.Field[Any, Any], values: _Values) -> Any:
    key = f"{_label(record)}.{f.name}"
    if key in DISPLAY:
        return DISPLAY[key](record)
    if f.is_relation:
        return values.related(record, f)
    raw = getattr(record, f.attname)
    if isinstance(f, CountryField):
        names = [str(c.name) for c in (raw if f.multiple else [raw]) if c]
        return names if f.multiple else (names[0] if names else None)
    if f.choices and not _empty(raw):
        return str(getattr(record, f"get_{f.name}_display")())
    if isinstance(raw, dt.datetime):
        return timezone.localtime(raw)
    if isinstance(raw, bytes | memoryview):  # a stored file (a letter's PDF): named, not shown
        return _("file of %(size)s kB") % {"size": max(1, round(len(raw) / 1024))}
    return raw


def _record(record: models.Model, values: _Values, special: bool, withheld: list[str]) -> Record:
    privacy: dict[str, str] = getattr(type(record), "PRIVACY", {})
    fields = []
    # The person's data first, then what the centre notes about the record (who, when).
    in_order = sorted(record._meta.concrete_fields, key=lambda f: privacy.get(f.name) == INTERNAL)
    for f in in_order:
        if f.primary_key or f"{_label(record)}.{f.name}" in OMITTED:
            continue
        label = capfirst(str(f.verbose_name))
        if privacy.get(f.name) == SPECIAL and not special:
            if label not in withheld:
                withheld.append(label)
            continue
        value = _field_value(record, f, values)
        if _empty(value):
            continue
        fields.append(Field(name=f.name, label=label, value=value, text=_as_text(value)))
    return Record(id=record.pk, title=_title(record), fields=fields)


def _title(record: models.Model) -> str:
    if isinstance(record, Person):
        return record.display_name
    if _label(record) in NUMBERED or type(record).__str__ is models.Model.__str__:
        return f"{capfirst(str(record._meta.verbose_name))} {record.pk}"
    return str(record)


SECTION_TITLES = {
    "people.person": lambda: _("Personal data"),
    "cases.case": lambda: _("Case"),
}


def _sections(person: Person, values: _Values, special: bool) -> list[Section]:
    found = _person_records(person)
    sections = []
    for model in person_record_types():
        withheld: list[str] = []
        records = [_record(r, values, special, withheld) for r in found.get(model, [])]
        title = SECTION_TITLES.get(_label(model))
        sections.append(
            Section(
                key=_label(model),
                title=title() if title else capfirst(str(model._meta.verbose_name_plural)),
                records=records,
                withheld=withheld,
            )
        )
    return sections


# --- recipients of shared data -------------------------------------------------------------


def _fact(name: str, label: str, value: Any) -> Field:
    return Field(name=name, label=label, value=value, text=_as_text(value))


def _field(model: type[models.Model], name: str, value: Any) -> Field:
    label = getattr(model._meta.get_field(name), "verbose_name", name)
    return _fact(name, capfirst(str(label)), value)


def _row(record: models.Model, fields: Iterable[Field]) -> Record:
    return Record(id=record.pk, title=str(record), fields=list(fields))


def _recipients(person: Person) -> list[Section]:
    """Who received the person's data: every consent or legal basis for sharing (and whether it
    is in force), every employer the profile went to, every course provider."""
    consents = Consent.objects.filter(person=person).select_related("recipient")
    proposals = JobProposal.objects.filter(person=person).select_related(
        "employer__organisation", "vacancy", "consent__recipient"
    )
    enrolments = Enrolment.objects.filter(person=person).select_related("course__provider")
    return [
        Section(
            key="recipients.consents",
            title=_("Consents and legal bases for sharing"),
            records=[
                _row(
                    c,
                    [
                        _field(Consent, "recipient", c.recipient.name),
                        _field(Consent, "purpose", str(c.get_purpose_display())),
                        _field(Consent, "scope", c.scope),
                        _field(Consent, "legal_basis", str(c.get_legal_basis_display())),
                        _field(Consent, "given_on", c.given_on),
                        _field(Consent, "withdrawn_on", c.withdrawn_on),
                        _fact("in_force", _("In force"), c.is_active),
                    ],
                )
                for c in consents
            ],
        ),
        Section(
            key="recipients.job_proposals",
            title=_("Profile shared with employers (job proposals)"),
            records=[
                _row(
                    p,
                    [
                        _field(JobProposal, "employer", p.employer.organisation.name),
                        _field(JobProposal, "vacancy", p.vacancy.title),
                        _field(JobProposal, "status", str(p.get_status_display())),
                        _field(JobProposal, "proposed_on", p.proposed_on),
                        _field(JobProposal, "updated_on", p.updated_on),
                        _field(JobProposal, "consent", str(p.consent)),
                    ],
                )
                for p in proposals
            ],
        ),
        Section(
            key="recipients.course_enrolments",
            title=_("Course providers"),
            records=[
                _row(
                    e,
                    [
                        _fact("provider", _("Course provider"), e.course.provider.name),
                        _field(Enrolment, "course", e.course.title),
                        _field(Enrolment, "status", str(e.get_status_display())),
                        _field(Enrolment, "offered_on", e.offered_on),
                        _field(Enrolment, "status_changed_on", e.status_changed_on),
                        _fact(
                            "data_shared",
                            _("Data shared with the provider"),
                            e.status in Enrolment.SHARED,
                        ),
                    ],
                )
                for e in enrolments
            ],
        ),
    ]


# --- who read the file ---------------------------------------------------------------------


def _reads(person: Person) -> list[ReadCount]:
    flush_reads()
    rows = (
        AuditEntry.objects.filter(person_id=person.pk)
        .annotate(month=TruncMonth("at"))
        .values("month", "actor_organisation_id", "actor_role", "action")
        .annotate(count=Count("id"))
        .order_by("-month", "actor_organisation_id", "actor_role", "action")
    )
    organisations = Organisation.objects.in_bulk(
        {r["actor_organisation_id"] for r in rows if r["actor_organisation_id"]}
    )
    roles = dict(User.Role.choices) | {SYSTEM: _("the system")}
    actions = dict(AuditEntry.Action.choices)
    reads = []
    for row in rows:
        month = row["month"]
        organisation = organisations.get(row["actor_organisation_id"])
        reads.append(
            ReadCount(
                month=(month.date() if isinstance(month, dt.datetime) else month).replace(day=1),
                organisation=organisation.name if organisation else "",
                role=str(roles.get(row["actor_role"], row["actor_role"])),
                action=str(actions.get(row["action"], row["action"])),
                count=row["count"],
            )
        )
    return reads


# --- the report ----------------------------------------------------------------------------


def subject_access(*, user: User, pk: int, purpose: str = "subject_access") -> SubjectAccess:
    """Everything about the person `pk` as `user` may produce it; 404 outside their scope."""
    person = person_get_for_user(user=user, pk=pk, purpose=purpose)
    case = getattr(person, "case", None)
    special = case is not None and may_see_health_data(user=user, case=case)
    values = _Values(person)
    return SubjectAccess(
        person=person,
        generated_at=timezone.localtime(),
        produced_by=staff_label(user),
        controller=str(person.organisation),
        sections=_sections(person, values, special),
        recipients=_recipients(person),
        reads=_reads(person),
        special_included=special,
    )


def subject_access_export(*, user: User, pk: int, fmt: str) -> Export:
    """The report as a file. The audit log gets the read of the file (purpose
    "subject_access_<fmt>") and, once the file is made, its export.

    404 for an unknown format or a person outside the user's scope (before anything is read);
    `exports.PdfUnavailable` when the PDF renderer cannot load its system libraries."""
    if fmt not in exports.FORMATS or person_find_visible(user=user, pk=pk) is None:
        raise Http404
    content_type, render = exports.FORMATS[fmt]
    if fmt == "pdf":
        exports.require_pdf()
    report = subject_access(user=user, pk=pk, purpose=f"subject_access_{fmt}")
    content = render(report)
    audit_event(
        actor=user,
        action=AuditEntry.Action.EXPORT,
        object_type="people.person",
        object_id=pk,
        person_id=pk,
        purpose=f"subject_access_{fmt}",
    )
    filename = f"subject-access-{pk}-{report.generated_at:%Y-%m-%d}.{fmt}"
    return Export(content=content, content_type=content_type, filename=filename)


# --- erasure and retention -----------------------------------------------------------------


def _require_team_lead(user: User) -> None:
    """Role first (403 for roles without case work), scope next (404), then the lead's right."""
    if not user.works_cases:
        raise PermissionDenied


def case_for_team_lead(*, user: User, pk: int) -> Case:
    """A case of the team lead's teams (404 outside them; 403 for a caseworker of the team)."""
    _require_team_lead(user)
    case = get_object_or_404(Case.objects.visible_to(user).select_related("person"), pk=pk)
    if not user.is_team_lead:
        raise PermissionDenied
    return case


def person_for_erasure(*, user: User, pk: int) -> Person:
    """The person whose file a team lead of their team may erase; the look is audited."""
    _require_team_lead(user)
    person = person_find_visible(user=user, pk=pk)
    if person is None:
        raise Http404
    if not user.is_team_lead:
        raise PermissionDenied
    return person_get_for_user(user=user, pk=pk, purpose="erasure")


def erasure_record_counts(person: Person) -> list[tuple[str, int]]:
    """How many records of each type the person file holds (what an erasure would touch)."""
    return [
        (str(capfirst(model._meta.verbose_name_plural)), len(records))
        for model, records in _person_records(person).items()
    ]


def erasures_visible_to(user: User) -> QuerySet[Erasure]:
    """Receipts: team leads of the case's team and the performer; auditors of the organisation."""
    if user.organisation_id is None:
        return Erasure.objects.none()
    if user.is_auditor:
        return Erasure.objects.filter(organisation_id=user.organisation_id)
    if user.is_team_lead:
        return Erasure.objects.filter(
            Q(team__in=user.teams.all()) | Q(performed_by=user),
            organisation_id=user.organisation_id,
        )
    return Erasure.objects.none()


def erasure_get_for_user(*, user: User, pk: int) -> Erasure:
    if not (user.is_team_lead or user.is_auditor):
        raise PermissionDenied
    return get_object_or_404(erasures_visible_to(user).select_related("performed_by"), pk=pk)


def erasure_counts_display(erasure: Erasure) -> list[tuple[str, int]]:
    rows = []
    for label, count in erasure.counts.items():
        try:
            name = str(capfirst(apps.get_model(label)._meta.verbose_name_plural))
        except (LookupError, ValueError):
            name = label
        rows.append((name, int(count)))
    return rows


@dataclass(frozen=True)
class DueCase:
    case: Case
    held: bool


@dataclass(frozen=True)
class RetentionPreview:
    plan: RetentionPlan
    due: list[DueCase]  # the case files the next run anonymises or would, but for the hold
    recent: list[Erasure]


def retention_preview(*, user: User) -> RetentionPreview:
    """What the next run will erase in the user's organisation (team leads: their teams)."""
    if not (user.is_team_lead or user.is_auditor):
        raise PermissionDenied
    plan = retention_plan(organisation_id=user.organisation_id)
    cases = Case.objects.filter(
        Q(person_id__in=plan.persons) | Q(pk__in=plan.held_cases)
    ).select_related("team")
    if user.is_team_lead:
        cases = cases.filter(team__in=user.teams.all())
    held = set(plan.held_cases)
    due = [DueCase(case=c, held=c.pk in held) for c in cases.order_by("closed_on", "pk")]
    audit_list(actor=user, model=Case, ids=[d.case.pk for d in due], purpose="retention_preview")
    return RetentionPreview(
        plan=plan,
        due=due,
        recent=list(erasures_visible_to(user).select_related("performed_by")[:20]),
    )
