"""Factories for tests that need a page or two instead of the whole seeded demo (`demo_site`).

Page factories are wagtail-factories' PageFactory: each adds its page under `parent` and then
publishes it (one revision, live, `page_published` sent), as an editor's "Publish" leaves it.

    home = HomePageFactory()                      # English home, the default Site's root: /en/
    topic = TopicPageFactory(parent=home)         # /en/topic-1/
    article = ArticlePageFactory(parent=topic)    # /en/topic-1/article-1/
    aliases(home, "es", "ru")                     # the tree as aliases in Spanish and Russian
    form = contact_form(parent=topic)             # the "My account was hacked" form

A test uses either these or the demo, never both (tests on the demo run last, on a database the
demo was seeded into; these expect the migrations' data only).
"""

import factory
import wagtail_factories
from django.conf import settings
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from cms.demo import ad_pricing, contact_forms
from cms.demo import regions as demo_regions
from pages.models import ArticlePage, HelpCenterHomePage, TopicPage


def locale(code: str) -> Locale:
    return Locale.objects.get_or_create(language_code=code)[0]


class PublishedPageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create:
            page.save_revision().publish()


class HomePageFactory(PublishedPageFactory):
    """A help center home under the tree's root, made the default Site's root page."""

    title = "Help center"
    slug = "help"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HelpCenterHomePage

    @factory.post_generation
    def site(home, create, extracted, **kwargs):
        if create:
            Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home})


class TopicPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda number: f"Topic {number}")

    class Meta:
        model = TopicPage


class ArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda number: f"Article {number}")
    summary = factory.LazyAttribute(lambda article: f"What to know about {article.title}.")
    body = factory.LazyAttribute(lambda article: [("text", RichText(f"<p>{article.summary}</p>"))])

    class Meta:
        model = ArticlePage


def aliases(home: HelpCenterHomePage, *codes: str) -> None:
    """The tree under `home`, home included, in other site languages (all when none are given)
    as a language nobody translated yet shows it: an alias of every page, at the same path."""
    tree = [home, *Page.objects.descendant_of(home).order_by("path")]
    for code in codes or [code for code, _name in settings.LANGUAGES]:
        if code == home.locale.language_code:
            continue
        for page in tree:
            if not page.has_translation(locale(code)):
                page.copy_for_translation(locale(code), copy_parents=True, alias=True)


def contact_form(parent: Page, spec: dict | None = None):
    """A published contact form built from a demo form's definition (the account-hacked form
    unless another is given), without the pages its suggestions point to."""
    if spec is None:
        spec = next(f for f in contact_forms.load_forms() if f["slug"] == "account-hacked")
    return contact_forms.build(spec, parent)


def pricing_article(parent: Page) -> ArticlePage:
    """The demo's "Ad pricing" article: its pricing block, in the currencies of most regions."""
    return ArticlePageFactory(
        parent=parent,
        title="Ad pricing",
        slug="ad-pricing",
        body=[("pricing", ad_pricing.pricing_value())],
    )


def regions_and_themes() -> None:
    """The demo's regions and themes, in every site language (and those languages' locales)."""
    for code, _name in settings.LANGUAGES:
        locale(code)
    demo_regions.seed_themes_and_regions()
