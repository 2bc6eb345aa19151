"""`{% region_theme %}`: the visitor's region theme as CSS custom properties (in base.html)."""

import logging

from django import template

from geo import resolve
from snippets import regions

logger = logging.getLogger("geo")
register = template.Library()


@register.inclusion_tag("geo/theme_style.html", takes_context=True)
def region_theme(context) -> dict:
    request = context.get("request")
    try:
        if request is None or not regions.any_theme():
            return {"theme": None}
        region = resolve.region_for(request)
    except Exception:  # e.g. the 404 page while the database is down: default look
        logger.exception("geo: no region theme for this page")
        return {"theme": None}
    theme = region.theme if region is not None else None
    banner_url = ""
    if theme is not None and theme.banner_id:
        try:
            banner_url = theme.banner.get_rendition("width-1600").url
        except Exception:  # a missing image file must not cost the page
            banner_url = ""
    # The Content-Security-Policy admits this inline <style> by its nonce (cms/headers).
    nonce = str(request.csp_nonce) if hasattr(request, "csp_nonce") else ""
    return {"theme": theme, "region": region, "banner_url": banner_url, "csp_nonce": nonce}
