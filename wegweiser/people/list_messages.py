"""The list reconciliation's problems in the user's language. The pure linking code reports a
code and its parameters; the page and the command say it with these texts."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from wegweiser.identity.reconciliation import FileProblem, RowProblem

ROW_PROBLEMS: dict[str, Promise] = {
    "empty_id": _("the id is empty"),
    "duplicate_id": _("the id %(id)s appears twice"),
    "no_name": _("no name given"),
    "not_a_date": _("“%(value)s” is not a date (YYYY-MM-DD)"),
    "dates_invalid": _("a date of birth is not a date (YYYY-MM-DD)"),
}

FILE_PROBLEMS: dict[str, Promise] = {
    "empty": _("The file is empty."),
    "columns_missing": _("Required columns missing: %(columns)s."),
    "not_xlsx": _("The file is not a readable XLSX workbook."),
}


def row_problem_text(problem: RowProblem) -> str:
    """ "Zeile 3, Spalte date_of_birth: „1990-13-01“ ist kein Datum (JJJJ-MM-TT)"."""
    template = ROW_PROBLEMS.get(problem.code)
    message = str(template) % dict(problem.params) if template else problem.message
    if problem.column:
        return str(_("Row %(row)s, column %(column)s: %(message)s")) % {
            "row": problem.row,
            "column": problem.column,
            "message": message,
        }
    return str(_("Row %(row)s: %(message)s")) % {"row": problem.row, "message": message}


def file_problem_text(problem: FileProblem) -> str:
    template = FILE_PROBLEMS.get(problem.code)
    return str(template) % problem.params if template else str(problem)
