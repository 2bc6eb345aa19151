"""The help center's skeleton, for a new installation (`manage.py setup_site`) and for the demo:
a locale for every site language (settings.LANGUAGES), kept in sync with the source language by
wagtail-localize (pages not yet translated appear as aliases of the source ones), the home page
the default Site serves at WAGTAILADMIN_BASE_URL's host, and no Wagtail "Welcome" page. Running
it again changes nothing that exists.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from pages.models import HelpCenterHomePage

SOURCE_LANGUAGE = settings.LANGUAGE_CODE


def site_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def ensure_locales() -> dict[str, Locale]:
    """{language: Locale} for every site language; each but the source one synchronised from it."""
    locales = {}
    for code in site_languages():
        locales[code], _created = Locale.objects.get_or_create(language_code=code)
    source = locales[SOURCE_LANGUAGE]
    for code, locale in locales.items():
        if code != SOURCE_LANGUAGE:
            LocaleSynchronization.objects.get_or_create(
                locale=locale, defaults={"sync_from": source}
            )
    return locales


def ensure_home(locale: Locale, title: str, slug: str, intro: str = "") -> HelpCenterHomePage:
    """The source language's home page, published under the root and served by the default Site
    (created if there is none) at WAGTAILADMIN_BASE_URL's host and port."""
    # The default site's root: other properties' homes are homes in that language too.
    existing = HelpCenterHomePage.objects.filter(
        locale=locale, sites_rooted_here__is_default_site=True
    ).first()
    if existing:
        return existing
    home = HelpCenterHomePage(title=title, slug=slug, intro=intro, locale=locale)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    base_url = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.hostname = base_url.hostname or "localhost"
    site.port = base_url.port or (443 if base_url.scheme == "https" else 80)
    site.save()
    return home


def remove_wagtail_welcome_pages() -> int:
    """Delete Wagtail's install-time "Welcome to your new Wagtail site!" page and the copies
    wagtail-localize's locale synchronisation made of it in every language (left behind as
    drafts at the top of the Pages menu once the English one is gone); returns how many.

    They are the plain `Page`s directly under the root that no site serves: the help center's
    own top-level pages are homes, never plain pages."""
    served = Site.objects.values_list("root_page_id", flat=True)
    welcome = Page.objects.filter(
        depth=2, content_type=ContentType.objects.get_for_model(Page)
    ).exclude(id__in=served)
    removed = 0
    # Aliases first: deleting a page an alias points at turns the alias into a page of its own.
    for page in sorted(welcome, key=lambda page: page.alias_of_id is None):
        page.refresh_from_db()
        page.delete()
        removed += 1
    return removed


def setup_site() -> HelpCenterHomePage:
    """A new installation's skeleton: locales, the home page in every language, no welcome
    page. Returns the source language's home."""
    locales = ensure_locales()
    source = locales[SOURCE_LANGUAGE]
    home = ensure_home(source, title=settings.WAGTAIL_SITE_NAME, slug="help")
    remove_wagtail_welcome_pages()
    for code, locale in locales.items():
        if code != SOURCE_LANGUAGE:
            synchronize_tree(source, locale)
    return home
