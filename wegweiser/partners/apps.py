from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "wegweiser.partners"
    label = "partners"
    verbose_name = _("Partners")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from wegweiser.people.models import Consent

        from .services import consent_withdrawn_stop_sharing

        post_save.connect(
            consent_withdrawn_stop_sharing,
            sender=Consent,
            dispatch_uid="partners_consent_withdrawn",
        )
