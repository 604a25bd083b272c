from __future__ import annotations

from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wegweiser.accounts.models import Team, User
from wegweiser.core.forms import KernFormMixin
from wegweiser.recognition.forms import OccupationField

from .models import Case, GoalOutcome, Note, Orientation, Plan, PlanGoal, PlanStep


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
        fields = list(Case.WRITABLE)

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
        fields = list(Orientation.WRITABLE)
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
        fields = list(Note.WRITABLE)
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


class PlanForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["integration_goal"]
        widgets = {"integration_goal": forms.Textarea(attrs={"rows": 3, "dir": "auto"})}


class PlanGoalForm(KernFormMixin, forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["area", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2, "dir": "auto"})}


class PlanStepForm(KernFormMixin, forms.Form):
    goal = forms.ModelChoiceField(label=_("goal"), queryset=PlanGoal.objects.none())
    description = forms.CharField(label=_("step"), max_length=500)
    who = forms.ChoiceField(label=_("who"), choices=PlanStep.Who.choices)
    partner_name = forms.CharField(label=_("partner"), max_length=200, required=False)
    due_on = forms.DateField(label=_("due on"))
    link = forms.ChoiceField(
        label=_("linked record"),
        required=False,
        help_text=_("Optional: the course, recognition procedure, proposal or next step."),
    )

    def __init__(
        self, *args: Any, plan: Plan, link_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["goal"]).queryset = plan.goals.all()
        cast(forms.ChoiceField, self.fields["link"]).choices = [("", "-"), *link_choices]
        self.fields["description"].widget.attrs["dir"] = "auto"


class PlanStepStatusForm(KernFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=PlanStep.Status.choices)
    reason = forms.CharField(label=_("reason"), max_length=500, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == PlanStep.Status.DROPPED and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the step was dropped."))
        return data


class PlanAgreeForm(KernFormMixin, forms.Form):
    agreed_on = forms.DateField(label=_("agreed on"))
    person_present = forms.BooleanField(
        label=_("the person was present"), required=False, initial=True
    )
    interpreter_language = forms.ChoiceField(
        label=_("interpreter language"),
        choices=[("", _("no interpreter")), *settings.SPOKEN_LANGUAGES],
        required=False,
    )
    review_due_on = forms.DateField(label=_("review due on"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Filled in per form, in the language of the request (not once at import).
        self.fields["review_due_on"].help_text = _(
            "Empty: %(months)s months after the agreement, the latest allowed date."
        ) % {"months": settings.WEGWEISER_PLAN_REVIEW_MONTHS}


class PlanDisagreementForm(KernFormMixin, forms.Form):
    disagreement_reason = forms.CharField(
        label=_("the person does not agree, because"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )


class PlanReviewForm(KernFormMixin, forms.Form):
    reviewed_on = forms.DateField(label=_("reviewed on"))
    comment = forms.CharField(
        label=_("comment"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "auto"}),
    )
    next_review_on = forms.DateField(label=_("next review on"), required=False)
    new_version = forms.BooleanField(
        label=_("change the plan now (start a new version)"), required=False
    )

    def __init__(self, *args: Any, goals: list[PlanGoal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["next_review_on"].help_text = _(
            "Empty: %(months)s months after this review."
        ) % {"months": settings.WEGWEISER_PLAN_REVIEW_MONTHS}
        self.goals = goals
        outcome_fields: dict[str, forms.Field] = {}
        for goal in goals:
            outcome_fields[f"outcome_{goal.pk}"] = forms.ChoiceField(
                label=_("outcome"), choices=[("", "-"), *GoalOutcome.Outcome.choices]
            )
            outcome_fields[f"comment_{goal.pk}"] = forms.CharField(
                label=_("comment"), max_length=1000, required=False
            )
        # Outcomes first, in the order of the goals, then the review as a whole.
        self.fields = {**outcome_fields, **self.fields}
        for name in outcome_fields:
            widget = self.fields[name].widget
            css = (
                "kern-form-input__select"
                if name.startswith("outcome")
                else "kern-form-input__input"
            )
            widget.attrs["class"] = css
            widget.attrs.setdefault("aria-describedby", f"id_{name}_error id_{name}_hint")

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            goal.pk: (data[f"outcome_{goal.pk}"], data.get(f"comment_{goal.pk}", ""))
            for goal in self.goals
        }

    def outcome_rows(self) -> list[tuple[PlanGoal, Any, Any]]:
        return [(g, self[f"outcome_{g.pk}"], self[f"comment_{g.pk}"]) for g in self.goals]
