"""The site's navigation, computed once per publish instead of once per request.

`current()` returns a `Navigation`: every live, public page of every language (id, tree path,
title, kind, summary, URL), with the indexes the public templates need — a page's translations
(language links, hreflang), a language's home, a page's children (topic lists), its ancestors
(breadcrumbs), and a URL path → page table the page router uses (`pages.routing`). It holds
nothing about the visitor (no region, no consent, nothing personal): the same for everyone.

It is rebuilt (a few queries) when its version token changes. The token lives in the
`NAVIGATION_CACHE` cache (Redis when `REDIS_URL` is set, so every worker sees a publish at once
and a purged HTTP cache never refills from a worker with an old navigation; when that cache
fails, the process keeps its own token). Wagtail's
page signals (published, unpublished, moved, slug changed, deleted) and saving or deleting a
locale, site or view restriction replace the token (`invalidate`), so the next request anywhere
the cache is shared sees the change at once. There the token never expires: a site of
100,000 pages is not rebuilt by every worker every minute. In a cache of its own (the in-memory
cache, several workers) the token expires after `MAX_AGE` seconds, so processes converge too.

Within a request (`pinned()`, entered by `pages.middleware.NavigationMiddleware`) the token is
read once, at the first `current()`: one cache lookup (a Redis round trip in production) per
request instead of one per call, and one consistent navigation for the whole page. An
`invalidate` during the request (a publish) drops the pinned one. The navigation also answers
which Wagtail `Site` serves a host and port (`site_for_host`, Wagtail's own matching, remembered
per navigation, which a saved or deleted site replaces), so finding the site costs no query.
"""

import logging
import threading
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .page_urls import UrlParts

logger = logging.getLogger(__name__)
VERSION_KEY = "pages:navigation:version"
MAX_AGE = 60  # seconds
# Hosts whose site a navigation remembers (the Host header is the visitor's: no unbounded growth).
SITE_MEMO_LIMIT = 64

KINDS = {
    "helpcenterhomepage": "home",
    "topicpage": "topic",
    "articlepage": "article",
    "tutorialpage": "tutorial",
}


@dataclass(frozen=True, slots=True)
class NavPage:
    """One live, public page, as the public templates show it."""

    id: int
    path: str  # treebeard path: ancestors are its prefixes
    depth: int
    url_path: str  # Wagtail's url_path, the router's key
    translation_key: str
    language: str
    title: str
    kind: str  # home | topic | article | tutorial | other
    content_type_id: int
    alias_of_id: int | None
    summary: str = ""  # a topic's intro or a help page's summary
    featured: bool = False
    site_id: int | None = None
    root_url: str = ""
    page_path: str = ""  # the URL relative to its site, language prefix included

    @property
    def full_url(self) -> str:
        return self.root_url + self.page_path

    @property
    def intro(self) -> str:
        return self.summary

    def get_url(self, request=None) -> str:
        """Relative on the request's site, absolute for a page of another site."""
        site = getattr(request, "_wagtail_site", None) if request is not None else None
        if site is None or site.pk == self.site_id:
            return self.page_path
        return self.full_url


@dataclass
class Navigation:
    pages: dict[int, NavPage] = field(default_factory=dict)
    by_path: dict[str, NavPage] = field(default_factory=dict)
    by_url_path: dict[str, NavPage] = field(default_factory=dict)
    translations: dict[str, dict[str, NavPage]] = field(default_factory=dict)
    children: dict[int, list[NavPage]] = field(default_factory=dict)
    homes: dict[str, NavPage] = field(default_factory=dict)  # language → its help center home
    # (site id, language) → that site's home in the language (its root page's translation)
    site_homes: dict[tuple[int, str], NavPage] = field(default_factory=dict)
    # site id → (site name, its `WebProperty` row or None), read by `pages.properties`
    sites: dict[int, tuple[str, object]] = field(default_factory=dict)
    default_site_id: int | None = None
    # (host name, port) → the Site Wagtail matches to it (None: no site), filled on first use
    sites_by_host: dict[tuple[str, int | str], Site | None] = field(default_factory=dict)

    def site_for_host(self, hostname: str, port: int | str) -> Site | None:
        """The Site serving `hostname`:`port`, as `Site.find_for_request` matches it."""
        key = (hostname, port)
        if key in self.sites_by_host:
            return self.sites_by_host[key]
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            site = None
        if len(self.sites_by_host) < SITE_MEMO_LIMIT:
            self.sites_by_host[key] = site
        return site

    def home(self, site_id: int | None, language: str) -> NavPage | None:
        """The site's home in `language` (the default site's when `site_id` is None)."""
        found = self.site_homes.get((site_id or self.default_site_id, language))
        return found if found is not None else self.homes.get(language)

    def translation(self, entry: NavPage, language: str) -> NavPage | None:
        return self.translations.get(entry.translation_key, {}).get(language)

    def ancestors(self, path: str) -> list[NavPage]:
        """The live ancestors of the page at `path`, top down, the tree's root left out."""
        found = (self.by_path.get(path[:end]) for end in range(8, len(path), 4))
        return [entry for entry in found if entry is not None]

    def descendants(self, entry: NavPage) -> list[NavPage]:
        return [
            page
            for page in self.pages.values()
            if page.path.startswith(entry.path) and page.depth > entry.depth
        ]


_lock = threading.Lock()
_memo: tuple[str, Navigation] | None = None


@dataclass
class _Pin:
    navigation: Navigation | None = None


_pinned: ContextVar[_Pin | None] = ContextVar("pages_navigation_pinned", default=None)


@contextmanager
def pinned() -> Iterator[None]:
    """Within the block (one request), `current()` reads the version token once."""
    token = _pinned.set(_Pin())
    try:
        yield
    finally:
        _pinned.reset(token)


def current_language() -> str:
    """The active language as a content language code ("en", "pt-br"), without a query."""
    try:
        return get_supported_content_language_variant(translation.get_language())
    except LookupError:
        return settings.LANGUAGE_CODE


def _tokens():
    return caches[getattr(settings, "NAVIGATION_CACHE", "default")]


def _token_lifetime() -> int | None:
    """None (no expiry) in a cache every process shares; MAX_AGE in one of its own."""
    return MAX_AGE if isinstance(_tokens(), LocMemCache) else None


def _current_version() -> str:
    try:
        version = _tokens().get(VERSION_KEY)
        if version is None:
            version = uuid.uuid4().hex
            if not _tokens().add(VERSION_KEY, version, _token_lifetime()):
                version = _tokens().get(VERSION_KEY) or version
        return version
    except Exception:  # a shared cache down must not cost the visitor the page
        logger.warning("pages: navigation cache unavailable, using this process's navigation")
        memo = _memo
        return memo[0] if memo is not None else uuid.uuid4().hex


def current() -> Navigation:
    """The navigation of the current version, built on first use after a change (within
    `pinned()`, the one this block first used)."""
    pin = _pinned.get()
    if pin is not None and pin.navigation is not None:
        return pin.navigation
    navigation = _current()
    if pin is not None:
        pin.navigation = navigation
    return navigation


def _current() -> Navigation:
    global _memo
    version = _current_version()
    memo = _memo
    if memo is not None and memo[0] == version:
        return memo[1]
    with _lock:
        if _memo is not None and _memo[0] == version:
            return _memo[1]
        navigation = build()
        _memo = (version, navigation)
        return navigation


def invalidate(**_signal_arguments) -> None:
    """A new version token: every process rebuilds on its next request."""
    global _memo
    pin = _pinned.get()
    if pin is not None:
        pin.navigation = None
    try:
        _tokens().set(VERSION_KEY, uuid.uuid4().hex, _token_lifetime())
    except Exception:
        logger.warning("pages: navigation cache unavailable, other processes update within 60 s")
    _memo = None


def build() -> Navigation:
    with translation.override(settings.LANGUAGE_CODE):
        return _build()


def _build() -> Navigation:
    # By name: the models list their children from here, so this module cannot import them.
    TopicPage = apps.get_model("pages", "TopicPage")  # noqa: N806
    HelpPage = apps.get_model("pages", "HelpPage")  # noqa: N806
    summaries = dict(TopicPage.objects.values_list("id", "intro"))
    featured: set[int] = set()
    for page_id, summary, is_featured in HelpPage.objects.values_list("id", "summary", "featured"):
        summaries[page_id] = summary
        if is_featured:
            featured.add(page_id)
    navigation = Navigation()
    pages = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .order_by("path")
        .values_list(
            "id",
            "path",
            "depth",
            "url_path",
            "translation_key",
            "locale__language_code",
            "title",
            "content_type_id",
            "alias_of_id",
        )
    )
    # Plain rows, not model instances, and each URL as Wagtail's get_url_parts finds it without a
    # reverse() per page (pages.page_urls): at 100,000 pages those were most of the build.
    urls = UrlParts()
    kinds = {}
    for row in pages.iterator(chunk_size=2000):
        page_id, path, depth, url_path, key, language, title, content_type_id, alias_of = row
        if content_type_id not in kinds:
            model = ContentType.objects.get_for_id(content_type_id).model
            kinds[content_type_id] = KINDS.get(model, "other")
        site_id, root_url, page_path = urls.parts(url_path) or (None, None, None)
        if page_path is None:
            continue  # not routable: no site contains it
        entry = NavPage(
            id=page_id,
            path=path,
            depth=depth,
            url_path=url_path,
            translation_key=str(key),
            language=language,
            title=title,
            kind=kinds[content_type_id],
            content_type_id=content_type_id,
            alias_of_id=alias_of,
            summary=summaries.get(page_id, ""),
            featured=page_id in featured,
            site_id=site_id,
            root_url=root_url or "",
            page_path=page_path,
        )
        navigation.pages[entry.id] = entry
        navigation.by_path[entry.path] = entry
        navigation.by_url_path[entry.url_path] = entry
        navigation.translations.setdefault(entry.translation_key, {})[entry.language] = entry
        if entry.kind == "home":
            navigation.homes.setdefault(entry.language, entry)
            navigation.site_homes.setdefault((site_id, entry.language), entry)
    children: dict[int, list[NavPage]] = defaultdict(list)
    for entry in navigation.pages.values():
        parent = navigation.by_path.get(entry.path[:-4])
        if parent is not None:
            children[parent.id].append(entry)
    navigation.children = dict(children)
    WebProperty = apps.get_model("pages", "WebProperty")  # noqa: N806
    properties = {prop.site_id: prop for prop in WebProperty.objects.all()}
    for site in Site.objects.all():
        navigation.sites[site.pk] = (site.site_name, properties.get(site.pk))
        if site.is_default_site:
            navigation.default_site_id = site.pk
    default_homes = {
        language: entry
        for (site_id, language), entry in navigation.site_homes.items()
        if site_id == navigation.default_site_id
    }
    navigation.homes = default_homes or navigation.homes
    return navigation


def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate()


def connect() -> None:
    """Wire `invalidate` to every change that alters what the navigation holds."""
    for signal in (page_published, page_unpublished, post_page_move, page_slug_changed):
        signal.connect(invalidate, dispatch_uid=f"pages.navigation.{id(signal)}")
    post_delete.connect(_page_deleted, dispatch_uid="pages.navigation.page_deleted")
    WebProperty = apps.get_model("pages", "WebProperty")  # noqa: N806
    for model in (Locale, Site, PageViewRestriction, WebProperty):
        for signal in (post_save, post_delete):
            signal.connect(
                invalidate,
                sender=model,
                dispatch_uid=f"pages.navigation.{model.__name__}.{id(signal)}",
            )
