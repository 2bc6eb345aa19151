"""The public module of the tracking app: the one way any code sends an event.

    from tracking import emit
    emit.track("Search Performed", {...}, request=request)

Every event is checked against the tracking plan first (refused, counted and logged when it does
not follow it), visitor events need consent (no DNT, no GPC, the banner's consent cookie), and
nothing here raises or waits on the network: the Segment client queues, a thread sends.
"""

import logging

from django.http import HttpRequest
from django.utils import timezone, translation

from geo import resolve
from pages import properties as web_properties

from . import delivery, plan, privacy, records
from .models import EventRecord

logger = logging.getLogger(__name__)

EDITORIAL_ANONYMOUS_ID = "editorial-system"


def region_of(request: HttpRequest | None) -> str:
    geo = resolve.current(request)
    region = str(getattr(geo, "region", "") or "")
    return region.lower()[:40]


def current_locale(request: HttpRequest | None = None) -> str:
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language() or "en"
    return code.lower()


def _context(
    request: HttpRequest | None, locale: str, path: str | None = None, web_property: str = ""
) -> dict:
    context: dict = {"locale": locale, "tracking_plan": {"version": plan.plan_version()}}
    if path or request is not None:
        context["page"] = {"path": privacy.path_only(path or request.path)[:300]}
        region = region_of(request)
        if region:
            context["region"] = region
    if request is not None:
        context["property"] = web_properties.for_request(request).key
    elif web_property:
        context["property"] = web_property
    return context


def allowed(event: str, request: HttpRequest | None) -> bool:
    """Would this event be sent for this request (consent and browser signals)?"""
    spec = plan.events().get(event)
    if spec is None:
        return True  # refused later, and counted as invalid
    if spec.category == "visitor":
        return privacy.may_track(request)
    return request is None or not privacy.opted_out_by_browser(request)


def track(
    event: str,
    properties: dict,
    *,
    request: HttpRequest | None = None,
    user=None,
    path: str | None = None,
    web_property: str = "",
) -> bool:
    """Validate and queue one event; True when it was queued (or recorded), never raises.

    `path` names the page the event happened on when the request is not that page's (events
    posted by the browser). `web_property` names the property of an event without a visitor's
    request (an editorial event about a page: its site's key); with a request, the request's
    site names it."""
    try:
        return _track(
            event, properties, request=request, user=user, path=path, web_property=web_property
        )
    except Exception:
        logger.exception("tracking: %s could not be emitted", event)
        return False


def _track(event: str, properties: dict, *, request, user, path, web_property) -> bool:
    if not allowed(event, request):
        return False
    locale = str(properties.get("locale") or current_locale(request))
    context = _context(request, locale, path, web_property)
    violation = plan.validate(event, properties, context)
    if violation is not None:
        delivery.counters.add("invalid")
        logger.warning("tracking: %r refused, property %s", event, violation)
        return False
    spec = plan.events()[event]
    user = user if user is not None else getattr(request, "user", None)
    ids: dict = {}
    if privacy.is_staff(user):
        ids["user_id"] = privacy.pseudonymous_user_id(user)
    if spec.category == "visitor":
        ids["anonymous_id"] = privacy.anonymous_id(request)
        request._tracking_used = True
    elif "user_id" not in ids:
        ids["anonymous_id"] = EDITORIAL_ANONYMOUS_ID
    delivery.send("track", event=event, properties=dict(properties), context=context, **ids)
    _record(
        event,
        properties,
        locale,
        context.get("property", ""),
        request if spec.category == "visitor" else None,
    )
    return True


def _record(
    event: str, properties: dict, locale: str, web_property: str, request: HttpRequest | None
) -> None:
    """Keep the event for the KPIs: visitor events in the background, editorial ones at once."""
    try:
        record = EventRecord(
            event=event,
            occurred_at=timezone.now(),
            session=privacy.session_id(request) if request is not None else "",
            visitor=privacy.anonymous_id(request) if request is not None else "",
            locale=locale[:12],
            web_property=web_property[:40],
            properties=properties,
        )
        if request is None:
            record.save()
        else:
            records.store(record)
    except Exception:
        logger.exception("tracking: %s could not be recorded for the KPIs", event)


def identify_staff(request: HttpRequest, user) -> bool:
    """Link a staff member's browser to their pseudonymous id (no name, no e-mail)."""
    try:
        if not privacy.is_staff(user) or not privacy.may_track(request):
            return False
        request._tracking_used = True
        delivery.send(
            "identify",
            user_id=privacy.pseudonymous_user_id(user),
            anonymous_id=privacy.anonymous_id(request),
            traits={"role": "staff"},
            context={"locale": current_locale(request)},
        )
        return True
    except Exception:
        logger.exception("tracking: identify failed")
        return False
