"""Rebuilding the search indices with the commands an operator runs."""

import pytest
from django.core.management import call_command

from search.elastic import client as es_client

pytestmark = pytest.mark.django_db


def test_update_index_rebuilds_the_visitor_indices_behind_their_aliases(
    client, demo, elasticsearch
):
    es = es_client.client()
    before = set(es.indices.get_alias(name=es_client.alias_name("ru")))
    call_command("update_index", "--backend", "database", "--schema-only", verbosity=0)
    after = set(es.indices.get_alias(name=es_client.alias_name("ru")))
    assert after and after != before  # a new index, the old one dropped
    assert not es.indices.exists(index=sorted(before)[0])
    found = client.get("/api/v1/search/autocomplete", {"q": "сбро", "locale": "ru"}).json()
    assert found["backend"] == "elasticsearch"
    assert "/ru/account-and-login/reset-your-password/" in [s["url"] for s in found["suggestions"]]
