from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

ACCOUNT_MODELS = [
    ("accounts.User", ("last_login",)),
    ("accounts.Team", ()),
    ("accounts.Organisation", ()),
    ("auth.Group", ()),
]


class CoreConfig(AppConfig):
    name = "wegweiser.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.forms import ModelChoiceField

        from . import checks  # noqa: F401  (registers the system checks)
        from .audit import track_account_changes
        from .forms import ListedChoiceIterator

        # Every model choice field (ModelMultipleChoiceField too) reads its choices in one query.
        ModelChoiceField.iterator = ListedChoiceIterator  # type: ignore[misc]

        # Users, roles, team memberships (case access) and organisations: every change audited.
        for label, ignore in ACCOUNT_MODELS:
            track_account_changes(apps.get_model(label), ignore=ignore)

        post_migrate.connect(create_cache_table, sender=self)


def create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """The shared cache (rate-limit counters) lives in a table: `migrate` creates it, so the
    demo, the test database and a production upgrade all have it."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)
