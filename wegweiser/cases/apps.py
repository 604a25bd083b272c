from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "wegweiser.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        from . import status_periods  # noqa: F401 - connects the receivers
