"""The person page's letters panel."""

from __future__ import annotations

from typing import Any

from django import template

from wegweiser.letters.forms import LetterMakeForm, default_language
from wegweiser.letters.selectors import appointments_for_letter, letters_for_case

register = template.Library()


@register.inclusion_tag("letters/partials/letters_panel.html", takes_context=True)
def person_letters_panel(context: template.Context, case: Any) -> dict[str, Any]:
    """`{% person_letters_panel case %}`: the case's letters and the form to make one, for a
    user who may see the case."""
    request = context["request"]
    user = request.user
    form = LetterMakeForm(
        appointments=appointments_for_letter(user=user, case=case),
        initial={"language": default_language(case.person.letter_language)},
    )
    return {
        "case": case,
        "letters": letters_for_case(user=user, case=case),
        "form": form,
        "csrf_token": context.get("csrf_token"),
        "request": request,
        "user": user,
    }


@register.filter
def get_state(states: dict[str, str], code: str) -> str:
    return states.get(code, "")
