"""Admin for regions and themes: one "Regions & themes" menu with both snippet listings.

Regions exist once per language; their listing shows one language at a time (the admin's own
language until the language filter says otherwise, "All" included) with a language column.
"""

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import LocaleColumn
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from .models import Region, Theme


def default_language_code() -> str:
    """The locale matching the admin's language, else the default locale."""
    language = get_language()
    if language and Locale.objects.filter(language_code=language).exists():
        return language
    return Locale.get_default().language_code


class RegionIndexView(IndexView):
    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if "locale" not in self.request.GET:
            data = self.request.GET.copy()
            data["locale"] = default_language_code()
            kwargs["data"] = data
        return kwargs


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    index_view_class = RegionIndexView
    list_display = [
        "name",
        LocaleColumn(label=_("Language")),
        "countries",
        "currency",
        "default_for_languages",
        "theme",
    ]
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
