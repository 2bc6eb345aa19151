"""Admin wiring of the pages app: web properties (`pages.properties`) as a snippet, edited by
whoever has the model's permissions (superusers)."""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .properties import WebProperty


class WebPropertyViewSet(SnippetViewSet):
    model = WebProperty
    icon = "site"
    list_display = ["key", "site", "languages", "theme"]
    panels = [FieldPanel("site"), FieldPanel("key"), FieldPanel("languages"), FieldPanel("theme")]


register_snippet(WebPropertyViewSet)
