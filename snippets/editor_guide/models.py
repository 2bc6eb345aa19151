"""The editor guide's snippet: translatable tutorials for editors, shown inside the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class EditorGuide(TranslatableMixin, index.Indexed, models.Model):
    """One tutorial for the people who write and translate the help center (shown under
    "Editor guide" in the admin, in the editor's admin language, falling back to English)."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("The same in every language: it links translations.")
    )
    summary = models.CharField(_("summary"), max_length=240)
    body = RichTextField(_("body"), features=["h2", "h3", "bold", "italic", "ol", "ul", "link"])
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("body")]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("slug"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("editor guide")
        verbose_name_plural = _("editor guides")
        ordering = ["sort_order", "title"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_editor_guide_slug")
        ]

    def __str__(self) -> str:
        return self.title
