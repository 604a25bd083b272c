from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import Municipality
from wegweiser.recognition.forms import OccupationField

from .models import (
    Employer,
    EmployerContact,
    EmployerSite,
    Experience,
    FollowUp,
    JobProposal,
    Placement,
    Vacancy,
)


class EmployerForm(KernFormMixin, forms.ModelForm):
    name = forms.CharField(label=_("name"), max_length=200)

    class Meta:
        model = Employer
        fields = list(Employer.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["name", *self.Meta.fields])
        if self.instance.pk:
            self.initial["name"] = self.instance.organisation.name
            self.fields["name"].disabled = True


class SiteForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = EmployerSite
        fields = list(EmployerSite.WRITABLE)


class ContactForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = EmployerContact
        fields = list(EmployerContact.WRITABLE)


class VacancyForm(KernFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("occupation (ESCO)"), required=True)

    class Meta:
        model = Vacancy
        fields = [
            "employer",
            "title",
            "occupation",
            "site",
            "municipality",
            "german_level",
            "hours",
            "starts_on",
            "duration",
            "recognition_required",
            "driving_licence_required",
            "wage_band",
            "positions",
            "description",
        ]

    def __init__(
        self,
        *args: Any,
        employers: QuerySet[Employer] | None,
        sites: QuerySet[EmployerSite],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if employers is None:  # an employer's staff write for their own organisation
            del self.fields["employer"]
        else:
            cast(forms.ModelChoiceField, self.fields["employer"]).queryset = employers
        self.fields["site"] = SiteChoiceField(
            queryset=sites.select_related("employer__organisation", "municipality"),
            required=False,
            label=self.fields["site"].label,
        )
        cast(
            forms.ModelChoiceField, self.fields["municipality"]
        ).queryset = Municipality.objects.all()


class VacancyFilterForm(KernFormMixin, forms.Form):
    text = forms.CharField(label=_("title or occupation"), required=False, max_length=100)
    employer = forms.ModelChoiceField(
        label=_("employer"), required=False, queryset=Employer.objects.none()
    )
    status = forms.ChoiceField(
        label=_("status"), required=False, choices=[("", _("all")), *Vacancy.Status.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("place of work"), required=False, queryset=Municipality.objects.all()
    )

    def __init__(self, *args: Any, employers: QuerySet[Employer] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if employers is None:  # an employer's staff see their own vacancies only
            del self.fields["employer"]
        else:
            cast(forms.ModelChoiceField, self.fields["employer"]).queryset = employers


class VacancyStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Vacancy.Status.choices)


class ExperienceForm(KernFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("occupation (ESCO)"), required=True)

    class Meta:
        model = Experience
        fields = ["kind", "title", "occupation", "years", "country"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["dir"] = "auto"


class ProposalForm(KernFormMixin, forms.Form):
    message = forms.CharField(
        label=_("message to the employer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposalStepForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("next step"))
    on = forms.DateField(label=_("date"))
    reason = forms.ChoiceField(
        label=_("reason (if not hired)"),
        required=False,
        choices=[("", "-"), *JobProposal.NotHiredReason.choices],
    )
    note = forms.CharField(label=_("note"), required=False, max_length=1000)

    def __init__(self, *args: Any, steps: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = steps


class PlacementForm(KernFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("occupation (ESCO)"), required=True)

    class Meta:
        model = Placement
        fields = [
            "employer",
            "vacancy",
            "occupation",
            "starts_on",
            "contract",
            "hours",
            "wage_band",
            "funding",
        ]

    def __init__(
        self,
        *args: Any,
        employers: QuerySet[Employer],
        vacancies: QuerySet[Vacancy],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["employer"]).queryset = employers
        cast(forms.ModelChoiceField, self.fields["vacancy"]).queryset = vacancies
        self.fields["vacancy"].help_text = _(
            "Offered when the placement is recorded from a proposal, or for the employer "
            "chosen: its open and filled vacancies."
        )


class SiteChoiceField(forms.ModelChoiceField):
    """Sites named with their employer: several employers may have a site called "Lager"."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.employer} · {obj}"


class FollowUpForm(KernFormMixin, forms.Form):
    contacted_on = forms.DateField(label=_("contacted on"))
    still_employed = forms.TypedChoiceField(
        label=_("still employed"),
        choices=[("1", _("yes")), ("0", _("no"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    employer_now = forms.CharField(
        label=_("employed with (if another employer)"), required=False, max_length=200
    )
    problems = forms.MultipleChoiceField(
        label=_("problems"),
        required=False,
        choices=FollowUp.Problem.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # as every upload (docs/security.md)


class ImportForm(KernFormMixin, forms.Form):
    file = forms.FileField(
        label=_("file (CSV or XLSX)"),
        help_text=_("One vacancy per row; the first row names the columns."),
    )
    employer = forms.ModelChoiceField(
        label=_("employer"),
        required=False,
        queryset=Employer.objects.none(),
        help_text=_("Leave empty when the file names the employer in each row."),
    )

    def __init__(self, *args: Any, employers: QuerySet[Employer] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"
        if employers is None:
            del self.fields["employer"]
        else:
            cast(forms.ModelChoiceField, self.fields["employer"]).queryset = employers

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload
