"""Editors manage synonyms in the admin (Search synonyms); visitors' autocomplete and search use
them as soon as the change is saved, in that locale only, with no reindex."""

import pytest
from django.urls import reverse

from search.models import SynonymSet

pytestmark = pytest.mark.django_db

RESET_AR = "/ar/account-and-login/reset-your-password/"


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("syn", "s@example.com", "pw"))
    return client


def suggested(client, q, locale):
    body = client.get("/api/v1/search/autocomplete", {"q": q, "locale": locale}).json()
    assert body["backend"] == "elasticsearch"
    return [s["url"] for s in body["suggestions"]]


def test_synonyms_added_and_removed_in_the_admin_apply_at_once(
    editor, demo, elasticsearch, django_capture_on_commit_callbacks
):
    assert RESET_AR not in suggested(editor, "استرجاع", "ar")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_search_synonymset:add"),
            {"language": "ar", "terms": "استرجاع ,  تعيين"},
        )
    assert response.status_code == 302
    synonym_set = SynonymSet.objects.get(language="ar", terms="استرجاع, تعيين")  # tidied
    assert RESET_AR in suggested(editor, "استرجاع", "ar")
    assert "reset-your-password" in editor.get("/ar/search/", {"q": "استرجاع"}).content.decode()
    assert RESET_AR.replace("/ar/", "/he/") not in suggested(editor, "استرجاع", "he")

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_search_synonymset:delete", args=[synonym_set.pk])
        )
    assert response.status_code == 302
    assert RESET_AR not in suggested(editor, "استرجاع", "ar")


def test_moving_a_set_to_another_language_takes_it_out_of_the_first(
    editor, demo, elasticsearch, django_capture_on_commit_callbacks
):
    reset_ru = "/ru/account-and-login/reset-your-password/"
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            reverse("wagtailsnippets_search_synonymset:add"),
            {"language": "ru", "terms": "обнуление, сброс"},
        )
    synonym_set = SynonymSet.objects.get(terms="обнуление, сброс")
    assert reset_ru in suggested(editor, "обнуление", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_search_synonymset:edit", args=[synonym_set.pk]),
            {"language": "uk", "terms": "обнуление, сброс"},
        )
    assert response.status_code == 302
    assert reset_ru not in suggested(editor, "обнуление", "ru")
    with django_capture_on_commit_callbacks(execute=True):
        SynonymSet.objects.get(pk=synonym_set.pk).delete()


def test_a_set_with_one_term_is_refused_with_a_clear_message(editor, demo):
    before = SynonymSet.objects.count()
    response = editor.post(
        reverse("wagtailsnippets_search_synonymset:add"), {"language": "ru", "terms": "сброс"}
    )
    assert response.status_code == 200
    assert "at least two terms" in response.content.decode()
    assert SynonymSet.objects.count() == before


def test_saving_synonyms_while_elasticsearch_is_down_still_saves(
    editor, demo, es_proxy, django_capture_on_commit_callbacks
):
    before = SynonymSet.objects.filter(language="ru").count()
    es_proxy.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(
            reverse("wagtailsnippets_search_synonymset:add"),
            {"language": "ru", "terms": "обнуление, сброс"},
        )
    assert response.status_code == 302
    assert SynonymSet.objects.filter(language="ru").count() == before + 1
