"""Deciding possible duplicates: "different people" (remembered for good), "same person"
(a merge that moves every linked record to the surviving person) and undoing a merge.

What a merge does, step by step, is written to :class:`PersonMerge.steps` so that undo can
replay it backwards:

* ``update``: the surviving person's fields before and after (the chosen values);
* ``move``: records re-pointed from one person (or case) to another, by id;
* ``create``: spellings added to the survivor (the merged person's names, and the
  survivor's own names where another value was chosen), so no spelling is lost; and
  "different people" decisions about the merged person, carried over to the survivor;
* ``delete``: records removed, serialised in full (the merged person; a household link
  between the two or one the survivor already has; the lower of two levels of the same
  language; the closed case folded into the remaining one and its initial orientation),
  restored by undo with their ids.

Cases: a person has at most one case. If only one of the two has a case, it goes with the
surviving person. If both have one, at most one of them may be open: two teams working
the same person must first hand over (close one case, reason "handed over to another
service"), so that a merge never takes a team's active work away silently. The open case
(or, if both are closed, the survivor's) remains; the other's status history, notes and
next steps (and every other record pointing at it) move into it; its initial orientation
moves too if the remaining case has none, and otherwise is kept in the merge record
(restored by undo), because a case has one initial orientation.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, cast

from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.models import User
from wegweiser.cases.models import Case, Orientation
from wegweiser.core.audit import audit_event, service
from wegweiser.core.models import AuditEntry

from .models import (
    DuplicatePair,
    HouseholdLink,
    LanguageLevel,
    NameKey,
    NameSpelling,
    Person,
    PersonLanguage,
    PersonMerge,
)
from .name_keys import refresh_name_keys


@dataclass(frozen=True)
class MergeField:
    """A field (or a group of fields that belong together) whose surviving value is chosen."""

    name: str
    label: Any  # a lazy translation
    attnames: tuple[str, ...]


MERGE_FIELDS: tuple[MergeField, ...] = (
    MergeField("given_names_latin", gettext_lazy("given names (Latin)"), ("given_names_latin",)),
    MergeField("family_name_latin", gettext_lazy("family name (Latin)"), ("family_name_latin",)),
    MergeField(
        "original_name",
        gettext_lazy("name in the original script"),
        ("given_names_original", "family_name_original", "original_script"),
    ),
    MergeField(
        "date_of_birth",
        gettext_lazy("date of birth"),
        ("date_of_birth", "dob_precision", "dob_placeholder"),
    ),
    MergeField("sex", gettext_lazy("sex"), ("sex",)),
    MergeField("place_of_birth", gettext_lazy("place of birth"), ("place_of_birth",)),
    MergeField("country_of_birth", gettext_lazy("country of birth"), ("country_of_birth",)),
    MergeField("nationality", gettext_lazy("nationality"), ("nationality_status", "nationalities")),
    MergeField("phone", gettext_lazy("phone"), ("phone",)),
    MergeField("email", gettext_lazy("e-mail"), ("email",)),
    MergeField("address", gettext_lazy("address"), ("street", "postal_code", "municipality_id")),
    MergeField(
        "letter_language", gettext_lazy("preferred language for letters"), ("letter_language",)
    ),
)
FIELDS_BY_NAME = {f.name: f for f in MERGE_FIELDS}

LEVEL_ORDER = {level: i for i, level in enumerate(LanguageLevel.values)}

# Records that are not moved by the generic step: handled one by one, derived, or the
# review machinery itself.
_SPECIAL = {HouseholdLink, PersonLanguage, NameKey, DuplicatePair, PersonMerge}


def _value(person: Person, attname: str) -> Any:
    value = getattr(person, attname)
    if attname == "nationalities":
        return sorted(str(getattr(c, "code", c)) for c in value)
    if attname == "country_of_birth":
        return str(getattr(value, "code", value) or "")
    return value


def field_value(person: Person, field: MergeField) -> tuple[Any, ...]:
    return tuple(_value(person, attname) for attname in field.attnames)


def differing_fields(a: Person, b: Person) -> list[MergeField]:
    return [f for f in MERGE_FIELDS if field_value(a, f) != field_value(b, f)]


def _jsonable(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def fingerprint(*persons: Person) -> str:
    """A short digest of what the reviewer saw: every chosen field and the linked records
    of both persons. A merge posted against another state is refused."""
    payload = []
    for person in persons:
        payload.append([person.pk, *[_jsonable(field_value(person, f)) for f in MERGE_FIELDS]])
        for model, field_name in _person_relations():
            ids = model._default_manager.filter(**{field_name: person.pk}).values_list(
                "pk", flat=True
            )
            payload.append([model._meta.label_lower, field_name, sorted(ids)])
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _person_relations() -> list[tuple[type[models.Model], str]]:
    """Every foreign key to Person in the project (including those without a reverse
    accessor), as (model, field attname)."""
    relations = []
    for relation in Person._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or not relation.is_relation:
            continue
        model = relation.related_model
        if model is None or model in _SPECIAL or isinstance(model, str):
            continue
        relations.append((model, cast(Any, relation).field.attname))
    return sorted(relations, key=lambda r: (r[0]._meta.label_lower, r[1]))


def _case_relations() -> list[tuple[type[models.Model], str]]:
    relations = []
    for relation in Case._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or not relation.is_relation:
            continue
        model = relation.related_model
        if model is None or model is Orientation or isinstance(model, str):
            continue
        relations.append((model, cast(Any, relation).field.attname))
    return sorted(relations, key=lambda r: (r[0]._meta.label_lower, r[1]))


# --- "different people" ------------------------------------------------------------------


@service
def duplicate_mark_different(*, actor: User, pair: DuplicatePair) -> DuplicatePair:
    """Remember for good that the two records are different people."""
    if pair.status != DuplicatePair.Status.OPEN:
        raise ValidationError(_("This pair has already been decided."))
    pair.status = DuplicatePair.Status.DIFFERENT
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.full_clean()
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    audit_event(
        actor=actor,
        action=AuditEntry.Action.CONFIRM,
        object_type=DuplicatePair._meta.label_lower,
        object_id=pair.pk,
        person_id=pair.person_low_id,
        object_ids=list(pair.person_ids),
        purpose="duplicate_different",
    )
    return pair


# --- merge -------------------------------------------------------------------------------


class _Steps:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def move(self, objects: list[models.Model], attname: str, to_id: int, from_id: int) -> None:
        """Re-point ``objects`` (only that foreign key changes, so only it is saved)."""
        moved = []
        for obj in objects:
            setattr(obj, attname, to_id)
            try:
                with transaction.atomic():
                    obj.save(update_fields=[attname])
            except IntegrityError as error:
                raise ValidationError(
                    _(
                        "Both records have a %(record)s that cannot be combined. Resolve it "
                        "on one of the two records first, then merge."
                    )
                    % {"record": obj._meta.verbose_name}
                ) from error
            moved.append(obj.pk)
        if moved:
            self.items.append(
                {
                    "op": "move",
                    "model": objects[0]._meta.label_lower,
                    "field": attname,
                    "from": from_id,
                    "to": to_id,
                    "ids": moved,
                }
            )

    def delete(self, obj: models.Model) -> None:
        data = serializers.serialize("json", [obj])
        self.items.append({"op": "delete", "model": obj._meta.label_lower, "data": data})
        obj.delete()

    def create(self, obj: models.Model) -> None:
        obj.full_clean()
        obj.save()
        self.items.append({"op": "create", "model": obj._meta.label_lower, "ids": [obj.pk]})


def _check_cases(survivor: Person, other: Person) -> None:
    survivor_case = getattr(survivor, "case", None)
    other_case = getattr(other, "case", None)
    if survivor_case is None or other_case is None:
        return
    closed = "closed"
    if survivor_case.status != closed and other_case.status != closed:
        raise ValidationError(
            _(
                "Both persons have an open case (teams %(a)s and %(b)s). One team must "
                "close its case first (reason: handed over to another service), so that "
                "one team keeps the file. Then merge."
            )
            % {"a": survivor_case.team, "b": other_case.team}
        )


def _check_values(survivor: Person, other: Person, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name, value in values.items():
        field = FIELDS_BY_NAME.get(name)
        if field is None:
            errors[name] = _("This is not a field that can be chosen.")
            continue
        options = (field_value(survivor, field), field_value(other, field))
        if tuple(value) not in options:
            errors[name] = _("Choose the value of one of the two records.")
    if errors:
        raise ValidationError(errors)


def _names_of(person: Person) -> list[tuple[str, str]]:
    names = [(person.given_names_latin, person.family_name_latin)]
    if person.given_names_original or person.family_name_original:
        names.append((person.given_names_original, person.family_name_original))
    return names


def _move_household(steps: _Steps, survivor: Person, other: Person) -> None:
    for link in HouseholdLink.objects.filter(person=other):
        if (
            link.relative_id == survivor.pk
            or HouseholdLink.objects.filter(person=survivor, relative_id=link.relative_id).exists()
        ):
            steps.delete(link)
        else:
            steps.move([link], "person_id", survivor.pk, other.pk)
    for link in HouseholdLink.objects.filter(relative=other):
        if (
            link.person_id == survivor.pk
            or HouseholdLink.objects.filter(person_id=link.person_id, relative=survivor).exists()
        ):
            steps.delete(link)
        else:
            steps.move([link], "relative_id", survivor.pk, other.pk)


def _move_languages(steps: _Steps, survivor: Person, other: Person) -> None:
    for entry in PersonLanguage.objects.filter(person=other):
        mine = PersonLanguage.objects.filter(person=survivor, language=entry.language).first()
        if mine is None:
            steps.move([entry], "person_id", survivor.pk, other.pk)
        elif LEVEL_ORDER.get(entry.level, -1) > LEVEL_ORDER.get(mine.level, -1):
            steps.delete(mine)
            steps.move([entry], "person_id", survivor.pk, other.pk)
        else:
            steps.delete(entry)


def _fold_case(steps: _Steps, survivor: Person, other: Person) -> None:
    """One case remains (see the module docstring)."""
    survivor_case = Case.objects.filter(person=survivor).first()
    other_case = Case.objects.filter(person=other).first()
    if other_case is None:
        return
    if survivor_case is None:
        steps.move([other_case], "person_id", survivor.pk, other.pk)
        return
    if survivor_case.status == Case.Status.CLOSED and other_case.status != Case.Status.CLOSED:
        remaining, folded = other_case, survivor_case
    else:
        remaining, folded = survivor_case, other_case
    for model, attname in _case_relations():
        objects = list(model._default_manager.filter(**{attname: folded.pk}).order_by("pk"))
        steps.move(objects, attname, remaining.pk, folded.pk)
    folded_orientation = Orientation.objects.filter(case=folded).first()
    if folded_orientation is not None:
        if Orientation.objects.filter(case=remaining).exists():
            steps.delete(folded_orientation)
        else:
            steps.move([folded_orientation], "case_id", remaining.pk, folded.pk)
    steps.delete(folded)
    if remaining.person_id != survivor.pk:
        steps.move([remaining], "person_id", survivor.pk, other.pk)


def _inherit_different(steps: _Steps, survivor: Person, other: Person, actor: User) -> None:
    """Whoever was decided to be a different person from the merged record is a different
    person from the survivor too: the decision carries over, so the job never proposes it."""
    decided = DuplicatePair.objects.filter(
        Q(person_low=other) | Q(person_high=other), status=DuplicatePair.Status.DIFFERENT
    )
    for pair in decided:
        third = pair.person_high_id if pair.person_low_id == other.pk else pair.person_low_id
        if third == survivor.pk:
            continue
        low, high = sorted((survivor.pk, third))
        if DuplicatePair.objects.filter(person_low_id=low, person_high_id=high).exists():
            continue
        steps.create(
            DuplicatePair(
                organisation_id=pair.organisation_id,
                person_low_id=low,
                person_high_id=high,
                probability=pair.probability,
                match_weight=pair.match_weight,
                field_weights={},
                status=DuplicatePair.Status.DIFFERENT,
                decided_by=actor,
                decided_at=timezone.now(),
            )
        )


def _lock_pair(
    pair: DuplicatePair, survivor: Person, seen: str
) -> tuple[DuplicatePair, Person, Person]:
    """The open pair and both persons, locked, as the reviewer saw them."""
    pair = DuplicatePair.objects.select_for_update().get(pk=pair.pk)
    if pair.status != DuplicatePair.Status.OPEN:
        raise ValidationError(_("This pair has already been decided."))
    if survivor.pk not in pair.person_ids:
        raise ValidationError(_("The surviving record must be one of the two."))
    other_id = pair.person_high_id if survivor.pk == pair.person_low_id else pair.person_low_id
    persons = {
        p.pk: p
        for p in Person.objects.select_for_update().filter(
            pk__in=pair.person_ids, organisation=pair.organisation
        )
    }
    if len(persons) != 2:
        raise ValidationError(_("One of the two records no longer exists."))
    survivor, other = persons[survivor.pk], persons[other_id]
    low, high = persons[pair.person_low_id], persons[pair.person_high_id]
    if fingerprint(low, high) != seen:
        raise ValidationError(
            _("One of the two records was changed since you opened this page. Review again.")
        )
    return pair, survivor, other


def _apply_values(steps: _Steps, survivor: Person, values: dict[str, Any]) -> None:
    """The chosen values on the survivor, recorded as an update step that can be undone."""
    before = {a: _jsonable(_value(survivor, a)) for f in MERGE_FIELDS for a in f.attnames}
    for name, value in values.items():
        for attname, item in zip(FIELDS_BY_NAME[name].attnames, value, strict=True):
            setattr(survivor, attname, item)
    survivor.full_clean()
    survivor.save()
    after = {a: _jsonable(_value(survivor, a)) for f in MERGE_FIELDS for a in f.attnames}
    steps.items.append({"op": "update", "id": survivor.pk, "before": before, "after": after})


def _keep_spellings(steps: _Steps, survivor: Person, names: list[tuple[str, str]]) -> None:
    """Names the survivor does not yet know stay findable as spellings."""
    known = {(s.given_names, s.family_name) for s in survivor.spellings.all()}
    known |= set(_names_of(survivor))
    for given, family in names:
        if (given, family) in known or not family:
            continue
        known.add((given, family))
        steps.create(
            NameSpelling(
                person=survivor,
                given_names=given,
                family_name=family,
                source=NameSpelling.Source.OTHER_AUTHORITY,
            )
        )


@service
def person_merge(
    *,
    actor: User,
    pair: DuplicatePair,
    survivor: Person,
    values: dict[str, Any],
    seen: str,
) -> PersonMerge:
    """Merge the pair's other person into ``survivor``.

    ``values`` holds, for fields where the two records differ, the surviving value (a
    tuple as :func:`field_value` gives it; it must be one of the two records' values).
    ``seen`` is the :func:`fingerprint` of both persons as the reviewer saw them.
    """
    pair, survivor, other = _lock_pair(pair, survivor, seen)
    other_id = other.pk
    _check_cases(survivor, other)
    _check_values(survivor, other, values)

    steps = _Steps()
    kept_names = _names_of(survivor)
    _apply_values(steps, survivor, values)

    _fold_case(steps, survivor, other)
    _move_household(steps, survivor, other)
    _move_languages(steps, survivor, other)
    for model, attname in _person_relations():
        if model._meta.label_lower == "cases.case":
            continue
        objects = list(model._default_manager.filter(**{attname: other.pk}).order_by("pk"))
        steps.move(objects, attname, survivor.pk, other.pk)

    _keep_spellings(steps, survivor, [*_names_of(other), *kept_names])
    _inherit_different(steps, survivor, other, actor)
    other.refresh_from_db()
    steps.delete(other)
    refresh_name_keys(survivor)

    pair.status = DuplicatePair.Status.SAME
    pair.decided_by = actor
    pair.decided_at = timezone.now()
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    merge = PersonMerge(
        organisation=pair.organisation,
        pair=pair,
        survivor=survivor,
        merged_person_id=other_id,
        steps=steps.items,
        merged_by=actor,
    )
    merge.full_clean()
    merge.save()
    audit_event(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type=Person._meta.label_lower,
        object_id=survivor.pk,
        person_id=survivor.pk,
        object_ids=[survivor.pk, other_id],
        fields=sorted(values),
        purpose="person_merge",
    )
    return merge


# --- undo --------------------------------------------------------------------------------


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    return apps.get_model(label)


def _restore(instance: models.Model) -> None:
    """Insert a removed record again with its id and its original timestamps."""
    stamps = {
        f.attname: getattr(instance, f.attname)
        for f in instance._meta.concrete_fields
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False)
    }
    instance.full_clean(validate_unique=False, validate_constraints=False)
    instance.save(force_insert=True)
    if stamps:  # auto_now_add set them to now; the record keeps its own history
        type(instance)._default_manager.filter(pk=instance.pk).update(**stamps)


@service
def person_merge_undo(*, actor: User, merge: PersonMerge) -> Person:
    """Restore the merged person and put every moved record back; returns that person.

    Fields of the survivor that were changed after the merge keep their newer value;
    records added after the merge stay with the survivor."""
    merge = PersonMerge.objects.select_for_update().get(pk=merge.pk)
    if merge.is_undone:
        raise ValidationError(_("This merge has already been undone."))
    survivor = Person.objects.filter(pk=merge.survivor_id).first()
    if survivor is None:
        raise ValidationError(_("The surviving record no longer exists; nothing to undo."))
    if Person.objects.filter(pk=merge.merged_person_id).exists():
        raise ValidationError(_("The merged record exists again; nothing to undo."))
    for step in reversed(merge.steps):
        op = step["op"]
        if op == "create":
            for obj in _model(step["model"])._default_manager.filter(pk__in=step["ids"]):
                obj.delete()
        elif op == "delete":
            for restored in serializers.deserialize("json", step["data"]):
                _restore(restored.object)
        elif op == "move":
            model = _model(step["model"])
            objects = model._default_manager.filter(
                pk__in=step["ids"], **{step["field"]: step["to"]}
            )
            for obj in objects:
                setattr(obj, step["field"], step["from"])
                obj.save(update_fields=[step["field"]])
        elif op == "update":
            survivor.refresh_from_db()
            changed = []
            for attname, old in step["before"].items():
                if _jsonable(_value(survivor, attname)) == step["after"][attname] and (
                    step["after"][attname] != old
                ):
                    field = cast(Any, Person._meta.get_field(attname.removesuffix("_id")))
                    setattr(survivor, attname, field.to_python(old))
                    changed.append(attname)
            if changed:
                survivor.full_clean()
                survivor.save()
    merged = Person.objects.get(pk=merge.merged_person_id)
    refresh_name_keys(survivor)
    refresh_name_keys(merged)
    merge.undone_by = actor
    merge.undone_at = timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    pair = merge.pair
    pair.status = DuplicatePair.Status.OPEN
    pair.decided_by = None
    pair.decided_at = None
    pair.save(update_fields=["status", "decided_by", "decided_at"])
    audit_event(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        object_type=Person._meta.label_lower,
        object_id=merged.pk,
        person_id=merged.pk,
        object_ids=[survivor.pk, merged.pk],
        purpose="person_merge_undo",
    )
    return merged
