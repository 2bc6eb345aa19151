"""Semantic and hybrid search (decision 0016): the model loads from its wheel with the network
off; a paraphrase sharing no word with its article finds it, on Elasticsearch and on the
database backend; "how do I reset my password" is answered by a step of the reset article."""

import math
import os
import signal
import socket
import time

import numpy as np
import pytest
from django.core.management import call_command

from search import api, embeddings, semantic
from search.analysis import normalise, words
from search.passages import passages_of
from search.query import SearchQuery
from tests.search import semantic_content

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]

# Paraphrases as visitors type them, sharing no word with the article they should find (checked
# below, so the test cannot pass on words; words of three letters or less, mostly function
# words, aside).
PARAPHRASES = [
    ("en", "i can't remember how to get in", "reset-your-password"),
    ("en", "photos appear empty", "images-or-videos-not-loading"),
    ("es", "no me salen avisos en el móvil", "fix-notifications-not-arriving"),
    ("es", "pagué de más, quiero mi plata", "ad-refunds-and-disputed-charges"),
    ("ar", "أريد إرجاع فلوسي", "ad-refunds-and-disputed-charges"),
    ("ar", "لا أريد أن يزعجني أحد", "block-someone-on-pinwheel"),
    ("ru", "телефон молчит, оповещений нет", "fix-notifications-not-arriving"),
    ("ru", "не хочу видеть этого человека", "block-someone-on-pinwheel"),
]


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


def test_the_model_loads_from_its_wheel_with_the_network_off(monkeypatch):
    def no_network(*args, **kwargs):
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket.socket, "connect_ex", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(embeddings, "_models", {})  # load both again, here
    monkeypatch.setattr(embeddings, "MODEL_NAME", "loaded with the network off")  # not cached
    close = embeddings.passage_vectors(["Tap Forgot password? on the login screen."])[0]
    far = embeddings.passage_vectors(["Campaign budgets are charged per day."])[0]
    query = embeddings.query_vector("I forgot my password")
    assert close.shape == query.shape == (embeddings.DIMENSIONS,)
    assert np.isclose(np.linalg.norm(close), 1.0, atol=1e-3)
    assert np.isclose(np.linalg.norm(query), 1.0, atol=1e-3)
    assert float(close @ query) > float(far @ query)


def test_a_server_loads_both_models_before_it_forks_its_workers(settings, monkeypatch):
    monkeypatch.setattr(embeddings, "_models", {})
    settings.SEARCH_SEMANTIC = False
    embeddings.load()
    assert embeddings._models == {}  # words only: no model in memory
    settings.SEARCH_SEMANTIC = True
    embeddings.load()
    assert set(embeddings._models) == {"e5", "use"}


def test_workers_forked_after_the_models_loaded_can_embed(settings, monkeypatch):
    """gunicorn loads the models in its master, then forks (cms/gunicorn.conf.py). Run in the
    master, e5's OpenMP threads would not survive the fork: a worker's first query hung."""
    settings.SEARCH_EMBEDDING_THREADS = 2
    monkeypatch.setattr(embeddings, "_models", {})
    embeddings.load()
    child = os.fork()
    if child == 0:  # the worker: both models answer (exit 0), or it fails (1) or hangs
        code = 1
        try:
            embeddings.e5().query("I forgot my password")
            embeddings.use().encode(["I forgot my password"])
            code = 0
        finally:
            os._exit(code)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        done, status = os.waitpid(child, os.WNOHANG)
        if done:
            assert os.waitstatus_to_exitcode(status) == 0
            return
        time.sleep(0.1)
    os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    pytest.fail("a worker forked after the models loaded hung on its first query")


def test_a_vector_holds_both_models_weighted():
    """A dot product of two vectors is the weighted mean of the two models' cosines."""
    query, passage = "I forgot my password", "Tap Forgot password? on the login screen."
    e5_cosine = float(np.dot(embeddings.e5().query(query), embeddings.e5().passage([passage])[0]))
    use_query, use_passage = embeddings.use().encode([query, passage])
    use_cosine = float(
        np.dot(use_query, use_passage) / np.linalg.norm(use_query) / np.linalg.norm(use_passage)
    )
    joined = float(embeddings.query_vector(query) @ embeddings.passage_vectors([passage])[0])
    weight = embeddings.SECOND_WEIGHT
    assert joined == pytest.approx((e5_cosine + weight * use_cosine) / (1 + weight), abs=1e-4)


def test_query_vectors_are_cached(monkeypatch):
    first = embeddings.query_vector("where are my notifications")
    monkeypatch.setattr(embeddings, "e5", lambda: pytest.fail("embedded again"))
    monkeypatch.setattr(embeddings, "use", lambda: pytest.fail("embedded again"))
    assert np.array_equal(embeddings.query_vector("where are my notifications"), first)


def test_a_query_with_variants_is_the_mean_of_their_vectors_embedded_together(monkeypatch):
    texts = ["my pings are gone", "my notifications are gone"]
    alone = [embeddings.query_vector(text) for text in texts]
    mean = (alone[0] + alone[1]) / np.linalg.norm(alone[0] + alone[1])
    assert np.allclose(embeddings.query_vector(texts[0], texts[1:]), mean, atol=1e-6)
    batches = []
    e5_query = embeddings.e5().query
    monkeypatch.setattr(embeddings.e5(), "query", lambda t: batches.append(t) or e5_query(t))
    embeddings.query_vector("pings lost", ["notifications lost", "alerts lost"])
    assert batches == [["pings lost", "notifications lost", "alerts lost"]]  # one batch
    embeddings.query_vector("pings lost", ["notifications lost", "alerts lost"])
    assert len(batches) == 1  # each text's vector was cached


def test_reciprocal_rank_fusion():
    # b: 1/62 + 1/61 beats a: 1/61 alone; c and d once each, in the order of their ranks.
    assert semantic.fuse([["a", "b", "c"], ["b", "d"]]) == ["b", "a", "d", "c"]
    assert semantic.fuse([[], ["x"]]) == ["x"]


def test_a_page_is_as_close_as_its_nearest_passages_pooled():
    assert semantic.closeness([0.8]) == pytest.approx(0.8)
    # Three passages nearly as near as another page's single nearest one rank their page first.
    assert semantic.closeness([0.800, 0.798, 0.797, 0.5]) > semantic.closeness([0.803, 0.6, 0.5])
    # A passage far behind the nearest adds next to nothing; only the nearest three count.
    assert semantic.closeness([0.8, 0.7]) == pytest.approx(0.8, abs=1e-5)
    pooled = 0.8 + semantic.POOLING_TEMPERATURE * math.log(semantic.PASSAGES_POOLED)
    assert semantic.closeness([0.8] * 10) == pytest.approx(pooled)


def _shares_no_word(query: str, language: str, page) -> bool:
    text = " ".join(p.text for p in passages_of(page))
    shared = set(words(normalise(query, language))) & set(words(normalise(text, language)))
    return not {word for word in shared if len(word) > 3}


def _found(language: str, text: str, retrieval: str) -> tuple[list[str], api.SearchOutcome]:
    outcome = api.search(SearchQuery(text, language, retrieval=retrieval))
    return [hit["url"] for hit in outcome.hits], outcome


def _check_paraphrases(urls_of, backend):
    from wagtail.models import Page

    for language, query, slug in PARAPHRASES:
        url = urls_of[(language, slug)]
        page = next(p for p in Page.objects.specific() if p.url == url)
        assert _shares_no_word(query, language, page), (language, query)
        urls, outcome = _found(language, query, "hybrid")
        assert outcome.backend == backend
        assert url in urls[:3], (language, query, urls)


def test_body_passages_are_embedded_after_their_article_title(semantic_help_center, monkeypatch):
    from pages.models import TutorialPage
    from search.models import PassageVector

    reset = TutorialPage.objects.get(slug="reset-your-password", locale__language_code="en")
    embedded = []
    embed = embeddings.passage_vectors
    monkeypatch.setattr(
        embeddings, "passage_vectors", lambda texts: embedded.extend(texts) or embed(texts)
    )
    semantic.forget(reset.pk)
    found = passages_of(reset)
    assert semantic.store(reset) == len(found)
    title, *body = embedded
    assert title == f"{reset.title}. {reset.summary}"
    assert body and all(text.startswith(f"{reset.title}: ") for text in body)
    # A direct answer quotes the passage alone.
    step = found[1]
    assert PassageVector.objects.get(page=reset, anchor=step.anchor).text == step.text
    assert not step.text.startswith(reset.title)
    # Renamed, the article's passages are embedded again (they read differently).
    embedded.clear()
    reset.title = "Set a new password"
    assert semantic.store(reset) == len(found)
    assert all(text.startswith("Set a new password") for text in embedded)


def test_vectors_of_the_previous_models_are_left_out(semantic_help_center):
    """A worker still running the previous code can write its model's vectors (another size)
    after the migration that dropped them: nothing reads them, nothing fails."""
    from pages.models import TutorialPage
    from search.models import PassageVector

    reset = TutorialPage.objects.get(slug="reset-your-password", locale__language_code="en")
    previous = np.ones(384, dtype=np.float32) / np.sqrt(384)
    PassageVector.objects.filter(page=reset).update(vector=previous.tobytes())
    semantic.forget_matrices()
    question = "how do I reset my password"
    assert reset.pk not in {match.page_id for match in semantic.ranked("en", question)}
    assert semantic.answer("en", question, reset) is None
    assert semantic.indexed_passages(reset.pk) == []
    # Indexed again, the page's passages get the current models' vectors.
    assert semantic.store(reset) == len(passages_of(reset))
    assert reset.pk in {match.page_id for match in semantic.ranked("en", question)[:3]}


def test_database_backend_ranks_by_meaning(settings, semantic_help_center):
    settings.SEARCH_URL = ""
    _check_paraphrases(semantic_help_center, api.DATABASE)
    # Meaning alone ranks too; words alone miss the article of a paraphrase.
    urls, _outcome = _found("en", "i can't remember how to get in", "semantic")
    assert urls[0] == semantic_help_center[("en", "reset-your-password")]
    blocking = semantic_help_center[("ru", "block-someone-on-pinwheel")]
    assert blocking not in _found("ru", "не хочу видеть этого человека", "lexical")[0][:3]


# Words the models do not read as the articles': the editors' synonym sets give their meaning
# (search.semantic.query_vector): (language, query, the set, article). Without the set, the
# article is not first by meaning (checked below).
SLANG = [
    ("ar", "ابي استرجع فلوس الاعلان", "المبالغ, فلوس", "ad-refunds-and-disputed-charges"),
    ("ru", "хочу снести акк", "удалить аккаунт, снести акк", "deactivate-or-delete-your-account"),
]


def _check_slang(urls_of, backend, add_synonyms):
    for language, query, terms, slug in SLANG:
        url = urls_of[(language, slug)]
        urls, outcome = _found(language, query, "semantic")
        assert outcome.backend == backend
        assert urls[0] != url, (language, query, urls)
        add_synonyms(language, terms)
        api.reset()
        for retrieval in ("semantic", "hybrid"):
            urls, outcome = _found(language, query, retrieval)
            assert urls[0] == url, (language, query, retrieval, urls)


def test_database_reads_the_editors_synonyms_as_meaning(
    settings, semantic_help_center, add_synonyms
):
    settings.SEARCH_URL = ""
    _check_slang(semantic_help_center, api.DATABASE, add_synonyms)
    # The articles' own words are not swapped for the visitors' ("акк" is in no article).
    in_their_words = "удалить аккаунт навсегда"
    assert np.array_equal(
        semantic.query_vector(in_their_words, "ru"), embeddings.query_vector(in_their_words)
    )


def test_direct_answer_on_the_database(settings, semantic_help_center):
    settings.SEARCH_URL = ""
    _check_answer(semantic_help_center)


def _check_answer(urls_of):
    from pages.models import TutorialPage

    reset = TutorialPage.objects.get(slug="reset-your-password", locale__language_code="en")
    step_anchors = {p.anchor for p in passages_of(reset) if p.anchor}
    outcome = api.search(SearchQuery("how do I reset my password", "en"))
    assert outcome.hits[0]["url"] == urls_of[("en", "reset-your-password")]
    assert outcome.answer is not None
    assert outcome.answer["url"] == outcome.hits[0]["url"]
    assert outcome.answer["anchor"] in step_anchors
    # Nothing confident, no answer.
    assert api.search(SearchQuery("qqzzx vvwwy", "en")).answer is None


@pytest.fixture
def every_index(settings):
    """Each locale's index exists (the `elasticsearch` fixture refreshes them all)."""
    if settings.SEARCH_URL:
        from search.elastic import indices

        for code, _name in settings.LANGUAGES:
            indices.ensure_index(code)


@pytest.fixture
def help_center_in_own_indices(semantic_help_center, own_indices):
    """The pages indexed in indices of this test's own: pages other tests left in the shared
    indices (other articles about notifications, images…) cannot outrank them."""
    call_command("update_index", verbosity=0)  # with the vectors stored when it was built
    return semantic_help_center


def test_hybrid_on_elasticsearch(help_center_in_own_indices, every_index, elasticsearch):
    _check_paraphrases(help_center_in_own_indices, api.ELASTICSEARCH)
    _check_answer(help_center_in_own_indices)


def test_elasticsearch_pools_the_nearest_passages_as_the_database_does(
    help_center_in_own_indices, every_index, elasticsearch
):
    # Elasticsearch ranks a page by its nearest passage; its inner hits (its nearest passages)
    # are pooled as the database backend pools them (search.semantic.closeness).
    from wagtail.models import Page

    from search.elastic import queries
    from search.elastic.client import alias_name, client

    for language, text, _slug in PARAPHRASES:
        if language not in ("en", "ar", "ru"):
            continue
        searches = queries.search_requests(
            SearchQuery(text, language, retrieval="semantic"), alias_name(language)
        )
        (response,) = client().msearch(searches=searches)["responses"]
        on_database = {match.page_id: match for match in semantic.ranked(language, text)}
        hits = response["hits"]["hits"]
        assert hits, (language, text)
        for hit in hits:
            inner = hit["inner_hits"]["passages"]["hits"]["hits"]
            page = int(hit["_id"])
            held = len(passages_of(Page.objects.get(pk=page).specific))
            assert len(inner) == min(semantic.PASSAGES_POOLED, held)
            # dot_product scores (1 + cosine) / 2; the index's vectors are 8-bit: its cosines
            # are near the database's float32 ones, not equal.
            cosines = [2 * passage["_score"] - 1 for passage in inner]
            pooled = on_database[page].closeness
            assert semantic.closeness(cosines) == pytest.approx(pooled, abs=0.01), (language, text)


def test_elasticsearch_reads_the_editors_synonyms_as_meaning(
    help_center_in_own_indices, every_index, elasticsearch, add_synonyms
):
    _check_slang(help_center_in_own_indices, api.ELASTICSEARCH, add_synonyms)
