"""One settings module, driven by environment variables.

The embedded default (no variables set) is a working system on SQLite with Celery eager and demo accounts
shown on the sign-in page. Production sets NISI_MODE=production, DATABASE_URL, CELERY_BROKER_URL,
NISI_SECRET_KEY and NISI_ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent  # src/nisi
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("NISI_VAR_DIR", PROJECT_DIR / "var"))


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


NISI_MODE = os.environ.get("NISI_MODE", "embedded")
if NISI_MODE not in {"embedded", "production"}:
    raise ImproperlyConfigured("NISI_MODE must be 'embedded' or 'production'")
NISI_EMBEDDED = NISI_MODE == "embedded"
if NISI_EMBEDDED:
    # The embedded default keeps its SQLite file, media and collected static files here.
    (VAR_DIR / "static").mkdir(parents=True, exist_ok=True)

DEBUG = _env_bool("NISI_DEBUG", NISI_EMBEDDED)
SECRET_KEY = os.environ.get("NISI_SECRET_KEY", "")
if not SECRET_KEY:
    if not NISI_EMBEDDED:
        raise ImproperlyConfigured("Set NISI_SECRET_KEY in production")
    SECRET_KEY = "embedded-development-key-not-for-production"

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("NISI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("NISI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "nisi.law",
    "nisi.core",
    "nisi.verification",
    "nisi.registry",
    "nisi.astana_hub",
    "nisi.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A control character (NUL …) in the address, the query or an answer is refused here, before any view (400).
    "nisi.web.middleware.ControlCharacterGuard",
    # Repeated public lookups answered from the cache (ADR 9); below the security headers and the guard, above the rest.
    "nisi.registry.middleware.PublicAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "nisi.config.urls"
WSGI_APPLICATION = "nisi.config.wsgi.application"
ASGI_APPLICATION = "nisi.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "nisi.web.context.nisi",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'nisi.sqlite3'}"),
        conn_max_age=int(os.environ.get("NISI_DB_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite waits for a writer instead of failing at once (the demo runs web and eager tasks together).
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The register's public answers are kept in the cache until the register changes (nisi.registry.public_answers).
# Production sets NISI_CACHE_URL to a Redis that every web process shares, so that a change retires every
# process's answers at once; the embedded default keeps them in the process's own memory.
NISI_CACHE_URL = os.environ.get("NISI_CACHE_URL", "")
CACHES = {
    "default": (
        # A cache that does not answer must fail fast: the lookups then go on from the database.
        {
            "BACKEND": "nisi.core.cache.RedisCache",
            "LOCATION": NISI_CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if NISI_CACHE_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "nisi",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    )
}
# At most this long a kept answer lives. With a per-process cache, it is the longest a change can take to show in
# another process (the minute that the answers' Cache-Control also allows). A shared cache retires answers at
# once; its ten minutes bound what it holds, and how long a change it could not be told of (it was unreachable
# at that moment) can take to show.
NISI_PUBLIC_ANSWER_TTL_S = int(os.environ.get("NISI_PUBLIC_ANSWER_TTL_S", "600" if NISI_CACHE_URL else "60"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:account"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "ru"
LANGUAGES = [("kk", _("Kazakh")), ("ru", _("Russian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kazakhstan moved to one time zone (UTC+5) on 1 March 2024; Asia/Almaty carries that change.
TIME_ZONE = "Asia/Almaty"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = Path(os.environ.get("NISI_MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not NISI_EMBEDDED
CSRF_COOKIE_SECURE = not NISI_EMBEDDED

# The embedded default writes e-mails as files under var/mail instead of sending them.
EMAIL_BACKEND = os.environ.get(
    "NISI_EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if NISI_EMBEDDED
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("NISI_EMAIL_HOST", "localhost")
DEFAULT_FROM_EMAIL = os.environ.get("NISI_FROM_EMAIL", "nisi@localhost")

# Celery: eager and in-process unless a broker is configured.
_broker = os.environ.get("CELERY_BROKER_URL", "")
CELERY_BROKER_URL = _broker or "memory://localhost/"
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", _broker or None)
CELERY_TASK_ALWAYS_EAGER = not _broker
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_TASK_DEFAULT_QUEUE", "nisi")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE

# The Ed25519 key that signs documents: a PEM file. The embedded default makes one under var/.
NISI_SIGNING_KEY_FILE = Path(os.environ.get("NISI_SIGNING_KEY_FILE", VAR_DIR / "keys" / "signing-ed25519.pem"))
# Base of public links printed on documents (the QR code opens the verification page there).
NISI_PUBLIC_BASE_URL = os.environ.get("NISI_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# How many days before a due date a reminder is sent.
NISI_DEADLINE_REMIND_DAYS = int(os.environ.get("NISI_DEADLINE_REMIND_DAYS", "3"))

# The e-government gateway. "inprocess" (the embedded default) reaches the gateway simulator inside this
# process; production sets the gateway's base URL; benchmarks point it at `nisi gateway-simulator`.
NISI_GATEWAY_URL = os.environ.get("NISI_GATEWAY_URL", "inprocess" if NISI_EMBEDDED else "")
if not NISI_GATEWAY_URL:
    raise ImproperlyConfigured("Set NISI_GATEWAY_URL to the e-government gateway's base URL")
NISI_GATEWAY_TIMEOUT_S = float(os.environ.get("NISI_GATEWAY_TIMEOUT_S", "5"))
NISI_GATEWAY_ATTEMPTS = int(os.environ.get("NISI_GATEWAY_ATTEMPTS", "4"))
NISI_GATEWAY_BACKOFF_S = float(os.environ.get("NISI_GATEWAY_BACKOFF_S", "0.2"))
NISI_GATEWAY_PER_SOURCE_LIMIT = int(os.environ.get("NISI_GATEWAY_PER_SOURCE_LIMIT", "50"))
# Minutes before a verification waiting for a state database asks again, by attempt (the last repeats).
NISI_VERIFICATION_RETRY_MINUTES = [
    int(m) for m in os.environ.get("NISI_VERIFICATION_RETRY_MINUTES", "1,5,15,60,240").split(",")
]

# Largest evidence upload accepted, in MB, by kind (IP-51-1.2.4: video of the technological process).
NISI_EVIDENCE_MAX_MB = {
    "video": int(os.environ.get("NISI_EVIDENCE_MAX_VIDEO_MB", "500")),
    "document": int(os.environ.get("NISI_EVIDENCE_MAX_DOCUMENT_MB", "20")),
    "photo": int(os.environ.get("NISI_EVIDENCE_MAX_PHOTO_MB", "20")),
}
# Quarterly monitoring (IP-51-4): records per Celery task, producers verified concurrently per batch, and how
# long a claimed check may stay unfinished before another worker takes it over (a killed worker's).
NISI_MONITORING_CHUNK = int(os.environ.get("NISI_MONITORING_CHUNK", "500"))
NISI_MONITORING_BATCH = int(os.environ.get("NISI_MONITORING_BATCH", "100"))
NISI_MONITORING_LEASE_S = int(os.environ.get("NISI_MONITORING_LEASE_S", "600"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NISI_LOG_LEVEL", "WARNING")},
}
