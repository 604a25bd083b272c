"""Settings for the load benchmark: the production-like base settings with rate limits raised.

Sixteen connections of one user ask far more than the 120 searches a minute a person may
make; the limits are still counted (the cost stays in the measurement), they just never bite.
"""

from config.settings.base import *  # noqa: F403

DEBUG = False
WEGWEISER_MFA_REQUIRED = False
WEGWEISER_RATE_LIMITS = {
    "search": (10**9, 60),
    "api": (10**9, 60),
    "export": (10**9, 600),
    "login": (10**9, 300),
}
