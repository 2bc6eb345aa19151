"""Web properties: the sites one project serves (the Help Center, Business Help, …).

A `WebProperty` gives a Wagtail `Site` what makes it a property of its own: its `key` (the
`property` every tracking event names), the languages it is published in (a subset of
`LANGUAGES`; a page in another language is not served there, listed, or put in its sitemap) and
its theme (a look of the public templates). Each site has its own page tree (its root page and
that page's translations, siblings under the tree's root): search, the sitemap and the
language links stay inside it. A site without a `WebProperty` is in every language with the
default theme, named `help` when it is the default site and `site-<id>` otherwise.

`for_site(site_id)` and `for_request(request)` read the cached navigation (`pages.navigation`,
rebuilt when a property, a site or a page changes): no query per request. `for_page(page)` is the
property of the site a page belongs to (editorial events about it), read from the site's rows.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from . import navigation

# The key of the default site when it has no `WebProperty`: the help center.
DEFAULT_KEY = "help"


class Theme(models.TextChoices):
    HELP = "help", _("Help Center")
    BUSINESS = "business", _("Business")


def validate_languages(value: str) -> None:
    known = {code for code, _name in settings.LANGUAGES}
    unknown = [code for code in parse_languages(value) if code not in known]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."), params={"codes": ", ".join(unknown)}
        )


def parse_languages(value: str) -> list[str]:
    return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


class WebProperty(models.Model):
    site = models.OneToOneField(
        Site, on_delete=models.CASCADE, related_name="web_property", verbose_name=_("site")
    )
    key = models.SlugField(
        _("key"),
        max_length=40,
        unique=True,
        help_text=_("Names the property in analytics events, e.g. help or business."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        validators=[validate_languages],
        help_text=_("Language codes separated by commas, e.g. en, es. Empty: every language."),
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.HELP)

    class Meta:
        app_label = "pages"
        verbose_name = _("web property")
        verbose_name_plural = _("web properties")

    def __str__(self) -> str:
        return self.key


@dataclass(frozen=True)
class PropertyInfo:
    """A property as the request path sees it (from the navigation: no query)."""

    site_id: int | None
    key: str
    languages: tuple[str, ...]  # the site's languages, in LANGUAGES order
    theme: str
    name: str

    def serves(self, language: str) -> bool:
        return language in self.languages

    @property
    def default_language(self) -> str:
        if settings.LANGUAGE_CODE in self.languages:
            return settings.LANGUAGE_CODE
        return self.languages[0]


def describe(
    site_id: int | None, site_name: str, prop: "WebProperty | None", is_default: bool = True
) -> PropertyInfo:
    all_codes = [code for code, _name in settings.LANGUAGES]
    chosen = set(parse_languages(prop.languages)) if prop is not None else set()
    codes = tuple(code for code in all_codes if code in chosen) or tuple(all_codes)
    return PropertyInfo(
        site_id=site_id,
        key=prop.key if prop is not None else (DEFAULT_KEY if is_default else f"site-{site_id}"),
        languages=codes,
        theme=prop.theme if prop is not None else Theme.HELP,
        name=site_name,
    )


def for_site(site_id: int | None) -> PropertyInfo:
    """The property of the site `site_id` (the default site's when None)."""
    nav = navigation.current()
    site_id = site_id or nav.default_site_id
    name, prop = nav.sites.get(site_id, ("", None))
    return describe(site_id, name, prop, is_default=site_id == nav.default_site_id)


def for_page(page) -> PropertyInfo | None:
    """The property of the site `page` belongs to (None for a page outside every site).

    Read from the site's own rows, not the navigation: this runs after a publish (tracking's
    "Page Published"), when the publish has just invalidated the navigation, and rebuilding the
    whole navigation for one property made every publish of a batch cost a rebuild."""
    site = page.get_site()
    if site is None:
        return None
    prop = WebProperty.objects.filter(site_id=site.pk).first()
    return describe(site.pk, site.site_name, prop, is_default=site.is_default_site)


def site_of(request: HttpRequest | None) -> Site | None:
    if request is None:
        return None
    try:
        return Site.find_for_request(request)
    except Exception:  # a malformed Host: the default site answers, as Wagtail routes it
        return None


def for_request(request: HttpRequest | None) -> PropertyInfo:
    site = site_of(request)
    return for_site(site.pk if site is not None else None)


def other_homes(request: HttpRequest | None) -> list[tuple[str, str]]:
    """(site name, absolute URL of its home) of every other property, in the active language
    where that property has it, else in its default language."""
    nav = navigation.current()
    here = for_request(request)
    language = navigation.current_language()
    found = []
    for site_id in sorted(nav.sites):
        if site_id == here.site_id:
            continue
        other = for_site(site_id)
        home = nav.home(site_id, language if other.serves(language) else other.default_language)
        if home is not None and home.site_id == site_id:
            found.append((other.name or other.key, home.full_url))
    return found
