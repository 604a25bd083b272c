"""Rooms and interpreters are reference data of the centre: administrators keep them here."""

from django.contrib import admin

from .models import Interpreter, Room


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "is_active"]
    list_filter = ["organisation", "is_active"]


@admin.register(Interpreter)
class InterpreterAdmin(admin.ModelAdmin):
    list_display = ["name", "languages", "contact", "is_active"]
    list_filter = ["organisation", "is_active"]
    search_fields = ["name"]
