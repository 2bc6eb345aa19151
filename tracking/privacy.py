"""Consent, anonymous identifiers and scrubbing: what may leave the server, and as what.

- Do Not Track (`DNT: 1`) and Global Privacy Control (`Sec-GPC: 1`) stop every visitor event.
- Otherwise visitor events need the consent cookie the banner sets (`granted`).
- The anonymous id is a random first-party cookie, set only once consent is given; it is never
  derived from the IP address. `TRACKING_COOKIE_DOMAIN` shares it across the brand's sites;
  properties without a shared parent domain hand it over on links (tracking.cross_property).
- "Forget me" (`/tracking/forget`) drops the id and the session id (a new random id follows
  with the next event) and deletes the local events stored for the old id.
- Staff are identified by a pseudonymous id (a keyed hash of their user id), never by name or
  e-mail.
"""

import hashlib
import hmac
import re
import uuid

from django.conf import settings
from django.http import HttpRequest

from search.masking import mask_query

CONSENT_COOKIE = "hc_consent"
ANONYMOUS_ID_COOKIE = "hc_aid"
SESSION_COOKIE = "hc_sid"
CONSENT_GRANTED = "granted"
CONSENT_DENIED = "denied"
CONSENT_MAX_AGE = 180 * 24 * 3600
ANONYMOUS_ID_MAX_AGE = 365 * 24 * 3600
QUERY_MAX_LENGTH = 100

_ID_PATTERN = re.compile(r"^[0-9a-f]{32}$")
_SPACES = re.compile(r"\s+")


def opted_out_by_browser(request: HttpRequest) -> bool:
    """The browser asks not to be tracked (DNT or Global Privacy Control)."""
    return request.headers.get("DNT", "").strip() == "1" or (
        request.headers.get("Sec-GPC", "").strip() == "1"
    )


def consent_choice(request: HttpRequest) -> str:
    """ "granted", "denied" or "" (not asked yet)."""
    value = request.COOKIES.get(CONSENT_COOKIE, "")
    return value if value in {CONSENT_GRANTED, CONSENT_DENIED} else ""


def may_track(request: HttpRequest | None) -> bool:
    """Visitor (non-essential) events are allowed for this request."""
    if request is None:
        return False
    if opted_out_by_browser(request):
        return False
    return consent_choice(request) == CONSENT_GRANTED


def is_anonymous_id(value) -> bool:
    return isinstance(value, str) and bool(_ID_PATTERN.match(value))


def cookie_domain() -> str | None:
    return getattr(settings, "TRACKING_COOKIE_DOMAIN", "") or None


def remember_choice(response, choice: str, secure: bool) -> None:
    response.set_cookie(
        CONSENT_COOKIE,
        choice,
        max_age=CONSENT_MAX_AGE,
        domain=cookie_domain(),
        samesite="Lax",
        secure=secure,
    )


def store_anonymous_id(response, value: str, secure: bool) -> None:
    response.set_cookie(
        ANONYMOUS_ID_COOKIE,
        value,
        max_age=ANONYMOUS_ID_MAX_AGE,
        domain=cookie_domain(),
        secure=secure,
        httponly=True,
        samesite="Lax",
    )


def forget_ids(response) -> None:
    """The anonymous id and session id cookies, removed (on the shared domain too)."""
    for name in (ANONYMOUS_ID_COOKIE, SESSION_COOKIE):
        response.delete_cookie(name)
        if cookie_domain():
            response.delete_cookie(name, domain=cookie_domain())


def _cookie_id(request: HttpRequest, name: str) -> str:
    value = request.COOKIES.get(name, "")
    return value if _ID_PATTERN.match(value) else ""


def stored_anonymous_id(request: HttpRequest) -> str:
    """The id the visitor's cookie holds ("" when none): never a new one."""
    return _cookie_id(request, ANONYMOUS_ID_COOKIE)


def anonymous_id(request: HttpRequest) -> str:
    """The visitor's random anonymous id (created on first use, stored by the middleware)."""
    cached = getattr(request, "_tracking_anonymous_id", None)
    if cached:
        return cached
    value = _cookie_id(request, ANONYMOUS_ID_COOKIE) or uuid.uuid4().hex
    request._tracking_anonymous_id = value
    return value


def session_id(request: HttpRequest) -> str:
    """A random id for this browser session (cookie without expiry), for the KPI sessions."""
    cached = getattr(request, "_tracking_session_id", None)
    if cached:
        return cached
    value = _cookie_id(request, SESSION_COOKIE) or uuid.uuid4().hex
    request._tracking_session_id = value
    return value


def pseudonymous_user_id(user) -> str:
    """A stable id for a staff member that names nobody outside this project."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"staff:{user.pk}".encode(), hashlib.sha256
    ).hexdigest()
    return f"staff-{digest[:24]}"


def is_staff(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin"))
    )


def normalise_query(text: str) -> str:
    """Lower-case, single-spaced, e-mail addresses and phone-like numbers masked, capped."""
    text = _SPACES.sub(" ", mask_query(text)).strip().lower()
    return text[:QUERY_MAX_LENGTH].strip()


def path_only(url: str) -> str:
    """The path of a site URL: no scheme, host, query string or fragment."""
    url = str(url or "")
    if "://" in url:
        url = url.split("://", 1)[1]
        url = "/" + url.split("/", 1)[1] if "/" in url else "/"
    url = url.split("?", 1)[0].split("#", 1)[0]
    return url if url.startswith("/") else "/" + url
