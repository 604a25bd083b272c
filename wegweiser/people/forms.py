from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wegweiser.accounts.models import Organisation
from wegweiser.cases.models import Case
from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import Municipality
from wegweiser.core.widgets import FilterCheckboxes

from .models import (
    Consent,
    HouseholdLink,
    NameSpelling,
    Person,
    PersonLanguage,
    PersonReference,
    ResidenceStatus,
)


class PersonForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = list(Person.WRITABLE)
        widgets = {
            "letter_language": forms.Select(choices=settings.SPOKEN_LANGUAGES),
            "nationalities": FilterCheckboxes(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        nationalities = self.fields["nationalities"]
        cast(FilterCheckboxes, nationalities.widget).group_label = str(nationalities.label)
        for name in ("given_names_original", "family_name_original"):
            self.fields[name].widget.attrs.update({"dir": "auto", "lang": "und"})
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = Municipality.objects.order_by("name")


class ResidenceStatusForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = ResidenceStatus
        fields = list(ResidenceStatus.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        permission = self.fields["work_permission"]
        permission.required = False
        permission.help_text = _("Left empty: the work permission the title usually carries.")


class NameSpellingForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = NameSpelling
        fields = list(NameSpelling.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("given_names", "family_name"):
            self.fields[name].widget.attrs["dir"] = "auto"


class PersonLanguageForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = PersonLanguage
        fields = list(PersonLanguage.WRITABLE)


class PersonReferenceForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = PersonReference
        fields = list(PersonReference.WRITABLE)
        help_texts = {
            "value": _("Entering a number of a kind already recorded corrects it."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["value"].widget.attrs.update({"dir": "ltr", "autocomplete": "off"})

    def validate_unique(self) -> None:
        """A second number of a kind corrects the first (the service replaces it)."""


Kind = Organisation.Kind

# The recipient list in groups a caseworker looks for, in this order.
RECIPIENT_GROUPS = (
    (_("Employers"), (Kind.EMPLOYER,)),
    (_("Course providers"), (Kind.COURSE_PROVIDER,)),
    (_("Authorities"), (Kind.IMMIGRATION_OFFICE, Kind.JOB_CENTRE)),
    (_("Charities and counselling"), (Kind.CHARITY,)),
    (_("Other organisations"), (Kind.CENTRE, Kind.OTHER)),
)


def grouped_recipients(organisations: Any) -> list[tuple[Any, Any]]:
    """Choices with one group per kind of organisation (empty groups left out)."""
    choices: list[tuple[Any, Any]] = [("", "---------")]
    for label, kinds in RECIPIENT_GROUPS:
        members = [(o.pk, o.name) for o in organisations if o.kind in kinds]
        if members:
            choices.append((label, members))
    return choices


class ConsentForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Consent
        fields = list(Consent.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recipient = cast(forms.ModelChoiceField, self.fields["recipient"])
        recipient.queryset = Organisation.objects.order_by("name")
        recipient.choices = grouped_recipients(recipient.queryset)
        recipient.widget.attrs["data-filter-label"] = _("Search the organisations")
        self.fields["given_on"].initial = timezone.localdate


class ConsentWithdrawForm(KernFormMixin, forms.Form):
    withdrawn_on = forms.DateField(label=_("withdrawn on"))


class PersonAutocomplete(forms.Widget):
    """A name search (htmx) that offers persons of the user's cases as radio buttons of the
    field's name; the chosen person's number is submitted."""

    template_name = "people/widgets/person_autocomplete.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["search_url"] = reverse("people:pick")
        return context


class HouseholdLinkForm(KernFormMixin, forms.Form):
    relative_number = forms.IntegerField(
        label=_("relative"),
        min_value=1,
        widget=PersonAutocomplete,
        help_text=_("Type the name and choose the person."),
        error_messages={"required": _("Search for the relative and choose them.")},
    )
    relation = forms.ChoiceField(label=_("relation"), choices=HouseholdLink.Relation.choices)


class PersonSearchForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    status = forms.ChoiceField(label=_("Status"), required=False)
    team = forms.TypedChoiceField(label=_("Team"), required=False, coerce=int, empty_value=None)
    nationality = forms.ChoiceField(label=_("Nationality"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), required=False, queryset=Municipality.objects.none()
    )

    def __init__(self, *args: Any, teams: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", _("all"))]
        cast(forms.ChoiceField, self.fields["status"]).choices = blank + list(Case.Status.choices)
        cast(forms.ChoiceField, self.fields["team"]).choices = blank + [
            (t.pk, t.name) for t in teams
        ]
        cast(forms.ChoiceField, self.fields["nationality"]).choices = blank + list(countries)
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = Municipality.objects.order_by("name")
        cast(forms.ModelChoiceField, self.fields["municipality"]).empty_label = str(_("all"))


class IdentitySearchForm(KernFormMixin, forms.Form):
    """Who is this? Names in any script, optionally the date of birth."""

    given_names_latin = forms.CharField(label=_("given names"), required=False, max_length=150)
    family_name_latin = forms.CharField(label=_("family name"), required=False, max_length=150)
    given_names_original = forms.CharField(
        label=_("given names (original script)"), required=False, max_length=150
    )
    family_name_original = forms.CharField(
        label=_("family name (original script)"), required=False, max_length=150
    )
    date_of_birth = forms.DateField(label=_("date of birth"), required=False)
    dob_precision = forms.ChoiceField(
        label=_("precision of the date of birth"),
        choices=Person.DobPrecision.choices,
        required=False,
    )
    dob_placeholder = forms.BooleanField(label=_("placeholder date (01.01.)"), required=False)

    def has_name(self) -> bool:
        data = self.cleaned_data
        return any(
            data.get(k)
            for k in (
                "given_names_latin",
                "family_name_latin",
                "given_names_original",
                "family_name_original",
            )
        )


class ReconcileForm(KernFormMixin, forms.Form):
    """A partner's list: CSV or XLSX with query_id, given_name, family_name[, date_of_birth]."""

    MAX_BYTES = 10 * 1024 * 1024

    upload = forms.FileField(
        label=_("list (CSV or XLSX)"),
        help_text=_(
            "Columns query_id, given_name, family_name, optionally date_of_birth "
            "(YYYY-MM-DD) and nationality. At most 10 MB."
        ),
    )
    top = forms.IntegerField(label=_("candidates per row"), min_value=1, max_value=20, initial=3)

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class MergeForm(forms.Form):
    """Which record survives, and per differing field whose value (a: the first record,
    b: the second). ``seen`` is the state of both records when the page was rendered."""

    SIDES = [("a", _("first record")), ("b", _("second record"))]

    survivor = forms.ChoiceField(label=_("Record that remains"), choices=SIDES)
    seen = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, fields: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.choice_fields = list(fields)
        for name in fields:
            self.fields[f"value_{name}"] = forms.ChoiceField(choices=self.SIDES)

    def chosen_sides(self) -> dict[str, str]:
        return {name: self.cleaned_data[f"value_{name}"] for name in self.choice_fields}
