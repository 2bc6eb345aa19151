"""Admin wiring: synonyms and suggested queries as snippets, and the search terms report.
(Pages are indexed on publish/unpublish/delete by the signal receivers of search.apps.)"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import CuratedQuery, SynonymSet
from .reports import search_report


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    icon = "search"
    list_display = ["terms", "language"]
    list_filter = ["language"]
    menu_label = _("Search synonyms")


class CuratedQueryViewSet(SnippetViewSet):
    model = CuratedQuery
    icon = "search"
    list_display = ["text", "language", "weight"]
    list_filter = ["language"]
    menu_label = _("Suggested queries")


register_snippet(SynonymSetViewSet)
register_snippet(CuratedQueryViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("reports/search-terms/", search_report, name="search_terms_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("search.view_searchlogentry")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return SearchReportMenuItem(
        _("Search terms"),
        reverse("search_terms_report"),
        name="search-terms",
        icon_name="search",
        order=1000,
    )
