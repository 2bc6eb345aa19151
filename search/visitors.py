"""Who may feed the search log, and how a visitor is counted without being stored.

- `feeds_search_log(request)`: false for Do Not Track (`DNT: 1`), Global Privacy Control
  (`Sec-GPC: 1`) and cross-site requests (`Sec-Fetch-Site: cross-site`, e.g. an `<img>` on
  another site). Such searches are not logged at all: no log row, no aggregate, no prediction.
- `visitor_hash(request, language, query, day)`: an HMAC of the client's network (geo's
  proxy-aware resolution: the IPv4 address, or the IPv6 /64 a household or phone is given),
  language and query, keyed by a salt derived from
  SECRET_KEY and the salt period (`period(day)`: SEARCH_PREDICTION_WINDOW_DAYS-long periods).
  The address is never stored; including the query makes one visitor's rows for different
  queries unlinkable; the key changes every period, so hashes of different periods are too.
  The browser is left out on purpose: a script that changes its User-Agent (or an IPv6 client
  that changes the low half of its address) is still one visitor and cannot make a prediction
  on its own.
"""

import datetime
import hashlib
import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest

from geo.resolve import client_ip


def opted_out(request: HttpRequest) -> bool:
    return request.headers.get("DNT", "").strip() == "1" or (
        request.headers.get("Sec-GPC", "").strip() == "1"
    )


def cross_site(request: HttpRequest) -> bool:
    return request.headers.get("Sec-Fetch-Site", "").strip().lower() == "cross-site"


def feeds_search_log(request: HttpRequest | None) -> bool:
    return request is not None and not opted_out(request) and not cross_site(request)


def period(day: datetime.date) -> int:
    return day.toordinal() // max(settings.SEARCH_PREDICTION_WINDOW_DAYS, 1)


def _period_key(salt_period: int) -> bytes:
    return hmac.new(
        settings.SECRET_KEY.encode(), f"search-visitor:{salt_period}".encode(), hashlib.sha256
    ).digest()


def visitor_hash(request: HttpRequest, language: str, query: str, day: datetime.date) -> str:
    message = "\x1f".join([_network(request), language, query]).encode()
    return hmac.new(_period_key(period(day)), message, hashlib.sha256).hexdigest()[:32]


def _network(request: HttpRequest) -> str:
    address = client_ip(request)
    if address is None:
        return ""
    if address.version == 6:
        return str(ipaddress.ip_network(f"{address}/64", strict=False))
    return str(address)
