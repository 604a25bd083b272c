"""Forms: make a letter for a case; edit a letter text; the letterhead."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wegweiser.appointments.models import Appointment
from wegweiser.core.forms import DateInput, KernFormMixin

from .models import Kind, Language, Letterhead, LetterText, letter_language_for


def default_language(letter_language: str) -> str:
    """The person's preferred language for letters as a letter language (German if none)."""
    return letter_language_for(letter_language)


class AppointmentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        starts = timezone.localtime(obj.starts_at)
        return f"{starts:%d.%m.%Y %H:%M} · {obj.get_kind_display()} · {obj.place_label}"


class LetterMakeForm(KernFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("kind of letter"), choices=Kind.choices)
    language = forms.ChoiceField(
        label=_("language beside German"),
        choices=Language.choices,
        help_text=_("German is always printed first; it is the binding text."),
    )
    appointment = AppointmentChoiceField(
        label=_("appointment"),
        queryset=Appointment.objects.none(),
        required=False,
        help_text=_("For an invitation or a reminder."),
    )
    documents = forms.CharField(
        label=_("documents to bring"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For a request for documents: one document per line."),
    )
    reply_by = forms.DateField(
        label=_("reply by"),
        required=False,
        widget=DateInput(),
        help_text=_("For a request for documents; two weeks from today if empty."),
    )

    def __init__(self, *args: Any, appointments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["appointment"]).queryset = appointments

    def clean_reply_by(self) -> dt.date | None:
        value: dt.date | None = self.cleaned_data.get("reply_by")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError(_("The date to reply by cannot be in the past."))
        return value


class LetterTextForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = LetterText
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args: Any, direction: str = "ltr", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["dir"] = direction


class LetterheadForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = ["name", "address", "phone", "email", "opening_hours"]
        widgets = {"address": forms.Textarea(attrs={"rows": 3})}
