"""A small help center for the semantic search tests: a few demo articles (their real texts,
from cms/demo/content) in en, es, ar and ru, and a memo of passage vectors so that each distinct
passage is embedded once per test session (the model itself loads once per process).
`semantic_help_center` (tests/search/conftest.py) builds it once for a module's tests."""

import json
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest
from django.test import override_settings
from wagtail.models import Page
from wagtail.rich_text import RichText

from pages.models import ArticlePage, TutorialPage
from search import embeddings
from tests.factories import HomePageFactory, TopicPageFactory, locale

TOPICS = Path(__file__).resolve().parent.parent.parent / "cms" / "demo" / "content" / "topics"
LANGUAGES = ("en", "es", "ar", "ru")
SLUGS = (
    "reset-your-password",
    "deactivate-or-delete-your-account",
    "fix-notifications-not-arriving",
    "ad-refunds-and-disputed-charges",
    "block-someone-on-pinwheel",
    "images-or-videos-not-loading",
)

_memo: dict[str, np.ndarray] = {}

# The modules using this help center go to one pytest-xdist worker together (tests/conftest.py),
# which embeds its passages once: embedding them takes about 30 s of a worker's CPU.
SAME_WORKER = pytest.mark.xdist_group("tests/search/semantic_content.py")


def memoised(embed):
    """`embed` (search.embeddings.passage_vectors) that embeds each text once per session."""

    def passage_vectors(texts):
        missing = [t for t in dict.fromkeys(texts) if t not in _memo]
        if missing:
            _memo.update(zip(missing, embed(missing), strict=True))
        if not texts:
            return embed(texts)
        return np.vstack([_memo[t] for t in texts])

    return passage_vectors


@contextmanager
def semantic_search_on():
    """Semantic search on, on the database backend, each passage embedded once per session (as
    the tests' `semantic_on` fixtures do, for what is built before them)."""
    with (
        override_settings(SEARCH_SEMANTIC=True, SEARCH_URL=""),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(embeddings, "passage_vectors", memoised(embeddings.passage_vectors))
        yield


def demo_pages() -> dict[str, dict]:
    found = {}
    for path in sorted(TOPICS.glob("*.json")):
        for page in json.loads(path.read_text(encoding="utf-8"))["pages"]:
            if page["slug"] in SLUGS:
                found[page["slug"]] = page
    return found


def _body(content: dict) -> list:
    body = []
    for block in content.get("body", []):
        if block["type"] == "text":
            html = "".join(f"<p>{p}</p>" for p in block["paragraphs"])
            body.append(("text", RichText(html)))
        elif block["type"] == "steps":
            body.append(("steps", block["items"]))
        elif block["type"] == "callout":
            value = {"tone": block.get("tone", "info"), "title": block.get("title", "")}
            body.append(("callout", {**value, "text": block["text"]}))
    return body


def build() -> dict[tuple[str, str], str]:
    """The pages, published (so indexed); returns {(language, slug): url}."""
    english_home = HomePageFactory()
    urls = {}
    pages = demo_pages()
    for language in LANGUAGES:
        home = (
            english_home
            if language == "en"
            else english_home.copy_for_translation(locale(language), copy_parents=True)
        )
        if language != "en":
            home.save_revision().publish()
        topic = TopicPageFactory(parent=home, title=f"Help {language}", slug=f"help-{language}")
        for slug in SLUGS:
            content = pages[slug][language]
            common = {"title": content["title"], "slug": slug, "summary": content["summary"]}
            if pages[slug]["type"] == "tutorial":
                steps = [
                    ("step", {"title": s["title"], "text": s["text"], "image": None})
                    for s in content["steps"]
                ]
                page = TutorialPage(**common, steps=steps)
            else:
                page = ArticlePage(**common, body=_body(content))
            topic.add_child(instance=page)
            page.save_revision().publish()
            urls[(language, slug)] = Page.objects.get(pk=page.pk).get_url()
    return urls
