"""Production settings: secrets from the environment, TLS-only cookies, strict headers."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("WEGWEISER_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("WEGWEISER_SECRET_KEY must be set to at least 50 random characters.")

SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = os.environ.get("WEGWEISER_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("WEGWEISER_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]
# Every staff login of the centre needs the second factor after the password.
WEGWEISER_MFA_REQUIRED = True
