"""Arabic number formats for an interface that writes Latin digits: CLDR's Arabic symbols for
the Latin numbering system (decimal point ".", grouping ","), not Django's German-looking
"5,0". Dates and everything else as Django ships them for Arabic."""

from django.conf.locale.ar.formats import *  # noqa: F403

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","

# Times on the 24-hour clock, as the centre's appointments, letters and the German and
# Ukrainian interfaces write them ("14:30", not "2:30 م"); a date with a time keeps the
# Arabic date and adds that time.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F، Y H:i"
SHORT_DATETIME_FORMAT = "d\u200f/m\u200f/Y H:i"
