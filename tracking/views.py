"""Public endpoints: browser events, the consent choice and article feedback."""

import json
import logging

from django.conf import settings
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseRedirect,
    JsonResponse,
)
from django.shortcuts import render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.models import Page

from geo import limits
from geo.resolve import same_origin

from . import cross_property, delivery, emit, plan, privacy
from .models import ArticleFeedback, EventRecord, FeedbackReason

logger = logging.getLogger(__name__)

MAX_EVENT_BODY = 4096
BROWSER_KEYS = {"event", "properties", "path"}
FEEDBACK_PAGE_KINDS = {"article", "tutorial"}


def _error(message: str, status: int, **extra) -> JsonResponse:
    return JsonResponse({"error": message, **extra}, status=status)


@csrf_exempt  # JSON-only, same-origin-only: a cross-site form or a simple request cannot post here
@never_cache
def events_api(request: HttpRequest) -> JsonResponse:
    """`POST /api/v1/events` `{"event", "properties", "path"?}` from the first-party script.

    202 `{"accepted": true, "sent": bool}`; 400/403/405/413/415 JSON `{"error"}` otherwise.
    """
    if request.method != "POST":
        response = _error("Use POST.", 405)
        response["Allow"] = "POST"
        return response
    wait = limits.hit(request, "tracking-events", settings.TRACKING_EVENTS_RATE_LIMIT)
    if wait:
        return limits.too_many_json(wait)
    if request.content_type != "application/json":
        return _error("The body must be JSON (Content-Type: application/json).", 415)
    if not same_origin(request):
        return _error("Events are accepted from this site's own pages only.", 403)
    if len(request.body) > MAX_EVENT_BODY:
        return _error(f"The body is over {MAX_EVENT_BODY} bytes.", 413)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        return _error("The body is not valid JSON.", 400)
    if not isinstance(body, dict) or not isinstance(body.get("properties"), dict):
        return _error('Send an object with "event" and "properties".', 400)
    unknown = set(body) - BROWSER_KEYS
    if unknown:
        return _error(f"Unexpected field(s): {', '.join(sorted(unknown))}.", 400)
    event = body.get("event")
    spec = plan.events().get(event) if isinstance(event, str) else None
    if spec is None or "browser" not in spec.sources:
        return _error("This event cannot be sent from the browser.", 400, event=str(event)[:64])
    path = body.get("path", "/")
    if not isinstance(path, str) or not path.startswith("/") or len(path) > 300:
        return _error('"path" must be a site path.', 400)
    properties = dict(body["properties"])
    if isinstance(properties.get("query"), str):
        properties["query"] = privacy.normalise_query(properties["query"])
    violation = plan.validate(event, properties)
    if violation is not None:
        delivery.counters.add("invalid")
        logger.warning("tracking: browser event %r refused, property %s", event, violation)
        return _error(
            "The event does not follow the tracking plan.", 400, property=violation.property
        )
    sent = emit.track(event, properties, request=request, path=privacy.path_only(path))
    return JsonResponse({"accepted": True, "sent": sent}, status=202)


def _safe_next(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER") or default
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


# The banner and the feedback form are on every (cacheable) page: a CSRF token there would set a
# cookie on every visitor's first response and make those pages uncacheable. They are guarded by
# the browser's Origin / Fetch-metadata headers instead: a cross-site form cannot post here.


@csrf_exempt
@require_POST
def consent(request: HttpRequest) -> HttpResponse:
    """The banner's choice: `choice=granted|denied`; sets the consent cookie and goes back."""
    if not same_origin(request):
        return HttpResponseForbidden(_("This form can only be sent from the help center."))
    choice = request.POST.get("choice")
    response = HttpResponseRedirect(_safe_next(request), status=303)
    if choice not in {privacy.CONSENT_GRANTED, privacy.CONSENT_DENIED}:
        return response
    response.set_cookie(
        privacy.CONSENT_COOKIE,
        choice,
        max_age=privacy.CONSENT_MAX_AGE,
        samesite="Lax",
        secure=request.is_secure(),
    )
    if choice == privacy.CONSENT_DENIED:
        for name in (privacy.ANONYMOUS_ID_COOKIE, privacy.SESSION_COOKIE):
            response.delete_cookie(name)
    return response


@csrf_exempt
@require_POST
def forget(request: HttpRequest) -> HttpResponse:
    """ "Forget me": the anonymous id and session id are dropped (the next event, with consent,
    starts a new random id) and the local events stored for the old id are deleted."""
    if not same_origin(request):
        return HttpResponseForbidden(_("This form can only be sent from the help center."))
    old_id = privacy.stored_anonymous_id(request)
    if old_id:
        EventRecord.objects.filter(visitor=old_id).delete()
    response = HttpResponseRedirect(_safe_next(request), status=303)
    privacy.forget_ids(response)
    return response


@never_cache
def to_property(request: HttpRequest) -> HttpResponse:
    """`GET /tracking/to?next=<URL of another property>`: there, with the visitor's choice (and
    anonymous id, if they consented) handed over (tracking.cross_property)."""
    target = request.GET.get("next", "")
    if not cross_property.is_property_url(target):
        return HttpResponseBadRequest(_("This link does not lead to one of our sites."))
    return HttpResponseRedirect(cross_property.handover_url(request, target))


def _feedback_error(request: HttpRequest, message: str, status: int, page=None):
    return render(
        request, "tracking/feedback_error.html", {"message": message, "page": page}, status=status
    )


@csrf_exempt
@require_POST
def article_feedback(request: HttpRequest, page_id: int):
    """`POST /tracking/feedback/<page_id>/` from the "Was this helpful?" form (works without
    JavaScript): stores the answer, emits Article Feedback Submitted, goes back to the page."""
    if not same_origin(request):
        return _feedback_error(request, _("This form can only be sent from the help center."), 403)
    page = Page.objects.live().public().filter(pk=page_id).select_related("locale").first()
    page = page.specific if page is not None else None
    if page is None or getattr(page, "kind", None) not in FEEDBACK_PAGE_KINDS:
        return _feedback_error(request, _("This page does not take feedback."), 400)
    language = page.locale.language_code
    with translation.override(language):
        helpful = request.POST.get("helpful")
        reason = request.POST.get("reason", "")
        if helpful not in {"yes", "no"}:
            return _feedback_error(request, _("Please choose yes or no."), 400, page)
        if reason and reason not in FeedbackReason.values:
            return _feedback_error(request, _("Please choose a reason from the list."), 400, page)
        feedback = ArticleFeedback.objects.create(
            page=page, locale=language.lower(), helpful=helpful == "yes", reason=reason
        )
    emit.track(
        "Article Feedback Submitted",
        {
            "page_id": page.pk,
            "locale": feedback.locale,
            "helpful": feedback.helpful,
            "reason": reason or None,
        },
        request=request,
        path=page.get_url(request),
    )
    return HttpResponseRedirect(
        f"{page.get_url(request)}?feedback=thanks#article-feedback", status=303
    )
