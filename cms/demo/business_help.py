"""The demo's second property, Business Help (`content/business/site.json`): its own page tree
(a home under the tree's root, topics, articles), Wagtail `Site` and `WebProperty` (key, theme,
languages), and its editors' group; the Help Center's site gets its property and editors too.

Hosts come from `HELP_CENTER_URL` and `BUSINESS_HELP_URL` (`help.localhost:8000` and
`business.localhost:8000` by default: browsers resolve `*.localhost` to the loopback address);
the Help Center stays the default site, so any other host name (127.0.0.1) shows it. English
pages are created and published; home and topic titles are translated into every language of
the property, articles into those the file has text for (the rest appear as aliases, like the
Help Center's). Running it again changes nothing that exists.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Locale, Page, Site

from cms.property_editors import grant_site_editors
from pages.models import HelpCenterHomePage, TopicPage, WebProperty
from pages.properties import Theme

from . import page_tree
from .content_files import DemoContentError, read
from .locale_sync import synchronize_locales
from .translation_import import import_translation

HELP_KEY = "help"
HELP_EDITORS = "Help Center editors"
BUSINESS_EDITORS = "Business Help editors"


def _host(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    if not parts.hostname:
        raise DemoContentError(f"not a site address: {url!r}")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def ensure_help_property() -> Site | None:
    """The default site (the Help Center) at HELP_CENTER_URL, with its property."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or WebProperty.objects.filter(site=site).exists():
        return site
    site.hostname, site.port = _host(settings.HELP_CENTER_URL)
    site.save()
    WebProperty.objects.create(site=site, key=HELP_KEY, theme=Theme.HELP)
    return site


def ensure_business_site(data: dict) -> Site:
    existing = WebProperty.objects.filter(key=data["key"]).select_related("site").first()
    if existing is not None:
        return existing.site
    text = data["home"]
    home = page_tree._publish(
        Page.get_first_root_node(),
        HelpCenterHomePage(
            title=text["title"][page_tree.SOURCE_LANGUAGE],
            slug=text["slug"],
            intro=text["intro"][page_tree.SOURCE_LANGUAGE],
        ),
    )
    hostname, port = _host(settings.BUSINESS_HELP_URL)
    site = Site.objects.create(
        hostname=hostname, port=port, root_page=home, site_name=data["site_name"]
    )
    WebProperty.objects.create(
        site=site, key=data["key"], theme=data["theme"], languages=", ".join(data["languages"])
    )
    return site


def seed(log=print) -> dict[str, int]:
    data = read("business/site.json")
    languages = data["languages"]
    known = {code for code, _name in settings.LANGUAGES}
    if page_tree.SOURCE_LANGUAGE not in languages or not set(languages) <= known:
        raise DemoContentError("business/site.json: languages must be site languages, with en")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    help_site = ensure_help_property()
    site = ensure_business_site(data)
    home = site.root_page.specific
    translations = {home.id: page_tree._title_and_intro_translations(data["home"])}
    created = 0
    for topic in data["topics"]:
        topic_page = page_tree._child(home, topic["slug"])
        if topic_page is None:
            topic_page = page_tree._publish(
                home,
                TopicPage(
                    title=topic["title"][page_tree.SOURCE_LANGUAGE],
                    slug=topic["slug"],
                    intro=topic["intro"][page_tree.SOURCE_LANGUAGE],
                ),
            )
            created += 1
        translations[topic_page.id] = page_tree._title_and_intro_translations(topic)
        for page_data in topic["pages"]:
            page = page_tree._child(topic_page, page_data["slug"])
            if page is None:
                page = page_tree._help_page(topic_page, page_data, [])
                created += 1
            written_in = [code for code in languages if code in page_data and code != "en"]
            translations[page.id] = page_tree._page_translations(page_data, written_in)
    translated = 0
    for page in [home, *Page.objects.descendant_of(home).order_by("path").specific()]:
        for code, strings in translations.get(
            page.id, page_tree.Translations()
        ).by_language.items():
            if code == page_tree.SOURCE_LANGUAGE or code not in languages:
                continue
            existing = page.get_translation_or_none(locales[code])
            if existing is not None and not existing.alias_of_id:
                continue
            import_translation(page, locales[code], strings)
            translated += 1
    synchronize_locales(locales[page_tree.SOURCE_LANGUAGE], locales.values())
    grant_site_editors(site, BUSINESS_EDITORS)
    if help_site is not None:
        grant_site_editors(help_site, HELP_EDITORS)
    log(
        f"Business Help: {created} pages created, {translated} translations made, "
        f"at {settings.BUSINESS_HELP_URL}."
    )
    return {"pages_created": created, "translations_created": translated}
