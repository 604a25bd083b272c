from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from wegweiser.core.forms import KernFormMixin


class LoginForm(KernFormMixin, AuthenticationForm):
    pass


class PasswordForm(KernFormMixin, PasswordChangeForm):
    pass
