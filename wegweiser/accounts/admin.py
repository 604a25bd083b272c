"""Administrators manage users, teams, organisations and reference data here, nothing else."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from wegweiser.core.models import Municipality

from .mfa import mfa_reset
from .models import Organisation, Team, User


def _administrators_only(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_active and getattr(user, "role", "") == User.Role.ADMINISTRATOR)


admin.site.has_permission = _administrators_only  # type: ignore[method-assign]
admin.site.site_header = _("Wegweiser administration")
admin.site.site_title = "Wegweiser"


class AdministratorOnlyMixin:
    def has_module_permission(self, request: HttpRequest) -> bool:
        return _administrators_only(request)

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _administrators_only(request)

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _administrators_only(request)

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return _administrators_only(request)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deactivate instead: audit entries keep pointing at the account


@admin.register(User)
class UserAdmin(AdministratorOnlyMixin, BaseUserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "teams", "is_active")
    fieldsets = (
        *(BaseUserAdmin.fieldsets or ()),
        (_("Role and teams"), {"fields": ("organisation", "role", "teams")}),
    )
    filter_horizontal = ("teams", "groups", "user_permissions")
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (lost phone): enrol again at next login"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            mfa_reset(actor=request.user, user=user)  # type: ignore[arg-type]
        self.message_user(
            request,
            _("Users whose second factor was reset: %(count)s") % {"count": queryset.count()},
        )


class ReferenceAdmin(AdministratorOnlyMixin, admin.ModelAdmin):
    pass


admin.site.register(Organisation, ReferenceAdmin)
admin.site.register(Team, ReferenceAdmin)
admin.site.register(Municipality, ReferenceAdmin)


def _unregister_allauth_admins() -> None:
    """Second factors change only through the audited reset above; allauth's e-mail addresses
    and session lists are not used here."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.usersessions.models import UserSession

    for model in (Authenticator, EmailAddress, UserSession):
        if admin.site.is_registered(model):
            admin.site.unregister(model)


_unregister_allauth_admins()
