"""Form helpers: KERN UX classes on every widget, HTML date inputs, accessible errors."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _attrs(attrs: dict[str, Any]) -> str:
    """The attributes as Django's attrs.html writes them (True: the name alone, False: left
    out)."""
    return "".join(
        f" {name}" if value is True else f' {name}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class ListedChoiceIterator(forms.models.ModelChoiceIterator):
    """The choices of a model choice field read in one query and kept for the request.

    Django reads them with `QuerySet.iterator()`, which on PostgreSQL is a server-side cursor:
    DECLARE, FETCH and CLOSE, three round trips to the database for a list of eighteen
    municipalities, and again each time the choices are read. Choice lists are short; huge
    iterations (exports, the audit check) keep their server-side cursors. Installed for every
    model choice field by `CoreConfig.ready`."""

    def __iter__(self) -> Any:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


class FastSelect(forms.Select):
    """A select list written in Python instead of one template per option: the same HTML as
    Django's select.html, ten times faster for long lists (250 nationalities on the search
    page, occupations, municipalities), which were a good part of those pages' time."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"', widget["name"]), _attrs(widget["attrs"]), ">"]
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('<optgroup label="{}">', group_name))
            for option in group_choices:
                parts.append(format_html('<option value="{}"', str(option["value"])))
                parts.append(_attrs(option["attrs"]))
                parts.append(format_html(">{}</option>", option["label"]))
            if group_name:
                parts.append("</optgroup>")
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped above)


class KernFormMixin:
    """Adds the KERN classes and error wiring to whatever widgets the form uses."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if type(field.widget) is forms.Select:  # not a subclass with its own template
                field.widget = copy.copy(field.widget)
                field.widget.__class__ = FastSelect
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.SelectMultiple):
                css = "kern-form-input__select"
                widget.attrs.setdefault("size", "6")
            elif isinstance(widget, forms.Select):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if isinstance(field, forms.DateField) and not isinstance(widget, DateInput):
                field.widget = DateInput(attrs=widget.attrs)
            if isinstance(field, forms.CharField) and field.max_length:
                widget.attrs.setdefault("maxlength", str(field.max_length))
            widget.attrs.setdefault("aria-describedby", f"id_{name}_error id_{name}_hint")

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "errors", {}):
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"


def apply_errors(form: BaseForm, error: ValidationError) -> None:
    """Puts a service's validation errors on the form's fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


def writable_fields(model: type, data: dict[str, object]) -> dict[str, object]:
    """Only the fields that the model declares writable (its ``WRITABLE``); a service refuses
    anything else instead of setting whatever attribute it is given. The same declaration is
    the ``fields`` of the model's form."""
    allowed: tuple[str, ...] = model.WRITABLE  # type: ignore[attr-defined]
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(f"{model.__name__} does not accept {', '.join(unknown)}")
    return data
