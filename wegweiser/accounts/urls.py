from django.contrib.auth import views as auth_views
from django.urls import path

from wegweiser.core.ratelimit import rate_limit

from .forms import LoginForm, PasswordForm

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        rate_limit("login", methods=("POST",))(
            auth_views.LoginView.as_view(
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
]
