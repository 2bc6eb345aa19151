"""Admin wiring: synonyms, suggested queries and blocked predictions as snippets, and the
search terms report with its "Never suggest this" action.
(Pages are indexed on publish/unpublish/delete by the signal receivers of search.apps.)"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import BlockedPrediction, CuratedQuery, SynonymSet
from .reports import block_prediction, search_report


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


class BlockedPredictionViewSet(SnippetViewSet):
    model = BlockedPrediction
    icon = "cross"
    list_display = ["phrase", "language", "created_at"]
    list_filter = ["language"]
    menu_label = _("Blocked predictions")


register_snippet(SynonymSetViewSet)
register_snippet(CuratedQueryViewSet)
register_snippet(BlockedPredictionViewSet)


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path("reports/search-terms/", search_report, name="search_terms_report"),
        path("reports/search-terms/block/", block_prediction, name="search_terms_block_prediction"),
    ]


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
