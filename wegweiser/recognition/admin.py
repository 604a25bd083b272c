"""Administrators maintain the table of competent authorities."""

from __future__ import annotations

from django.contrib import admin

from wegweiser.accounts.admin import AdministratorOnlyMixin

from .models import CompetentAuthority


@admin.register(CompetentAuthority)
class CompetentAuthorityAdmin(AdministratorOnlyMixin, admin.ModelAdmin):
    list_display = ("name", "state", "email", "phone", "is_active")
    list_filter = ("state", "is_active")
    search_fields = ("name", "responsible_for")
