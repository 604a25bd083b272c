from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from wegweiser.core.forms import KernFormMixin

from .models import User
from .notices import notify_password_reset

RESET_MAILS_PER_HOUR = 3  # per account: a reset form cannot be used to flood someone's inbox


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class PasswordForm(KernFormMixin, PasswordChangeForm):
    pass


class ResetRequestForm(KernFormMixin, PasswordResetForm):
    """Sends the reset link to an active account with this address; the page that follows says
    the same whether or not there is one."""

    def get_users(self, email: str) -> Iterator[Any]:
        for user in super().get_users(email):
            key = f"password-reset-mails:{user.pk}"
            cache.add(key, 0, timeout=3600)
            if cache.incr(key) <= RESET_MAILS_PER_HOUR:
                yield user


class ResetPasswordForm(KernFormMixin, SetPasswordForm):
    """The new password after a reset link; the user is told by e-mail that it changed."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        notify_password_reset(user)
        return user


class UnlockRequestForm(KernFormMixin, forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)

    def user(self) -> User | None:
        return (
            User.objects.filter(username=self.cleaned_data["username"], is_active=True)
            .exclude(email="")
            .first()
        )


class TotpEnrolForm(KernFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class SecondFactorForm(KernFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code from the app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
        error_messages={"required": _("Enter the code.")},
    )


class PasskeyAddForm(KernFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the passkey"), max_length=60, initial="Passkey")
    credential = forms.CharField(widget=forms.HiddenInput)
