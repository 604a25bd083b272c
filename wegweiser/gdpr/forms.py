from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin


class LegalHoldForm(KernFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reason for the hold"),
        max_length=200,
        help_text=_("For example a court case or an authority's request, with its reference."),
    )


class ErasureForm(KernFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("The person asked for erasure and no legal duty requires keeping the file."),
        required=True,
        error_messages={"required": _("Confirm that the file may be erased.")},
    )
