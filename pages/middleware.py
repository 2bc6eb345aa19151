"""`NavigationMiddleware`: one navigation per request, and the request's site from it.

For the whole request (rendering included) `pages.navigation.current()` reads the navigation's
version token once (`navigation.pinned()`), instead of once per call (a Redis round trip each in
production). It also sets the site Wagtail keeps per request (`request._wagtail_site`, what
`Site.find_for_request` returns) from the navigation (`Navigation.site_for_host`: Wagtail's own
matching, remembered until a site is saved or deleted), so finding the site costs no query. A
host ALLOWED_HOSTS refuses (Django answers 400) or a failure (the database down) sets nothing:
Wagtail finds the site itself, as before.

Put it after WhiteNoise (static files need neither) and before anything that routes or renders.
"""

import logging

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port

from . import navigation

logger = logging.getLogger(__name__)


class NavigationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        with navigation.pinned():
            if not hasattr(request, "_wagtail_site"):
                self._set_site(request)
            return self.get_response(request)

    @staticmethod
    def _set_site(request: HttpRequest) -> None:
        try:
            request.get_host()  # only allowed hosts are remembered
        except DisallowedHost:
            return
        try:
            # As Wagtail's Site.find_for_request: the host name without its port.
            hostname = split_domain_port(request._get_raw_host())[0]
            request._wagtail_site = navigation.current().site_for_host(hostname, request.get_port())
        except Exception:
            logger.warning("pages: no site from the navigation; Wagtail finds it", exc_info=True)
