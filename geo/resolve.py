"""The geo app's public module: where is this visitor, which region, and was it used.

`request.geo` (set by `geo.middleware.GeoMiddleware`) is a `Geo`: `country` (ISO 3166 alpha-2,
"" when unknown), `region` (region slug, "" when none), `source` ("override" | "header" |
"geoip" | "default"). Order: preview override, trusted CDN header, GeoIP2 database, the
locale's default region. Every malformed or unknown input falls back; nothing here raises.

Also what a request says about its sender, for the other apps: `client_ip` (the real client
address behind GEO_TRUSTED_PROXIES proxies) and `same_origin` (the browser says the call comes
from one of our pages).
"""

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user
from django.http import HttpRequest
from django.utils import translation

from snippets import regions

from . import geoip
from .geoip import log_once
from .pricing import Price, choose_price, format_price  # the pricing block's helpers

OVERRIDE_PARAM = "region"
OVERRIDE_COOKIE = "geo_region"
OVERRIDE_SALT = "geo.preview-override"
# The request header the middleware writes (overwriting what a client sent) so that caches
# inside Django key region-dependent pages on the region: `Vary: X-Geo-Region`.
REGION_HEADER = "X-Geo-Region"
REGION_META = "HTTP_X_GEO_REGION"
_COUNTRY_RE = re.compile(r"^[A-Za-z]{2}$")
_SLUG_RE = re.compile(r"^[a-z0-9-]{1,40}$")


@dataclass(frozen=True)
class Geo:
    country: str
    region: str
    source: str  # "override" | "header" | "geoip" | "default"


def _language(request: HttpRequest) -> str:
    return getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"


def _default(request: HttpRequest, country: str = "") -> Geo:
    return Geo(country, regions.default_region_slug(_language(request)), "default")


def _from_country(country: str, source: str, request: HttpRequest) -> Geo:
    slug = regions.region_slug_for_country(country)
    if not slug:
        log_once(f"unknown-country:{country}", "geo: no region covers country %s", country)
        return _default(request, country)
    return Geo(country, slug, source)


# --- Preview override ---------------------------------------------------------------------


def override_allowed(request: HttpRequest) -> bool:
    """Editors (admin access) may preview any region; everyone when GEO_PUBLIC_OVERRIDE is on."""
    if getattr(settings, "GEO_PUBLIC_OVERRIDE", False):
        return True
    user = getattr(request, "user", None)
    if user is None:
        if not hasattr(request, "session"):
            return False
        user = get_user(request)
    return bool(user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def parse_override(value: str) -> Geo | None:
    """`?region=BR` (a country) or `?region=brazil` (a region slug) → Geo, None if unknown."""
    value = (value or "").strip()
    if _COUNTRY_RE.match(value):
        country = value.upper()
        slug = regions.region_slug_for_country(country)
        return Geo(country, slug, "override") if slug else None
    if _SLUG_RE.match(value) and regions.region_exists(value):
        return Geo(regions.first_country(value), value, "override")
    return None


def requested_override(request: HttpRequest) -> str | None:
    """The override asked for: the query parameter, else the signed cookie; None if neither."""
    if OVERRIDE_PARAM in request.GET:
        return request.GET.get(OVERRIDE_PARAM, "")[:64]
    if OVERRIDE_COOKIE in request.COOKIES:
        return request.get_signed_cookie(OVERRIDE_COOKIE, default="", salt=OVERRIDE_SALT)
    return None


# --- Client IP and trusted header -------------------------------------------------------------


def _parse_ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    value = value.strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "203.0.113.9:443"
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value.split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def same_origin(request: HttpRequest) -> bool:
    """The browser says the call comes from one of our pages (Fetch metadata, else Origin); a
    request without either (not a browser's cross-site call) is taken as same-origin."""
    site = request.headers.get("Sec-Fetch-Site")
    if site and site not in {"same-origin", "none"}:
        return False
    origin = request.headers.get("Origin")
    if origin:
        return urlsplit(origin).netloc == request.get_host()
    return True


def client_ip(request: HttpRequest) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """REMOTE_ADDR, or, behind GEO_TRUSTED_PROXIES proxies, the address the outermost trusted
    proxy saw (taken from the right of X-Forwarded-For; entries further left are forgeable)."""
    hops = [request.META.get("REMOTE_ADDR", "")]
    trusted = getattr(settings, "GEO_TRUSTED_PROXIES", 0)
    if trusted > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h for h in forwarded.split(",") if h.strip()] + hops
        # The last `trusted` hops are our proxies; the one before them is the client.
        hops = hops[: max(len(hops) - trusted, 1)]
    address = _parse_ip(hops[-1])
    if address is None:
        log_once("bad-ip", "geo: client address %r is not an IP address", hops[-1][:64])
    return address


def trusted_header_value(request: HttpRequest) -> str | None:
    """The trusted CDN header's value, None when not configured or absent."""
    name = settings.GEO_TRUSTED_HEADER
    if not name:
        return None
    return request.META.get("HTTP_" + name.upper().replace("-", "_"))


# --- Resolution ----------------------------------------------------------------------------


def resolve(request: HttpRequest) -> Geo:
    """Where the visitor is: a permitted preview override, then the trusted CDN header, then the
    GeoIP2 database, then the locale's default region. Never raises."""
    wanted = requested_override(request)
    if wanted is not None and wanted != "" and override_allowed(request):
        found = parse_override(wanted)
        if found is not None:
            return found
        log_once("bad-override", "geo: ignoring unknown region override %r", wanted[:64])
        return _default(request)

    header = trusted_header_value(request)
    if header is not None:
        country = header.strip().upper()
        if _COUNTRY_RE.match(country) and regions.region_slug_for_country(country):
            return Geo(country, regions.region_slug_for_country(country), "header")
        log_once("bad-header", "geo: unusable trusted header value %r", header[:64])
        return _default(request, country if _COUNTRY_RE.match(country) else "")

    if geoip.configured():
        address = client_ip(request)
        if address is None:
            return _default(request)
        if not address.is_global:
            log_once("private-ip", "geo: private or reserved client address, e.g. %s", address)
            return _default(request)
        country = geoip.country_for_ip(address)
        if country:
            return _from_country(country, "geoip", request)
    return _default(request)


def current(request: HttpRequest | None) -> Geo | None:
    """`request.geo` without marking the response as region-dependent (for logging, tracking)."""
    return getattr(request, "geo", None) if request is not None else None


def region_for(request: HttpRequest | None, language_code: str | None = None):
    """The visitor's Region snippet (translated when it can be), marking the response as
    depending on the region so caches key it by region. None when no region applies."""
    if request is None:
        return regions.get_region(regions.default_region_slug(language_code or "en"))
    request._geo_used = True
    geo = getattr(request, "geo", None) or _default(request)
    return regions.get_region(geo.region, language_code)


def health() -> str:
    """For /healthz: "degraded" when a configured GeoIP database cannot be used."""
    return geoip.status()


__all__ = [
    "Geo",
    "Price",
    "choose_price",
    "client_ip",
    "current",
    "format_price",
    "health",
    "region_for",
    "resolve",
]
