"""The results page (`/<lang>/search/`), the autocomplete API and the click beacon."""

import json
import logging
import math
import unicodedata

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from geo import limits, resolve
from pages.models import Audience, HelpPage, TopicPage

from . import api, scope, searchlog, signals
from .models import AnswerFeedback, PassageVector, SearchLogEntry
from .query import SearchQuery, as_typed, clean, max_words
from .settings import AUTOCOMPLETE_LIMIT, AUTOCOMPLETE_MAX_LIMIT, QUERY_MAX_LENGTH

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
MAX_PAGE = 100
KINDS = {"article", "tutorial", "topic"}
MAX_CLICK_BODY = 4096
# With fewer results than this in the visitor's language, answers in the fallback language
# (settings.SEARCH_FALLBACK_LANGUAGE) are shown below them.
FEW_RESULTS = 3


def _positive_int(value: str | None, default: int | None) -> int | None:
    try:
        number = int(value) if value not in (None, "") else default
    except (TypeError, ValueError):
        return default
    return number if number is None or number > 0 else default


def search_page(request: HttpRequest) -> HttpResponse:
    language = get_language()
    raw_query = request.GET.get("q", "").strip()
    page_number = min(_positive_int(request.GET.get("page"), 1) or 1, MAX_PAGE)
    topic = _positive_int(request.GET.get("topic"), None)
    audience = request.GET.get("audience", "")
    audience = audience if audience in Audience.values else ""
    locale = Locale.objects.filter(language_code=language).first()
    context = {
        "query": raw_query,
        "error": "",
        "topics": TopicPage.objects.live().public().filter(locale=locale, depth=3).order_by("path")
        if locale
        else [],
        "topic": topic,
        "audience": audience,
        "audiences": [(value, label) for value, label in Audience.choices if value != "both"],
    }
    if len(raw_query) > QUERY_MAX_LENGTH:
        context["error"] = _(
            "Your search is too long. Please use at most %(limit)d characters."
        ) % {"limit": QUERY_MAX_LENGTH}
        return render(request, "search/search_results.html", context, status=400)
    if not raw_query:
        return render(request, "search/search_results.html", context)
    wait = limits.hit(request, "search-page", settings.SEARCH_RATE_LIMIT)
    if wait:
        return limits.too_many_page(request, wait)

    # Searched as clean(query) (search.api); logged, masked and tracked as typed.
    query = as_typed(raw_query, language)
    if clean(raw_query, language).shortened:
        context["notice"] = _(
            "Your search was shortened: only its first %(limit)d words were searched."
        ) % {"limit": max_words()}
    promoted = _promotions(request, query, locale) if page_number == 1 else []
    promoted_urls = tuple(item["url"] for item in promoted)
    outcome = api.search(
        SearchQuery(
            query,
            language,
            offset=(page_number - 1) * RESULTS_PER_PAGE,
            size=RESULTS_PER_PAGE,
            topic=topic,
            audience=audience,
            exclude_urls=promoted_urls,
            scope=scope.tree_path(request, language),
        )
    )
    total = outcome.total + len(promoted)
    if page_number == 1 and not topic and not audience and outcome.query:
        searchlog.record_search(request, query, language, total, outcome.backend)
        signals.search_performed.send(
            sender=None,
            request=request,
            query=query,
            locale=language,
            result_count=total,
            backend=outcome.backend,
        )
    num_pages = max(1, math.ceil(outcome.total / RESULTS_PER_PAGE))
    fallback_language = settings.SEARCH_FALLBACK_LANGUAGE
    fallback_hits = []
    if (
        page_number == 1
        and total < FEW_RESULTS
        and fallback_language in api.languages()
        and fallback_language != language
        and outcome.backend != api.UNAVAILABLE
    ):
        fallback_hits = api.search(
            SearchQuery(
                query,
                fallback_language,
                size=5,
                audience=audience,
                scope=scope.tree_path(request, fallback_language),
            )
        ).hits
    context.update(
        {
            "normalised_query": query,
            "promoted": promoted,
            "hits": outcome.hits,
            "total": total,
            "backend": outcome.backend,
            "correction": outcome.correction,
            "page_number": page_number,
            "num_pages": num_pages,
            "previous_page": page_number - 1 if page_number > 1 else None,
            "next_page": page_number + 1 if page_number < num_pages else None,
            "first_position": (page_number - 1) * RESULTS_PER_PAGE + len(promoted) + 1,
            # The passage answering the query (search.semantic), above the results.
            "answer": _with_language(outcome.answer) if page_number == 1 and not promoted else None,
            "fallback_hits": fallback_hits,
            "fallback_language": fallback_language,
            "popular": _popular(locale, topic, scope.tree_path(request, language))
            if total == 0
            else [],
            "contact_url": _contact_url(locale) if total == 0 else "",
        }
    )
    return render(request, "search/search_results.html", context)


def _with_language(answer: dict | None) -> dict | None:
    """The answer with the language its text is in: the original's, for an alias (a page
    not yet translated shows the English text)."""
    if answer is None:
        return None
    page = Page.objects.filter(pk=answer["page_id"]).select_related("alias_of__locale").first()
    source = page.alias_of if page is not None and page.alias_of_id else page
    return {**answer, "language": source.locale.language_code if source else ""}


def _promotions(request: HttpRequest, query: str, locale: Locale | None) -> list[dict]:
    if locale is None:
        return []
    try:
        promotion_query = Query.objects.filter(query_string=query).first()
    except Exception:
        return []
    if promotion_query is None:
        return []
    promoted = []
    for pick in promotion_query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page.specific
            if page.locale_id != locale.pk or not page.live:
                continue
            promoted.append(
                {
                    "title": page.title,
                    # Relative on this site; a pick of another property's page names its host.
                    "url": page.get_url(request),
                    "snippet": pick.description or getattr(page, "summary", ""),
                }
            )
        elif pick.external_link_url:
            promoted.append(
                {
                    "title": pick.external_link_text or pick.external_link_url,
                    "url": pick.external_link_url,
                    "snippet": pick.description,
                }
            )
    return promoted


def _popular(locale: Locale | None, topic: int | None, tree_path: str = "") -> list[HelpPage]:
    if locale is None:
        return []
    pages = HelpPage.objects.live().public().filter(locale=locale, path__startswith=tree_path)
    if topic:
        topic_page = Page.objects.filter(pk=topic).first()
        if topic_page:
            pages = pages.descendant_of(topic_page)
    return list(pages.order_by("-featured", "title").specific()[:5])


def _contact_url(locale: Locale | None) -> str:
    if locale is None:
        return ""
    page = Page.objects.live().public().filter(locale=locale, slug__startswith="contact").first()
    return page.get_url() if page else ""


def _bad_request(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=400)


@require_GET
def autocomplete(request: HttpRequest) -> JsonResponse:
    wait = limits.hit(request, "search-autocomplete", settings.SEARCH_AUTOCOMPLETE_RATE_LIMIT)
    if wait:
        return limits.too_many_json(wait)
    query = request.GET.get("q", "").strip()
    language = request.GET.get("locale", "").strip().lower()
    limit_text = request.GET.get("limit", "").strip()
    if not query:
        return _bad_request("q is required")
    if len(query) > QUERY_MAX_LENGTH:
        return _bad_request(f"q is longer than {QUERY_MAX_LENGTH} characters")
    if language not in api.languages():
        return _bad_request("locale is missing or not a language of this site")
    limit_error = f"limit must be a whole number from 1 to {AUTOCOMPLETE_MAX_LIMIT}"
    try:
        limit = int(limit_text) if limit_text else AUTOCOMPLETE_LIMIT
    except ValueError:
        return _bad_request(limit_error)
    if not 1 <= limit <= AUTOCOMPLETE_MAX_LIMIT:
        return _bad_request(limit_error)
    meaning = request.GET.get("meaning", "").strip()
    if meaning not in ("", "0", "1"):
        return _bad_request("meaning must be 1 (suggestions by meaning too) or 0")
    try:
        return JsonResponse(
            api.autocomplete(
                query, language, limit, scope.tree_path(request, language), meaning == "1"
            )
        )
    except Exception:
        logger.exception("autocomplete failed on both backends")
        return JsonResponse({"error": "search is unavailable, try again"}, status=503)


@csrf_exempt  # an anonymous analytics beacon: it changes nothing a visitor owns
@require_POST
def click(request: HttpRequest) -> HttpResponse:
    """The widget and the results page report which suggestion or result a visitor chose.
    Only from our own pages (Origin / Fetch metadata): a cross-site post gets 403."""
    if not resolve.same_origin(request):
        return JsonResponse({"error": "cross-site requests are not accepted"}, status=403)
    wait = limits.hit(request, "search-click", settings.SEARCH_CLICK_RATE_LIMIT)
    if wait:
        return limits.too_many_json(wait)
    if len(request.body) > MAX_CLICK_BODY:
        return JsonResponse({"error": f"the body is over {MAX_CLICK_BODY} bytes"}, status=413)
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: nested too deep
        return _bad_request("the body must be JSON")
    if not isinstance(data, dict):
        return _bad_request("the body must be a JSON object")
    source = data.get("source")
    for name in ("source", "locale", "query", "url", "kind"):
        if not isinstance(data.get(name, ""), str):
            return _bad_request(f"{name} must be a string")
    language = data.get("locale", "").lower()
    raw_query = data.get("query", "")
    url = data.get("url", "")
    kind = data.get("kind", "article")
    position = data.get("position")
    if source not in {"suggestion", "result"}:
        return _bad_request("source must be suggestion or result")
    if language not in api.languages():
        return _bad_request("locale is missing or not a language of this site")
    query = as_typed(raw_query, language)
    if not clean(query, language).text or len(raw_query) > QUERY_MAX_LENGTH:
        return _bad_request(f"query must be 1 to {QUERY_MAX_LENGTH} characters")
    if (
        not url.startswith("/")
        or url.startswith("//")
        or len(url) > 500
        or any(unicodedata.category(char) in {"Cc", "Cs"} for char in url)
    ):
        return _bad_request("url must be a path of this site")
    if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= 1000:
        return _bad_request("position must be a whole number from 1")
    if kind not in KINDS:
        return _bad_request("kind must be article, tutorial or topic")
    common = {"request": request, "query": query, "locale": language, "url": url}
    if source == "suggestion":
        searchlog.record_click(
            request, SearchLogEntry.Kind.SUGGESTION, query, language, url, position
        )
        signals.suggestion_selected.send(sender=None, kind=kind, position=position, **common)
    else:
        searchlog.record_click(request, SearchLogEntry.Kind.RESULT, query, language, url, position)
        signals.result_clicked.send(sender=None, position=position, **common)
    return HttpResponse(status=204)


def _feedback_answer(request: HttpRequest, message: str, status: int) -> HttpResponse:
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"message": message}, status=status)
    return render(request, "search/answer_feedback.html", {"message": message}, status=status)


@csrf_exempt  # like the article feedback form: same-origin only, no cookie on cacheable pages
@require_POST
def answer_feedback(request: HttpRequest) -> HttpResponse:
    """`POST /api/v1/search/answer-feedback` (`page`, `anchor`, `locale`, `helpful=yes|no`) from
    the results page's direct answer: stores the answer (search.models.AnswerFeedback) and sends
    `answer_rated`. A form post gets a thank-you page, a fetch asking for JSON gets JSON."""
    language = request.POST.get("locale", "").lower()
    with translation.override(language if language in api.languages() else None):
        if not resolve.same_origin(request):
            return _feedback_answer(
                request, _("This form can only be sent from the help center."), 403
            )
        wait = limits.hit(request, "search-answer-feedback", settings.SEARCH_CLICK_RATE_LIMIT)
        if wait:
            return limits.too_many_json(wait)
        helpful = request.POST.get("helpful")
        page_id = _positive_int(request.POST.get("page"), None)
        anchor = request.POST.get("anchor", "")
        if language not in api.languages() or helpful not in {"yes", "no"}:
            return _feedback_answer(request, _("Please choose yes or no."), 400)
        if (
            not page_id
            or not PassageVector.objects.filter(page_id=page_id, anchor=anchor, language=language)
            .exclude(anchor="")
            .exists()
        ):
            return _feedback_answer(request, _("This answer no longer exists."), 400)
        AnswerFeedback.objects.create(
            page_id=page_id, anchor=anchor, language=language, helpful=helpful == "yes"
        )
        signals.answer_rated.send(
            sender=None,
            request=request,
            locale=language,
            page_id=page_id,
            helpful=helpful == "yes",
        )
        return _feedback_answer(request, _("Thank you for your feedback."), 200)
