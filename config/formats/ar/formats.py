"""Arabic number formats for an interface that writes Latin digits: CLDR's Arabic symbols for
the Latin numbering system (decimal point ".", grouping ","), not Django's German-looking
"5,0". Dates and everything else as Django ships them for Arabic."""

from django.conf.locale.ar.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
