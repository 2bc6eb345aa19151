"""What a visitor sees over HTTP, in every language."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
RTL = {"ar", "he"}


def html_root(response) -> tuple[str, str]:
    match = re.search(r'<html lang="([^"]+)" dir="(ltr|rtl)">', response.content.decode())
    assert match, "no <html lang dir>"
    return match.group(1), match.group(2)


@pytest.mark.smoke
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_locale_home_answers_with_its_language_and_direction(client, demo, code):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert html_root(response) == (code, "rtl" if code in RTL else "ltr")
    assert b'role="search"' in response.content


@pytest.mark.parametrize(
    ("accept", "expected"),
    [("ar,en;q=0.5", "/ar/"), ("ru-RU,ru;q=0.9", "/ru/"), ("pt-BR", "/pt-br/"), ("xx", "/en/")],
)
def test_root_redirects_by_accept_language(client, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_article_links_its_real_translations_with_hreflang(client, demo):
    response = client.get("/en/boards-and-pins/save-a-pin/")
    assert response.status_code == 200
    links = dict(
        re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', response.content.decode()
        )
    )
    assert {"en", "es", "ar", "ru", "x-default"} <= set(links)
    assert "de" not in links  # German is an untranslated alias: not a real translation
    for code, url in links.items():
        path = url.split("://", 1)[1].split("/", 1)[1]
        page = client.get("/" + path)
        assert page.status_code == 200
        assert html_root(page)[0] == ("en" if code == "x-default" else code)


def test_article_renders_translated_body_and_summary_as_description(client, demo):
    response = client.get("/ru/boards-and-pins/save-a-pin/")
    text = response.content.decode()
    assert 'lang="ru"' in text
    description = re.search(r'<meta name="description" content="([^"]+)"', text).group(1)
    assert re.search("[а-яА-Я]", description)
    assert '<ol class="steps">' in text


def test_untranslated_article_says_so_and_marks_its_language(client, demo):
    response = client.get("/de/boards-and-pins/save-a-pin/")
    text = response.content.decode()
    assert response.status_code == 200
    assert html_root(response) == ("de", "ltr")
    assert '<article lang="en" dir="ltr"' in text
    assert 'rel="canonical" href="http://' in text and "/en/boards-and-pins/save-a-pin/" in text


def test_language_switcher_goes_to_the_same_page_or_that_languages_home(client, demo):
    text = client.get("/en/boards-and-pins/save-a-pin/").content.decode()
    switcher = dict(re.findall(r'<li><a href="([^"]+)" hreflang="([^"]+)"', text))
    by_code = {code: url for url, code in switcher.items()}
    assert set(by_code) == set(LANGUAGE_CODES)
    assert by_code["ar"] == "/ar/boards-and-pins/save-a-pin/"
    assert by_code["ru"] == "/ru/boards-and-pins/save-a-pin/"
    # A page missing in a language sends the visitor to that language's home.
    from pages.models import ArticlePage

    ArticlePage.objects.get(slug="save-a-pin", locale__language_code="he").unpublish()
    text = client.get("/en/boards-and-pins/save-a-pin/").content.decode()
    assert '<li><a href="/he/" hreflang="he"' in text


def test_topic_lists_its_articles_and_home_lists_topics(client, demo):
    home = client.get("/es/").content.decode()
    assert "Tableros y Pines" in home
    topic = client.get("/es/boards-and-pins/")
    assert topic.status_code == 200
    assert "Guardar un Pin en un tablero" in topic.content.decode()


@pytest.mark.parametrize(
    ("path", "accept", "lang", "phrase"),
    [
        ("/ar/no-such-page/", "en", "ar", 'dir="rtl"'),
        ("/ru/no-such-page/", "en", "ru", 'lang="ru"'),
        ("/no-such-page/", "ru", "ru", 'lang="ru"'),
    ],
)
def test_404_speaks_the_visitors_language(client, path, accept, lang, phrase):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE=accept, follow=True)
    assert response.status_code == 404
    text = response.content.decode()
    assert phrase in text
    assert "We couldn't find that page" not in text  # translated, not English


def test_500_page_is_translated_and_leaks_nothing(client, settings):
    from django.test import override_settings

    with override_settings(ROOT_URLCONF="tests.pages.urls_boom"):
        client.raise_request_exception = False
        response = client.get("/ar/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert 'dir="rtl"' in text and "Traceback" not in text and "RuntimeError" not in text


@pytest.mark.smoke
def test_sitemap_lists_every_language_with_alternates(client, demo):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    text = response.content.decode()
    for code in ("en", "es", "ar", "ru"):
        assert f"/{code}/boards-and-pins/save-a-pin/</loc>" in text
    assert "/de/boards-and-pins/save-a-pin/</loc>" not in text  # aliases point to the source
    assert 'hreflang="ar"' in text


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_search_page_finds_articles_of_the_visitors_language(client, demo):
    response = client.get("/es/search/", {"q": "tablero"})
    assert response.status_code == 200
    assert "Guardar un Pin en un tablero" in response.content.decode()
    too_long = client.get("/es/search/", {"q": "x" * 201})
    assert too_long.status_code == 400
