from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = BASE_DIR / "test-artifacts" / "media"  # noqa: F405
FORMS_UPLOADS_ROOT = BASE_DIR / "test-artifacts" / "private" / "form-uploads"  # noqa: F405
STORAGES["form_uploads"]["OPTIONS"]["location"] = FORMS_UPLOADS_ROOT  # noqa: F405
# Static files straight from the apps' folders (no collectstatic needed for tests).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Rate limits off, except in the tests about them (they turn them on); the gunicorn servers
# those tests start get RATELIMIT_ENABLE=true.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", False)  # noqa: F405
# Semantic search off (no embedding on every publish), except in the tests about it.
SEARCH_SEMANTIC = env_bool("SEARCH_SEMANTIC", False)  # noqa: F405
# Autocomplete answers are not kept between requests (a test's index is gone by the next test),
# except in the tests about the suggestion cache; the bench sets it per server.
SEARCH_AUTOCOMPLETE_CACHE_SECONDS = int(env("SEARCH_AUTOCOMPLETE_CACHE_SECONDS", "0"))  # noqa: F405
