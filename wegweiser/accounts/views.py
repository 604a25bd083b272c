"""Account pages beyond Django's login: password reset by e-mail and unlocking a lockout."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.core.ratelimit import rate_limit

from .forms import ResetPasswordForm, ResetRequestForm, UnlockRequestForm
from .lockout import unlock_token, unlock_with_token
from .notices import send_unlock_link


class ResetRequestView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    form_class = ResetRequestForm
    success_url = reverse_lazy("accounts:password_reset_done")


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password from the link. No login follows (post_reset_login stays False): the user
    logs in with it, and the second factor is asked as at every login."""

    template_name = "accounts/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@login_not_required
@require_POST
@rate_limit("login")
def unlock_request_view(request: HttpRequest) -> HttpResponse:
    """Sends an unlock link to the account's e-mail address; the answer is the same whether the
    account exists, has an address or is locked at all."""
    form = UnlockRequestForm(request.POST)
    if not form.is_valid():
        return render(request, "accounts/locked_out.html", {"form": form}, status=422)
    user = form.user()
    if user is not None:
        send_unlock_link(request, user, unlock_token(username=user.get_username()))
    return render(request, "accounts/unlock_sent.html")


@login_not_required
@require_http_methods(["GET", "POST"])
@rate_limit("login", methods=("POST",))
def unlock_view(request: HttpRequest, token: str) -> HttpResponse:
    """GET shows a button, POST unlocks: a mail scanner that opens the link uses nothing."""
    if request.method != "POST":
        return render(request, "accounts/unlock.html", {"token": token})
    username = unlock_with_token(token)
    if username is None:
        return render(
            request, "accounts/unlock.html", {"token": token, "invalid": True}, status=400
        )
    audit_event(
        actor=None,
        action=AuditEntry.Action.UPDATE,
        object_type="accounts.user",
        fields=["lockout"],
        purpose="unlock_by_email",
    )
    return render(request, "accounts/unlock.html", {"done": True})
