"""The GeoIP2 database reader: opened once per process, looked up in microseconds.

A missing, unreadable or corrupt database never raises out of here: `country_for_ip` answers ""
and `status()` says "degraded"; the failure is logged once. A failed open is retried at most
every `RETRY_SECONDS`, so a database installed later is picked up without a restart.
"""

import ipaddress
import logging
import threading
import time
from dataclasses import dataclass

import geoip2.database
import geoip2.errors
import maxminddb
from django.conf import settings

logger = logging.getLogger("geo")
RETRY_SECONDS = 60.0


@dataclass
class _State:
    path: str = ""
    reader: geoip2.database.Reader | None = None
    method: str = ""  # "country" | "city" | "enterprise"
    error: str = ""
    failed_at: float = 0.0
    lookup_failed: bool = False  # the file opened but its data is corrupt


_state = _State()
_lock = threading.Lock()
_logged: set[str] = set()


def log_once(key: str, message: str, *args: object) -> None:
    """Log a fallback the first time it happens in this process (not once per request)."""
    if key in _logged:
        return
    _logged.add(key)
    logger.warning(message, *args)


def _open(path: str) -> _State:
    state = _State(path=path)
    try:
        reader = geoip2.database.Reader(path)
        db_type = reader.metadata().database_type
    except FileNotFoundError:
        state.error = "missing"
    except (OSError, ValueError, maxminddb.InvalidDatabaseError) as error:
        state.error = f"unreadable: {error}"
    except Exception as error:  # a corrupt file can fail in many ways; never crash a request
        state.error = f"corrupt: {error!r}"
    else:
        for method, marker in (
            ("enterprise", "Enterprise"),
            ("city", "City"),
            ("country", "Country"),
        ):
            if marker in db_type:
                state.reader, state.method = reader, method
                break
        else:
            reader.close()
            state.error = f"not a country or city database ({db_type})"
    if state.error:
        state.failed_at = time.monotonic()
        log_once(f"open:{path}:{state.error}", "geo: GeoIP database %s %s", path, state.error)
    else:
        logger.info("geo: GeoIP database %s opened (%s)", path, state.method)
    return state


def _current() -> _State:
    global _state
    path = settings.GEOIP_PATH
    state = _state
    if state.path == path and (state.reader or not path):
        return state
    if state.path == path and time.monotonic() - state.failed_at < RETRY_SECONDS:
        return state
    with _lock:
        if _state is state:
            if state.reader is not None:
                state.reader.close()
            _state = _open(path) if path else _State(path=path)
        return _state


def reset() -> None:
    """Close the reader (tests, and after replacing the database file)."""
    global _state
    with _lock:
        if _state.reader is not None:
            _state.reader.close()
        _state = _State()
        _logged.clear()


def configured() -> bool:
    return bool(settings.GEOIP_PATH)


def status() -> str:
    """ "ok", "degraded" (configured but missing/unusable) or "disabled" (not configured)."""
    if not configured():
        return "disabled"
    state = _current()
    return "ok" if state.reader is not None and not state.lookup_failed else "degraded"


def country_for_ip(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """The ISO country code of a public IP address, "" when unknown or the database is unusable."""
    state = _current()
    if state.reader is None:
        return ""
    try:
        record = getattr(state.reader, state.method)(address)
    except geoip2.errors.AddressNotFoundError:
        return ""
    except Exception as error:  # corrupt search tree or data section
        state.lookup_failed = True
        log_once(f"lookup:{state.path}", "geo: GeoIP lookup failed in %s: %r", state.path, error)
        return ""
    return record.country.iso_code or record.registered_country.iso_code or ""
