"""A region theme's stylesheet: its colours as CSS custom properties, its banner and logo look.

Pages link it (`{% region_theme %}`) instead of carrying an inline `<style>`: a page kept by a
shared cache then holds no code that needs a Content-Security-Policy nonce (a nonce reused for
the cache's lifetime would no longer be one), and the theme is fetched once per browser.

`GET /theme/<pk>-<version>.css`: `version` is a digest of what the stylesheet says
(`version_of`), so a changed theme gets a new URL; the current version is kept by browsers and
shared caches for a year, any other one is answered with the current stylesheet for a minute
(a page cached before the change). Colours are validated as `#rrggbb` by the model, and the
banner URL is a rendition's, so nothing a visitor sends reaches the CSS.
"""

import hashlib

from django.http import Http404, HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from snippets.regions.models import Theme

YEAR = 60 * 60 * 24 * 365
STALE_VERSION_SECONDS = 60


def banner_url(theme: Theme) -> str:
    if not theme.banner_id:
        return ""
    try:
        return theme.banner.get_rendition("width-1600").url
    except Exception:  # a missing image file must not cost the page its theme
        return ""


def version_of(theme: Theme, banner: str) -> str:
    fields = (
        theme.brand_color,
        theme.brand_contrast_color,
        theme.canvas_color,
        theme.link_color,
        theme.logo_variant,
        banner,
    )
    return hashlib.sha256("\n".join(fields).encode()).hexdigest()[:12]


@require_safe
def theme_stylesheet(request: HttpRequest, pk: int, version: str) -> HttpResponse:
    theme = Theme.objects.filter(pk=pk).select_related("banner").first()
    if theme is None:
        raise Http404("no such theme")
    banner = banner_url(theme)
    css = render_to_string("geo/theme.css", {"theme": theme, "banner_url": banner})
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    if version == version_of(theme, banner):
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=STALE_VERSION_SECONDS)
    return response
