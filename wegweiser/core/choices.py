"""`get_<field>_display` from a dict of the field's choices built once.

Django's own builds that dict on every call, hashing every choice's lazy label (a translation
each): about 40 for a residence title, and lists such as my cases show two labels for every
row. The labels stay lazy in the dict, so each call still translates into the language of the
request."""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@functools.cache
def _labels(field: models.Field[Any, Any]) -> dict[Any, Any]:
    return dict(make_hashable(field.flatchoices))


class ChoiceLabels(models.Model):
    """Mixin for models whose choice labels are shown in long lists."""

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field: models.Field[Any, Any]) -> str:
        value = getattr(self, field.attname)
        return force_str(_labels(field).get(make_hashable(value), value), strings_only=True)
