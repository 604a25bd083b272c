from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin

from .models import CompetentAuthority, Qualification, RecognitionProcedure


class QualificationForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Qualification
        fields = [
            "kind",
            "country",
            "title_original",
            "title_german",
            "institution",
            "year_from",
            "year_to",
            "isced_level",
            "dqr_level",
            "has_original",
            "has_certified_translation",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title_original"].widget.attrs["dir"] = "auto"


class ProcedureForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = RecognitionProcedure
        fields = [
            "qualification",
            "reference_title",
            "regulated",
            "authority",
            "file_reference",
            "counselling_on",
            "documents_complete_on",
            "application_submitted_on",
            "documents_requested_on",
            "documents_supplied_on",
            "extended_until",
            "decision_on",
            "outcome",
            "measure",
            "measure_starts_on",
            "measure_ends_on",
            "completed_on",
            "fee_amount",
            "fee_payer",
        ]

    def __init__(
        self,
        *args: Any,
        qualifications: QuerySet[Qualification],
        authorities: QuerySet[CompetentAuthority],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["qualification"]).queryset = qualifications
        cast(forms.ModelChoiceField, self.fields["authority"]).queryset = authorities
        if self.instance.pk and self.instance.extended_until:
            self.fields["extended_until"].disabled = True
            self.fields["extended_until"].help_text = _(
                "The decision period can be extended only once."
            )
