"""A rebuild fills its new index in bulk with bounded memory and says how far it got
(search.elastic.bulk); a document Elasticsearch refuses fails the rebuild before the alias
moves; the new index gets its replicas back and refreshes after the load."""

import pytest
from django.conf import settings
from elasticsearch import helpers

from search.elastic import bulk, indices
from search.elastic import client as es_client


def doc(number: int, **extra) -> tuple[int, dict]:
    return number, {
        "title": f"Article {number}",
        "display_title": f"Article {number}",
        "kind": "article",
        "url": f"/en/a-{number}/",
        "path": "0001",
        "popularity": 0,
        **extra,
    }


def test_a_rebuild_reports_its_progress_and_ends_refreshed_with_its_replicas(
    own_indices, monkeypatch
):
    monkeypatch.setattr(bulk, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(bulk, "CHUNK_DOCUMENTS", 2)  # three requests
    monkeypatch.setattr(bulk, "QUEUED_ACTIONS", 1)  # the reader waits on the sender
    sent = []
    assert indices.rebuild("en", (doc(n) for n in range(5)), progress=sent.append) == 5
    assert sent == [2, 4, 5]
    es = es_client.client().options(request_timeout=30)
    alias = es_client.alias_name("en")
    assert es.count(index=alias)["count"] == 5  # refreshed: searchable at once
    (index,) = es.indices.get_alias(name=alias)
    index_settings = es.indices.get_settings(index=index)[index]["settings"]["index"]
    assert index_settings["number_of_replicas"] == str(settings.SEARCH_REPLICAS)
    assert index_settings["refresh_interval"] == "1s"


def test_a_refused_document_fails_the_rebuild_and_the_alias_stays(own_indices):
    assert indices.rebuild("en", (doc(n) for n in range(3))) == 3
    es = es_client.client().options(request_timeout=30)
    alias = es_client.alias_name("en")
    before = set(es.indices.get_alias(name=alias))
    documents = [doc(1), doc(2, unknown_field="x"), doc(3)]  # the mapping is strict
    with pytest.raises(helpers.BulkIndexError):
        indices.rebuild("en", iter(documents))
    assert set(es.indices.get_alias(name=alias)) == before
    assert es.count(index=alias)["count"] == 3


def test_a_failing_reader_stops_the_sender_and_its_error_comes_through(own_indices):
    def documents():
        yield doc(1)
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError, match="went away"):
        indices.rebuild("en", documents())
