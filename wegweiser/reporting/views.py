"""Read-only statistics pages and exports. For case work only; the figures cover the whole
centre and hold counts, never names."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wegweiser.core.audit import audit_event
from wegweiser.core.downloads import attachment, renderer_for
from wegweiser.core.forms import KernFormMixin
from wegweiser.core.models import AuditEntry
from wegweiser.core.permissions import require_case_work, require_role
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest
from wegweiser.letters.pdf import PdfUnavailable

from . import annual_exports, exports
from .annual import MANAGEMENT, annual_for_user, audit_report, report_years
from .annual_pdf import LANGUAGES, render_annual_pdf
from .esf import esf_for_user
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


# ---------------------------------------------------------------------------------------------
# The annual report and the funders' indicators: the management of the centre only


def _report_year(year: int) -> int:
    if year not in report_years(today=timezone.localdate()):
        raise Http404
    return year


@require_GET
@require_role(MANAGEMENT)
def reports_view(request: AuthedRequest) -> HttpResponse:
    """Where the management downloads the annual report and the exports."""
    years = report_years(today=timezone.localdate())
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else years[0]
    return render(
        request,
        "reporting/reports.html",
        {"years": years, "year": year, "report_languages": [("de", "Deutsch"), ("en", "English")]},
    )


@require_GET
@require_role(MANAGEMENT)
@rate_limit("export")
def annual_pdf_view(request: AuthedRequest, year: int, language: str) -> HttpResponse:
    if language not in LANGUAGES:
        raise Http404
    year = _report_year(year)
    figures = annual_for_user(user=request.user, year=year)
    esf = esf_for_user(user=request.user, year=year)
    today = timezone.localdate()
    try:
        content = render_annual_pdf(figures, esf, language=language, today=today)
    except PdfUnavailable:
        return render(request, "reporting/reports.html", {"pdf_unavailable": True}, status=503)
    audit_report(
        user=request.user,
        report="annual_report",
        year=year,
        fmt="pdf",
        language=language,
        purpose="annual_report_download",
    )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"annual-report-{year}-{language}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


FIGURE_EXPORTS: dict[str, Render] = {
    "csv": annual_exports.figures_csv,
    "xlsx": annual_exports.figures_xlsx,
}
INDICATOR_EXPORTS: dict[str, Render] = {
    "csv": annual_exports.indicators_csv,
    "xlsx": annual_exports.indicators_xlsx,
}


@require_GET
@require_role(MANAGEMENT)
@rate_limit("export")
def annual_export_view(request: AuthedRequest, year: int, fmt: str) -> HttpResponse:
    render_figures = renderer_for(FIGURE_EXPORTS, fmt)
    year = _report_year(year)
    figures = annual_for_user(user=request.user, year=year)
    audit_report(
        user=request.user,
        report="annual_report",
        year=year,
        fmt=fmt,
        language=translation.get_language() or "",
        purpose="annual_report_download",
    )
    today = timezone.localdate()
    return attachment(
        render_figures(figures, today=today), name=f"figures-{year}", fmt=fmt, on=today
    )


@require_GET
@require_role(MANAGEMENT)
@rate_limit("export")
def indicators_export_view(request: AuthedRequest, year: int, fmt: str) -> HttpResponse:
    render_indicators = renderer_for(INDICATOR_EXPORTS, fmt)
    year = _report_year(year)
    esf = esf_for_user(user=request.user, year=year)
    audit_report(
        user=request.user,
        report="esf_indicators",
        year=year,
        fmt=fmt,
        language=translation.get_language() or "",
        purpose="esf_indicators_download",
    )
    today = timezone.localdate()
    return attachment(
        render_indicators(esf, today=today), name=f"esf-indicators-{year}", fmt=fmt, on=today
    )
