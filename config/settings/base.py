"""Settings shared by every environment. Secrets and the database come from the environment."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from wegweiser.core.i18n import cldr_country_names

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("WEGWEISER_VAR_DIR", BASE_DIR / "var"))
(VAR_DIR / "static").mkdir(parents=True, exist_ok=True)


def local_secret_key(var_dir: Path) -> str:
    """The key of a development or demo installation without WEGWEISER_SECRET_KEY: random,
    made once per installation and kept in its data directory (readable by its owner only).
    There is no built-in key; production settings require WEGWEISER_SECRET_KEY instead."""
    path = var_dir / "secret-key"
    if not path.exists():
        import secrets

        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it a moment ago
            pass
        else:
            with os.fdopen(descriptor, "w") as file:
                file.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = os.environ.get("WEGWEISER_SECRET_KEY") or local_secret_key(VAR_DIR)
DEBUG = os.environ.get("WEGWEISER_DEBUG", "") == "1"
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("WEGWEISER_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "wegweiser.core",
    "wegweiser.accounts",
    "wegweiser.people",
    "wegweiser.cases",
    "wegweiser.appointments",
    "wegweiser.courses",
    "wegweiser.occupations",
    "wegweiser.recognition",
    "wegweiser.jobs",
    "wegweiser.reporting",
    "wegweiser.gdpr",
    "wegweiser.letters",
    "wegweiser.partners",
    "wegweiser.documents",
    "wegweiser.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wegweiser.accounts.middleware.SessionActivityMiddleware",
    "wegweiser.accounts.middleware.SecondFactorMiddleware",
    "wegweiser.core.middleware.NullCharacterMiddleware",
    "wegweiser.core.middleware.SessionLifetimeMiddleware",
    "wegweiser.core.middleware.AuditContextMiddleware",
    "wegweiser.core.request_memo.RequestMemoMiddleware",
    "wegweiser.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wegweiser.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("WEGWEISER_DATABASE_URL", f"sqlite:///{VAR_DIR / 'wegweiser.sqlite3'}"),
        conn_max_age=int(os.environ.get("WEGWEISER_DB_CONN_MAX_AGE", "60")),
    )
}
# Every request runs in one transaction, as ATOMIC_REQUESTS would run it, except a reading
# request on SQLite: core/request_transactions.py, applied to every view in config/urls.py.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# SQLite serves several staff at once: WAL lets readers go on while one writer writes, every
# write transaction takes the write lock at its start (IMMEDIATE, so two writers never
# deadlock on an upgrade), and a writer waits up to 20 s for the lock instead of failing
# after 5 s with "database is locked".
SQLITE_BUSY_SECONDS = 20
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
        f"PRAGMA foreign_keys=ON; PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000};",
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_BUSY_SECONDS,
    }
# PostgreSQL: with WEGWEISER_DB_SERVER_SIDE_BINDING=1 psycopg sends the parameters apart from
# the statement and prepares a statement the second time a connection runs it, so the plan is
# reused: a single page is up to a fifth faster. Off by default: the whole suite passes with it,
# but on a quiet machine it raised no throughput under load (docs/benchmarks.md, sixth round),
# and a pooler in transaction mode keeps prepared statements only from PgBouncer 1.21 on.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and (
    os.environ.get("WEGWEISER_DB_SERVER_SIDE_BINDING", "0") == "1"
):
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 2}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length, no composition rules, nothing guessable (wegweiser/accounts/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "wegweiser.accounts.passwords.PatternValidator"},
    {"NAME": "wegweiser.accounts.passwords.NameValidator"},
    {"NAME": "wegweiser.accounts.passwords.CommonPasswordListValidator"},
    {"NAME": "wegweiser.accounts.passwords.NotCurrentPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60  # a reset link is valid for one hour

# Lockout after 5 failed logins for 30 minutes (docs/security.md), both values explicit; per
# account AND client address, so nobody locks someone else's account from elsewhere; the
# 30 minutes double with each repeat of the same pair within a day (accounts/lockout.py).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = "wegweiser.accounts.lockout.cool_off"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Second factor (django-allauth's MFA, wegweiser/accounts/mfa.py): TOTP with recovery codes,
# and passkeys (WebAuthn). Required after the password for staff of the centre when
# WEGWEISER_MFA_REQUIRED is 1 (production always); otherwise offered, not forced.
WEGWEISER_MFA_REQUIRED = os.environ.get("WEGWEISER_MFA_REQUIRED", "0") == "1"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Wegweiser"
MFA_ADAPTER = "wegweiser.accounts.mfa.SecretsAdapter"
ACCOUNT_ADAPTER = "wegweiser.accounts.mfa.AccountAdapter"
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_PASSKEY_LOGIN_ENABLED = False
# The sessions' "last seen" is kept by wegweiser.accounts.middleware.SessionActivityMiddleware
# (at most once a minute), not by allauth's middleware (a write on every request).
USERSESSIONS_TRACK_ACTIVITY = False

# Mail (password reset, unlock links): SMTP when WEGWEISER_EMAIL_HOST is set, else written to
# the server's console (the demo shows the links there).
EMAIL_HOST = os.environ.get("WEGWEISER_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("WEGWEISER_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("WEGWEISER_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("WEGWEISER_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("WEGWEISER_EMAIL_TLS", "1") == "1"
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("WEGWEISER_EMAIL_FROM", "wegweiser@localhost")

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated);
# empty: the client is REMOTE_ADDR. Rate limits, axes and the audit log use the same rule.
WEGWEISER_TRUSTED_PROXIES = [
    str(ipaddress.ip_network(proxy.strip(), strict=False))
    for proxy in os.environ.get("WEGWEISER_TRUSTED_PROXIES", "").split(",")
    if proxy.strip()
]
AXES_CLIENT_IP_CALLABLE = "wegweiser.core.middleware.client_ip"

# Rate-limit counters are shared by every server process: in the database (the table is
# created by `migrate`), or in Redis when WEGWEISER_REDIS_URL is set (needs the "redis" extra).
WEGWEISER_REDIS_URL = os.environ.get("WEGWEISER_REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": WEGWEISER_REDIS_URL}
        if WEGWEISER_REDIS_URL
        else {
            "BACKEND": "wegweiser.core.cache.DatabaseCache",
            "LOCATION": "wegweiser_cache",
            # Counters must not be culled while their window runs (one per user and scope).
            "OPTIONS": {"MAX_ENTRIES": 200_000},
        }
    )
}

# Sessions: idle timeout 30 minutes, absolute 12 hours (enforced in SessionLifetimeMiddleware).
# Activity extends a session by saving it at most once a minute (SessionActivityMiddleware),
# not on every request: a session ends 29 to 30 minutes after its last request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ACTIVITY_SECONDS = 60
SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "wegweiser.core.views.csrf_failure_view"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
FORMAT_MODULE_PATH = ["config.formats"]
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # Persons' documents: under the data directory, outside the web root, never served by the
    # static server (downloads go through documents:download). For an S3-compatible store,
    # install django-storages and set WEGWEISER_DOCUMENTS_STORAGE (docs/documents.md).
    "documents": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": VAR_DIR / "documents",
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    },
}
# Directories under the data directory that `wegweiser backup` includes (core/backup.py):
# the persons' documents among them, so that a restore brings back the files of the rows.
WEGWEISER_BACKUP_DIRS = ["media", "files", "letters", "documents"]
if os.environ.get("WEGWEISER_DOCUMENTS_STORAGE"):
    import json

    STORAGES["documents"] = json.loads(os.environ["WEGWEISER_DOCUMENTS_STORAGE"])
WHITENOISE_USE_FINDERS = True

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Mail: SMTP from the environment; without a host, mails are written to files under var/mail
# (the demo's mail output) instead of being sent.
EMAIL_HOST = os.environ.get("WEGWEISER_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("WEGWEISER_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("WEGWEISER_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("WEGWEISER_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("WEGWEISER_EMAIL_TLS", "1") == "1"
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("WEGWEISER_FROM_EMAIL", "wegweiser@localhost")
WEGWEISER_CENTRE_NAME = os.environ.get("WEGWEISER_CENTRE_NAME", "Migrationszentrum")
WEGWEISER_CALENDAR_DOMAIN = os.environ.get("WEGWEISER_CALENDAR_DOMAIN", "wegweiser.local")
# Where the duplicate job runs Splink: "duckdb" in the task worker (a centre), or "spark"
# (the extra 'spark'; a state or the whole country, see docs/scaling.md).
WEGWEISER_DUPLICATE_BACKEND = os.environ.get("WEGWEISER_DUPLICATE_BACKEND", "duckdb")

# The dashboard's figures are computed again this often (`wegweiser report schedule`, run by
# `wegweiser serve`); snapshots older than the maximum age are not shown (computed directly).
WEGWEISER_REPORT_SNAPSHOT_INTERVAL_SECONDS = int(
    os.environ.get("WEGWEISER_REPORT_SNAPSHOT_INTERVAL_SECONDS", "900")
)
WEGWEISER_REPORT_SNAPSHOT_MAX_AGE_SECONDS = int(
    os.environ.get("WEGWEISER_REPORT_SNAPSHOT_MAX_AGE_SECONDS", "86400")
)
# Appointment reminders: minutes before the appointment (our default: 2 days and 2 hours),
# how often the scheduler enqueues the job, and the hour from which staff digests go out.
WEGWEISER_REMINDER_OFFSETS_MINUTES = [
    int(m) for m in os.environ.get("WEGWEISER_REMINDER_OFFSETS_MINUTES", "2880,120").split(",")
]
WEGWEISER_REMINDER_INTERVAL_SECONDS = int(
    os.environ.get("WEGWEISER_REMINDER_INTERVAL_SECONDS", "300")
)
WEGWEISER_STAFF_DIGEST_HOUR = int(os.environ.get("WEGWEISER_STAFF_DIGEST_HOUR", "7"))
# SMS: nothing is sent unless a gateway is configured (wegweiser.appointments.sms).
WEGWEISER_SMS_BACKEND = os.environ.get(
    "WEGWEISER_SMS_BACKEND", "wegweiser.appointments.sms.NullBackend"
)
WEGWEISER_SMS_GATEWAY_URL = os.environ.get("WEGWEISER_SMS_GATEWAY_URL", "")
WEGWEISER_SMS_GATEWAY_TOKEN = os.environ.get("WEGWEISER_SMS_GATEWAY_TOKEN", "")

# Case warnings and retention, in days; our own defaults.
WEGWEISER_TITLE_EXPIRY_WARNING_DAYS = 56
# A referral sent without an answer for more days than this shows on the caseworker's dashboard.
WEGWEISER_REFERRAL_ANSWER_DAYS = int(os.environ.get("WEGWEISER_REFERRAL_ANSWER_DAYS", "14"))

# Built by every server worker when it starts (wegweiser/core/management/server.py).
WEGWEISER_WARM_UP = ["wegweiser.core.warm.warm_up", "wegweiser.jobs.tables.warm_up"]
WEGWEISER_AUDIT_RETENTION_DAYS = int(os.environ.get("WEGWEISER_AUDIT_RETENTION_DAYS", "730"))
# A plan agreed with the person is reviewed at the latest this many months after agreement
# (§ 15 (3) SGB II: every six months).
WEGWEISER_PLAN_REVIEW_MONTHS = int(os.environ.get("WEGWEISER_PLAN_REVIEW_MONTHS", "6"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Country names from CLDR (through ICU) in every interface language instead of
# django-countries' own catalogue, which has old or wrong German spellings ("Swasiland").
COUNTRIES_OVERRIDE = cldr_country_names()

# Languages clients speak (ISO 639-1, or 639-3 where there is no two-letter code).
SPOKEN_LANGUAGES = [
    ("ar", _("Arabic")),
    ("fa", _("Dari/Farsi")),
    ("ps", _("Pashto")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("ti", _("Tigrinya")),
    ("tr", _("Turkish")),
    ("ku", _("Kurdish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("pl", _("Polish")),
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("other", _("other language")),
]
