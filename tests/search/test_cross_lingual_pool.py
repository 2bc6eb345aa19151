"""In a locale showing the English articles (aliases of untranslated pages), a page is ranked by
the best passage of every translation of its article (decision 0016): a Ukrainian question finds
the article through its Russian wording, a Korean one through its Spanish wording, on the
database backend and on Elasticsearch, at the visitor's own locale's URL; an answer quoted from
such a page is the page's own text; publishing a translation rewrites the documents that pool
it."""

import numpy as np
import pytest
from django.core.management import call_command
from wagtail.models import Page

from search import api, embeddings, semantic, text_language
from search.elastic import client as elastic_client
from search.elastic import indices
from search.models import PassageVector
from search.query import SearchQuery
from tests.conftest import built_once_per_module
from tests.factories import aliases
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]

# Questions whose article the English passages alone rank below another (measured on the
# database backend), and its translations' passages first (each language's vote, in these
# locales showing other text, and the best cosine over all of them alike).
POOLED = [
    ("uk", "хочу повернути гроші", "ad-refunds-and-disputed-charges", "ru"),
    ("ko", "계정 비활성화", "deactivate-or-delete-your-account", "es"),
]
# "I forgot my password": the nearest passage of all is the Arabic "choose a reason and
# confirm your password" of the deactivation article, which the best cosine put first; English,
# Spanish and Russian agree on the reset, and so does their vote.
HUB_QUESTION = ("ko", "비밀번호를 잊어버렸어요", "reset-your-password")


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


@built_once_per_module
def translated_with_aliases():
    """The small help center in en, es, ar, ru (one article, one translation key), shown in ko
    and uk as aliases of the English pages, every passage embedded; built once for the module's
    tests (each test's changes roll back)."""
    from pages.models import HelpCenterHomePage

    with semantic_content.semantic_search_on():
        semantic_content.build()
        for slug in semantic_content.SLUGS:
            english = Page.objects.get(slug=slug, locale__language_code="en")
            Page.objects.filter(slug=slug).exclude(pk=english.pk).update(
                translation_key=english.translation_key
            )
        aliases(HelpCenterHomePage.objects.get(locale__language_code="en"), "ko", "uk")
        call_command("embed_passages", verbosity=0)  # aliases are created without publishing


def _texts(language: str, slug: str) -> set[str]:
    page = Page.objects.get(slug=slug, locale__language_code=language)
    return set(PassageVector.objects.filter(page=page).values_list("text", flat=True))


def _first(language: str, query: str, backend: str) -> str:
    outcome = api.search(SearchQuery(query, language, retrieval="semantic"))
    assert outcome.backend == backend
    assert outcome.hits, (language, query)
    return outcome.hits[0]["url"]


def test_database_ranks_an_alias_by_its_translations(settings, translated_with_aliases):
    settings.SEARCH_URL = ""
    for language, query, slug, through in POOLED:
        assert _first(language, query, api.DATABASE) == f"/{language}/help-en/{slug}/"
        best = semantic.ranked(language, query)[0]
        assert best.text in _texts(through, slug) - _texts("en", slug), (language, query)
    language, query, slug = HUB_QUESTION
    assert _first(language, query, api.DATABASE) == f"/{language}/help-en/{slug}/"
    # A translated locale keeps its own passages only.
    russian = semantic.ranked("ru", "хочу повернути гроші")
    ids = set(Page.objects.filter(locale__language_code="ru").values_list("pk", flat=True))
    assert {match.page_id for match in russian} <= ids


def test_elasticsearch_ranks_an_alias_by_its_translations(translated_with_aliases, own_indices):
    call_command("update_index", verbosity=0)
    for code in ("ko", "uk"):
        indices.refresh(code)
    for language, query, slug, _through in POOLED:
        assert _first(language, query, api.ELASTICSEARCH) == f"/{language}/help-en/{slug}/"
    # The alias's document holds its translations' passages, quoted as the alias shows them.
    alias = Page.objects.get(slug="ad-refunds-and-disputed-charges", locale__language_code="uk")
    es = elastic_client.client()
    passages = es.get(index=elastic_client.alias_name("uk"), id=str(alias.pk))["_source"][
        "passages"
    ]
    english = _texts("en", "ad-refunds-and-disputed-charges")
    assert len(passages) > len(english)
    assert {p["text"] for p in passages} <= english | {""}
    # Publishing a translation writes again the documents that pool its passages.
    es.delete(index=elastic_client.alias_name("uk"), id=str(alias.pk), refresh=True)
    russian = Page.objects.get(slug="ad-refunds-and-disputed-charges", locale__language_code="ru")
    russian.specific.save_revision().publish()
    again = es.get(index=elastic_client.alias_name("uk"), id=str(alias.pk))["_source"]
    assert len(again["passages"]) == len(passages)


# A hub language: its passages sit near every query, the right article's too. The right
# article's English, Spanish and Russian passages agree on it; the Arabic passages of another
# article are the nearest of all. The best cosine over all translations follows Arabic; in a
# locale showing other text, the languages' vote follows the three that agree.
RIGHT, HUB = "ad-refunds-and-disputed-charges", "block-someone-on-pinwheel"
COSINES = {
    (RIGHT, "en"): 0.80,
    (RIGHT, "es"): 0.80,
    (RIGHT, "ru"): 0.80,
    (RIGHT, "ar"): 0.90,
    (HUB, "en"): 0.60,
    (HUB, "es"): 0.60,
    (HUB, "ru"): 0.60,
    (HUB, "ar"): 0.95,
}
ELSEWHERE = {"ar": 0.85}  # other articles' Arabic passages: near every query too
FAR = 0.10


def _hub_vectors(monkeypatch):
    """Every stored passage a vector at a chosen cosine to the query's (the same text, the same
    vector: an alias's passages are its original's), and every query that vector."""
    rng = np.random.default_rng(12)
    query = np.zeros(embeddings.DIMENSIONS, dtype=np.float32)
    query[0] = 1.0
    chosen: dict[str, bytes] = {}
    rows = PassageVector.objects.filter(text_language.own_text("page__")).values_list(
        "digest", "page__slug", "language"
    )
    for digest_, slug, language in rows:
        cosine = COSINES.get((slug, language), ELSEWHERE.get(language, FAR))
        away = rng.standard_normal(embeddings.DIMENSIONS).astype(np.float32)
        away[0] = 0.0
        away /= np.linalg.norm(away)
        vector = (cosine * query + np.sqrt(1 - cosine**2) * away).astype(np.float32)
        chosen.setdefault(digest_, vector.tobytes())
    for row in PassageVector.objects.all():
        row.vector = chosen[row.digest]
        row.save(update_fields=["vector"])
    monkeypatch.setattr(embeddings, "query_vector", lambda text, variants=(): query)


def test_database_languages_vote_against_a_hub_language(
    settings, monkeypatch, translated_with_aliases
):
    settings.SEARCH_URL = ""
    _hub_vectors(monkeypatch)
    semantic.forget_matrices()
    right = Page.objects.get(slug=RIGHT, locale__language_code="ko").pk
    hub = Page.objects.get(slug=HUB, locale__language_code="ko").pk
    assert semantic.translations_vote("ko")
    assert [m.page_id for m in semantic.ranked("ko", "환불")[:2]] == [right, hub]
    assert _first("ko", "환불", api.DATABASE) == f"/ko/help-en/{RIGHT}/"
    # The best cosine over all translations would put the hub language's article first.
    monkeypatch.setattr(semantic, "translations_vote", lambda language: False)
    assert semantic.ranked("ko", "환불")[0].page_id == hub


def test_elasticsearch_languages_vote_against_a_hub_language(
    translated_with_aliases, own_indices, monkeypatch
):
    _hub_vectors(monkeypatch)
    call_command("update_index", verbosity=0)
    for code in ("ko", "uk"):
        indices.refresh(code)
    assert _first("ko", "환불", api.ELASTICSEARCH) == f"/ko/help-en/{RIGHT}/"
    monkeypatch.setattr(semantic, "translations_vote", lambda language: False)
    assert _first("ko", "환불", api.ELASTICSEARCH) == f"/ko/help-en/{HUB}/"
