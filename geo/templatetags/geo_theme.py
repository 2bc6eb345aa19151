"""`{% region_theme %}`: the link to the visitor's region theme stylesheet (in base.html)."""

import logging

from django import template

from geo import resolve, theme_css
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
    if theme is None:
        return {"theme": None}
    # A stylesheet of its own (geo.theme_css), not an inline <style>: no CSP nonce in the page.
    banner = theme_css.banner_url(theme)
    return {"theme": theme, "region": region, "version": theme_css.version_of(theme, banner)}
