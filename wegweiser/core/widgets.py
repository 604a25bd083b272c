"""Widgets shared by the apps' forms."""

from __future__ import annotations

from typing import Any

from django import forms


class FilterCheckboxes(forms.CheckboxSelectMultiple):
    """A multiple choice among many options (nationalities): checkboxes in a scrolling list
    with a text filter above it (static/js/filter-list.js) and the chosen ones named below the
    filter. Without script it is a plain list of checkboxes; with the keyboard, Tab reaches
    the filter and then each checkbox, Space ticks it."""

    template_name = "core/widgets/filter_checkboxes.html"
    option_template_name = "core/widgets/filter_checkbox_option.html"

    def __init__(self, attrs: dict[str, Any] | None = None, *, group_label: str = "") -> None:
        super().__init__(attrs)
        self.group_label = group_label

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        # The field's <label> names the filter box; the list is a group labelled the same.
        return f"{id_}_filter" if id_ and index is None else super().id_for_label(id_, index)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["group_label"] = self.group_label
        return context
