"""Production: secrets and hosts must come from the environment; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# X_FRAME_OPTIONS is SAMEORIGIN (base settings) for Wagtail's live preview iframe.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Help-desk tickets are delivered by `manage.py db_worker --queue-name helpdesk --backend helpdesk`.
TASKS["helpdesk"]["BACKEND"] = env(  # noqa: F405
    "HELPDESK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
)

# Side work of a publish and Wagtail's index updates (decision 0019) are run by
# `manage.py db_worker --queue-name default,after-publish`.
TASKS["default"]["BACKEND"] = env(  # noqa: F405
    "TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
)

# Staff who can publish or manage users sign in with a second factor (cms/accounts).
STAFF_2FA_REQUIRED = env_bool("STAFF_2FA_REQUIRED", True)

# Every visitor index keeps a copy on a second node (a cluster of one node stays yellow, serving).
SEARCH_REPLICAS = int(env("SEARCH_REPLICAS", "1"))
if SEARCH_URL:  # noqa: F405
    from search.settings import with_replicas

    WAGTAILSEARCH_BACKENDS = with_replicas(WAGTAILSEARCH_BACKENDS, SEARCH_REPLICAS)  # noqa: F405
