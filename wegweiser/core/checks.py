"""System checks: every field of a model holding person data carries a privacy class."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error, register

from .audit import AuditedModel

PRIVACY_CLASSES = {"identifier", "personal", "special", "internal"}


@register()
def check_privacy_classification(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for model in apps.get_models():
        if not issubclass(model, AuditedModel):
            continue
        classes: dict[str, str] = getattr(model, "PRIVACY", {})
        for field in model._meta.concrete_fields:
            privacy = classes.get(field.name)
            if privacy not in PRIVACY_CLASSES:
                errors.append(
                    Error(
                        f"{model._meta.label}.{field.name} has no privacy class.",
                        hint=f"Add it to {model.__name__}.PRIVACY with one of {PRIVACY_CLASSES}.",
                        obj=model,
                        id="wegweiser.E001",
                    )
                )
    return errors
