"""Read-only statistics pages and exports. For case work only; the figures cover the whole
centre and hold counts, never names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, cast

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
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

from . import annual_exports, charts, exports
from .annual import MANAGEMENT, annual_for_user, audit_report, report_years
from .annual_pdf import LANGUAGES, render_annual_pdf
from .esf import esf_for_user
from .figures import FIGURES, TOPICS, Breakdown, NoReports, Scope, network_referrals, scope_for_user
from .periods import Period, parse_period, years_until
from .published import (
    CURVE_MONTHS,
    hidden_note,
    key_figures,
    published_caseload,
    published_figure,
    published_time_to_job,
    published_trend,
)
from .selectors import (
    Grouping,
    SupplyDemand,
    SupplyDemandFilters,
    municipalities_for_choice,
    placement_outcomes,
    supply_demand,
)
from .snapshots import Snapshots


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
# The management dashboard and the pages per topic


class PeriodForm(KernFormMixin, forms.Form):
    period = forms.ChoiceField(label=_("period"), required=False)
    breakdown = forms.ChoiceField(
        label=_("broken down by"), choices=Breakdown.CHOICES, required=False
    )

    def __init__(self, *args: Any, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        cast(forms.ChoiceField, self.fields["period"]).choices = period_choices(today)

    def chosen(self) -> tuple[Period, str]:
        """The period and breakdown chosen; last year and no breakdown where not valid."""
        default = Period.year(self.today.year - 1)
        if not self.is_valid():
            return default, Breakdown.NONE
        try:
            period = parse_period(self.cleaned_data["period"], today=self.today)
        except ValueError:
            period = default
        return period, self.cleaned_data["breakdown"] or Breakdown.NONE


def period_choices(today: dt.date) -> list[tuple[str, str]]:
    years = [(p.code, p.code) for p in reversed(years_until(today))]
    quarters = []
    for year in (today.year, today.year - 1):
        for quarter in (4, 3, 2, 1):
            period = Period.quarter(year, quarter)
            if period.start <= today:
                quarters.append((period.code, period.code))
    months = []
    day = today.replace(day=1)
    for _i in range(12):
        months.append((Period.month(day.year, day.month).code, day.strftime("%Y-%m")))
        day = (day - dt.timedelta(days=1)).replace(day=1)
    return [
        (str(Period.year(today.year - 1).code), str(Period.year(today.year - 1).code)),
        ("all", str(_("since the founding"))),
        *[c for c in years if c[0] != str(today.year - 1)],
        *quarters,
        *months,
    ]


def _report_scope(request: AuthedRequest) -> Scope:
    try:
        return scope_for_user(request.user)
    except NoReports:
        raise PermissionDenied from None


def _audit_report(
    request: AuthedRequest, what: str, period: Period, breakdown: str, topic: str = ""
) -> None:
    """A report read: which page, period, breakdown and topic (no person is on it)."""
    audit_event(
        actor=request.user,
        action=AuditEntry.Action.READ,
        object_type=f"reporting.{what}",
        fields=[field for field in (period.code, breakdown, topic) if field],
        purpose=f"report_{what}",
    )


def _rtl() -> bool:
    return translation.get_language_bidi()


@require_GET
def dashboard_view(request: AuthedRequest) -> HttpResponse:
    """Key figures of the chosen period against the one before, for the user's scope."""
    scope = _report_scope(request)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period, _breakdown = form.chosen()
    snapshots = Snapshots(scope)
    figures = key_figures(period, scope=scope, snapshots=snapshots)
    placements = published_trend("placements", scope=scope, until=today, snapshots=snapshots)
    chart = charts.bar_chart(
        [charts.Bar(str(year.year), year.total) for year in placements],
        title=str(_("Placements per year")),
        rtl=_rtl(),
    )
    _audit_report(request, "dashboard", period, Breakdown.NONE)
    return render(
        request,
        "reporting/dashboard.html",
        {
            "form": form,
            "period": period,
            "previous": period.previous(),
            "figures": figures,
            "placements": placements,
            "placements_chart": mark_safe(chart),  # noqa: S308 - built from escaped text
            "whole_centre": scope.team_ids is None,
            "topics": TOPICS,
            "hidden_note": hidden_note(),
            "query": request.GET.urlencode(),
            "as_of": snapshots.as_of,
        },
    )


@require_GET
def topic_view(request: AuthedRequest, topic: str) -> HttpResponse:
    """Every figure of one topic for the period, by the breakdown chosen, with charts."""
    if topic not in dict(TOPICS):
        raise Http404
    scope = _report_scope(request)
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period, breakdown = form.chosen()
    rtl = _rtl()
    sections = []
    for definition in FIGURES.values():
        if definition.topic != topic:
            continue
        published = published_figure(definition.name, period, breakdown, scope=scope)
        years = (
            published_trend(definition.name, scope=scope, until=today)
            if definition.trend_ready
            else []
        )
        chart = (
            charts.bar_chart(
                [charts.Bar(str(year.year), year.total) for year in years],
                title=str(definition.title),
                rtl=rtl,
            )
            if years
            else ""
        )
        sections.append(
            {
                "figure": published,
                "years": years,
                "chart": mark_safe(chart),  # noqa: S308 - built from escaped text
            }
        )
    context: dict[str, Any] = {
        "form": form,
        "topic": topic,
        "topic_label": dict(TOPICS)[topic],
        "topics": TOPICS,
        "period": period,
        "sections": sections,
        "hidden_note": hidden_note(),
        "query": request.GET.urlencode(),
    }
    if topic == "people":
        context["caseload"] = published_caseload(period, scope=scope)
    if topic == "work":
        curves, left_out = published_time_to_job(period, breakdown, scope=scope, today=today)
        context["curves"] = curves
        context["curves_left_out"] = left_out
        context["curve_months"] = CURVE_MONTHS
        context["curve_chart"] = mark_safe(  # noqa: S308 - built from escaped text
            charts.step_chart(
                [charts.Curve(curve.label, curve.points) for curve in curves],
                title=str(_("Share of persons in work by months since intake")),
                x_max=36,
                x_ticks=[(m, str(m)) for m in (0, 6, 12, 18, 24, 30, 36)],
                rtl=rtl,
            )
        )
    if topic == "network":
        context["network_pending"] = network_referrals(period, breakdown, scope=scope) is None
    _audit_report(request, "topic", period, breakdown, topic)
    return render(request, "reporting/topic.html", context)


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
    today = timezone.localdate()
    years = report_years(today=today)
    chosen = request.GET.get("year", "")
    # An annual report is for a year that has ended; the running year is there to look ahead.
    last_complete = today.year - 1 if today.year - 1 in years else years[0]
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else last_complete
    return render(
        request,
        "reporting/reports.html",
        {
            "years": years,
            "year": year,
            "current_year": today.year,
            "report_languages": [("de", "Deutsch"), ("en", "English")],
        },
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
