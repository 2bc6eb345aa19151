"""Hybrid ranking and direct answers weigh the evidence (decision 0016): a direct answer needs
words and meaning to agree on its page, also on a page showing another language's text (an
alias of an untranslated page; meaning alone there is an exception kept off); in a locale of
such pages words weigh less than meaning; confident words keep their first page first, on
Elasticsearch whose scores say so."""

import pytest

from pages.models import HelpCenterHomePage
from search import api, embeddings, semantic, text_language
from search.query import SearchQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]


@pytest.fixture
def english_and_japanese_aliases():
    """Two English articles; the ja locale shows them as aliases (nobody translated them)."""
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account", slug="account")
    first = ArticlePageFactory(parent=topic, title="Reset your password", slug="reset")
    second = ArticlePageFactory(parent=topic, title="Delete your account", slug="delete")
    aliases(HelpCenterHomePage.objects.get(pk=home.pk), "ja")
    return first, second


def test_weighted_reciprocal_rank_fusion():
    assert semantic.fuse([["a", "b"], ["b", "a"]]) == ["a", "b"]  # a tie keeps meaning's order
    assert semantic.fuse([["a", "b"], ["b", "a"]], weights=[1.0, 1.5]) == ["b", "a"]
    assert semantic.fuse([["a", "b"], ["c"]], weights=[1.0, 0.5]) == ["a", "b", "c"]
    with pytest.raises(ValueError):
        semantic.fuse([["a"], ["b"]], weights=[1.0])


def test_a_locale_of_aliases_shows_another_language(english_and_japanese_aliases):
    english, _other = english_and_japanese_aliases
    japanese = english.get_translation(english.locale.__class__.objects.get(language_code="ja"))
    assert text_language.own_text_share("en") == 1.0
    assert text_language.own_text_share("ja") == 0.0
    assert text_language.own_text_share("ko") == 1.0  # no pages: nothing to say
    assert text_language.shows_other_text(japanese.pk)
    assert not text_language.shows_other_text(english.pk)
    assert semantic.translations_vote("ja") and not semantic.translations_vote("en")


def nearest_first(keys, apart=0.01):
    """Closeness of meaning's pages `keys` (best first), each `apart` from the next."""
    return [0.9 - apart * rank for rank, _key in enumerate(keys)]


def by_meaning(urls, apart=0.01):
    """Meaning's suggestions: urls with their closeness, best first."""
    return [
        {"url": url, "title": url, "closeness": near}
        for url, near in zip(urls, nearest_first(urls, apart), strict=True)
    ]


def test_in_the_autocomplete_meaning_leads_but_a_title_being_typed_stays_first():
    meaning = by_meaning([f"/m{rank}/" for rank in range(10)])

    def words(*titles, scores=None):
        return [
            {"url": f"/{t[:5].lower()}/", "title": t, **({"score": s} if scores else {})}
            for t, s in zip(titles, scores or [None] * len(titles), strict=True)
        ]

    found = words("Reset your password", "Create a strong password")
    # Pages meaning did not find: words alone put them after meaning's first ten.
    assert semantic.autocomplete_order("password reset", found, meaning)[9:] == [
        "/m9/",
        "/reset/",
        "/creat/",
    ]
    # The visitor is typing the first one's title (case, spaces and width aside): it stays first.
    for typed in ("reset your pa", "RESET  YOUR", "ｒｅｓｅｔ"):
        assert semantic.autocomplete_order(typed, found, meaning)[:2] == ["/reset/", "/m0/"]
    assert semantic.typed_title("إعادة تعيين كل", "إِعادة تعيين كلمة المرور")  # diacritics
    assert not semantic.typed_title("", "Reset your password")
    # Words far ahead of the rest (Elasticsearch's scores) keep their first page first too.
    scored = words("Reset your password", "Create a strong password", scores=[30.0, 6.0])
    assert semantic.autocomplete_order("pw", scored, meaning)[0] == "/reset/"
    scored[1]["score"] = 12.0
    assert semantic.autocomplete_order("pw", scored, meaning)[0] == "/m0/"
    urls = [s["url"] for s in meaning]
    assert semantic.autocomplete_order("pw", [], meaning) == urls  # words found nothing


def test_on_the_results_page_meaning_leads_and_words_add_what_it_missed():
    meaning = [f"m{rank}" for rank in range(30)]
    near = nearest_first(meaning)
    # Words' first, meaning's thirtieth: not above meaning's first (it would be at equal weights).
    assert semantic.fuse([meaning, ["m29"]])[0] == "m29"
    assert semantic.hybrid_order(meaning, near, ["m29"], None)[:2] == ["m0", "m1"]
    # A page both find near the top still rises.
    assert semantic.hybrid_order(meaning, near, ["m3"], None)[0] == "m3"
    # A tie: meaning's order.
    assert semantic.hybrid_order(["m", "w"], [0.9, 0.8], ["w", "m"], None) == ["m", "w"]
    # Words add what meaning missed; without vectors, words alone.
    assert semantic.hybrid_order(["a"], [0.9], ["x"], None) == ["a", "x"]
    assert semantic.hybrid_order([], [], ["x", "y"], None) == ["x", "y"]


def test_meanings_first_page_when_sure_is_not_pushed_below_the_second_place_by_words():
    meaning = [f"m{rank}" for rank in range(20)]
    sure = nearest_first(meaning, apart=2 * semantic.MEANING_SURE_MARGIN)
    unsure = nearest_first(meaning, apart=semantic.MEANING_SURE_MARGIN / 2)
    # Words found meaning's fourth to sixth, not its first: fused, all three pass it.
    words = ["m3", "m4", "m5"]
    fused = semantic.fuse(
        [meaning, words], semantic.HYBRID_RRF_K, [1.0, semantic.RESULTS_WORDS_WEIGHT]
    )
    assert fused[:4] == ["m3", "m4", "m5", "m0"]
    assert semantic.hybrid_order(meaning, sure, words, None)[:3] == ["m3", "m0", "m4"]
    # Meaning's first barely nearer than its second: meaning is not sure, the fusion decides.
    assert semantic.hybrid_order(meaning, unsure, words, None) == fused
    assert semantic.hybrid_order(meaning, sure, ["m1"], None)[:2] == ["m1", "m0"]  # second
    urls = [f"/{key}/" for key in meaning]
    found = [{"url": f"/{key}/", "title": f"Page {key}"} for key in words]
    autocomplete = semantic.autocomplete_order("a question", found, by_meaning(urls))
    assert autocomplete[:3] == ["/m3/", "/m0/", "/m4/"]
    # The words' first kept first (its title being typed) leaves meaning's first second.
    found.reverse()
    autocomplete = semantic.autocomplete_order("page m5", found, by_meaning(urls))
    assert autocomplete[:3] == ["/m5/", "/m0/", "/m3/"]
    assert semantic.keep_meaning_first(["a", "b"], [], []) == ["a", "b"]  # meaning found nothing
    # Sure of its first: ahead of every other page (a voted order is not by closeness).
    assert semantic.keep_meaning_first(["b", "c", "a"], ["a", "b", "c"], [0.8, 0.7, 0.9]) == [
        "b",
        "c",
        "a",
    ]


def test_confident_words_keep_their_first_page_first():
    meaning, words = ["a", "b", "c"], ["c", "a", "b"]
    near = nearest_first(meaning)
    assert semantic.fuse([meaning, words])[0] == "a"
    assert semantic.hybrid_order(meaning, near, words, [9.0, 2.0, 1.0])[0] == "c"
    assert semantic.hybrid_order(meaning, near, words, [3.0, 2.0, 1.0])[0] == "a"  # not confident
    assert semantic.hybrid_order(["a", "b"], near[:2], ["c"], [9.0])[0] == "a"  # a lone page
    assert semantic.hybrid_order(meaning, near, words, None)[0] == "a"  # scores unknown


def test_an_answer_needs_words_and_meaning_to_agree(english_and_japanese_aliases, monkeypatch):
    english, other = english_and_japanese_aliases
    japanese = english.get_translation(english.locale.__class__.objects.get(language_code="ja"))
    sure = semantic.ANSWER_MIN_SCORE + 0.05
    # Both agree.
    assert semantic.confident(english.pk, sure, english.pk, [other.pk, english.pk])
    # Words ranked it below their first three, or found nothing: no answer on a page showing
    # its locale's own language.
    assert not semantic.confident(english.pk, sure, english.pk, [other.pk, 998, 999, english.pk])
    assert not semantic.confident(english.pk, sure, english.pk, [])
    # A page showing another language's text: meaning alone is not enough (cross-lingual
    # meaning is not sure enough), unless the exception is turned on.
    assert not semantic.confident(japanese.pk, sure, japanese.pk, [])
    assert semantic.confident(japanese.pk, sure, japanese.pk, [japanese.pk])
    monkeypatch.setattr(semantic, "MEANING_ALONE_ON_OTHER_TEXT", True)
    assert semantic.confident(japanese.pk, sure, japanese.pk, [])
    assert not semantic.confident(english.pk, sure, english.pk, [])
    # Meaning must rank the first result first, close enough.
    assert not semantic.confident(other.pk, sure, english.pk, [english.pk])
    assert not semantic.confident(japanese.pk, semantic.ANSWER_MIN_SCORE - 0.01, japanese.pk, [])
    assert not semantic.confident(None, sure, english.pk, [english.pk])


@pytest.fixture
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


@pytest.fixture
def ads_in_own_indices(semantic_on, own_indices, settings):
    """An article holding the rare word "zorblax" in its title, four about invoices without it,
    in indices of this test's own (each locale's index exists)."""
    from search.elastic import indices

    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Ads", slug="ads")
    ArticlePageFactory(
        parent=topic,
        title="Zorblax invoices for advertisers",
        slug="zorblax",
        summary="Download a zorblax invoice of an ad campaign.",
    )
    for number in range(4):
        ArticlePageFactory(
            parent=topic,
            title=f"Getting paid for your ads {number}",
            slug=f"paid-{number}",
            summary="Invoices and receipts of ad campaigns, and how payments are made.",
        )
    for code, _name in settings.LANGUAGES:
        indices.ensure_index(code)


def test_confident_words_stay_first_on_elasticsearch(
    ads_in_own_indices, elasticsearch, monkeypatch
):
    """Elasticsearch's BM25 scores reach the fusion: the page holding the query's rare word in
    its title scores several times the next one and stays first, whatever meaning says."""
    seen = []
    confident = semantic.words_confident
    monkeypatch.setattr(
        semantic, "words_confident", lambda scores: seen.append(scores) or confident(scores)
    )
    outcome = api.search(SearchQuery("zorblax invoice", "en"))
    assert outcome.backend == api.ELASTICSEARCH
    assert seen and seen[-1] == sorted(seen[-1], reverse=True) and confident(seen[-1])
    assert outcome.hits[0]["url"].endswith("/zorblax/")
