"""One anonymous profile across the web properties, only with consent.

Properties under one registrable domain share the anonymous id cookie through
`TRACKING_COOKIE_DOMAIN` (e.g. `.pinwheel.example`). Where they do not share one — the demo's
`help.localhost` and `business.localhost`: browsers refuse a cookie for the parent `localhost` —
a link to another property goes through `/tracking/to?next=…` (`handover_url`), which sends the
visitor on with a signed token (`HANDOVER_PARAMETER`) valid for `HANDOVER_MAX_AGE` seconds. It
carries the visitor's choice and, only when they consented, their anonymous id; nothing else,
never anything personal. The receiving property (`accept`, in the tracking middleware) keeps
them unless the browser sends DNT/GPC or the visitor already said no there, and redirects to the
same address without the token (so it reaches no log, analytics event or shared cache).
A visitor who said no, or whose browser opts out, hands over "no" and no id.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from wagtail.models import Site

from . import privacy

HANDOVER_PARAMETER = "hc_handover"
HANDOVER_MAX_AGE = 120  # seconds: a link followed now, not a bookmark
_SALT = "tracking.cross_property"


def property_origins() -> set[tuple[str, str]]:
    """(host name, port) of every configured site: where a hand-over may go."""
    return {(site.hostname, str(site.port)) for site in Site.objects.all()}


def is_property_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            return False
        port = str(parts.port or (443 if parts.scheme == "https" else 80))
    except ValueError:  # a malformed address (bad port, unclosed IPv6 bracket)
        return False
    return (parts.hostname, port) in property_origins()


def token_for(request: HttpRequest) -> str:
    """The visitor's choice (and id, when they consented) as a signed, short-lived token."""
    if privacy.opted_out_by_browser(request):
        payload = {"c": privacy.CONSENT_DENIED}
    else:
        choice = privacy.consent_choice(request)
        payload = {"c": choice or ""}
        if choice == privacy.CONSENT_GRANTED:
            payload["a"] = privacy.anonymous_id(request)
    return signing.dumps(payload, salt=_SALT, compress=True)


def handover_url(request: HttpRequest, next_url: str) -> str:
    parts = urlsplit(next_url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != HANDOVER_PARAMETER]
    query.append((HANDOVER_PARAMETER, token_for(request)))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _without_token(request: HttpRequest) -> str:
    query = [(k, v) for k, v in request.GET.items() if k != HANDOVER_PARAMETER]
    return request.path + (f"?{urlencode(query)}" if query else "")


def accept(request: HttpRequest) -> HttpResponse | None:
    """For a request carrying a hand-over token: the redirect to the same address without it,
    with the handed-over choice and id kept as this property's cookies (see the module)."""
    token = request.GET.get(HANDOVER_PARAMETER)
    if token is None or request.method != "GET":
        return None
    response = HttpResponseRedirect(_without_token(request))
    response["Cache-Control"] = "private, no-store"
    try:
        payload = signing.loads(token, salt=_SALT, max_age=HANDOVER_MAX_AGE)
    except signing.BadSignature:  # expired, altered or not ours: the page, without it
        return response
    local_choice = privacy.consent_choice(request)
    if privacy.opted_out_by_browser(request) or local_choice == privacy.CONSENT_DENIED:
        return response
    choice = payload.get("c") if isinstance(payload, dict) else None
    secure = request.is_secure()
    if choice == privacy.CONSENT_DENIED:
        privacy.remember_choice(response, privacy.CONSENT_DENIED, secure)
        privacy.forget_ids(response)
    elif choice == privacy.CONSENT_GRANTED and privacy.is_anonymous_id(payload.get("a", "")):
        privacy.remember_choice(response, privacy.CONSENT_GRANTED, secure)
        privacy.store_anonymous_id(response, payload["a"], secure)
    return response
