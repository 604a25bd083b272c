from django.urls import path

from . import views

app_name = "reporting"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("topic/<slug:topic>/", views.topic_view, name="topic"),
    path("supply-demand/", views.supply_demand_view, name="supply_demand"),
    path("placements/", views.placements_view, name="placements"),
    path("supply-demand.<str:fmt>", views.supply_demand_export_view, name="supply_demand_export"),
]
