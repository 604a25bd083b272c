from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Team, User
from wegweiser.core.forms import KernFormMixin
from wegweiser.recognition.forms import OccupationField

from .models import Case, Note, Orientation


class CaseOpenForm(KernFormMixin, forms.Form):
    team = forms.ModelChoiceField(label=_("team"), queryset=Team.objects.none())
    caseworker = forms.ModelChoiceField(
        label=_("caseworker"), queryset=User.objects.none(), required=False
    )
    legal_domain = forms.ChoiceField(label=_("legal domain"), choices=Case.LegalDomain.choices)

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        teams = user.teams.all()
        cast(forms.ModelChoiceField, self.fields["team"]).queryset = teams
        cast(forms.ModelChoiceField, self.fields["caseworker"]).queryset = (
            User.objects.filter(teams__in=teams, is_active=True)
            .exclude(role=User.Role.AUDITOR)
            .distinct()
        )
        if user.role == User.Role.CASEWORKER:
            self.initial.setdefault("caseworker", user.pk)
        if teams.count() == 1:
            self.initial.setdefault("team", teams.first())


class CaseEditForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Case
        fields = ["legal_domain", "caseworker"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["caseworker"]).queryset = User.objects.filter(
            teams=self.instance.team_id, is_active=True
        ).exclude(role=User.Role.AUDITOR)


class CaseStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("new status"), choices=Case.Status.choices)
    closing_reason = forms.ChoiceField(
        label=_("closing reason"),
        choices=[("", "-"), *Case.ClosingReason.choices],
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == Case.Status.CLOSED and not data.get("closing_reason"):
            self.add_error("closing_reason", _("A closed case needs a closing reason."))
        return data


class OrientationForm(KernFormMixin, forms.ModelForm):
    occupation = OccupationField(
        label=_("occupation learnt or practised (coded)"),
        help_text=_("Type a job title in any language and choose an occupation; matching uses it."),
    )

    class Meta:
        model = Orientation
        fields = [
            "family_situation",
            "childcare_needed",
            "childcare_notes",
            "health_limitations",
            "schooling_years",
            "school_certificate",
            "vocational_training",
            "higher_education",
            "work_experience",
            "occupation",
            "german_level",
            "german_source",
            "german_exam",
            "other_languages",
            "driving_licence",
            "goals",
            "obstacles",
            "assessed_on",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in (
                "family_situation",
                "health_limitations",
                "vocational_training",
                "higher_education",
                "work_experience",
                "goals",
                "obstacles",
            )
        }

    def __init__(self, *args: Any, show_health: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not show_health:
            del self.fields["health_limitations"]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["dir"] = "auto"


class NoteForm(KernFormMixin, forms.ModelForm):
    step_description = forms.CharField(label=_("next step"), max_length=300, required=False)
    step_due_on = forms.DateField(label=_("due on"), required=False)
    step_owner = forms.ModelChoiceField(
        label=_("owner"), queryset=User.objects.none(), required=False
    )

    class Meta:
        model = Note
        fields = ["date", "channel", "interpreter", "interpreter_language", "topics", "summary"]
        widgets = {"summary": forms.Textarea(attrs={"rows": 4, "dir": "auto"})}

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["step_owner"]).queryset = User.objects.filter(
            teams=case.team_id, is_active=True
        ).exclude(role=User.Role.AUDITOR)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("step_description") and not data.get("step_due_on"):
            self.add_error("step_due_on", _("A next step needs a due date."))
        return data
