"""Account pages beyond Django's login: password reset by e-mail and unlocking a lockout."""

from __future__ import annotations

import base64
import json
from typing import Any

from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.webauthn.internal import auth as webauthn_auth
from allauth.mfa.webauthn.internal.auth import WebAuthn
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wegweiser.core.audit import audit_event
from wegweiser.core.models import AuditEntry
from wegweiser.core.ratelimit import rate_limit
from wegweiser.core.types import AuthedRequest

from . import mfa
from .forms import (
    PasskeyAddForm,
    ResetPasswordForm,
    ResetRequestForm,
    SecondFactorForm,
    TotpEnrolForm,
    UnlockRequestForm,
)
from .lockout import unlock_token, unlock_with_token
from .notices import send_unlock_link


class LoginView(auth_views.LoginView):
    """Django's login; the page says whether the second factor follows."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "mfa_required": mfa.mfa_is_required()}


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


# --- second factor ---------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return str(reverse_lazy(settings.LOGIN_REDIRECT_URL))


def _may_manage(request: AuthedRequest) -> bool:
    """Adding or changing factors needs a confirmed session, or a user who has none yet: with
    the password alone nobody adds their own app to someone else's account."""
    return mfa.is_verified(request.session) or not mfa.has_second_factor(request.user)


def _totp_qr(request: AuthedRequest, secret: str) -> str:
    adapter = get_mfa_adapter()
    url = adapter.build_totp_url(request.user, secret)
    svg = adapter.build_totp_svg(url)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


def _setup_page(
    request: AuthedRequest,
    *,
    totp_form: TotpEnrolForm | None = None,
    passkey_form: PasskeyAddForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    found = mfa.authenticators(user)
    context: dict[str, Any] = {
        "required": mfa.required_for(user),
        "totp": found.get(Authenticator.Type.TOTP),
        "passkeys": [WebAuthn(a) for a in found.get(Authenticator.Type.WEBAUTHN, [])],
        "recovery": found.get(Authenticator.Type.RECOVERY_CODES),
        "next": _next_url(request),
        "passkey_form": passkey_form or PasskeyAddForm(),
    }
    if context["recovery"]:
        context["recovery_left"] = len(RecoveryCodes(context["recovery"][0]).get_unused_codes())
    if not context["totp"]:
        secret = mfa.pending_secret(request)
        context.update(
            totp_form=totp_form or TotpEnrolForm(),
            totp_secret=secret,
            totp_qr=_totp_qr(request, secret),
        )
    context["passkey_options"] = {
        "creation_options": webauthn_auth.begin_registration(user, passwordless=False)
    }
    return render(request, "accounts/mfa_setup.html", context, status=status)


@require_http_methods(["GET", "POST"])
def mfa_setup_view(request: AuthedRequest) -> HttpResponse:
    if not _may_manage(request):
        return redirect(f"{reverse('accounts:mfa_verify')}?next={request.path}")
    if request.method != "POST":
        return _setup_page(request)
    form = TotpEnrolForm(request.POST)
    if form.is_valid():
        codes = mfa.totp_enrol(request=request, user=request.user, code=form.cleaned_data["code"])
        if codes is not None:
            return render(
                request,
                "accounts/mfa_recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error("code", _("This code is not right. Enter the current code of the app."))
    return _setup_page(request, totp_form=form, status=422)


@require_POST
def mfa_recovery_codes_view(request: AuthedRequest) -> HttpResponse:
    if not mfa.is_verified(request.session) or not mfa.has_second_factor(request.user):
        return redirect("accounts:mfa_setup")
    codes = mfa.recovery_codes_renew(user=request.user)
    return render(
        request, "accounts/mfa_recovery_codes.html", {"codes": codes, "next": _next_url(request)}
    )


@require_POST
def mfa_passkey_add_view(request: AuthedRequest) -> HttpResponse:
    if not _may_manage(request):
        return redirect("accounts:mfa_verify")
    form = PasskeyAddForm(request.POST)
    if form.is_valid():
        try:
            credential = json.loads(form.cleaned_data["credential"])
            webauthn_auth.parse_registration_response(credential)
            webauthn_auth.complete_registration(credential)
        except (ValueError, TypeError, KeyError, AttributeError, DjangoValidationError):
            form.add_error(None, _("The passkey could not be registered. Try again."))
        else:
            mfa.passkey_add(request=request, name=form.cleaned_data["name"], credential=credential)
            messages.success(request, _("The passkey is registered."))
            return redirect("accounts:mfa_setup")
    return _setup_page(request, passkey_form=form, status=422)


@require_POST
def mfa_passkey_remove_view(request: AuthedRequest, pk: int) -> HttpResponse:
    if not mfa.is_verified(request.session):
        return redirect("accounts:mfa_verify")
    mfa.passkey_remove(user=request.user, pk=pk)
    return redirect("accounts:mfa_setup")


@require_http_methods(["GET", "POST"])
@rate_limit("login", methods=("POST",))
def mfa_verify_view(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if not mfa.has_second_factor(user):
        return redirect("accounts:mfa_setup")
    if mfa.is_verified(request.session):
        return redirect(_next_url(request))
    passkey = request.POST.get("credential", "") if request.method == "POST" else ""
    form = SecondFactorForm(None if passkey or request.method != "POST" else request.POST)
    if passkey or form.is_valid():
        if passkey:
            how = mfa.passkey_check(user=user, credential=passkey)
        else:
            how = mfa.check_code(user=user, code=form.cleaned_data["code"])
        if how is not None:
            mfa.mark_verified(request, how=how)
            return redirect(_next_url(request))
        if mfa.record_failure(request) <= 0:
            logout(request)
            messages.error(request, _("Too many wrong codes. Log in again."))
            return redirect("accounts:login")
        if passkey:
            messages.error(request, _("The passkey was not confirmed. Try again or enter a code."))
        else:
            form.add_error(None, _("This code is not right or has been used already."))
    has_passkeys = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.WEBAUTHN
    ).exists()
    return render(
        request,
        "accounts/mfa_verify.html",
        {
            "form": form,
            "next": _next_url(request),
            "passkey_options": (
                {"request_options": webauthn_auth.begin_authentication(user)}
                if has_passkeys
                else None
            ),
            "has_totp": Authenticator.objects.filter(
                user=user, type=Authenticator.Type.TOTP
            ).exists(),
        },
        status=422 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def sessions_view(request: AuthedRequest) -> HttpResponse:
    """The user's sessions (where and when), and ending every other one."""
    if request.method == "POST":
        ended = mfa.sessions_end_others(request=request)
        messages.success(request, _("Other sessions ended: %(count)s") % {"count": ended})
        return redirect("accounts:sessions")
    return render(request, "accounts/sessions.html", {"sessions": mfa.sessions_of(request.user)})
