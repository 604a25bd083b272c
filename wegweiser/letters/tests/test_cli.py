"""`wegweiser letters render`: scoped like the page, stored and audited."""

from __future__ import annotations

import stat

import pytest
from django.core.management import CommandError, call_command

from wegweiser.core.models import AuditEntry
from wegweiser.letters.models import Letter
from wegweiser.letters.tests import pdfcheck

pytestmark = pytest.mark.django_db


def test_render_writes_the_letter_stores_it_and_audits(tmp_path, caseworker, letter_case):
    out = tmp_path / "einladung.pdf"
    call_command(
        "letters",
        "render",
        "--kind=invitation",
        "--language=ti",
        f"--person={letter_case.person_id}",
        f"--user={caseworker.username}",
        f"--output={out}",
    )
    pdf = out.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    text = " ".join(pdfcheck.text(pdf).split())
    assert "Einladung zu einem Termin" in text and "ዕድመ ናብ ቆጸራ" in text
    letter = Letter.objects.get(case=letter_case)
    assert bytes(letter.pdf) == pdf
    assert letter.appointment == letter_case.appointments.get()  # the next appointment
    assert AuditEntry.objects.filter(
        actor=caseworker, action="read", person_id=letter_case.person_id, purpose="letter_cli"
    ).exists()
    assert AuditEntry.objects.filter(
        actor=caseworker, action="create", object_type="letters.letter"
    ).exists()


def test_render_refuses_a_user_outside_the_persons_scope(tmp_path, other_caseworker, case):
    out = tmp_path / "brief.pdf"
    with pytest.raises(CommandError, match="not in the scope of other"):
        call_command(
            "letters",
            "render",
            "--kind=follow-up",
            "--language=ar",
            f"--person={case.person_id}",
            f"--user={other_caseworker.username}",
            f"--output={out}",
        )
    assert not out.exists()
    assert not Letter.objects.exists()


def test_render_refuses_an_auditor(tmp_path, auditor, case):
    with pytest.raises(CommandError, match="does not work cases"):
        call_command(
            "letters",
            "render",
            "--kind=follow-up",
            "--language=ar",
            f"--person={case.person_id}",
            f"--user={auditor.username}",
            f"--output={tmp_path / 'x.pdf'}",
        )


def test_invitation_without_an_appointment_is_a_clear_error(tmp_path, caseworker, case):
    with pytest.raises(CommandError, match=r"appointment|Termin"):
        call_command(
            "letters",
            "render",
            "--kind=invitation",
            "--language=uk",
            f"--person={case.person_id}",
            f"--user={caseworker.username}",
            f"--output={tmp_path / 'x.pdf'}",
        )
    assert not Letter.objects.exists()


def test_command_exits_non_zero_when_refused(tmp_path, monkeypatch, other_caseworker, case):
    from wegweiser.letters.management.commands.letters import Command

    # run_from_argv closes the connections when it ends; the test's transaction must stay.
    monkeypatch.setattr("django.core.management.base.connections.close_all", lambda: None)
    with pytest.raises(SystemExit) as exit_:
        Command().run_from_argv(
            [
                "wegweiser",
                "letters",
                "render",
                "--kind=follow-up",
                "--language=ar",
                f"--person={case.person_id}",
                f"--user={other_caseworker.username}",
                f"--output={tmp_path / 'x.pdf'}",
            ]
        )
    assert exit_.value.code != 0
    assert not (tmp_path / "x.pdf").exists()
