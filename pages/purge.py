"""Purging the shared HTTP cache (Varnish, a CDN) of every URL a page change shows on.

Wagtail's `wagtail.contrib.frontend_cache` sends the purges (its backends and `PurgeBatch`,
configured by `WAGTAILFRONTENDCACHE`, which `FRONTEND_CACHE_URL` fills for Varnish); this module
decides which URLs, after the change is committed:

- the page in every language version (each translation's own URL: slugs are translated; the
  language links of all of them change when one is published or withdrawn);
- the pages that list or name it: every ancestor below the root (its topic lists it, the home
  lists topics and featured answers), and for a topic or a home, every page below it (their
  breadcrumbs show its title);
- the site's `/sitemap.xml`;
- after a move or a slug change, the old URLs too (the page and everything below it).

Signals: `page_published`, `page_unpublished` (Wagtail sends it for a live page being deleted
too), `post_page_move`, `page_slug_changed` and `pre_delete` of a page. Without a configured
backend nothing is computed or sent. The purges are sent by a background task after commit
(`pages.tasks.purge_urls`, tried again while the proxy refuses them; decision 0019).
"""

import copy
import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_delete
from django.urls import reverse
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import tasks

logger = logging.getLogger(__name__)

LISTING_KINDS = ("helpcenterhomepage", "topicpage")


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def urls_showing(page: Page) -> set[str]:
    """Every URL whose content shows `page` (see the module), as frontend_cache forms them."""
    batch = PurgeBatch()
    versions = [page, *page.get_translations().live()]
    for version in versions:
        batch.add_page(version)
        batch.add_pages(version.get_ancestors().filter(depth__gt=1).live())
        if version.specific_class and version.specific_class._meta.model_name in LISTING_KINDS:
            batch.add_pages(version.get_descendants().live())
        site = version.get_site()
        if site is not None:
            batch.add_url(site.root_url + reverse("sitemap"))
    return batch.urls


def urls_before_move(page: Page, url_path_before: str) -> set[str]:
    """The URLs `page` and the pages below it had when its URL path was `url_path_before`."""
    batch = PurgeBatch()
    url_path_after = page.url_path
    for moved in [page, *page.get_descendants()]:
        before = copy.copy(moved)
        before.url_path = url_path_before + moved.url_path[len(url_path_after) :]
        batch.add_page(before)
    return batch.urls


def purge_after_commit(urls: set[str]) -> None:
    if urls:
        transaction.on_commit(lambda: _enqueue_purge(sorted(urls)))


def _enqueue_purge(urls: list[str]) -> None:
    try:
        tasks.purge_urls.enqueue(urls)
    except Exception:  # the change is committed; the cache's expiry catches up
        logger.exception("cache: could not queue the purge of %d URLs", len(urls))


def _page_changed(sender, instance, alias=False, **kwargs) -> None:
    # An alias updated by its source's publish (`alias=True`): the source's purge names it.
    if enabled() and not alias:
        purge_after_commit(urls_showing(instance))


def _page_moved(sender, instance, url_path_before="", parent_page_before=None, **kwargs):
    if not enabled():
        return
    urls = urls_showing(instance)
    if url_path_before and url_path_before != instance.url_path:
        urls |= urls_before_move(instance, url_path_before)
    if parent_page_before is not None:
        urls |= urls_showing(parent_page_before)
    purge_after_commit(urls)


def _slug_changed(sender, instance, instance_before=None, **kwargs) -> None:
    if not enabled() or instance_before is None:
        return
    urls = urls_showing(instance) | urls_before_move(instance, instance_before.url_path)
    purge_after_commit(urls)


def _page_deleted(sender, instance, **kwargs) -> None:
    if enabled() and isinstance(instance, Page) and instance.pk:
        purge_after_commit(urls_showing(instance))


def connect() -> None:
    page_published.connect(_page_changed, dispatch_uid="pages.purge.published")
    page_unpublished.connect(_page_changed, dispatch_uid="pages.purge.unpublished")
    post_page_move.connect(_page_moved, dispatch_uid="pages.purge.moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="pages.purge.slug")
    pre_delete.connect(_page_deleted, dispatch_uid="pages.purge.deleted")
