"""Settings shared by every environment. Every endpoint and secret comes from the environment."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    """The variable's value; unset or blank means the default."""
    return os.environ.get(name, "").strip() or default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if not value:
        return default
    return value.lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
# ".localhost": localhost and the demo's properties (help.localhost, business.localhost).
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,.localhost").split(",") if h]

INSTALLED_APPS = [
    "cms",
    "cms.editorial",
    "pages",
    "snippets",
    "forms",
    "search",
    "geo",
    "tracking",
    "frontend",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_modeladmin",
    "django_tasks_db",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Probes (/healthz, /healthz/live, /healthz/ready) on any Host, plain HTTP: cms/probes.py.
    "cms.probes.ProbeMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "forms.middleware.BodySizeLimitMiddleware",
    "geo.middleware.GeoMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "tracking.middleware.TrackingCookiesMiddleware",
]

# Wagtail's live preview shows the page in a same-origin iframe, which DENY would block.
X_FRAME_OPTIONS = "SAMEORIGIN"

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60
    )
}
# SQLite (the default of `make run`): a write waits up to `timeout` seconds for another one to
# finish instead of failing at once with "database is locked", and each transaction takes the
# write lock when it begins (IMMEDIATE), so a transaction that read first cannot be refused the
# lock halfway (autosave and Submit at once). Write-ahead logging: readers (runserver) are not
# blocked by a writer (the background embedding), and a commit does not wait for the disk
# (synchronous=NORMAL: a power cut may lose the last commits, never corrupt the file). PostgreSQL
# needs none of this.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Languages -------------------------------------------------------------------------------
# The public site and the admin speak the same languages. Codes are Django's (lowercase region).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("pt-br", "Português (Brasil)"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
    ("uk", "Українська"),
    ("ar", "العربية"),
    ("he", "עברית"),
]
# Languages written right to left; `dir="rtl"` is derived from this list.
RTL_LANGUAGES = {"ar", "he", "fa", "ur"}
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

# --- Static and media ------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail ---------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pinwheel Help Center"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")

# Web properties (pages.properties): where the demo puts its two sites (cms/demo/business_help.py).
# The Help Center is the default site: any other host name shows it too.
HELP_CENTER_URL = env("HELP_CENTER_URL", "http://help.localhost:8000")
BUSINESS_HELP_URL = env("BUSINESS_HELP_URL", "http://business.localhost:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# The database backend folds Arabic at index and query time (search/database_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.database_backend"}}
# Search (see search/ and docs/decisions/0002): SEARCH_URL set → Elasticsearch 9 serves, the
# database backend stays indexed as the fallback.
if env("SEARCH_URL"):
    from search.settings import elasticsearch_backends

    WAGTAILSEARCH_BACKENDS = elasticsearch_backends(env("SEARCH_URL"), env("SEARCH_INDEX_PREFIX"))
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILLOCALIZE_JQUERY_INCLUDE_LEGACY = False

# Background work runs through Django tasks (decision 0019): Wagtail's own (search and reference
# index updates) on the "default" queue, the side work of a publish (the project's indexing,
# purges, editorial events) on "after-publish", retried with backoff when it fails. Development
# and tests run them at once (immediate backend); production queues them in the database for
# `manage.py db_worker --queue-name default,after-publish`.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
        "QUEUES": ["default", "after-publish"],
    }
}
# A failed after-publish task runs again after AFTER_PUBLISH_RETRY_SECONDS × 2^(n−1) (capped),
# up to AFTER_PUBLISH_MAX_ATTEMPTS tries in all (about a day with the defaults).
AFTER_PUBLISH_RETRY_SECONDS = float(env("AFTER_PUBLISH_RETRY_SECONDS", "30"))
AFTER_PUBLISH_RETRY_MAX_SECONDS = float(env("AFTER_PUBLISH_RETRY_MAX_SECONDS", "3600"))
AFTER_PUBLISH_MAX_ATTEMPTS = int(env("AFTER_PUBLISH_MAX_ATTEMPTS", "30"))

# --- External services (each disabled by default; see README) ---------------------------------
SEARCH_URL = env("SEARCH_URL")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "helpcenter")
# Language whose answers the results page adds when the visitor's finds few; set but empty: none.
SEARCH_FALLBACK_LANGUAGE = os.environ.get("SEARCH_FALLBACK_LANGUAGE", "en").strip().lower()
# Words of a query searched at most (after normalisation; the rest is dropped, with a notice).
SEARCH_QUERY_MAX_WORDS = int(env("SEARCH_QUERY_MAX_WORDS", "32"))
# Search in production (issue 17, docs/decisions/0013): the synonyms mechanism of the visitor
# indices ("auto" asks the cluster: stock `synonym_graph` + synonyms sets where analysis-common
# is installed, else the project plugin), per-kind query timeouts (seconds; SEARCH_TIMEOUT when
# set is the default of both), and the breaker: open after this many consecutive failures, for
# this many seconds, then one probe.
SEARCH_SYNONYMS_MODE = env("SEARCH_SYNONYMS_MODE", "auto").strip().lower()
if SEARCH_SYNONYMS_MODE not in ("auto", "stock", "plugin"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SEARCH_SYNONYMS_MODE must be auto, stock or plugin")
_search_timeout = env("SEARCH_TIMEOUT")
SEARCH_AUTOCOMPLETE_TIMEOUT = float(env("SEARCH_AUTOCOMPLETE_TIMEOUT", _search_timeout or "0.3"))
SEARCH_PAGE_TIMEOUT = float(env("SEARCH_PAGE_TIMEOUT", _search_timeout or "0.8"))
SEARCH_BREAKER_FAILURES = int(env("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_OPEN_SECONDS = float(env("SEARCH_BREAKER_OPEN_SECONDS", "5"))
# Primary shards and replicas of each visitor index (production defaults to one replica).
SEARCH_SHARDS = int(env("SEARCH_SHARDS", "1"))
SEARCH_REPLICAS = int(env("SEARCH_REPLICAS", "0"))
if SEARCH_URL:
    from search.settings import with_replicas

    WAGTAILSEARCH_BACKENDS = with_replicas(WAGTAILSEARCH_BACKENDS, SEARCH_REPLICAS)
# Semantic search (docs/decisions/0016): passages embedded at indexing time, visitors' queries
# at search time (hybrid with the words, reciprocal rank fusion). Off: words only.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", True)
SEARCH_EMBEDDING_THREADS = int(env("SEARCH_EMBEDDING_THREADS", "1"))
HELPDESK_URL = env("HELPDESK_URL")
# Help-desk outbox (forms app; docs/decisions/0004-helpdesk-outbox.md).
HELPDESK_TIMEOUT = float(env("HELPDESK_TIMEOUT", "5"))
HELPDESK_MAX_ATTEMPTS = int(env("HELPDESK_MAX_ATTEMPTS", "12"))
HELPDESK_BACKOFF_SECONDS = float(env("HELPDESK_BACKOFF_SECONDS", "30"))
HELPDESK_BACKOFF_MAX_SECONDS = float(env("HELPDESK_BACKOFF_MAX_SECONDS", "3600"))
HELPDESK_BACKLOG_SECONDS = int(env("HELPDESK_BACKLOG_SECONDS", "900"))
# The help-desk worker (`manage.py helpdesk_worker`, forms/worker.py): a claimed ticket is leased
# for HELPDESK_LEASE_SECONDS (more than HELPDESK_TIMEOUT); the worker beats every
# HELPDESK_HEARTBEAT_SECONDS; silent longer than HELPDESK_WORKER_STALE_SECONDS, it counts as dead
# (/healthz degraded, its tasks retried and its leases released by the other workers).
HELPDESK_LEASE_SECONDS = float(env("HELPDESK_LEASE_SECONDS", "120"))
HELPDESK_HEARTBEAT_SECONDS = float(env("HELPDESK_HEARTBEAT_SECONDS", "10"))
HELPDESK_WORKER_STALE_SECONDS = float(env("HELPDESK_WORKER_STALE_SECONDS", "60"))
TASKS["helpdesk"] = {
    "BACKEND": env("HELPDESK_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    "QUEUES": ["helpdesk"],
}
# Contact forms: "<requests>/<seconds>" per visitor IP and per session; whole-body size limit.
FORMS_RATE_LIMIT_IP = env("FORMS_RATE_LIMIT_IP", "20/600")
FORMS_RATE_LIMIT_SESSION = env("FORMS_RATE_LIMIT_SESSION", "10/600")
# Posts refused as invalid (errors, honeypot) count apart, against a higher limit.
FORMS_RATE_LIMIT_INVALID = env("FORMS_RATE_LIMIT_INVALID", "60/600")
FORMS_MAX_BODY_BYTES = int(env("FORMS_MAX_BODY_BYTES", str(25 * 1024 * 1024)))
# Visitors' uploads (forms/attachments.py): a private folder outside MEDIA_ROOT that no web
# server serves; the help desk's signed links to them stay valid FORMS_ATTACHMENT_LINK_SECONDS.
FORMS_UPLOADS_ROOT = Path(env("FORMS_UPLOADS_ROOT", str(BASE_DIR / "private" / "form-uploads")))
FORMS_ATTACHMENT_LINK_SECONDS = int(env("FORMS_ATTACHMENT_LINK_SECONDS", str(7 * 24 * 3600)))
STORAGES["form_uploads"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {
        "location": FORMS_UPLOADS_ROOT,
        "base_url": "/forms/attachment/unsigned/",  # never linked: links are signed
        "file_permissions_mode": 0o600,
        "directory_permissions_mode": 0o700,
    },
}
SEGMENT_WRITE_KEY = env("SEGMENT_WRITE_KEY")
SEGMENT_HOST = env("SEGMENT_HOST")
# One brand, several sites: share the anonymous id cookie across them (e.g. ".pinwheel.example").
TRACKING_COOKIE_DOMAIN = env("TRACKING_COOKIE_DOMAIN")
GEOIP_PATH = env("GEOIP_PATH")
GEO_TRUSTED_HEADER = env("GEO_TRUSTED_HEADER")
# Geo: how many proxies in front of Django append to X-Forwarded-For (0: use REMOTE_ADDR), and
# whether anyone (not only editors) may preview a region with ?region=XX.
GEO_TRUSTED_PROXIES = int(env("GEO_TRUSTED_PROXIES", "0"))
GEO_PUBLIC_OVERRIDE = env_bool("GEO_PUBLIC_OVERRIDE")

# --- Rate limits (geo.limits: django-ratelimit, per real client address) ----------------------
# Counted in the "ratelimit" cache: Redis when REDIS_URL is set (production: every process and
# server share the counters), else in this process's memory (`make run`). Rates are
# "<count>/<period>": s, m, h, d, or a number of seconds ("20/600").
REDIS_URL = env("REDIS_URL")


def shared_cache(name: str, **local_options) -> dict:
    """A cache every process and server shares (Redis) when REDIS_URL is set, else the process's
    own memory (`make run`), with `local_options` (e.g. MAX_ENTRIES)."""
    if REDIS_URL:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "helpcenter",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    local = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}
    return local | ({"OPTIONS": local_options} if local_options else {})


CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CACHES["ratelimit"] = shared_cache("ratelimit")
RATELIMIT_USE_CACHE = "ratelimit"
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
SEARCH_RATE_LIMIT = env("SEARCH_RATE_LIMIT", "60/m")  # results pages with a query
SEARCH_AUTOCOMPLETE_RATE_LIMIT = env("SEARCH_AUTOCOMPLETE_RATE_LIMIT", "300/m")
SEARCH_CLICK_RATE_LIMIT = env("SEARCH_CLICK_RATE_LIMIT", "120/m")
TRACKING_EVENTS_RATE_LIMIT = env("TRACKING_EVENTS_RATE_LIMIT", "120/m")

# /healthz (cms/health.py): each app's check, in the order the answer lists them after the
# database, and the functions whose figures it adds under "details".
HEALTH_CHECKS = {
    "search": "search.health.check",
    "helpdesk": "forms.health.check",
    "tracking": "tracking.health.check",
    "geo": "geo.health.check",
}
HEALTH_DETAILS = {
    "tracking": "tracking.health.details",
    "search": "search.health.details",
    "helpdesk": "forms.health.details",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},  # LOG_LEVEL: see log_level() below
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django_tasks": {"level": "WARNING"},
        # One INFO line per Elasticsearch request (every keystroke of every visitor) is noise;
        # failures still log at WARNING, and search.api logs each fallback.
        "elastic_transport": {"level": "WARNING"},
    },
}

# --- E-mail (cms/mail.py) ------------------------------------------------------------------------
# Workflow notifications and password resets go through EMAIL_HOST; without one they are dropped
# with a one-line warning (no traceback per notification).
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "help-center@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "cms.mail.NoMailServerBackend"
)

# --- Editorial workflow and translation (docs/decisions/0007) --------------------------------
# Machine translation: a real service when its credentials are given, else an offline backend
# whose drafts are marked "[MT] ". Either way it only fills in drafts; reviewers publish.
DEEPL_API_KEY = env("DEEPL_API_KEY")
LIBRETRANSLATE_URL = env("LIBRETRANSLATE_URL")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }
elif LIBRETRANSLATE_URL:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": LIBRETRANSLATE_URL,
            "API_KEY": env("LIBRETRANSLATE_API_KEY"),
        },
    }
else:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "cms.editorial.machine_translation.OfflineMachineTranslator",
        "OPTIONS": {},
    }
# One permission layer in front of every wagtail-localize admin endpoint: the user's role in the
# translation's locale decides, and live changes need publish permission there.
# One navigation per request (a single version-token lookup) and the request's Wagtail site
# from it, without a query (pages.middleware); static files need neither.
MIDDLEWARE.insert(
    MIDDLEWARE.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1,
    "pages.middleware.NavigationMiddleware",
)
MIDDLEWARE.append("cms.editorial.localize_access.LocalizeAccessMiddleware")
# A message after approving or requesting changes through Wagtail's workflow action.
MIDDLEWARE.append("cms.editorial.review_messages.ReviewMessageMiddleware")
# "Translate this page" starts every new translation as a draft that goes through review, rather
# than publishing the untranslated copy at once when the source is live.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine-translated segments are drafts: while any is left unconfirmed, a translation cannot be
# submitted for review, approved or published (cms/editorial/machine_drafts.py). Languages listed
# in TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES (comma-separated codes) are exempt.
TRANSLATION_MACHINE_DRAFTS_BLOCK_APPROVAL = env_bool(
    "TRANSLATION_MACHINE_DRAFTS_BLOCK_APPROVAL", default=True
)
TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES = tuple(
    code.strip()
    for code in env("TRANSLATION_MACHINE_DRAFTS_ALLOWED_LANGUAGES", "").split(",")
    if code.strip()
)
# Articles whose "last reviewed" date is older than this are listed as due for review.
HELPCENTER_REVIEW_AFTER_DAYS = (
    int(env("HELPCENTER_REVIEW_AFTER_DAYS", "180"))
    if env("HELPCENTER_REVIEW_AFTER_DAYS", "180").isdigit()
    else 180
)

# --- Search predictions and log retention (search.predictions, search.retention) -------------
# A logged query is predicted only once this many distinct visitors searched it (and it found
# results) within the window; hashes of visitors older than the window are purged.
SEARCH_PREDICTION_MIN_VISITORS = int(env("SEARCH_PREDICTION_MIN_VISITORS", "5"))
SEARCH_PREDICTION_WINDOW_DAYS = int(env("SEARCH_PREDICTION_WINDOW_DAYS", "30"))
# Only the editors' suggested queries are predicted, never the visitors' searches.
SEARCH_PREDICTIONS_APPROVED_ONLY = env_bool("SEARCH_PREDICTIONS_APPROVED_ONLY")
# Days the raw search log, the daily search aggregates and the tracking event log are kept
# (`manage.py purge_logs`, or its task, deletes older rows).
SEARCH_LOG_RETENTION_DAYS = int(env("SEARCH_LOG_RETENTION_DAYS", "30"))
SEARCH_AGGREGATE_RETENTION_DAYS = int(env("SEARCH_AGGREGATE_RETENTION_DAYS", "395"))
TRACKING_EVENT_RETENTION_DAYS = int(env("TRACKING_EVENT_RETENTION_DAYS", "30"))

# --- Security headers (cms/headers, docs/security.md, docs/decisions/0012) --------------------
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402
from django.core.exceptions import ImproperlyConfigured  # noqa: E402

MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "cms.headers.middleware.PermissionsPolicyMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("cms.headers.middleware.PermissionsPolicyMiddleware") + 1,
    "cms.headers.middleware.ContentSecurityPolicyMiddleware",
)
INSTALLED_APPS.append("csp")
TEMPLATES[0]["OPTIONS"]["context_processors"].append("csp.context_processors.nonce")
# Frames the content may embed (video embeds), space-separated origins.
CSP_FRAME_SOURCES = env(
    "CSP_FRAME_SOURCES",
    "https://www.youtube.com https://www.youtube-nocookie.com https://player.vimeo.com",
).split()
CSP_REPORT_ENDPOINT_NAME = "csp-endpoint"
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": [],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *CSP_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        "report-uri": ["/csp-report"],
    },
}
# The Wagtail admin (and the live preview it serves) replaces these directives of the above.
CSP_ADMIN_PATH_PREFIX = "/admin/"
CSP_ADMIN_DIRECTIVES = {
    # Wagtail's admin sets style attributes in its markup and its React editors insert <style>.
    "style-src": [SELF, UNSAFE_INLINE],
    # Image uploads preview from blob: URLs.
    "img-src": [SELF, "data:", "blob:"],
}
CSP_REPORT_MAX_BYTES = int(env("CSP_REPORT_MAX_BYTES", "16384"))
CSP_REPORT_MAX_PER_BODY = 20
CSP_REPORT_MAX_PER_MINUTE = int(env("CSP_REPORT_MAX_PER_MINUTE", "120"))
# Browser features no page of the help center uses; an empty list denies them everywhere.
# (WebAuthn stays allowed: staff may sign in with passkeys.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
        "browsing-topics",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self", *(f'"{origin}"' for origin in CSP_FRAME_SOURCES)]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Load-balancer probes ask for /healthz over plain HTTP: no redirect to HTTPS for it.
SECURE_REDIRECT_EXEMPT = [r"^healthz(/live|/ready)?$"]
# Staff avatars are not fetched from Gravatar (a third party learning who uses the admin).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Vulnerability reports (docs/security.md): an e-mail address or an https: URI; empty: no
# /.well-known/security.txt.
SECURITY_CONTACT = env("SECURITY_CONTACT")
if SECURITY_CONTACT and not SECURITY_CONTACT.startswith(("mailto:", "https:")):
    if "@" not in SECURITY_CONTACT or ":" in SECURITY_CONTACT:
        raise ImproperlyConfigured(
            f"SECURITY_CONTACT must be an e-mail address or an https: URI, not {SECURITY_CONTACT!r}"
        )
    SECURITY_CONTACT = f"mailto:{SECURITY_CONTACT}"
SECURITY_POLICY_URL = env("SECURITY_POLICY_URL")
SECURITY_TXT_EXPIRES_DAYS = 180


def log_level(value: str) -> str:
    """LOG_LEVEL in any case (`warning` → `WARNING`); anything else stops the start-up clearly."""
    import logging

    name = value.strip().upper()
    if name not in logging.getLevelNamesMapping():
        raise ImproperlyConfigured(
            f"LOG_LEVEL={value!r} is not a log level: use DEBUG, INFO, WARNING, ERROR or CRITICAL."
        )
    return name


LOGGING["root"]["level"] = log_level(env("LOG_LEVEL", "INFO"))

# --- Staff sign-in: lockout and two-factor (cms/accounts, docs/decisions/0011) ---------------
from datetime import timedelta  # noqa: E402

INSTALLED_APPS += [
    "cms.accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses locked-out accounts and addresses
    "django.contrib.auth.backends.ModelBackend",
]
_AUTH_AT = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware")
MIDDLEWARE[_AUTH_AT + 1 : _AUTH_AT + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "cms.accounts.middleware.StaffSecondFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as axes asks
# Failed sign-ins in a row (per account, and per client address) before a lock, and how many
# minutes the lock lasts (0: until unlocked in Settings → Locked-out sign-ins).
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15"))) or None
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True  # the account's failures only (cms/accounts/lockout_handler.py)
AXES_HANDLER = "cms.accounts.lockout_handler.AccountResetDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "cms.accounts.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "cms.accounts.lockout.lockout_response"
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_ENABLE_ADMIN = False  # the Wagtail admin lists and unlocks instead
AXES_VERBOSE = False  # no usernames or addresses in the logs; the records are in the database
# Two-factor: required (when on) for admin users STAFF_2FA_REQUIRED_FOR covers: a comma-separated
# subset of publish (may publish pages), users (may manage accounts), all (every admin user).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", False)
_STAFF_2FA_KINDS = env("STAFF_2FA_REQUIRED_FOR", "publish,users").replace(" ", "")
STAFF_2FA_REQUIRED_FOR = [kind for kind in _STAFF_2FA_KINDS.split(",") if kind]
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME
LOGGING["loggers"]["axes"] = {"level": "WARNING"}  # masks usernames and addresses itself

# --- HTTP cache in front (pages.http_cache, pages.purge, docs/decisions/0015) ------------------
# How long a shared cache (Varnish, a CDN) keeps an anonymous page (s-maxage); 0 marks nothing.
HTTP_CACHE_SECONDS = int(env("HTTP_CACHE_SECONDS", "3600"))
# Where to send HTTP PURGE requests when a page changes (Varnish: its listen address, e.g.
# http://127.0.0.1:6081); unset: no purges. A CDN is configured with its own WAGTAILFRONTENDCACHE
# backend (README, "HTTP cache").
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL")
WAGTAILFRONTENDCACHE = (
    {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
# The navigation's version token (pages.navigation) is shared by every worker through Redis when
# REDIS_URL is set: after a publish, no worker refills a purged cache from an old navigation.
CACHES["navigation"] = shared_cache("navigation")
NAVIGATION_CACHE = "navigation"
# Elasticsearch's autocomplete suggestions are kept this many seconds (0: not kept) per index,
# scope and normalised prefix (search.suggestion_cache), shared by every worker through Redis when
# REDIS_URL is set (a publish or a synonyms change is seen at once), else per process.
SEARCH_AUTOCOMPLETE_CACHE_SECONDS = int(env("SEARCH_AUTOCOMPLETE_CACHE_SECONDS", "30"))
CACHES["search_suggestions"] = shared_cache("search_suggestions", MAX_ENTRIES=5000)
# pages.purge lists every language version's own URL (translated slugs): no /en/ → /fr/ rewrite.
WAGTAILFRONTENDCACHE_LANGUAGES: list[str] = []
