"""Forms of the directory and of referrals; fields come from the models' WRITABLE."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import Municipality
from wegweiser.people.models import Consent

from .models import SHAREABLE, Partner, PartnerContact, PartnerKind, Purpose, Referral


def _language_choices() -> list[tuple[str, Any]]:
    return list(settings.SPOKEN_LANGUAGES)


class DirectoryFilterForm(KernFormMixin, forms.Form):
    q = forms.CharField(label=_("name or keyword"), required=False, max_length=100)
    need = forms.ChoiceField(label=_("need"), required=False)
    language = forms.ChoiceField(label=_("language"), required=False)
    municipality = forms.ModelChoiceField(
        label=_("municipality"), required=False, queryset=Municipality.objects.all()
    )
    kind = forms.ChoiceField(label=_("kind"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", _("all"))]
        cast(forms.ChoiceField, self.fields["need"]).choices = blank + list(Purpose.choices)
        cast(forms.ChoiceField, self.fields["language"]).choices = blank + _language_choices()
        cast(forms.ChoiceField, self.fields["kind"]).choices = blank + list(PartnerKind.choices)


class PartnerForm(KernFormMixin, forms.ModelForm):
    services = forms.MultipleChoiceField(
        label=_("services"), choices=Purpose.choices, required=False
    )
    languages = forms.MultipleChoiceField(label=_("languages spoken"), required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Partner
        fields = list(Partner.WRITABLE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["languages"]).choices = _language_choices()


class PartnerCreateForm(PartnerForm):
    name = forms.CharField(label=_("name"), max_length=200)

    field_order = ["name"]


class ContactForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = PartnerContact
        fields = list(PartnerContact.WRITABLE)


class ReferralForm(KernFormMixin, forms.ModelForm):
    shared_fields = forms.MultipleChoiceField(
        label=_("data shared"),
        choices=SHAREABLE,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Share only what the partner needs for this purpose."),
    )

    class Meta:
        model = Referral
        fields = list(Referral.WRITABLE)

    def __init__(
        self,
        *args: Any,
        partners: QuerySet[Partner],
        consents: QuerySet[Consent],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        partner = cast(forms.ModelChoiceField, self.fields["partner"])
        partner.queryset = partners
        consent = cast(forms.ModelChoiceField, self.fields["consent"])
        consent.queryset = consents
        consent.help_text = _(
            "The person's consent for this partner and purpose. Record it in the person's "
            "consents first if it is missing."
        )
        self.fields["shared_fields"].widget.attrs.pop("class", None)


class StepForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("next step"))
    on = forms.DateField(label=_("date"), required=False)
    reason = forms.CharField(label=_("reason for declining"), required=False, max_length=500)
    feedback = forms.CharField(
        label=_("feedback"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, steps: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["status"]).choices = steps
