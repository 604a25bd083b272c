from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin
from wegweiser.occupations.models import Occupation

from .models import CompetentAuthority, Qualification, RecognitionProcedure
from .selectors import authorities_for_occupation


class OccupationAutocomplete(forms.Widget):
    """A search box that asks the occupation coder (htmx) and offers the matches as radio
    buttons of the same name; the current choice stays selected until another is picked."""

    template_name = "recognition/widgets/occupation_autocomplete.html"

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        selected = None
        if value not in (None, ""):
            selected = Occupation.objects.filter(pk=value).first()
        context["widget"].update(
            selected=selected, search_url=reverse("recognition:occupation_search")
        )
        return context


class OccupationField(forms.ModelChoiceField):
    widget = OccupationAutocomplete

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Occupation.objects.all())
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "help_text", _("Type a job title in any language and choose an occupation.")
        )
        super().__init__(**kwargs)


class QualificationForm(KernFormMixin, forms.ModelForm):
    occupation = OccupationField(label=_("occupation"))

    class Meta:
        model = Qualification
        fields = list(Qualification.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_original"].widget.attrs["dir"] = "auto"


def _authority_label(authority: CompetentAuthority) -> str:
    if authority.note:
        return str(_("%(name)s (please check)") % {"name": authority.name})
    return authority.name


REGULATED_CHOICES = [
    ("", _("as the reference occupation (EU database)")),
    ("1", _("yes")),
    ("0", _("no")),
]


class ProcedureForm(KernFormMixin, forms.ModelForm):
    reference_occupation = OccupationField(label=_("German reference occupation"))
    regulated = forms.TypedChoiceField(
        label=_("regulated profession"),
        choices=REGULATED_CHOICES,
        coerce=lambda value: value == "1",
        empty_value=None,
        required=False,
        help_text=_("Recognition is required to work in a regulated profession."),
    )

    class Meta:
        model = RecognitionProcedure
        fields = list(RecognitionProcedure.WRITABLE)

    def __init__(
        self,
        *args: Any,
        qualifications: QuerySet[Qualification],
        authorities: QuerySet[CompetentAuthority],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["qualification"]).queryset = qualifications
        authority = cast(forms.ModelChoiceField, self.fields["authority"])
        authority.queryset = authorities
        occupation = self._occupation_for_authorities(qualifications)
        suitable, others = authorities_for_occupation(occupation)
        if suitable and occupation is not None:
            authority.choices = [
                ("", "---------"),
                (
                    _("Responsible for %(occupation)s")
                    % {"occupation": occupation.preferred_label_de or occupation},
                    [(a.pk, _authority_label(a)) for a in suitable],
                ),
                (_("Other authorities"), [(a.pk, _authority_label(a)) for a in others]),
            ]
        else:
            authority.choices = [("", "---------")] + [(a.pk, _authority_label(a)) for a in others]
        authority.help_text = _(
            "The authorities responsible for the reference occupation (or the qualification's "
            "occupation) come first."
        )
        if self.instance.pk:
            self.initial["regulated"] = "1" if self.instance.regulated else "0"
            if self.instance.extended_until:
                self.fields["extended_until"].disabled = True
                self.fields["extended_until"].help_text = _(
                    "The decision period can be extended only once."
                )

    def _occupation_for_authorities(
        self, qualifications: QuerySet[Qualification]
    ) -> Occupation | None:
        """The reference occupation as submitted or saved, else a qualification's."""
        submitted = self.data.get(self.add_prefix("reference_occupation"), "")
        if str(submitted).isdigit():
            found = Occupation.objects.filter(pk=int(submitted)).first()
            if found is not None:
                return found
        if self.instance.reference_occupation_id:
            return self.instance.reference_occupation
        qualification = (
            self.instance.qualification
            if self.instance.qualification_id
            else qualifications.filter(occupation__isnull=False).first()
        )
        return qualification.occupation if qualification is not None else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("regulated") is None:
            occupation = data.get("reference_occupation")
            data["regulated"] = bool(occupation and occupation.regulated)
        return data
