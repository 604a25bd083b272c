from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    """Only the `identity` command lives here; name analysis itself has no Django import."""

    name = "wegweiser.identity"
    label = "identity"
    verbose_name = _("Identity resolution")
