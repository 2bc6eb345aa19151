"""Input that cannot break search: quotes, operators, NUL, control and format characters, and
text that normalisation expands, on the results page, the autocomplete API and the click beacon
(on whichever database the suite runs: SQLite or PostgreSQL). A failing backend gives a normal
"no results" page, marked, never a 500; JSON bodies of the wrong shape get 400 JSON."""

import json

import pytest

from search import api, database
from search.query import clean, max_words
from search.settings import QUERY_MAX_LENGTH
from tests.conftest import built_once_per_module
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

LIGATURE = "\ufdfa"  # one character, 18 after NFKC: four Arabic words
HOSTILE = [
    '"',
    "can't \"log",
    "\x00",
    "pass\x00word",
    "a\x01b\x1b[31m\x7f",
    "\u202eevil\u202c \u200fשלום\u200e",
    LIGATURE * 180,
    " ".join("abcdefghijklmnopqrstuvwxyz" * 4)[:199],
    "AND OR NOT NEAR(a b) a* -b +c ^d ~e",
    '(((("',
    "'; drop table x; --",
    "\\",
    "\ud7ff\ufffd\U0010fffd",
    "ﷻ﷽" * 20,
    "*",
    ":",
    "title:password",
    '"unbalanced "phrase "',
]


@built_once_per_module
def site():
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account")
    ArticlePageFactory(parent=topic, title="Can't log in", summary="When you can't log in.")


@pytest.mark.parametrize("raw", HOSTILE)
def test_clean_text_has_only_words_within_the_limits(raw):
    text = clean(raw, "en").text
    assert len(text) <= QUERY_MAX_LENGTH
    assert len(text.split()) <= max_words()
    assert not any(char in text for char in '"\x00\x01*()^:+~\\;\u202e\u200f')
    assert clean(text, "en").text == text


def test_clean_keeps_words_joined_inside_a_word():
    assert clean("Can’t  LOG-in to Wi-Fi 2.5?", "en").text == "can't log-in to wi-fi 2.5"
    assert clean("\"-leading 'quotes' trailing.-\"", "en").text == "leading quotes trailing"


def test_the_word_cap_applies_after_normalisation(settings):
    settings.SEARCH_QUERY_MAX_WORDS = 5
    cleaned = clean(LIGATURE * 3, "ar")
    assert cleaned.shortened and len(cleaned.text.split()) == 5
    assert not clean("one two three", "en").shortened


@pytest.mark.parametrize("raw", HOSTILE)
def test_the_results_page_answers_every_input(client, site, raw):
    response = client.get("/en/search/", {"q": raw})
    assert response.status_code == 200, raw


@pytest.mark.parametrize("raw", HOSTILE)
def test_autocomplete_answers_every_input(client, site, raw):
    response = client.get("/api/v1/search/autocomplete", {"q": raw, "locale": "en"})
    assert response.status_code in (200, 400), raw
    assert isinstance(response.json(), dict)


@pytest.fixture
def database_backend(settings):
    """The database backend answers (make test also runs Elasticsearch: SEARCH_URL)."""
    settings.SEARCH_URL = ""


def test_an_unbalanced_quote_still_finds_the_article(client, site, database_backend):
    html = client.get("/en/search/", {"q": "can't \"log"}).content.decode()
    assert "Can&#x27;t log in" in html or "Can't log in" in html
    assert 'data-backend="database"' in html


def test_a_query_expanded_past_the_word_cap_is_searched_shortened_with_a_notice(client, site):
    html = client.get("/en/search/", {"q": LIGATURE * 180}).content.decode()
    assert "search-notice" in html
    assert f"first {max_words()} words" in html


def test_a_failing_database_backend_gives_a_marked_no_results_page(
    client, site, monkeypatch, database_backend
):
    def broken(*args, **kwargs):
        raise RuntimeError("the database backend is down")

    monkeypatch.setattr(database, "search", broken)
    monkeypatch.setattr(database, "autocomplete", broken)
    response = client.get("/en/search/", {"q": "log in"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'data-backend="{api.UNAVAILABLE}"' in html
    assert "data-search-unavailable" in html
    answer = client.get("/api/v1/search/autocomplete", {"q": "log", "locale": "en"})
    assert answer.status_code == 200
    assert answer.json()["backend"] == api.UNAVAILABLE


CLICK = {"source": "result", "locale": "en", "query": "log in", "url": "/en/", "position": 1}


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "body",
    [
        nested(100_000),
        '{"a":' * 5000 + "1" + "}" * 5000,
        json.dumps({**CLICK, "query": ["log", "in"]}),
        json.dumps({**CLICK, "locale": {"en": 1}}),
        json.dumps({**CLICK, "url": None}),
        json.dumps({**CLICK, "kind": 3}),
        json.dumps({**CLICK, "position": 1.5}),
        json.dumps({**CLICK, "position": True}),
        json.dumps({**CLICK, "query": '"\x00'}),
        json.dumps({**CLICK, "source": [[[[]]]]}),
        '{"position": 1' + "0" * 5000 + "}",
        '"\\ud800"',
        json.dumps({**CLICK, "url": "/en/\ud800"}),
        json.dumps({**CLICK, "url": "/en/\x00"}),
        json.dumps({**CLICK, "query": "\ud800"}),
        b"\xff\xfe",
        "NaN",
        "[]",
    ],
)
def test_the_click_beacon_refuses_malformed_bodies_with_400_json(client, body):
    response = client.post("/api/v1/search/click", data=body, content_type="application/json")
    assert response.status_code in (400, 413)
    assert "error" in response.json()


@pytest.mark.parametrize(
    "body",
    [
        nested(2000),
        '{"event": "Search Result Clicked", "properties": ' + nested(1500) + "}",
        json.dumps({"event": ["Search Result Clicked"], "properties": {}}),
        json.dumps({"event": "Search Result Clicked", "properties": {"query": [[["x"]]]}}),
        json.dumps({"event": "Search Result Clicked", "properties": {"position": {"a": 1}}}),
        json.dumps({"event": "Search Result Clicked", "properties": {}, "path": ["/"]}),
        json.dumps({"event": {"$ref": "#"}, "properties": {}}),
    ],
)
def test_the_events_api_refuses_malformed_bodies_with_400_json(client, body):
    response = client.post(
        "/api/v1/events",
        data=body,
        content_type="application/json",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code in (400, 413)
    assert "error" in response.json()
