"""Every page's URL parts for the navigation, the way `Page.get_url_parts` finds them, without a
model instance or a `reverse()` per page (at 100,000 pages those were most of a rebuild).

`Page.get_url_parts(request=None)` takes the first of the sites' root paths (Wagtail's order)
that prefixes the page's `url_path`, then reverses `wagtail_serve` with the rest of the path in
that root's language. Reversing that route always gives the language's prefix (the same for
every page of the language: reversed once here) followed by the rest, percent-encoded as
Django's `reverse` encodes it, when the rest matches the route's pattern. A test compares this
with Wagtail's own answer for pages in Latin, Arabic and Cyrillic slugs on two sites.
"""

import re
from urllib.parse import quote

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Site

# What Django's reverse leaves unencoded in a path (django.urls.resolvers).
_SAFE = RFC3986_SUBDELIMS + "/~:@"


class UrlParts:
    """`parts(url_path)` → (site id, site root URL, path on that site) or None (not routable),
    for the active language, over the sites' root paths as they are now."""

    def __init__(self):
        from wagtail import urls as wagtail_urls  # its views need the models loaded

        self.serve_path = re.compile(wagtail_urls.serve_pattern)
        self.root_paths = Site.get_site_root_paths()
        self.prefixes: dict[str, str | None] = {}

    def parts(self, url_path: str) -> tuple[int, str, str | None] | None:
        root = next((srp for srp in self.root_paths if url_path.startswith(srp.root_path)), None)
        if root is None:
            return None
        site_id, root_path, root_url, language_code = root
        rest = url_path[len(root_path) :]
        prefix = self._prefix(language_code)
        if prefix is None or not self.serve_path.match(rest):
            return site_id, None, None  # as Wagtail: a page wagtail_serve cannot reverse
        page_path = prefix + quote(rest, safe=_SAFE)
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and page_path != "/":
            page_path = page_path.rstrip("/")
        return site_id, root_url, page_path

    def _prefix(self, language_code: str) -> str | None:
        if language_code not in self.prefixes:
            self.prefixes[language_code] = _serve_prefix(language_code)
        return self.prefixes[language_code]


def _serve_prefix(language_code: str) -> str | None:
    """The URL of `wagtail_serve` with an empty path in the language (e.g. "/ar/")."""
    try:
        if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
            return reverse("wagtail_serve", args=("",))
        try:  # Wagtail's rule: a variant of the root's language that is active is used
            if get_supported_content_language_variant(translation.get_language()) == language_code:
                language_code = translation.get_language()
        except LookupError:
            pass
        with translation.override(language_code):
            return reverse("wagtail_serve", args=("",))
    except NoReverseMatch:
        return None
