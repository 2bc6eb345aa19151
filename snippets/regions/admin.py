"""Admin for regions and themes: one "Regions & themes" menu with both snippet listings."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Region, Theme


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = ["name", "countries", "currency", "default_for_languages", "theme"]
    search_fields = ["name", "countries", "currency"]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "image"
    menu_label = _("Themes")
    list_display = ["name", "brand_color", "logo_variant"]


class GeoSnippetsGroup(SnippetViewSetGroup):
    items = (RegionViewSet, ThemeViewSet)
    menu_icon = "globe"
    menu_label = _("Regions & themes")
    menu_name = "regions-and-themes"


register_snippet(GeoSnippetsGroup)
