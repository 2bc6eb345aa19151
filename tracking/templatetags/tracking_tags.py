"""Template tags: the consent banner and tracking script (base template), the article feedback
form (article template), and number formatting for the dashboard."""

from django import template
from django.urls import reverse
from django.utils.formats import number_format

from .. import privacy
from ..models import FeedbackReason

register = template.Library()


@register.inclusion_tag("tracking/consent_banner.html", takes_context=True)
def tracking_consent(context):
    """The consent banner (until the visitor chose) and, with consent, the first-party script."""
    request = context.get("request")
    if request is None:
        return {"show_banner": False, "load_script": False}
    opted_out = privacy.opted_out_by_browser(request)
    choice = privacy.consent_choice(request)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "show_banner": not opted_out and not choice,
        "load_script": privacy.may_track(request),
        "consent_url": reverse("tracking_consent"),
        "events_url": reverse("tracking_events"),
        "next": request.get_full_path(),
    }


@register.inclusion_tag("tracking/article_feedback.html", takes_context=True)
def article_feedback(context, page):
    request = context.get("request")
    return {
        "page": page,
        "csrf_token": context.get("csrf_token"),
        "action": reverse("tracking_article_feedback", args=[page.pk]),
        "thanks": request is not None and request.GET.get("feedback") == "thanks",
        "reasons": FeedbackReason.choices,
    }


@register.filter
def percent(value) -> str:
    """0.4567 → "45.7 %" in the active language; None → "—" (no data)."""
    if value is None:
        return "—"
    return f"{number_format(value * 100, 1)} %"
