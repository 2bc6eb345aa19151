"""Elasticsearch's autocomplete suggestions, kept for a short while: many visitors type the same
first letters, and the same prefix in the same scope gets the same suggestions from the same
index. Nothing about the visitor is in them (titles, URLs, snippets of public pages).

An answer is kept SEARCH_AUTOCOMPLETE_CACHE_SECONDS (0: no cache) in the "search_suggestions"
cache (Redis when REDIS_URL is set, shared by every worker; else each process's memory), under
its index alias, language, scope, limit and the normalised text, and under the current version
token. `invalidate()` replaces the token: writing a page to or removing one from an index, a
rebuild's alias swap and published synonyms call it, so with a shared cache every worker's next
request asks Elasticsearch again. With a cache of each process's own, another process's writes
reach it when the answer expires. Only Elasticsearch's answers are kept, never the database
fallback's. A cache that fails is skipped (logged), never the visitor's error.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)

CACHE = "search_suggestions"
VERSION_KEY = "search:suggestions:version"


def _cache():
    return caches[CACHE]


def enabled() -> bool:
    return settings.SEARCH_AUTOCOMPLETE_CACHE_SECONDS > 0


def _key(version: str, alias: str, language: str, scope: str, limit: int, text: str) -> str:
    what = "\x1f".join((alias, language, scope, str(limit), text)).encode()
    return f"search:suggestions:{version}:{hashlib.sha1(what).hexdigest()}"


def _version() -> str:
    version = _cache().get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not _cache().add(VERSION_KEY, version, None):
            version = _cache().get(VERSION_KEY) or version
    return version


def get(alias: str, language: str, scope: str, limit: int, text: str) -> tuple[str, list | None]:
    """(the key to `put` the answer under, the kept suggestions or None). ("", None) when there
    is no cache or it fails."""
    if not enabled():
        return "", None
    try:
        key = _key(_version(), alias, language, scope, limit, text)
        return key, _cache().get(key)
    except Exception:
        logger.warning("search: the suggestion cache is unavailable; asking Elasticsearch")
        return "", None


def put(key: str, suggestions: list) -> None:
    if not key:
        return
    try:
        _cache().set(key, suggestions, settings.SEARCH_AUTOCOMPLETE_CACHE_SECONDS)
    except Exception:
        logger.warning("search: could not keep suggestions in the suggestion cache")


def invalidate() -> None:
    """Kept suggestions are no longer served (an index or its synonyms changed)."""
    if not enabled():
        return
    try:
        _cache().set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception:
        logger.warning("search: could not invalidate the suggestion cache")
