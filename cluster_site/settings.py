"""Settings, read from environment variables (see README "Configuration").

Without any environment the app runs on the embedded default: SQLite under ``var/``, a Celery
broker on the local file system (no server to install) and DEBUG off unless DJANGO_DEBUG=true.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cluster_site.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("CLUSTER_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105 - DEBUG only
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI files for /api/docs/ (no CDN)
    "simple_history",
    "csp",
    "cases",
    "coding",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The interface language: the browser's Accept-Language, or the language cookie the switcher sets.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # ... overridden by the language a signed-in user chose, on every device (cases/language/).
    "cases.language.middleware.UserLanguageMiddleware",
    # Signed-in users' pages, downloads and API answers: Cache-Control: private, no-store.
    "cluster_site.middleware.PrivateNoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Records who made each change in the history of actors, interviews, codings, ...
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "cluster_site.urls"
WSGI_APPLICATION = "cluster_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# DATABASE_URL as in cookiecutter-django, e.g. postgres://user:pass@host:5432/name.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        # Persistent connections: opening a PostgreSQL connection per request cost more than
        # most pages (benchmarks/loadtest.py); health checks drop ones the server closed.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has the worker writing snapshots while pages and the API write too.
    # BEGIN IMMEDIATE takes the write lock up front, so a writer waits up to ``timeout`` seconds
    # for it instead of failing with "database is locked" when a read transaction turns into a
    # write; WAL lets pages read while someone writes (Django docs, "SQLite notes").
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        **DATABASES["default"].get("OPTIONS", {}),
    }
if env_str("DATABASE_TEST_NAME"):
    # Lets several test runs share one PostgreSQL server without clobbering each other.
    DATABASES["default"]["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
# A shared cache (Redis) is needed in production for login rate limiting across workers.
# django-redis rather than Django's own RedisCache: it can treat an unreachable Redis as a cache
# miss (logged), so an outage of the cache slows pages down instead of answering 500.
if env_str("CACHE_URL"):
    # A Redis host that stopped answering must not hold every request for long.
    _redis_options: dict[str, object] = {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1}
    _redis_cache = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env_str("CACHE_URL"),
        "OPTIONS": _redis_options,
    }
    CACHES = {
        "default": {**_redis_cache, "OPTIONS": {**_redis_options, "IGNORE_EXCEPTIONS": True}},
        # Same Redis, errors raised: the login throttle handles them itself (login_throttle.py).
        "login_throttle": _redis_cache,
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    # Sessions read from Redis, written through to the database: read from the database when
    # Redis is down or was flushed.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _locmem = "django.core.cache.backends.locmem.LocMemCache"
    CACHES = {
        "default": {"BACKEND": _locmem},
        "login_throttle": {"BACKEND": _locmem, "LOCATION": "login-throttle"},
    }

# --- Auth -----------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins allowed per (user name, address) before that pair is locked out, and per user name
# from all addresses (or per address for all names) before the name (or address) is; within
# LOGIN_LOCKOUT_SECONDS of the first failure (cluster_site/login_throttle.py).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_GLOBAL_FAILURE_LIMIT = env_int("LOGIN_GLOBAL_FAILURE_LIMIT", 50)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60)
# Counts failures and refuses locked names for every login: page, admin, API token.
AUTHENTICATION_BACKENDS = ["cluster_site.login_throttle.ThrottledModelBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "cases:study-list"
LOGOUT_REDIRECT_URL = "login"

# --- I18N -----------------------------------------------------------------------------------
# The interface speaks English and German (docs/translating.md says how to add a language).
# Texts researchers enter (transcripts, memos, names) are never translated. Files keep their
# machine formats (decimal point, ISO dates) in every language; pages format per language.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))

# --- Uploads --------------------------------------------------------------------------------
TRANSCRIPT_MAX_UPLOAD_BYTES = env_int("TRANSCRIPT_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
# What a .docx may unpack to and a PDF stream decompress to (refuses zip bombs), and the seconds
# reading one transcript file may take (coding/interviews/files.py).
TRANSCRIPT_MAX_UNPACKED_BYTES = env_int("TRANSCRIPT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
TRANSCRIPT_PARSE_SECONDS = env_int("TRANSCRIPT_PARSE_SECONDS", 10)
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 100 * 1024 * 1024)
# REFI-QDA project imports: the upload, and everything it unpacks to (refuses zip bombs).
QDPX_MAX_UPLOAD_BYTES = env_int("QDPX_MAX_UPLOAD_BYTES", 50 * 1024 * 1024)
QDPX_MAX_UNCOMPRESSED_BYTES = env_int("QDPX_MAX_UNCOMPRESSED_BYTES", 200 * 1024 * 1024)
# CSV import of actors and interactions (coding/csv_import.py): larger files are refused.
CSV_IMPORT_MAX_BYTES = env_int("CSV_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Key of the stable pseudonyms in shared exports (coding/exchange/pseudonyms.py): keep it to keep them stable.
PSEUDONYM_KEY = env_str("PSEUDONYM_KEY", "") or SECRET_KEY
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 20 * 1024 * 1024)

# --- Security (production) ------------------------------------------------------------------
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)  # as cookiecutter-django
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# --- Content Security Policy (django-csp 4) -------------------------------------------------
# No inline scripts anywhere (data goes through json_script); inline styles stay allowed for the
# per-code colour style attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "connect-src": ["'self'"],
    },
}

# --- Celery ---------------------------------------------------------------------------------
# Without CELERY_BROKER_URL the broker is a folder on the local disk, so the embedded default
# runs a real worker process with no server to install.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir),
        "data_folder_out": str(_broker_dir),
        # Broadcast (pidbox) tables; by default kombu writes them to ./control in the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
    (_broker_dir / "control").mkdir(parents=True, exist_ok=True)
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", f"file://{VAR_DIR / 'celery-results'}")
if CELERY_RESULT_BACKEND.startswith("file://"):
    Path(CELERY_RESULT_BACKEND.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A worker that survives broker outages and reconnects within seconds (coding/worker/consumer.py).
CELERY_WORKER_CONSUMER = "coding.worker.consumer:OutageTolerantConsumer"
CELERY_BROKER_RECONNECT_MAX_SECONDS = env_int("CELERY_BROKER_RECONNECT_MAX_SECONDS", 2)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Celery beat: re-queue analyses left stale while the broker was down (edits still save then).
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-analyses": {
        "task": "coding.worker.tasks.requeue_stale_regions",
        "schedule": env_int("ANALYSIS_SWEEP_SECONDS", 300),
    }
}

# --- REST framework -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": [
        "coding.api.filters.StudyFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "cluster_site.openapi.ApiSchema",
    # JSON nested deeper than the parser's limit is a 400, not a RecursionError (500).
    "DEFAULT_PARSER_CLASSES": [
        "coding.api.parsers.DepthLimitedJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "EXCEPTION_HANDLER": "coding.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cluster Case Studies API",
    "DESCRIPTION": "Studies, regions, actors, interviews, codings, interactions and analysis results.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cluster_site.openapi.document_errors",
        "cluster_site.openapi.document_links",
    ],
    # Enums named once: a variable's type and target after their model ("TypeEnum" and "TargetEnum"
    # would clash with other resources' fields); QCA's cases and solution types; a partition's status.
    "ENUM_NAME_OVERRIDES": {
        "VariableTypeEnum": "coding.variables.models.VariableType",
        "VariableTargetEnum": "coding.variables.models.VariableTarget",
        "QcaUnitEnum": "coding.qca.spec.UNITS",
        "QcaSolutionEnum": "coding.qca.spec.SOLUTIONS",
        "PartitionStatusEnum": "coding.api.partitions.ANSWER_STATUSES",
    },
}

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
}
