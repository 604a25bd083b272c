from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("topic/<slug:topic>/", views.topic_view, name="topic"),
    path("supply-demand/", views.supply_demand_view, name="supply_demand"),
    path("placements/", views.placements_view, name="placements"),
    path("supply-demand.<str:fmt>", views.supply_demand_export_view, name="supply_demand_export"),
    path("annual/", views.reports_view, name="reports"),
    path("annual/report-<int:year>-<str:language>.pdf", views.annual_pdf_view, name="annual_pdf"),
    path("annual/figures-<int:year>.<str:fmt>", views.annual_export_view, name="annual_export"),
    path(
        "annual/esf-indicators-<int:year>.<str:fmt>",
        views.indicators_export_view,
        name="indicators_export",
    ),
]
