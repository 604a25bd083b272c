"""Texts the interface shows with occupation data."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# Required by the ESCO reuse terms (Commission Decision 2011/833/EU): shown wherever ESCO
# occupations or skills appear.
ESCO_ATTRIBUTION = _("This service uses the ESCO classification of the European Commission.")
ESCO_URL = "https://esco.ec.europa.eu"
