"""One settings module, driven by environment variables.

The embedded default (no variables set) is a working system on SQLite with Celery eager and demo accounts
shown on the sign-in page. Production sets NISI_MODE=production, DATABASE_URL, CELERY_BROKER_URL,
NISI_SECRET_KEY and NISI_ALLOWED_HOSTS.
"""

import os
from datetime import timedelta
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

# DEBUG is off by default in the embedded default too: the demo may well be reached from another machine, and
# Django's debug pages list every URL pattern (404) and the settings and local variables (500). The styled error
# pages show instead; static files are still served (WhiteNoise with WHITENOISE_USE_FINDERS needs no DEBUG), and
# tracebacks still go to the console log. A developer who wants the debug pages sets NISI_DEBUG=1 (embedded only).
DEBUG = _env_bool("NISI_DEBUG", False)
if DEBUG and not NISI_EMBEDDED:
    raise ImproperlyConfigured(
        "NISI_DEBUG is refused in production: debug pages show settings and code to anyone. Unset NISI_DEBUG."
    )
_DEVELOPMENT_SECRET_KEY = "embedded-development-key-not-for-production"
SECRET_KEY = os.environ.get("NISI_SECRET_KEY", "")
if not SECRET_KEY:
    if not NISI_EMBEDDED:
        raise ImproperlyConfigured("Set NISI_SECRET_KEY in production")
    SECRET_KEY = _DEVELOPMENT_SECRET_KEY
elif not NISI_EMBEDDED and (
    # Django's own test of a weak key (security.W009), refused here rather than only warned of.
    len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
    or SECRET_KEY.startswith("django-insecure")
    or SECRET_KEY == _DEVELOPMENT_SECRET_KEY
):
    raise ImproperlyConfigured(
        "NISI_SECRET_KEY is too weak for production: use at least 50 random characters, e.g. the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(64))'`."
    )

ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("NISI_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("NISI_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# The admin site's address under the language prefix ("admin/" gives /ru/admin/); production may choose an
# unguessable one. It is for staff only either way.
NISI_ADMIN_PATH = os.environ.get("NISI_ADMIN_PATH", "admin/").strip("/") + "/"
if NISI_ADMIN_PATH == "/":
    raise ImproperlyConfigured("NISI_ADMIN_PATH must not be empty (e.g. 'admin/' or 'staff-a81f3c/')")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # installed, it serves the API docs' Swagger UI from its own static files: no CDN, within the CSP
    "axes",
    "csp",
    "nisi.law",
    "nisi.core",
    "nisi.core.publication",
    "nisi.verification",
    "nisi.registry",
    "nisi.astana_hub",
    "nisi.contracts",
    "nisi.incentives",
    "nisi.industrialization",
    "nisi.reporting",
    "nisi.raw_materials",
    "nisi.assembly",
    "nisi.scrap_metal",
    "nisi.trade",
    "nisi.eurasian_register",
    "nisi.infrastructure",
    "nisi.industry_needs",
    "nisi.web",
    "nisi.demo",
    # Last: the form widgets' templates, which nisi.web's own (a leaner select) come before.
    "django.forms",
]
# Widgets render with the site's template engine (its cached loader, nisi.web's templates first), the commonest
# written in Python to the byte (nisi.forms.renderer).
FORM_RENDERER = "nisi.forms.renderer.WidgetRenderer"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy on every response, the kept public answers' included (django-csp's, built once).
    "nisi.web.middleware.CSPMiddleware",
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
    # A signed-in user's language is stored on their account when they change it (the API answers them in it).
    "nisi.web.middleware.RememberLanguage",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a locked-out sign-in into the lockout page; django-axes wants it last.
    "axes.middleware.AxesMiddleware",
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
# once, and a change it could not be told of (Redis did not answer) is noted and told as soon as it answers (the
# beat, every NISI_PUBLIC_ANSWER_TELL_S): its day bounds what it holds (with Redis's maxmemory) and, with the
# retirements, is what makes a lookup asked once a day a kept one (ADR 17, addendum 10).
NISI_PUBLIC_ANSWER_TTL_S = int(os.environ.get("NISI_PUBLIC_ANSWER_TTL_S", "86400" if NISI_CACHE_URL else "60"))
# With Redis, each web process also keeps this many of the hottest answers in its own memory, retired with
# Redis's by a message every process reads before its next lookup (nisi.registry.answer_memory); 0: none.
NISI_PUBLIC_ANSWER_MEMORY = int(os.environ.get("NISI_PUBLIC_ANSWER_MEMORY", "30000"))
# ... and at most this many megabytes of them (a producer's history of closed days can be tens of kilobytes).
NISI_PUBLIC_ANSWER_MEMORY_MB = int(os.environ.get("NISI_PUBLIC_ANSWER_MEMORY_MB", "128"))

AUTHENTICATION_BACKENDS = [
    # First, so that a locked-out account or address is refused before its password is even checked.
    "axes.backends.AxesStandaloneBackend",
    # Django's own backend, refusing the demo accounts and the published demo password in production.
    "nisi.core.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "nisi.core.backends.NotTheDemoPasswordValidator"},
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
# Kazakh's number and date formats, which Django does not ship (nisi/formats/kk).
FORMAT_MODULE_PATH = ["nisi.formats"]

# Error pages: styled, in the reader's language (nisi.web.errors); the API's stay JSON.
CSRF_FAILURE_VIEW = "nisi.web.errors.csrf_failure"

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

# Django's database sessions, read with a plain statement on every signed-in request (nisi.web.sessions).
SESSION_ENGINE = "nisi.web.sessions"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not NISI_EMBEDDED
CSRF_COOKIE_SECURE = not NISI_EMBEDDED

# HTTPS in production: every plain-HTTP request is redirected, except the load balancers' probe, and browsers are
# told to come back only over HTTPS (HSTS). The embedded default serves plain HTTP on the loopback address.
SECURE_SSL_REDIRECT = _env_bool("NISI_SSL_REDIRECT", not NISI_EMBEDDED)
SECURE_REDIRECT_EXEMPT = [r"^health$"]
SECURE_HSTS_SECONDS = int(os.environ.get("NISI_HSTS_SECONDS", "0" if NISI_EMBEDDED else str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("NISI_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading puts the domain into the browsers' own lists, which takes months to undo: the operator who owns the
# domain opts in, nisi does not by default.
SECURE_HSTS_PRELOAD = _env_bool("NISI_HSTS_PRELOAD", False)
# `check --deploy` warns while preloading is off (security.W021); off is the decision above, not an oversight.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# The goods' covering index for a code's page (registry 0012) carries its columns on PostgreSQL; SQLite keeps the
# index without them, which is all the embedded default needs, so its warning at every start says nothing to act on.
SILENCED_SYSTEM_CHECKS += ["models.W040"]
# Behind a proxy that terminates TLS, the header by which it says the request came over HTTPS, e.g.
# NISI_PROXY_SSL_HEADER=X-Forwarded-Proto. Set it only when the proxy always sets (or strips) that header.
_proxy_ssl_header = os.environ.get("NISI_PROXY_SSL_HEADER", "").strip()
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https") if _proxy_ssl_header else None
)
# The client's address for sign-in throttling and the audit log (nisi.core.client_address). Unset, the address
# of the connection. Behind a reverse proxy, the header it sets: a header of its own (X-Real-IP) is read as it
# is; X-Forwarded-For is read from the right, NISI_PROXY_COUNT entries in (the entries to the left of those the
# trusted proxies appended can be written by anyone).
NISI_CLIENT_IP_HEADER = os.environ.get("NISI_CLIENT_IP_HEADER", "").strip()
NISI_PROXY_COUNT = int(os.environ.get("NISI_PROXY_COUNT", "1"))

# The Content-Security-Policy (django-csp): nothing inline, nothing from elsewhere. The QR codes and
# govuk-frontend's icons may be data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Sign-in throttling (django-axes): after NISI_SIGN_IN_FAILURE_LIMIT failed sign-ins to one account, or from
# one address, within the cool-off period, signing in to that account and from that address is refused until
# the cool-off has passed since the last counted failure. Attempts while locked out are refused without being
# counted, so the time the lockout page gives holds. API tokens are not throttled here: they are not passwords.
AXES_ENABLED = _env_bool("NISI_SIGN_IN_THROTTLE", True)
AXES_FAILURE_LIMIT = int(os.environ.get("NISI_SIGN_IN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NISI_SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "nisi.core.client_address.client_ip"
AXES_LOCKOUT_CALLABLE = "nisi.web.errors.sign_in_locked_out"
# Its own log of every attempt is not needed: the audit log keeps sign-ins, failures and lockouts.
AXES_DISABLE_ACCESS_LOG = True

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
# A request never waits long on a broker that is down (ADR 11): the connection attempt gives up after
# NISI_BROKER_TIMEOUT_S, a publish is tried twice, and what was not sent stays in the outbox for the sweeper.
# (Workers keep broker_connection_retry: they wait for the broker to come back, and for it at start-up.)
NISI_BROKER_TIMEOUT_S = float(os.environ.get("NISI_BROKER_TIMEOUT_S", "2"))
CELERY_BROKER_CONNECTION_TIMEOUT = NISI_BROKER_TIMEOUT_S
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": NISI_BROKER_TIMEOUT_S,
    # A publish on a connection the broker dropped without closing it fails instead of waiting forever; a worker's
    # blocking read of the queue (BRPOP, 1 s) stays below it.
    "socket_timeout": NISI_BROKER_TIMEOUT_S + 1,
}
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
# The outbox (ADR 11): how long a process may hold an owed task while sending it (in the embedded default, while
# running it) before another takes it over, and how many days sent ones are kept.
NISI_OUTBOX_LEASE_S = int(os.environ.get("NISI_OUTBOX_LEASE_S", "600"))
NISI_OUTBOX_KEEP_DAYS = int(os.environ.get("NISI_OUTBOX_KEEP_DAYS", "7"))
# A webhook receiver must answer within this many seconds (ADR 37).
NISI_WEBHOOK_TIMEOUT_S = float(os.environ.get("NISI_WEBHOOK_TIMEOUT_S", "10"))
# Without a broker nothing runs Celery beat: the web server's process runs the same schedule itself (ADR 11),
# checking every NISI_SCHEDULER_TICK_S seconds.
NISI_SCHEDULER_IN_PROCESS = _env_bool("NISI_SCHEDULER_IN_PROCESS", not _broker)
NISI_SCHEDULER_TICK_S = float(os.environ.get("NISI_SCHEDULER_TICK_S", "15"))

# The Ed25519 key that signs documents: a PEM file. The embedded default makes one under var/.
NISI_SIGNING_KEY_FILE = Path(os.environ.get("NISI_SIGNING_KEY_FILE", VAR_DIR / "keys" / "signing-ed25519.pem"))
# Signed checkpoints of the action journal are also written here as files (ADR 10): keep it on storage that the
# database's administrators cannot rewrite (another machine, write-once), the same for the beat job and verify.
NISI_JOURNAL_CHECKPOINT_DIR = Path(os.environ.get("NISI_JOURNAL_CHECKPOINT_DIR", VAR_DIR / "journal-checkpoints"))
# Base of public links printed on documents (the QR code opens the verification page there).
NISI_PUBLIC_BASE_URL = os.environ.get("NISI_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
# Unset in the embedded default, a document issued during a request links to the address that request came to.
if NISI_EMBEDDED and "NISI_PUBLIC_BASE_URL" not in os.environ:
    MIDDLEWARE.append("nisi.web.middleware.PublicAddressFromRequest")
# The authorized body's BIN: the identifier of the publisher of the open contracting feed (OCDS `publisher.uid`,
# scheme `KZ-BIN`, org-id.guide's code for Kazakhstan's register of business identification numbers). Unset, the
# feed names its publisher without an identifier; a value that fails the BIN check digit stops the start (check
# `contracts.E001`).
NISI_AUTHORIZED_BODY_BIN = os.environ.get("NISI_AUTHORIZED_BODY_BIN", "").strip()
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
# Minutes after which a verification still pending, with no task owed for it in the outbox, is taken as stranded
# (its task was lost) and started by the resume job.
NISI_VERIFICATION_STRANDED_MINUTES = int(os.environ.get("NISI_VERIFICATION_STRANDED_MINUTES", "10"))

# Largest evidence upload accepted, in MB, by kind (IP-51-1.2.4: video of the technological process).
NISI_EVIDENCE_MAX_MB = {
    "video": int(os.environ.get("NISI_EVIDENCE_MAX_VIDEO_MB", "500")),
    "document": int(os.environ.get("NISI_EVIDENCE_MAX_DOCUMENT_MB", "20")),
    "photo": int(os.environ.get("NISI_EVIDENCE_MAX_PHOTO_MB", "20")),
}
# Quarterly monitoring (IP-51-4, ADR 16): records per Celery task, producers verified concurrently per batch; a
# task renews its hold on its checks every HEARTBEAT_S seconds while it lives, and a hold not renewed for LEASE_S
# is a dead worker's, taken over by any other (the watch job looks every WATCH_S seconds): a killed worker's checks
# are taken over within LEASE_S + WATCH_S. LEASE_S must be a few heartbeats (a beat may be late under load).
NISI_MONITORING_CHUNK = int(os.environ.get("NISI_MONITORING_CHUNK", "500"))
NISI_MONITORING_BATCH = int(os.environ.get("NISI_MONITORING_BATCH", "100"))
NISI_MONITORING_LEASE_S = int(os.environ.get("NISI_MONITORING_LEASE_S", "30"))
NISI_MONITORING_HEARTBEAT_S = float(os.environ.get("NISI_MONITORING_HEARTBEAT_S", "10"))
NISI_MONITORING_WATCH_S = float(os.environ.get("NISI_MONITORING_WATCH_S", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"expected_not_found": {"()": "nisi.web.logging.ExpectedNotFound"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("NISI_LOG_LEVEL", "WARNING")},
    # A public lookup that finds nobody is an answer, not a warning (nisi.web.logging).
    "loggers": {"django.request": {"filters": ["expected_not_found"]}},
}
