"""Settings for `wegweiser demo`: production behaviour on plain HTTP at 127.0.0.1."""

from .base import *  # noqa: F403

DEBUG = False

# The demo offers the second factor without forcing it (the login page says so).
WEGWEISER_MFA_REQUIRED = False
