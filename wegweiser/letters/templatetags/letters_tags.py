"""Filters of the letter pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_state(states: dict[str, str], code: str) -> str:
    return states.get(code, "")
