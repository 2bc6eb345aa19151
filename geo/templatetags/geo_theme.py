"""`{% region_theme %}`: the visitor's region theme as CSS custom properties (in base.html)."""

from django import template

from geo import resolve
from snippets import regions

register = template.Library()


@register.inclusion_tag("geo/theme_style.html", takes_context=True)
def region_theme(context) -> dict:
    request = context.get("request")
    if request is None or not regions.any_theme():
        return {"theme": None}
    region = resolve.region_for(request)
    theme = region.theme if region is not None else None
    banner_url = ""
    if theme is not None and theme.banner_id:
        try:
            banner_url = theme.banner.get_rendition("width-1600").url
        except Exception:  # a missing image file must not cost the page
            banner_url = ""
    return {"theme": theme, "region": region, "banner_url": banner_url}
