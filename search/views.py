"""The search results page, `/<lang>/search/?q=…&page=N`."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.models import Locale

from pages.models import HelpPage

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def search_page(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results_page = None
    if len(query) > MAX_QUERY_LENGTH:
        error = _("Your search is too long. Please use at most %(limit)d characters.") % {
            "limit": MAX_QUERY_LENGTH
        }
    elif query:
        results = (
            HelpPage.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
        paginator = Paginator(results, RESULTS_PER_PAGE)
        try:
            results_page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results_page = paginator.page(1)
        except EmptyPage:
            results_page = paginator.page(paginator.num_pages)
    status = 400 if error else 200
    return render(
        request,
        "search/search_results.html",
        {"query": query, "results": results_page, "error": error},
        status=status,
    )
