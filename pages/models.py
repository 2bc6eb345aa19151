"""The help center's page tree: home → topics (→ sub-topics) → articles and tutorials.

Live pages list their children and featured pages from the cached navigation
(`pages.navigation`); a draft in preview, which it does not hold yet, queries them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from . import navigation
from .blocks import ArticleBodyBlock, TutorialStepsBlock
from .properties import WebProperty  # noqa: F401  (a model of this app, beside its lookups)

HELP_KINDS = ("article", "tutorial")


class Audience(models.TextChoices):
    PINNER = "pinner", _("Pinners")
    ADVERTISER = "advertiser", _("Advertisers")
    BOTH = "both", _("Everyone")


class HelpCenterHomePage(Page):
    intro = models.CharField(_("introduction"), max_length=255, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["pages.TopicPage", "forms.ContactFormPage"]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("help center home")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        nav = navigation.current()
        entry = nav.pages.get(self.id)
        if entry is None:  # a draft in preview: not in the navigation yet
            context["topics"] = TopicPage.objects.child_of(self).live().public().specific()
            featured = HelpPage.objects.descendant_of(self).live().public().filter(featured=True)
            context["featured"] = featured.order_by("title").specific()[:8]
            return context
        context["topics"] = [c for c in nav.children.get(self.id, []) if c.kind == "topic"]
        featured = [d for d in nav.descendants(entry) if d.featured and d.kind in HELP_KINDS]
        context["featured"] = sorted(featured, key=lambda item: item.title)[:8]
        return context


class TopicPage(Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.AutocompleteField("intro"),
    ]
    parent_page_types = ["pages.HelpCenterHomePage", "pages.TopicPage"]
    subpage_types = [
        "pages.TopicPage",
        "pages.ArticlePage",
        "pages.TutorialPage",
        "forms.ContactFormPage",
    ]

    class Meta:
        verbose_name = _("topic")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.id in navigation.current().pages:
            children = navigation.current().children.get(self.id, [])
            context["subtopics"] = [c for c in children if c.kind == "topic"]
            context["help_pages"] = [c for c in children if c.kind in HELP_KINDS]
            return context
        children = self.get_children().live().public().specific()  # a draft in preview
        context["subtopics"] = [c for c in children if isinstance(c, TopicPage)]
        context["help_pages"] = [c for c in children if isinstance(c, HelpPage)]
        return context


class HelpPage(Page):
    """What articles and tutorials share: a summary, an audience and a review date."""

    summary = models.TextField(
        _("summary"), max_length=240, help_text=_("Shown on cards and as the meta description.")
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.BOTH
    )
    last_reviewed = models.DateField(
        _("last reviewed"),
        null=True,
        blank=True,
        help_text=_("When an expert last checked this is still right."),
    )
    featured = models.BooleanField(
        _("featured"),
        default=False,
        help_text=_("List this page among the popular answers on the home page."),
    )

    # AutocompleteFields: the database backend's whole-article autocomplete (search.database).
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.AutocompleteField("summary"),
        index.AutocompleteField("search_description"),
        index.FilterField("audience"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured")]
    parent_page_types = ["pages.TopicPage"]
    subpage_types: list[str] = []
    is_creatable = False  # editors create an ArticlePage or a TutorialPage
    kind = "help"

    class Meta:
        verbose_name = _("help page")
        verbose_name_plural = _("help pages")

    def get_meta_description(self) -> str:
        return self.search_description or self.summary


class ArticlePage(HelpPage):
    kind = "article"
    body = StreamField(ArticleBodyBlock(), use_json_field=True, verbose_name=_("body"))

    content_panels = HelpPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("last_reviewed")], _("Audience")),
    ]
    search_fields = HelpPage.search_fields + [
        index.SearchField("body"),
        index.AutocompleteField("body"),
    ]

    class Meta:
        verbose_name = _("article")


class TutorialPage(HelpPage):
    kind = "tutorial"
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=5)
    steps = StreamField(TutorialStepsBlock(), use_json_field=True, verbose_name=_("steps"))

    content_panels = HelpPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("steps"),
        MultiFieldPanel([FieldPanel("audience"), FieldPanel("last_reviewed")], _("Audience")),
    ]
    search_fields = HelpPage.search_fields + [
        index.SearchField("steps"),
        index.AutocompleteField("steps"),
    ]

    class Meta:
        verbose_name = _("tutorial")
