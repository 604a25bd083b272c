"""Settings for `wegweiser demo`: production behaviour on plain HTTP at 127.0.0.1."""

from .base import *  # noqa: F403

DEBUG = False
