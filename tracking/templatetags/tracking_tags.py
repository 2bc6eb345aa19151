"""Template tags: the consent banner and tracking script (base template), the article feedback
form (article template), and number formatting for the dashboard."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.formats import number_format

from pages import properties

from .. import privacy
from ..models import FeedbackReason

register = template.Library()


@register.inclusion_tag("tracking/consent_banner.html", takes_context=True)
def tracking_consent(context):
    """The consent banner and consent.js, the same for every visitor: the browser shows the
    banner until the visitor chose and loads the first-party script once they allowed it (the
    page stays cacheable: nothing in it depends on the visitor's cookies or headers)."""
    request = context.get("request")
    return {
        "consent_cookie": privacy.CONSENT_COOKIE,
        "consent_url": reverse("tracking_consent"),
        "events_url": reverse("tracking_events"),
        "next": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("tracking/property_links.html", takes_context=True)
def property_links(context):
    """Links to the other properties (through `/tracking/to`, which hands the visitor's choice
    over: tracking.cross_property) and the "Forget me" button; the same for every visitor."""
    request = context.get("request")
    to = reverse("tracking_to_property")
    return {
        "others": [
            (name, f"{to}?{urlencode({'next': url})}")
            for name, url in properties.other_homes(request)
        ],
        "forget_url": reverse("tracking_forget"),
        "next": request.get_full_path() if request is not None else "/",
    }


@register.inclusion_tag("tracking/article_feedback.html", takes_context=True)
def article_feedback(context, page):
    request = context.get("request")
    return {
        "page": page,
        "action": reverse("tracking_article_feedback", args=[page.pk]),
        "thanks": request is not None and request.GET.get("feedback") == "thanks",
        "reasons": FeedbackReason.choices,
    }


@register.filter
def percent(value) -> str:
    """0.4567 → "45.7 %" in the active language; None → "—" (no data)."""
    if value is None:
        return "—"
    return f"{number_format(round(value * 100, 1), 1)} %"  # rounded: 2/3 is 66.7 %, not 66.6 %
