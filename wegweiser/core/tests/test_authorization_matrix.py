"""Every URL pattern, walked as anonymous, as each role, and as another team's caseworker.

The expected status of each (URL name, actor) is data here. A URL pattern that is added
without a row in MATRIX fails `test_every_url_is_in_the_matrix`.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ACTORS = [
    "anonymous",
    "caseworker",
    "team_lead",
    "administrator",
    "auditor",
    "other_caseworker",
    "provider",  # staff of another course provider than the one whose course is walked
    "employer",  # staff of another employer than the one whose vacancy and proposal are walked
    "partner",  # staff of the partner organisation the walked referral was sent to
    "management",  # the centre's management: figures of the whole centre, no case content
]
# The partner's staff and the management are refused like the auditor everywhere (an auditor's
# 200 on the audit log and the erasure records included), except on these pages:
OUTSIDER_EXCEPTIONS: dict[tuple[str, str], int] = {
    ("core:audit", "partner"): 403,
    ("core:audit_export", "partner"): 403,
    ("gdpr:erasure_receipt", "partner"): 403,
    ("gdpr:retention", "partner"): 403,
    ("partners:inbox", "partner"): 200,  # the referrals made to their organisation
    ("partners:referral", "partner"): 200,  # one of them, with the shared fields only
    ("partners:referral_pdf", "partner"): 200,
    ("api:get_referral", "partner"): 200,
    ("core:audit", "management"): 403,
    ("core:audit_export", "management"): 403,
    ("gdpr:erasure_receipt", "management"): 403,
    ("gdpr:retention", "management"): 403,
    ("reporting:dashboard", "management"): 200,
    ("reporting:topic", "management"): 200,
    ("reporting:reports", "management"): 200,
    ("reporting:annual_pdf", "management"): 200,
    ("reporting:annual_export", "management"): 200,
    ("reporting:indicators_export", "management"): 200,
}
POST_OUTSIDER_EXCEPTIONS: dict[tuple[str, str], int] = {
    # the partner answers the referral on its page; an answer it cannot give is refused, unsaved
    ("partners:referral", "partner"): 422,
}


def expected_status(
    expected: dict[str, int], name: str, actor: str, exceptions: dict[tuple[str, str], int]
) -> int:
    """The matrix row's status for the actor; partner staff and management from the rule above."""
    if actor in ("partner", "management"):
        return exceptions.get((name, actor), expected["auditor"])
    return expected[actor]


LOGIN = 302  # anonymous users are sent to the login page
OBJECT = {  # pages about one case: the team sees them, everybody else gets 404 or 403
    "anonymous": LOGIN,
    "caseworker": 200,
    "team_lead": 200,
    "administrator": 404,
    "auditor": 403,
    "other_caseworker": 404,
    "provider": 403,
    "employer": 403,
}
POST_ONLY = {
    "anonymous": LOGIN,
    "caseworker": 405,
    "team_lead": 405,
    "administrator": 405,
    "auditor": 405,
    "other_caseworker": 405,
    "provider": 405,
    "employer": 405,
}
CASE_LISTS = {
    "anonymous": LOGIN,
    "caseworker": 200,
    "team_lead": 200,
    "administrator": 200,  # no team: the list is empty
    "auditor": 403,
    "other_caseworker": 200,
    "provider": 403,
    "employer": 403,
}
API_OBJECT = {
    "anonymous": LOGIN,
    "caseworker": 200,
    "team_lead": 200,
    "administrator": 404,
    "auditor": 404,
    "other_caseworker": 404,
    "provider": 404,
    "employer": 404,
}
EVERYONE_LOGGED_IN = {a: (LOGIN if a == "anonymous" else 200) for a in ACTORS}
ADMINISTRATORS = {  # the letter texts and the letterhead
    a: (LOGIN if a == "anonymous" else 200 if a == "administrator" else 403) for a in ACTORS
}
MANAGEMENT_ONLY = {a: (LOGIN if a == "anonymous" else 403) for a in ACTORS}
CASE_WORKERS = ["caseworker", "team_lead", "administrator", "other_caseworker"]
COURSE = {**CASE_LISTS, "provider": 404}  # every course for case work; own courses for providers
JOBS_LISTS = {**CASE_LISTS, "employer": 200}  # an employer's own vacancies and proposals
EMPLOYER_RECORD = {**CASE_LISTS, "employer": 404}  # every employer for case work; own for staff
JOBS_PERSON = OBJECT  # a person's work: case work of the team only
DIRECTORY_MAINTAINERS = {  # the partner directory: administrators and team leads
    **{a: 403 for a in ACTORS},
    "anonymous": LOGIN,
    "team_lead": 200,
    "administrator": 200,
}

# url name -> (kwargs builder key, expected status per actor for GET)
MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "core:home": (
        "",
        {
            "anonymous": LOGIN,
            "caseworker": 302,
            "team_lead": 302,
            "administrator": 302,
            "auditor": 302,
            "other_caseworker": 302,
            "provider": 302,  # to the course catalogue
            "employer": 302,  # to the proposals made to the employer
        },
    ),
    "core:audit": (
        "",
        {a: (LOGIN if a == "anonymous" else 200 if a == "auditor" else 403) for a in ACTORS},
    ),
    "core:audit_export": (
        "export",
        {a: (LOGIN if a == "anonymous" else 200 if a == "auditor" else 403) for a in ACTORS},
    ),
    "accounts:login": ("", {a: (200 if a == "anonymous" else 302) for a in ACTORS}),
    "accounts:logout": ("", {a: (LOGIN if a == "anonymous" else 405) for a in ACTORS}),
    "accounts:password_change": ("", EVERYONE_LOGGED_IN),
    "accounts:password_reset": ("", {a: 200 for a in ACTORS}),
    "accounts:password_reset_done": ("", {a: 200 for a in ACTORS}),
    "accounts:password_reset_confirm": ("reset", {a: 200 for a in ACTORS}),  # invalid link page
    "accounts:password_reset_complete": ("", {a: 200 for a in ACTORS}),
    "accounts:unlock_request": ("", {a: 405 for a in ACTORS}),
    "accounts:unlock": ("unlock", {a: 200 for a in ACTORS}),
    "accounts:mfa_setup": ("", EVERYONE_LOGGED_IN),
    "accounts:mfa_verify": ("", {a: 302 for a in ACTORS}),  # no factor yet: to the setup
    "accounts:mfa_recovery_codes": ("", POST_ONLY),
    "accounts:mfa_passkey_add": ("", POST_ONLY),
    "accounts:mfa_passkey_remove": ("passkey", POST_ONLY),
    "accounts:sessions": ("", EVERYONE_LOGGED_IN),
    "set_language": ("", {a: 302 for a in ACTORS}),
    "people:search": ("", CASE_LISTS),
    "people:find": ("", {**CASE_LISTS, "administrator": 403}),  # case work only
    "people:pick": ("", CASE_LISTS),
    "people:reconcile": ("", CASE_LISTS),
    "people:reconcile_download": (
        "",
        {  # nothing was reconciled in this session: nothing to download
            a: (
                LOGIN
                if a == "anonymous"
                else 403
                if a in ("auditor", "provider", "employer")
                else 404
            )
            for a in ACTORS
        },
    ),
    "people:detail": ("person", OBJECT),
    "people:edit": ("person", OBJECT),
    "people:section": ("section", OBJECT),
    "people:consent_withdraw": ("consent", POST_ONLY),
    "people:reference_remove": ("reference", POST_ONLY),
    "people:duplicates": ("", CASE_LISTS),
    "people:duplicates_run": ("", POST_ONLY),
    "people:duplicate": ("pair", OBJECT),
    "people:duplicate_merge": ("pair", POST_ONLY),
    "people:duplicate_different": ("pair", POST_ONLY),
    "people:merge_undo": ("merge", POST_ONLY),
    "cases:my": ("", CASE_LISTS),
    "cases:workload": (
        "",
        {a: (LOGIN if a == "anonymous" else 200 if a == "team_lead" else 403) for a in ACTORS},
    ),
    "cases:intake": ("", {**CASE_LISTS, "administrator": 403}),  # searches the register
    "cases:status": ("case", OBJECT),
    "cases:edit": ("case", OBJECT),
    "cases:orientation": ("case", OBJECT),
    "cases:note_create": ("case", OBJECT),
    "cases:step_done": ("step", POST_ONLY),
    "cases:plan": ("case", OBJECT),
    "cases:plan_versions": ("case", OBJECT),
    "cases:plan_version": ("plan", OBJECT),
    "cases:plan_edit": ("plan", OBJECT),
    "cases:plan_goal_add": ("plan", OBJECT),
    "cases:plan_step_add": ("plan", OBJECT),
    "cases:plan_step_status": ("plan_step", OBJECT),
    "cases:plan_agree": ("plan", OBJECT),
    "cases:plan_disagreement": ("plan", OBJECT),
    "cases:plan_review": ("plan", OBJECT),
    "cases:plan_revise": ("plan", POST_ONLY),
    "cases:plan_letter": ("plan", POST_ONLY),
    "courses:catalogue": ("", {**CASE_LISTS, "provider": 200}),
    "courses:create": ("", {**CASE_LISTS, "provider": 200}),
    "courses:locations": ("", {**CASE_LISTS, "provider": 200}),
    "courses:detail": ("course", COURSE),
    "courses:edit": ("course", COURSE),
    "courses:person": ("person", OBJECT),
    "courses:person_section": ("course_section", OBJECT),
    "courses:waiting_list": ("", CASE_LISTS),
    "courses:waiting_close": ("waiting", POST_ONLY),
    "courses:enrolment_status": ("enrolment", OBJECT),
    "courses:attendance": ("enrolment", {**OBJECT, "provider": 404}),
    "courses:exam": ("enrolment", {**OBJECT, "provider": 404}),
    "courses:assignment": ("", {**CASE_LISTS, **dict.fromkeys(CASE_WORKERS, 302)}),  # to the run
    "courses:run": ("run", CASE_LISTS),
    "courses:run_confirm": ("run", POST_ONLY),
    "courses:demand": ("", CASE_LISTS),
    "courses:demand_export": ("export", CASE_LISTS),
    "recognition:person": ("person", OBJECT),
    "recognition:person_section": ("recognition_section", OBJECT),
    "recognition:qualification_edit": ("qualification", OBJECT),
    "recognition:procedure": ("procedure", OBJECT),
    "recognition:procedure_edit": ("procedure", OBJECT),
    "recognition:occupation_search": ("", JOBS_LISTS),  # reference data, also for vacancies
    "jobs:employers": ("", CASE_LISTS),
    "jobs:employer": ("employer", EMPLOYER_RECORD),
    "jobs:employer_edit": ("employer", CASE_LISTS),
    "jobs:vacancies": ("", JOBS_LISTS),
    "jobs:vacancy_create": ("", JOBS_LISTS),
    "jobs:vacancy_import": ("", JOBS_LISTS),
    "jobs:vacancy": ("vacancy", EMPLOYER_RECORD),
    "jobs:vacancy_edit": ("vacancy", EMPLOYER_RECORD),
    "jobs:person": ("person", JOBS_PERSON),
    "jobs:experience_add": ("person", POST_ONLY),
    "jobs:experience_delete": ("experience", POST_ONLY),
    "jobs:propose": ("propose", JOBS_PERSON),
    "jobs:placement_create": ("person", JOBS_PERSON),
    "jobs:proposals": ("", JOBS_LISTS),
    "jobs:proposal": ("proposal", {**OBJECT, "employer": 404}),
    "jobs:placement": ("placement", JOBS_PERSON),
    "jobs:follow_up": ("follow_up", JOBS_PERSON),
    "appointments:week": ("", CASE_LISTS),
    "appointments:create": ("", CASE_LISTS),  # a group session; individual ones from a case
    "appointments:detail": ("appointment", OBJECT),
    "appointments:reschedule": ("appointment", OBJECT),
    "appointments:outcome": ("appointment", POST_ONLY),
    "appointments:send_email": ("appointment", POST_ONLY),
    "appointments:letter": ("appointment", POST_ONLY),
    "appointments:consent_add": ("person", POST_ONLY),
    "appointments:consent_withdraw": ("contact_consent", POST_ONLY),
    "appointments:interpreters": (
        "",
        {
            a: (LOGIN if a == "anonymous" else 200 if a in ("team_lead", "administrator") else 403)
            for a in ACTORS
        },
    ),
    "appointments:feed_settings": ("", CASE_LISTS),
    # the calendar program's address: no login, the secret token is the key
    "appointments:feed": ("feed", {a: 200 for a in ACTORS}),
    "letters:make": ("case", OBJECT),
    "letters:download": ("letter", OBJECT),
    "letters:texts": ("", ADMINISTRATORS),
    "letters:text_edit": ("letter_text", ADMINISTRATORS),
    "letters:text_review": ("letter_text", POST_ONLY),
    "letters:letterhead": ("", ADMINISTRATORS),
    "documents:person": ("person", OBJECT),
    "documents:download": ("document", OBJECT),
    "documents:preview": ("document", OBJECT),
    "documents:delete": ("document", POST_ONLY),
    "gdpr:subject_access": ("person", OBJECT),
    "gdpr:subject_access_download": ("gdpr_export", OBJECT),
    "gdpr:erase": ("person", {**OBJECT, "caseworker": 403}),  # team leads of the team only
    "gdpr:legal_hold": ("case", POST_ONLY),
    "gdpr:erasure_receipt": (
        "erasure",
        {**{a: 403 for a in ACTORS}, "anonymous": LOGIN, "team_lead": 200, "auditor": 200},
    ),
    "gdpr:retention": (
        "",
        {**{a: 403 for a in ACTORS}, "anonymous": LOGIN, "team_lead": 200, "auditor": 200},
    ),
    "reporting:supply_demand": ("", CASE_LISTS),
    "reporting:placements": ("", CASE_LISTS),
    "reporting:dashboard": ("", CASE_LISTS),  # figures of one's teams, of the centre for leads
    "reporting:topic": ("report_topic", CASE_LISTS),
    "reporting:supply_demand_export": ("export", CASE_LISTS),
    # the annual report and its exports: the management role only (none of the actors here)
    "reporting:reports": ("", MANAGEMENT_ONLY),
    "reporting:annual_pdf": ("annual_pdf", MANAGEMENT_ONLY),
    "reporting:annual_export": ("annual_export", MANAGEMENT_ONLY),
    "reporting:indicators_export": ("annual_export", MANAGEMENT_ONLY),
    "api:list_courses": ("", EVERYONE_LOGGED_IN),
    "api:get_course": ("api_course", {**COURSE, "auditor": 404, "employer": 404}),
    "api:list_participants": ("api_course", {**COURSE, "auditor": 404, "employer": 404}),
    "api:get_person_courses": ("api_person", API_OBJECT),
    "api:get_person_recognition": ("api_person", API_OBJECT),
    "api:list_vacancies": ("", EVERYONE_LOGGED_IN),
    "api:get_vacancy": ("api_vacancy", {**EMPLOYER_RECORD, "auditor": 404, "provider": 404}),
    "api:vacancy_matches": ("api_vacancy", {**EMPLOYER_RECORD, "auditor": 404, "provider": 404}),
    "api:person_matches": ("api_person", API_OBJECT),
    "api:list_proposals": ("", EVERYONE_LOGGED_IN),
    "api:my_appointments": ("", EVERYONE_LOGGED_IN),
    "api:get_appointment": ("api_appointment", API_OBJECT),
    "api:list_people": ("", {a: (LOGIN if a == "anonymous" else 200) for a in ACTORS}),
    "api:get_person": ("api_person", API_OBJECT),
    "api:get_person_references": ("api_person", API_OBJECT),
    "api:list_person_documents": ("api_person", API_OBJECT),
    "api:get_document": ("api_document", API_OBJECT),
    "api:download_document": ("api_document", API_OBJECT),
    "api:my_cases": ("", {a: (LOGIN if a == "anonymous" else 200) for a in ACTORS}),
    "api:get_case": ("api_case", API_OBJECT),
    "api:case_letters": ("api_case", API_OBJECT),
    "api:get_plan": ("api_case", API_OBJECT),
    "partners:directory": ("", CASE_LISTS),
    "partners:partner": ("partner", CASE_LISTS),
    "partners:partner_create": ("", DIRECTORY_MAINTAINERS),
    "partners:partner_edit": ("partner", DIRECTORY_MAINTAINERS),
    "partners:contact_add": ("partner", POST_ONLY),
    "partners:contact_remove": ("partner_contact", POST_ONLY),
    "partners:refer": ("person", OBJECT),
    "partners:referral": ("referral", OBJECT),
    "partners:referral_pdf": ("referral", OBJECT),
    "partners:inbox": ("", {a: (LOGIN if a == "anonymous" else 403) for a in ACTORS}),  # partners
    "api:list_partners": ("", {**CASE_LISTS, "auditor": 404, "provider": 404, "employer": 404}),
    "api:person_referrals": ("api_person", API_OBJECT),
    "api:get_referral": ("api_referral", API_OBJECT),
    "api:record_step": ("api_referral", POST_ONLY),
    "api:api-root": ("", {a: (LOGIN if a == "anonymous" else 404) for a in ACTORS}),
    "api:openapi-json": ("", EVERYONE_LOGGED_IN),
    "api:openapi-view": ("", EVERYONE_LOGGED_IN),
}

# State-changing endpoints: an empty POST from outside the scope must never reach the data.
OUTSIDE_CASE = {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404}
NOT_ADMINISTRATORS = {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 403, "provider": 403}
POST_MATRIX: dict[str, tuple[str, dict[str, int]]] = {
    "people:edit": (
        "person",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "people:section": (
        "section",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "people:consent_withdraw": (
        "consent",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "people:reference_remove": ("reference", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "people:duplicates_run": ("", {**OUTSIDE_CASE, "other_caseworker": 403, "administrator": 403}),
    "people:duplicate_merge": ("pair", {**OUTSIDE_CASE, "provider": 403}),
    "people:duplicate_different": ("pair", {**OUTSIDE_CASE, "provider": 403}),
    "people:merge_undo": ("merge", {**OUTSIDE_CASE, "provider": 403}),
    "cases:status": (
        "case",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "cases:edit": (
        "case",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "cases:orientation": (
        "case",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "cases:note_create": (
        "case",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "cases:step_done": (
        "step",
        {"anonymous": LOGIN, "auditor": 403, "other_caseworker": 404, "administrator": 404},
    ),
    "cases:intake": ("", {"anonymous": LOGIN, "auditor": 403, "administrator": 403}),
    "cases:plan": ("case", OUTSIDE_CASE),
    "cases:plan_edit": ("plan", OUTSIDE_CASE),
    "cases:plan_goal_add": ("plan", OUTSIDE_CASE),
    "cases:plan_step_add": ("plan", OUTSIDE_CASE),
    "cases:plan_step_status": ("plan_step", OUTSIDE_CASE),
    "cases:plan_agree": ("plan", OUTSIDE_CASE),
    "cases:plan_disagreement": ("plan", OUTSIDE_CASE),
    "cases:plan_review": ("plan", OUTSIDE_CASE),
    "cases:plan_revise": ("plan", OUTSIDE_CASE),
    "cases:plan_letter": ("plan", OUTSIDE_CASE),
    "courses:person_section": ("course_section", {**OUTSIDE_CASE, "provider": 403}),
    "courses:waiting_close": ("waiting", {**OUTSIDE_CASE, "provider": 403}),
    "courses:enrolment_status": ("enrolment", {**OUTSIDE_CASE, "provider": 403}),
    "courses:attendance": ("enrolment", {**OUTSIDE_CASE, "provider": 404}),
    "courses:exam": ("enrolment", {**OUTSIDE_CASE, "provider": 404}),
    "courses:edit": ("course", {"anonymous": LOGIN, "auditor": 403, "provider": 404}),
    "courses:create": ("", {"anonymous": LOGIN, "auditor": 403}),
    "courses:locations": ("", {"anonymous": LOGIN, "auditor": 403}),
    "courses:assignment": ("", {"anonymous": LOGIN, "auditor": 403, "provider": 403}),
    "recognition:person_section": ("recognition_section", {**OUTSIDE_CASE, "provider": 403}),
    "recognition:qualification_edit": ("qualification", {**OUTSIDE_CASE, "provider": 403}),
    "recognition:procedure_edit": ("procedure", {**OUTSIDE_CASE, "provider": 403}),
    "jobs:employer": ("employer", {"anonymous": LOGIN, "auditor": 403, "employer": 404}),
    "jobs:employer_edit": ("employer", {"anonymous": LOGIN, "auditor": 403, "employer": 403}),
    "jobs:vacancy": ("vacancy", {"anonymous": LOGIN, "auditor": 403, "employer": 404}),
    "jobs:vacancy_edit": ("vacancy", {"anonymous": LOGIN, "auditor": 403, "employer": 404}),
    "jobs:experience_add": ("person", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "jobs:experience_delete": ("experience", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "jobs:propose": ("propose", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "jobs:placement_create": ("person", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "jobs:proposal": ("proposal", {**OUTSIDE_CASE, "provider": 403, "employer": 404}),
    "jobs:follow_up": ("follow_up", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "appointments:reschedule": ("appointment", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:outcome": ("appointment", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:send_email": ("appointment", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:letter": ("appointment", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:consent_add": ("person", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:consent_withdraw": ("contact_consent", {**OUTSIDE_CASE, "provider": 403}),
    "appointments:interpreters": ("", {"anonymous": LOGIN, "auditor": 403, "provider": 403}),
    "appointments:feed_settings": ("", {"anonymous": LOGIN, "auditor": 403}),
    "gdpr:erase": ("person", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "gdpr:legal_hold": ("case", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "letters:make": ("case", {**OUTSIDE_CASE, "provider": 403}),
    "documents:person": ("person", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "documents:delete": ("document", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "letters:text_edit": ("letter_text", NOT_ADMINISTRATORS),
    "letters:text_review": ("letter_text", NOT_ADMINISTRATORS),
    "letters:letterhead": ("", NOT_ADMINISTRATORS),
    # the directory: an administrator maintains it, the empty form changes nothing
    "partners:partner_create": ("", {**NOT_ADMINISTRATORS, "administrator": 422, "employer": 403}),
    "partners:partner_edit": (
        "partner",
        {**NOT_ADMINISTRATORS, "administrator": 422, "employer": 403},
    ),
    "partners:contact_add": ("partner", {**NOT_ADMINISTRATORS, "administrator": 422}),
    "partners:contact_remove": ("partner_contact", NOT_ADMINISTRATORS),
    "partners:refer": ("person", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    "partners:referral": ("referral", {**OUTSIDE_CASE, "provider": 403, "employer": 403}),
    # nothing of the other team's persons to confirm: refused with a message
    "courses:run_confirm": (
        "run",
        {"anonymous": LOGIN, "auditor": 403, "provider": 403, "other_caseworker": 302},
    ),
}


def _walk(patterns: list[Any], prefix: str = "") -> list[str]:
    names = []
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names += _walk(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.append(f"{prefix}{entry.name}")
    return names


def _project_url_names() -> set[str]:
    return {n for n in _walk(get_resolver().url_patterns) if not n.startswith("admin:")}


def test_every_url_is_in_the_matrix():
    missing = _project_url_names() - set(MATRIX)
    assert not missing, f"URLs without an authorization-matrix row: {sorted(missing)}"


@pytest.fixture
def url_kwargs(case, caseworker):
    from wegweiser.cases.tests.factories import CaseFactory, NextStepFactory
    from wegweiser.courses.services import assignment_propose
    from wegweiser.courses.tests.factories import EnrolmentFactory, WaitingEntryFactory
    from wegweiser.people.tests.factories import ConsentFactory, duplicate_pair, merged_pair
    from wegweiser.recognition.tests.factories import ProcedureFactory, QualificationFactory

    consent = ConsentFactory(person=case.person)
    step = NextStepFactory(case=case, owner=caseworker)
    enrolment = EnrolmentFactory(person=case.person, status="enrolled")
    waiting = WaitingEntryFactory(person=case.person)
    run = assignment_propose(actor=caseworker)
    pair = duplicate_pair(case.person, CaseFactory(team=case.team).person)
    merge = merged_pair(case.person, caseworker)
    qualification = QualificationFactory(person=case.person)
    procedure = ProcedureFactory(person=case.person, qualification=qualification)
    jobs = _jobs_records(case, caseworker)
    plan = _plan_records(case, caseworker)
    erasure = _erasure_receipt(case)
    return {
        **jobs,
        **plan,
        "erasure": {"pk": erasure.pk},
        "reset": {"uidb64": "MQ", "token": "invalid-token"},
        "unlock": {"token": "invalid-token"},
        "passkey": {"pk": 1},
        "": {},
        "report_topic": {"topic": "work"},
        "person": {"pk": case.person_id},
        "section": {"pk": case.person_id, "section": "residence"},
        "consent": {"pk": case.person_id, "consent_pk": consent.pk},
        "case": {"pk": case.pk},
        "step": {"pk": case.pk, "step_pk": step.pk},
        "api_person": {"person_id": case.person_id},
        "api_case": {"case_id": case.pk},
        "course": {"pk": enrolment.course_id},
        "course_section": {"pk": case.person_id, "section": "entitlement"},
        "enrolment": {"pk": enrolment.pk},
        "waiting": {"pk": waiting.pk},
        "run": {"pk": run.pk},
        "export": {"fmt": "csv"},
        "annual_pdf": {"year": 2025, "language": "de"},
        "annual_export": {"year": 2025, "fmt": "xlsx"},
        "api_course": {"course_id": enrolment.course_id},
        "pair": {"pk": pair.pk},
        "merge": {"pk": merge.pk},
        "recognition_section": {"pk": case.person_id, "section": "qualification"},
        "qualification": {"pk": qualification.pk},
        "procedure": {"pk": procedure.pk},
        **_appointment_records(case, caseworker),
        **_letter_records(case, caseworker),
        **_partner_records(case, caseworker),
        **_document_records(case, caseworker),
    }


def _partner_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """A partner with a contact person, and a sent referral of the case's person with consent."""
    from wegweiser.accounts.tests.factories import UserFactory
    from wegweiser.partners import services
    from wegweiser.partners.tests.factories import PartnerFactory
    from wegweiser.people.models import Consent
    from wegweiser.people.tests.factories import ConsentFactory

    partner: Any = PartnerFactory()
    lead: Any = UserFactory(username="directory-lead", role="team_lead")
    contact = services.partner_contact_add(
        actor=lead,
        partner=partner,
        data={"name": "Frau Beispiel"},
    )
    consent: Any = ConsentFactory(
        person=case.person,
        purpose=Consent.Purpose.COUNSELLING,
        recipient=partner.organisation,
        recorded_by=caseworker,
    )
    referral = services.referral_create(
        actor=caseworker,
        person=case.person,
        partner=partner,
        purpose="counselling",
        shared_fields=["name"],
        consent=consent,
    )
    services.referral_send(actor=caseworker, referral=referral)
    return {
        "partner": {"pk": partner.pk},
        "partner_contact": {"pk": partner.pk, "contact": contact.pk},
        "referral": {"pk": referral.pk},
        "api_referral": {"referral_id": referral.pk},
    }


def _plan_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """A draft plan of the case with one goal and one step."""
    import datetime as dt

    from wegweiser.cases import services

    plan = services.plan_create(actor=caseworker, case=case, integration_goal="Arbeit finden")
    goal = services.plan_goal_add(actor=caseworker, plan=plan, area="work", description="Arbeit")
    step = services.plan_step_add(
        actor=caseworker,
        goal=goal,
        description="Lebenslauf schreiben",
        who="person",
        due_on=dt.date.today() + dt.timedelta(days=14),
    )
    return {"plan": {"plan_pk": plan.pk}, "plan_step": {"plan_pk": plan.pk, "step_pk": step.pk}}


def _erasure_receipt(case: Any) -> Any:
    """The receipt of an erasure in the case's team (of another person's file)."""
    from django.db import transaction

    from wegweiser.core.audit import acting_as
    from wegweiser.gdpr.models import Erasure

    with transaction.atomic(), acting_as(None):
        return Erasure.objects.create(
            person_number=case.person_id + 1000,
            organisation_id=case.person.organisation_id,
            team=case.team,
            reason=Erasure.Reason.RETENTION,
            counts={"people.person": 1},
        )


def _jobs_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """An employer's vacancy with a consented proposal of the case's person, a placement with
    its follow-ups and a coded experience."""
    import datetime as dt

    from wegweiser.jobs import services
    from wegweiser.jobs.tests.factories import EmployerFactory, ExperienceFactory, VacancyFactory
    from wegweiser.people.models import Consent
    from wegweiser.people.tests.factories import ConsentFactory, ResidenceStatusFactory

    employer: Any = EmployerFactory()
    vacancy: Any = VacancyFactory(employer=employer, created_by=caseworker)
    ResidenceStatusFactory(person=case.person, valid_until=dt.date.today() + dt.timedelta(days=90))
    ConsentFactory(
        person=case.person,
        purpose=Consent.Purpose.JOB_PLACEMENT,
        recipient=employer.organisation,
        recorded_by=caseworker,
    )
    experience: Any = ExperienceFactory(person=case.person, occupation=vacancy.occupation)
    proposal = services.proposal_create(actor=caseworker, person=case.person, vacancy=vacancy)
    placement = services.placement_create(
        actor=caseworker,
        person=case.person,
        employer=employer,
        occupation=vacancy.occupation,
        starts_on=dt.date.today(),
        contract="permanent",
        hours="full_time",
    )
    services.vacancy_set_status(actor=caseworker, vacancy=vacancy, status="open")
    from wegweiser.cases.services import case_change_status

    case.refresh_from_db()
    case_change_status(actor=caseworker, case=case, status="active")  # as the POST walk expects
    return {
        "employer": {"pk": employer.pk},
        "vacancy": {"pk": vacancy.pk},
        "experience": {"pk": case.person_id, "experience": experience.pk},
        "propose": {"pk": case.person_id, "vacancy": vacancy.pk},
        "proposal": {"pk": proposal.pk},
        "placement": {"pk": placement.pk},
        "follow_up": {"pk": placement.follow_ups.order_by("month")[0].pk},
        "api_vacancy": {"vacancy_id": vacancy.pk},
        "gdpr_export": {"pk": case.person_id, "fmt": "json"},
    }


def _appointment_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """An appointment of the case, a contact consent of its person and the caseworker's feed."""
    from wegweiser.appointments.services import calendar_feed_renew
    from wegweiser.appointments.tests.factories import AppointmentFactory, ContactConsentFactory

    appointment: Any = AppointmentFactory(case=case)
    consent: Any = ContactConsentFactory(person=case.person, recorded_by=caseworker)
    token = calendar_feed_renew(actor=caseworker)
    return {
        "appointment": {"pk": appointment.pk},
        "contact_consent": {"pk": case.person_id, "consent_pk": consent.pk},
        "feed": {"token": token},
        "api_appointment": {"appointment_id": appointment.pk},
    }


def _letter_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """A letter stored with the case, and one letter text."""
    from wegweiser.letters.tests.factories import LetterFactory

    letter: Any = LetterFactory(case=case, made_by=caseworker)
    return {
        "letter": {"pk": letter.pk},
        "letter_text": {"kind": "invitation", "language": "ar"},
    }


def _document_records(case: Any, caseworker: Any) -> dict[str, dict[str, Any]]:
    """A photo kept for the case's person (with its preview) and a reference number."""
    from wegweiser.demo.documents import synthetic_photo
    from wegweiser.documents.services import document_upload

    document = document_upload(
        actor=caseworker,
        person=case.person,
        content=synthetic_photo(["Zeugnis"]),
        kind="certificate",
    )
    from wegweiser.people.services import person_reference_set

    reference = person_reference_set(
        actor=caseworker, person=case.person, kind="azr_number", value="123456789012"
    )
    return {
        "document": {"pk": document.pk},
        "api_document": {"document_id": document.pk},
        "reference": {"pk": case.person_id, "reference_pk": reference.pk},
    }


@pytest.fixture
def actors(caseworker, team_lead, administrator, auditor, other_caseworker, url_kwargs):
    from wegweiser.accounts.tests.factories import UserFactory
    from wegweiser.courses.tests.factories import ProviderFactory
    from wegweiser.jobs.tests.factories import EmployerFactory
    from wegweiser.partners.models import Referral

    referral = Referral.objects.select_related("partner").get(pk=url_kwargs["referral"]["pk"])

    provider = UserFactory(
        username="provider", role="course_provider", organisation=ProviderFactory()
    )
    employer = UserFactory(
        username="employer", role="employer", organisation=EmployerFactory().organisation
    )
    return {
        "anonymous": None,
        "caseworker": caseworker,
        "team_lead": team_lead,
        "administrator": administrator,
        "auditor": auditor,
        "other_caseworker": other_caseworker,
        "provider": provider,
        "employer": employer,
        "partner": UserFactory(
            username="partner-staff", role="partner", organisation=referral.partner.organisation
        ),
        "management": UserFactory(username="manager", role="management"),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("actor", ACTORS)
def test_get_matrix(client, actor, actors, url_kwargs):
    user = actors[actor]
    if user is not None:
        client.force_login(user)
    failures = []
    for name, (kwargs_key, expected) in MATRIX.items():
        response = client.get(reverse(name, kwargs=url_kwargs[kwargs_key]))
        status = expected_status(expected, name, actor, OUTSIDER_EXCEPTIONS)
        if response.status_code != status:
            failures.append(f"{name}: expected {status}, got {response.status_code}")
    assert not failures, failures


@pytest.mark.django_db
@pytest.mark.parametrize(
    "actor",
    [
        "anonymous",
        "administrator",
        "auditor",
        "other_caseworker",
        "provider",
        "employer",
        "partner",
        "management",
    ],
)
def test_post_matrix_outside_scope_changes_nothing(client, actor, actors, url_kwargs, case):
    from wegweiser.core.models import AuditEntry

    user = actors[actor]
    if user is not None:
        client.force_login(user)
    unchanged = ["read", "list", "login", "refused"]
    changes_before = AuditEntry.objects.exclude(action__in=unchanged).count()
    failures = []
    for name, (kwargs_key, expected) in POST_MATRIX.items():
        if actor not in expected and actor not in ("partner", "management"):
            continue
        response = client.post(reverse(name, kwargs=url_kwargs[kwargs_key]), {"status": "closed"})
        status = expected_status(expected, name, actor, POST_OUTSIDER_EXCEPTIONS)
        if response.status_code != status:
            failures.append(f"{name}: expected {status}, got {response.status_code}")
    assert not failures, failures
    changes_after = AuditEntry.objects.exclude(action__in=unchanged).count()
    assert changes_after == changes_before
    case.refresh_from_db()
    assert case.status == "active"


@pytest.mark.django_db
def test_admin_site_is_only_for_administrators(client, actors):
    for actor, user in actors.items():
        if user is not None:
            client.force_login(user)
        response = client.get(reverse("admin:index"))
        expected = 200 if actor == "administrator" else 302
        assert response.status_code == expected, actor
        client.logout()


@pytest.mark.django_db
def test_admin_site_offers_no_case_content(client, administrator):
    client.force_login(administrator)
    html = client.get(reverse("admin:index")).content.decode()
    assert "/admin/people/" not in html
    assert "/admin/cases/" not in html
    assert "/admin/accounts/user/" in html
