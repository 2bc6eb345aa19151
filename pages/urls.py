"""Wagtail's front-end URLs, its page-serving view replaced by `pages.routing.serve`."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from . import routing

urlpatterns = [
    pattern
    for pattern in wagtail_urls.urlpatterns
    if getattr(pattern, "name", None) != "wagtail_serve"
] + [re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve")]
