from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import User
from wegweiser.core.forms import KernFormMixin
from wegweiser.people.models import Person

from .models import Appointment, Channel, Interpreter, Room

DURATIONS = [
    (15, _("15 minutes")),
    (30, _("30 minutes")),
    (45, _("45 minutes")),
    (60, _("1 hour")),
    (90, _("1½ hours")),
    (120, _("2 hours")),
    (180, _("3 hours")),
]


def _split_widget() -> forms.SplitDateTimeWidget:
    return forms.SplitDateTimeWidget(
        date_attrs={"type": "date"},
        time_attrs={"type": "time", "step": "300"},
        date_format="%Y-%m-%d",
        time_format="%H:%M",
    )


class _TimeFields(KernFormMixin, forms.Form):
    starts_at = forms.SplitDateTimeField(label=_("date and start time"), widget=_split_widget())
    duration = forms.TypedChoiceField(
        label=_("duration"), choices=DURATIONS, coerce=int, initial=60
    )

    def ends_at(self) -> dt.datetime:
        data = self.cleaned_data
        return cast(dt.datetime, data["starts_at"]) + dt.timedelta(minutes=data["duration"])


class InterpreterChoiceField(forms.ModelChoiceField):
    """Each interpreter with the languages they interpret, so that the right one is chosen."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({', '.join(obj.language_labels())})"


def _interpreter_field() -> forms.ModelChoiceField:
    return InterpreterChoiceField(
        label=_("interpreter booked"),
        queryset=Interpreter.objects.none(),
        required=False,
        help_text=_("Only interpreters for the language chosen above can be booked."),
    )


class AppointmentForm(_TimeFields):
    """Booking: an individual appointment of a case, or a group session with person numbers."""

    kind = forms.ChoiceField(label=_("kind of appointment"), choices=Appointment.Kind.choices)
    caseworker = forms.ModelChoiceField(label=_("caseworker"), queryset=User.objects.none())
    place = forms.ChoiceField(label=_("place"), choices=Appointment.Place.choices)
    room = forms.ModelChoiceField(label=_("room"), queryset=Room.objects.none(), required=False)
    place_detail = forms.CharField(label=_("partner and address"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("video link"), max_length=300, required=False, assume_scheme="https"
    )
    interpreter_language = forms.ChoiceField(
        label=_("interpreter needed for"),
        choices=[("", _("no interpreter needed")), *settings.SPOKEN_LANGUAGES],
        required=False,
    )
    interpreter = _interpreter_field()
    persons = forms.CharField(
        label=_("person numbers"),
        max_length=500,
        required=False,
        help_text=_(
            "For a group session: the numbers of the invited persons, separated by commas."
        ),
    )

    field_order = [
        "kind",
        "caseworker",
        "starts_at",
        "duration",
        "place",
        "room",
        "place_detail",
        "video_link",
        "interpreter_language",
        "interpreter",
        "persons",
    ]

    def __init__(
        self,
        *args: Any,
        caseworkers: Any,
        rooms: Any,
        interpreters: Any,
        group: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["caseworker"]).queryset = caseworkers
        cast(forms.ModelChoiceField, self.fields["room"]).queryset = rooms
        cast(forms.ModelChoiceField, self.fields["interpreter"]).queryset = interpreters
        self.group = group
        if group:
            cast(forms.ChoiceField, self.fields["kind"]).choices = [
                (Appointment.Kind.GROUP_SESSION, Appointment.Kind.GROUP_SESSION.label)
            ]
            self.fields["persons"].required = True
        else:
            cast(forms.ChoiceField, self.fields["kind"]).choices = [
                c for c in Appointment.Kind.choices if c[0] != Appointment.Kind.GROUP_SESSION
            ]
            del self.fields["persons"]

    def clean_persons(self) -> list[int]:
        raw = self.cleaned_data.get("persons", "")
        numbers: list[int] = []
        for part in raw.replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit():
                raise forms.ValidationError(
                    _("“%(value)s” is not a person number."), params={"value": part}
                )
            numbers.append(int(part))
        if not numbers:
            raise forms.ValidationError(_("Invite at least one person."))
        return numbers


class RescheduleForm(_TimeFields):
    room = forms.ModelChoiceField(label=_("room"), queryset=Room.objects.none(), required=False)
    interpreter = _interpreter_field()
    reason = forms.CharField(label=_("reason for the change"), max_length=300, required=False)

    def __init__(self, *args: Any, rooms: Any, interpreters: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["room"]).queryset = rooms
        cast(forms.ModelChoiceField, self.fields["interpreter"]).queryset = interpreters


class OutcomeForm(KernFormMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("outcome"), choices=Appointment.Outcome.choices)


def _person_label(person: Person) -> str:
    return f"{person.latin_name} ({person.pk})"


class SendForm(KernFormMixin, forms.Form):
    """Send the invitation to one of the invited persons."""

    person = forms.ModelChoiceField(label=_("to"), queryset=Person.objects.none())

    def __init__(self, *args: Any, persons: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["person"])
        field.queryset = persons
        field.label_from_instance = _person_label  # type: ignore[method-assign,assignment]
        if persons.count() == 1:
            self.initial.setdefault("person", persons.first())


class LetterSendForm(SendForm):
    """The invitation as a letter: to whom, and in which language beside German (by default
    the person's letter language)."""

    language = forms.ChoiceField(label=_("language of the letter"), required=False)

    def __init__(self, *args: Any, persons: Any, languages: Any, **kwargs: Any) -> None:
        super().__init__(*args, persons=persons, **kwargs)
        field = cast(forms.ChoiceField, self.fields["language"])
        field.choices = [("", _("the person's letter language")), *languages]


class ContactConsentForm(KernFormMixin, forms.Form):
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    given_on = forms.DateField(label=_("given on"), required=False)


class InterpreterForm(KernFormMixin, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("languages"),
        choices=settings.SPOKEN_LANGUAGES,
        widget=forms.SelectMultiple,
    )

    class Meta:
        model = Interpreter
        fields = ["name", "languages", "contact"]
