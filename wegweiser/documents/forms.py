from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin
from wegweiser.people.models import Person

from .file_checks import MAX_BYTES
from .models import Document


class DocumentForm(KernFormMixin, forms.ModelForm):
    """Upload of one document; the file is checked by its content in the service."""

    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPEG, PNG, WebP or HEIC (phone photo), up to 20 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,image/*,application/pdf"}
        ),
    )

    class Meta:
        model = Document
        fields = list(Document.WRITABLE)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["class"] = "kern-form-input__input"
        self.fields["title"].widget.attrs["dir"] = "auto"
        for name, queryset in (
            ("qualification", person.qualifications.all()),
            ("procedure", person.recognition_procedures.all()),
            ("consent", person.consents.all()),
        ):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = queryset

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 20 MB. Scan it with a lower resolution or split it.")
            )
        return upload

    def _post_clean(self) -> None:
        """The model is checked by the service, which knows the person and the file."""
