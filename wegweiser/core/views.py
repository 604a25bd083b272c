from __future__ import annotations

from typing import Any, cast

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wegweiser.accounts.models import User
from wegweiser.core.types import AuthedRequest

from .forms import KernFormMixin
from .models import AuditEntry
from .permissions import require_role
from .refusals import UNUSUAL_REFUSALS, unusual_refusals
from .selectors import AuditFilters, audit_object_types, audit_page, own_account_changes


def csrf_failure_view(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a translated page in the site's layout instead of Django's bare
    English one. The reason stays in the log, not on the page."""
    return render(request, "403_csrf.html", status=403)


@require_GET
def home_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.works_cases and user.teams.exists():
        return redirect("cases:my")
    if user.is_auditor:
        return redirect("core:audit")
    if user.role == User.Role.COURSE_PROVIDER:
        return redirect("courses:catalogue")
    if user.role == User.Role.EMPLOYER:
        return redirect("jobs:proposals")
    if user.is_administrator:
        return redirect("admin:index")
    return render(request, "core/no_team.html")


class AuditFilterForm(KernFormMixin, forms.Form):
    actor = forms.CharField(label=_("user name"), required=False, max_length=150)
    action = forms.ChoiceField(label=_("action"), required=False)
    object_type = forms.ChoiceField(label=_("record type"), required=False)
    person_id = forms.IntegerField(label=_("person number"), required=False, min_value=1)
    date_from = forms.DateField(label=_("from"), required=False)
    date_until = forms.DateField(label=_("until"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank = [("", _("all"))]
        cast(forms.ChoiceField, self.fields["action"]).choices = blank + list(
            AuditEntry.Action.choices
        )
        cast(forms.ChoiceField, self.fields["object_type"]).choices = blank + [
            (t, t) for t in audit_object_types()
        ]


@require_GET
@require_role(User.Role.AUDITOR)
def audit_view(request: AuthedRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = AuditFilters()
    if form.is_valid():
        filters = AuditFilters(
            **{k: v for k, v in form.cleaned_data.items() if v not in ("", None)}
        )
    page = audit_page(filters=filters, page=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "core/audit.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "refusals": unusual_refusals(),
            "refusal_threshold": UNUSUAL_REFUSALS,
            "own_account_changes": own_account_changes()[:20],
        },
    )
