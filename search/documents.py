"""What the search index knows about a page: one document per live page, in its own locale.

A page not yet translated is an alias of the English one in the other locales (the locale
shows the English text at its own URL): it is indexed in that locale too, so that locale's
visitors find it, by the English words they type and by meaning in their own language
(search.semantic, a multilingual model), rather than nothing (decision 0016)."""

from django.utils.html import strip_tags
from wagtail.models import Page

from pages.models import ArticlePage, HelpPage, TopicPage, TutorialPage

SEARCHABLE_TYPES = (ArticlePage, TutorialPage, TopicPage)
SNIPPET_LENGTH = 160


def kind_of(page: Page) -> str:
    if isinstance(page, TopicPage):
        return "topic"
    return getattr(page, "kind", "article")


def site_url(page: Page) -> str:
    """The page's URL on its own site ("/en/…"). A search answers inside the visitor's site
    (search.scope), so its links never name a host: the same on every host name of the site."""
    parts = page.get_url_parts()
    return (parts[2] or "") if parts else ""


def snippet_of(page: Page) -> str:
    text = getattr(page, "summary", "") or getattr(page, "intro", "") or ""
    return text if len(text) <= SNIPPET_LENGTH else text[: SNIPPET_LENGTH - 1].rstrip() + "…"


def body_text(page: Page) -> str:
    for name in ("body", "steps"):
        value = getattr(page, name, None)
        if value is not None:
            return strip_tags(" ".join(value.stream_block.get_searchable_content(value)))
    return getattr(page, "intro", "") or ""


def is_searchable(page: Page) -> bool:
    return (
        isinstance(page, SEARCHABLE_TYPES)
        and page.live
        and page.get_view_restrictions().count() == 0
    )


def searchable_pages():
    """Live, public articles, tutorials and topics (aliases included), specific."""
    return Page.objects.live().public().type(*SEARCHABLE_TYPES).select_related("locale").specific()


def topic_ids(page: Page, topic_paths: dict[str, int] | None = None) -> list[int]:
    """The page's topic and the topics above it (`topic_paths`: {path: pk}, to save queries)."""
    if topic_paths is None:
        ids = [p.pk for p in page.get_ancestors().type(TopicPage)]
    else:
        steps = range(Page.steplen, len(page.path) - Page.steplen + 1, Page.steplen)
        ids = [topic_paths[page.path[:end]] for end in steps if page.path[:end] in topic_paths]
    if isinstance(page, TopicPage):
        ids.append(page.pk)
    return ids


def document(
    page: Page,
    popularity: int = 0,
    topic_paths: dict[str, int] | None = None,
) -> dict:
    summary = getattr(page, "summary", "") or getattr(page, "intro", "") or ""
    body = body_text(page)
    return {
        "title": page.title,
        "display_title": page.title,
        "summary": summary,
        # What editors wrote for search engines (the promote tab's description).
        "keywords": getattr(page, "search_description", "") or "",
        "body": body,
        "kind": kind_of(page),
        "audience": getattr(page, "audience", "both"),
        "topics": topic_ids(page, topic_paths),
        "url": site_url(page),
        "path": page.path,
        # The tree paths of the page and its ancestors: a search's scope (its site's tree,
        # search.scope) is one term of these, not a prefix of `path` (a prefix query reads every
        # path below the site's root on each request: at 20,000 pages, most of the query's time).
        "tree": [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)],
        "snippet": snippet_of(page),
        "popularity": popularity + (5 if isinstance(page, HelpPage) and page.featured else 0),
    }
