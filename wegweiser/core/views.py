from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wegweiser.accounts.models import User
from wegweiser.core.types import AuthedRequest

from . import exports
from .audit import audit_event
from .audit_labels import entry_row, object_type_label
from .forms import KernFormMixin
from .models import AuditEntry
from .permissions import require_role
from .ratelimit import rate_limit
from .refusals import UNUSUAL_REFUSALS, unusual_refusals
from .selectors import (
    AuditFilters,
    audit_export_entries,
    audit_object_types,
    audit_page,
    own_account_changes,
)


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
    if user.is_management:
        return redirect("reporting:dashboard")
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
        types: list[tuple[str, Any]] = [(t, object_type_label(t)) for t in audit_object_types()]
        cast(forms.ChoiceField, self.fields["object_type"]).choices = blank + sorted(
            types, key=lambda choice: str(choice[1])
        )


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
            "rows": [entry_row(entry) for entry in page],
            "query": query.urlencode(),
            "refusals": unusual_refusals(),
            "refusal_threshold": UNUSUAL_REFUSALS,
            "own_account_changes": own_account_changes()[:20],
        },
    )


AUDIT_EXPORTS: dict[str, tuple[str, Callable[..., bytes]]] = {
    "csv": ("text/csv; charset=utf-8", exports.audit_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.audit_xlsx,
    ),
}


@require_GET
@require_role(User.Role.AUDITOR)
@rate_limit("export")
def audit_export_view(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The audit log as CSV or XLSX, filtered like the page (period, user, …); the export
    is itself an audit entry."""
    if fmt not in AUDIT_EXPORTS:
        raise Http404
    form = AuditFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "core/audit.html",
            {"form": form, "page": audit_page(filters=AuditFilters(), page=1), "rows": []},
            status=422,
        )
    data = {k: v for k, v in (form.cleaned_data if form.is_bound else {}).items() if v}
    filters = AuditFilters(**data)
    entries = audit_export_entries(filters=filters)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="core.auditentry",
        fields=[fmt, *(f"{k}={v}" for k, v in sorted(data.items()))],
        purpose="audit_export",
    )
    now = timezone.localtime()
    notes = [
        gettext("Audit log of Wegweiser, exported %(when)s by %(user)s")
        % {"when": now.strftime("%Y-%m-%d %H:%M"), "user": request.user.get_username()},
        "; ".join(f"{form.fields[k].label}: {v}" for k, v in data.items())
        or gettext("all entries"),
    ]
    content_type, render_export = AUDIT_EXPORTS[fmt]
    response = HttpResponse(render_export(entries, notes), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="audit-{now:%Y-%m-%d}.{fmt}"'
    return response
