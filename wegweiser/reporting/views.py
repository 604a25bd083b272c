"""Read-only statistics pages and exports. For case work only; the figures cover the whole
centre and hold counts, never names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wegweiser.core.audit import audit_event
from wegweiser.core.downloads import attachment, renderer_for
from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest

from . import exports
from .selectors import (
    Grouping,
    SupplyDemand,
    SupplyDemandFilters,
    municipalities_for_choice,
    placement_outcomes,
    supply_demand,
)


class SupplyDemandFilterForm(KernFormMixin, forms.Form):
    grouping = forms.ChoiceField(
        label=_("group by"), choices=Grouping.CHOICES, required=False, initial=Grouping.OCCUPATION
    )
    municipality = forms.ModelChoiceField(
        label=_("municipality"), required=False, queryset=municipalities_for_choice()
    )
    only_open_vacancies = forms.BooleanField(
        label=_("only where there are open vacancies"), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        municipality = cast(forms.ModelChoiceField, self.fields["municipality"])
        municipality.queryset = municipalities_for_choice()
        municipality.empty_label = str(_("all"))

    def filters(self) -> SupplyDemandFilters:
        """The filters chosen; the defaults where the input is not valid."""
        if not self.is_valid():
            return SupplyDemandFilters()
        data = self.cleaned_data
        return SupplyDemandFilters(
            grouping=data["grouping"] or Grouping.OCCUPATION,
            municipality=data["municipality"].pk if data["municipality"] else None,
            only_open_vacancies=data["only_open_vacancies"],
        )

    def municipality_name(self) -> str:
        if self.is_valid() and self.cleaned_data["municipality"]:
            return str(self.cleaned_data["municipality"])
        return ""


@require_GET
@require_case_work
def supply_demand_view(request: AuthedRequest) -> HttpResponse:
    form = SupplyDemandFilterForm(request.GET or None)
    filters = form.filters()
    report = supply_demand(user=request.user, filters=filters)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.READ,
        object_type="reporting.supply_demand",
        fields=[filters.grouping],
        purpose="supply_demand_view",
    )
    return render(
        request,
        "reporting/supply_demand.html",
        {"form": form, "report": report, "query": request.GET.urlencode()},
    )


Render = Callable[..., bytes]
EXPORTS: dict[str, Render] = {"csv": exports.as_csv, "xlsx": exports.as_xlsx}


@require_GET
@require_case_work
@rate_limit("export")
def supply_demand_export_view(request: AuthedRequest, fmt: str) -> HttpResponse:
    render_report = renderer_for(EXPORTS, fmt)
    form = SupplyDemandFilterForm(request.GET or None)
    filters = form.filters()
    report: SupplyDemand = supply_demand(user=request.user, filters=filters)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.EXPORT,
        object_type="reporting.supply_demand",
        fields=[fmt, filters.grouping],
        purpose="supply_demand_export",
    )
    today = timezone.localdate()
    content = render_report(report, municipality=form.municipality_name(), today=today)
    return attachment(content, name="supply-demand", fmt=fmt, on=today)


@require_GET
@require_case_work
def placements_view(request: AuthedRequest) -> HttpResponse:
    """Placements by year of start and how many lasted 6 and 12 months (whole centre)."""
    years = placement_outcomes(user=request.user)
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.READ,
        object_type="reporting.placements",
        purpose="placements_view",
    )
    return render(request, "reporting/placements.html", {"years": years})
