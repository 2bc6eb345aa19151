"""Per-IP and per-session limits on form submissions, counted in Django's cache."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def _limit(setting: str) -> tuple[int, int]:
    count, _slash, seconds = str(setting).partition("/")
    return int(count), int(seconds or 600)


def _hit(key: str, limit: tuple[int, int]) -> bool:
    """Count one submission under `key`; True while within the limit."""
    count, seconds = limit
    cache.add(key, 0, timeout=seconds)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds)
        used = 1
    return used <= count


def allow(request) -> bool:
    """Whether this visitor may submit another form now (both limits are counted)."""
    ip = request.META.get("REMOTE_ADDR", "unknown")
    allowed = _hit(f"forms:rate:ip:{ip}", _limit(settings.FORMS_RATE_LIMIT_IP))
    session_key = request.session.session_key
    if session_key:
        allowed = (
            _hit(f"forms:rate:session:{session_key}", _limit(settings.FORMS_RATE_LIMIT_SESSION))
            and allowed
        )
    return allowed
