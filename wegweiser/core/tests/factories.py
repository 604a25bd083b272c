from __future__ import annotations

from typing import Any

import factory
from django.db import transaction

from wegweiser.core.audit import acting_as
from wegweiser.core.models import Municipality


class AuditedFactory(factory.django.DjangoModelFactory):
    """Test data goes through the same audit path as real writes, attributed to the system."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: type, *args: Any, **kwargs: Any) -> Any:
        with transaction.atomic(), acting_as(None):
            return super()._create(model_class, *args, **kwargs)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Gemeinde {n}")
    latitude = 50.58
    longitude = 8.67
