"""Words for the audit log's codes in the reader's language: roles, record types (the models'
names), actions and purposes. The log itself keeps the codes; only the pages and exports
translate them, and a code without a label is shown as it is."""

from __future__ import annotations

import re

from django.apps import apps
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wegweiser.accounts.models import User

from .models import AuditEntry

# Record types that are not a model: what an event was about.
OTHER_TYPES: dict[str, Promise] = {
    "reporting.supply_demand": gettext_lazy("supply and demand report"),
    "reporting.dashboard": gettext_lazy("key figures"),
    "reporting.topic": gettext_lazy("figures of a topic"),
    "courses.unmet_demand": gettext_lazy("unmet course demand report"),
    "courses.proposal": gettext_lazy("seat assignment proposal"),
    "core.auditentry": gettext_lazy("audit log"),
    "demo.accounts": gettext_lazy("demo accounts"),
    "demo.generation": gettext_lazy("demo data"),
    "demo.jobs": gettext_lazy("demo labour-market data"),
}

PURPOSES: dict[str, Promise] = {
    "api_case": gettext_lazy("case read through the API"),
    "api_person": gettext_lazy("person read through the API"),
    "attendance": gettext_lazy("attendance recorded"),
    "audit_export": gettext_lazy("audit log exported"),
    "case_edit": gettext_lazy("case edited"),
    "case_status": gettext_lazy("case status changed"),
    "case_view": gettext_lazy("case opened"),
    "consent_withdraw": gettext_lazy("consent withdrawn"),
    "course_participants": gettext_lazy("course participants"),
    "duplicate_detection": gettext_lazy("duplicate detection"),
    "duplicate_different": gettext_lazy("duplicates marked as different persons"),
    "duplicate_queue": gettext_lazy("duplicate queue"),
    "duplicate_review": gettext_lazy("duplicate review"),
    "employer_proposals": gettext_lazy("proposals to the employer"),
    "enrolment_status": gettext_lazy("enrolment status"),
    "exam_result": gettext_lazy("exam result"),
    "experience_add": gettext_lazy("work experience added"),
    "experience_remove": gettext_lazy("work experience removed"),
    "follow_up": gettext_lazy("follow-up after placement"),
    "follow_ups_due": gettext_lazy("follow-ups due"),
    "identity_search": gettext_lazy("search for a person in the whole centre"),
    "job_proposal": gettext_lazy("job proposal"),
    "job_proposal_prepare": gettext_lazy("job proposal prepared"),
    "list_reconciliation": gettext_lazy("partner list reconciled"),
    "my_cases": gettext_lazy("my cases (dashboard)"),
    "new_person_despite_candidates": gettext_lazy("new person despite similar persons"),
    "note_create": gettext_lazy("consultation note"),
    "orientation_edit": gettext_lazy("initial orientation edited"),
    "person_consents": gettext_lazy("consents"),
    "person_courses": gettext_lazy("person's courses"),
    "person_edit": gettext_lazy("personal data edited"),
    "person_household": gettext_lazy("household"),
    "person_jobs": gettext_lazy("person's work and matching"),
    "person_languages": gettext_lazy("languages"),
    "person_merge": gettext_lazy("persons merged"),
    "person_merge_undo": gettext_lazy("merge undone"),
    "person_recognition": gettext_lazy("person's recognition"),
    "person_residence": gettext_lazy("residence status"),
    "person_search": gettext_lazy("person search"),
    "person_spellings": gettext_lazy("name spellings"),
    "person_view": gettext_lazy("person page opened"),
    "placement": gettext_lazy("placement"),
    "placement_create": gettext_lazy("placement recorded"),
    "proposals": gettext_lazy("running proposals"),
    "qualification_view": gettext_lazy("qualification"),
    "recognition_overdue": gettext_lazy("overdue recognition decisions"),
    "recognition_procedure_view": gettext_lazy("recognition procedure"),
    "reference_data_load": gettext_lazy("reference data loaded"),
    "seat_assignment": gettext_lazy("seat assignment"),
    "seat_assignment_confirmed": gettext_lazy("seat assignment confirmed"),
    "report_dashboard": gettext_lazy("key figures read"),
    "report_topic": gettext_lazy("figures of a topic read"),
    "step_done": gettext_lazy("next step done"),
    "subject_access": gettext_lazy("subject access report"),
    "subject_access_json": gettext_lazy("subject access report (JSON)"),
    "subject_access_pdf": gettext_lazy("subject access report (PDF)"),
    "supply_demand_export": gettext_lazy("supply and demand exported"),
    "tampered": gettext_lazy("tampering detected"),
    "unmet_demand_export": gettext_lazy("unmet course demand exported"),
    "vacancy_matching": gettext_lazy("candidates for a vacancy"),
    "vacancy_proposals": gettext_lazy("proposals for a vacancy"),
    "waiting_entry": gettext_lazy("waiting list entry"),
    "waiting_list": gettext_lazy("waiting list"),
}

# Purposes written with numbers in them (which provider, which consent).
SHARED_WITH = re.compile(r"^(referral to|profile shared with employer) (\d+): consent (\d+) ")


def role_label(code: str) -> str:
    return str(dict(User.Role.choices).get(code, code))


def action_label(code: str) -> str:
    return str(dict(AuditEntry.Action.choices).get(code, code))


def object_type_label(code: str) -> str:
    """The model's name in the reader's language ("cases.case" → "Fall")."""
    if code in OTHER_TYPES:
        return str(OTHER_TYPES[code])
    app_label, _dot, model_name = code.partition(".")
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        return code
    return str(capfirst(model._meta.verbose_name))


def purpose_label(code: str) -> str:
    if code in PURPOSES:
        return str(PURPOSES[code])
    shared = SHARED_WITH.match(code)
    if shared:
        kind, recipient, consent = shared.groups()
        if kind == "referral to":
            return _("referral to course provider %(recipient)s, consent %(consent)s") % {
                "recipient": recipient,
                "consent": consent,
            }
        return _("profile shared with employer %(recipient)s, consent %(consent)s") % {
            "recipient": recipient,
            "consent": consent,
        }
    return code


def entry_row(entry: AuditEntry) -> dict[str, object]:
    """One audit entry with its codes in words, for the page and the exports."""
    if entry.fields:
        shown = ", ".join(entry.fields)
    elif entry.object_ids:
        shown = f"{len(entry.object_ids)}: " + ", ".join(str(i) for i in entry.object_ids)
    else:
        shown = ""
    return {
        "at": entry.at,
        "user": entry.actor_username,
        "role": role_label(entry.actor_role),
        "action": action_label(entry.action),
        "record_type": object_type_label(entry.object_type),
        "record_id": entry.object_id,
        "person": entry.person_id or "",
        "shown": shown,
        "purpose": purpose_label(entry.purpose),
        "client_address": entry.client_address or "",
    }
