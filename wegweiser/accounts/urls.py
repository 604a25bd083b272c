from django.contrib.auth import views as auth_views
from django.urls import path

from wegweiser.core.ratelimit import rate_limit

from . import views
from .forms import LoginForm, PasswordForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        rate_limit("login", methods=("POST",))(
            views.LoginView.as_view(
                template_name="accounts/login.html",
                redirect_authenticated_user=True,
                authentication_form=LoginForm,
            )
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url="/",
            form_class=PasswordForm,
        ),
        name="password_change",
    ),
    path(
        "password/reset/",
        rate_limit("login", methods=("POST",))(views.ResetRequestView.as_view()),
        name="password_reset",
    ),
    path("password/reset/sent/", views.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        rate_limit("login", methods=("POST",))(views.ResetConfirmView.as_view()),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        views.ResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("mfa/", views.mfa_setup_view, name="mfa_setup"),
    path("mfa/verify/", views.mfa_verify_view, name="mfa_verify"),
    path("mfa/recovery-codes/", views.mfa_recovery_codes_view, name="mfa_recovery_codes"),
    path("mfa/passkeys/", views.mfa_passkey_add_view, name="mfa_passkey_add"),
    path(
        "mfa/passkeys/<int:pk>/remove/",
        views.mfa_passkey_remove_view,
        name="mfa_passkey_remove",
    ),
    path("sessions/", views.sessions_view, name="sessions"),
    path("unlock/", views.unlock_request_view, name="unlock_request"),
    path("unlock/<str:token>/", views.unlock_view, name="unlock"),
]
