"""No request to a public endpoint ends in a 5xx, whatever it carries: Hypothesis generates
requests for the search page, autocomplete, the click beacon, the events API, article feedback,
the consent banner, a contact form (GET and POST with random fields), pages with `?region=`,
language prefixes and Accept-Language, with hostile text (quotes, NUL, control characters,
huge and normalisation-expanding Unicode, bidi marks), random bytes and nested JSON.

The site is one small factory-built help center (tests/factories.py); rate limits are off here
(they have their own tests). Case counts: tests/fuzz/conftest.py (5,000 in `make test`, more
with `make fuzz`)."""

import json

import pytest
from django.test import Client
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import built_once_per_module
from tests.factories import (
    ArticlePageFactory,
    HomePageFactory,
    TopicPageFactory,
    aliases,
    contact_form,
)

pytestmark = pytest.mark.django_db

PROFILE = settings._current_profile  # tests/fuzz/conftest.py loads it
LANGUAGES = ["en", "es", "fr", "de", "pt-br", "ja", "ko", "tr", "ru", "uk", "ar", "he"]
HOSTILE_PIECES = [
    '"',
    "'",
    "\x00",
    "\x01",
    "\x1b[2J",
    "\x7f",
    "\u202e",
    "\u200f",
    "\u200d",
    "\ufeff",
    "\ufdfa" * 40,
    "\ufdfd",
    "ﷺ",
    "\U0001f4a9",
    "e\u0301" * 30,
    "AND",
    "OR",
    "NOT",
    "NEAR(",
    "*",
    "(",
    ")",
    "^",
    ":",
    "-",
    "+",
    "~",
    "\\",
    "%",
    "_",
    "%00",
    "&",
    "=",
    "<script>",
    "{{ 7*7 }}",
    "' OR 1=1 --",
    "a" * 250,
    " " * 50,
    "\t\n\r",
    "..",
    "/",
    "//evil.example/",
    "https://evil.example/",
]
# Text for URLs and form fields: anything but lone surrogates (no HTTP client can send them).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(HOSTILE_PIECES),
    st.lists(st.sampled_from(HOSTILE_PIECES) | any_text, max_size=12).map("".join),
)
numbers_as_text = st.one_of(
    st.integers(-(10**30), 10**30).map(str), st.sampled_from(["", "0", "-1", "1e9", "NaN", "½"])
)
json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    hostile_text,
)
json_keys = hostile_text | st.sampled_from(["query", "url", "event", "properties", "path"])
json_value = st.recursive(
    json_leaf,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(json_keys, children, max_size=4)
    ),
    max_leaves=20,
)


def deeply_nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@st.composite
def json_body(draw, fields: dict) -> bytes:
    """A body that is sometimes right, sometimes almost right, sometimes anything."""
    kind = draw(st.sampled_from(["fields", "fields", "value", "nested", "bytes"]))
    if kind == "fields":
        body = {
            name: draw(st.one_of(st.just(value), json_value, hostile_text))
            for name, value in fields.items()
            if draw(st.booleans()) or draw(st.booleans())
        }
        body.update(draw(st.dictionaries(hostile_text, json_value, max_size=2)))
        return json.dumps(body).encode()
    if kind == "value":
        return json.dumps(draw(json_value)).encode()
    if kind == "nested":
        return deeply_nested(draw(st.integers(1, 50_000))).encode()
    return draw(st.binary(max_size=600))


@built_once_per_module
def site():
    home = HomePageFactory()
    topic = TopicPageFactory(parent=home, title="Account")
    article = ArticlePageFactory(parent=topic, title="Can't log in")
    form = contact_form(parent=topic)
    aliases(home, "ar", "ja")
    return {"article": article, "form": form}


CLICK = {"source": "result", "locale": "en", "query": "log in", "url": "/en/", "position": 1}
EVENT = {
    "event": "Search Result Clicked",
    "properties": {"query": "log in", "locale": "en", "url": "/en/", "position": 1},
    "path": "/en/search/",
}


@st.composite
def language_prefix(draw) -> str:
    return draw(st.sampled_from(LANGUAGES) | st.sampled_from(["xx", "EN", "pt-BR", "en-us", ""]))


@st.composite
def common_headers(draw) -> dict:
    headers = {}
    if draw(st.booleans()):
        headers["HTTP_ACCEPT_LANGUAGE"] = draw(
            st.sampled_from(["ar", "he,en;q=0.5", "*", "xx-YY", "en;q=abc", ""]) | hostile_text
        )
    if draw(st.booleans()):
        headers["HTTP_X_FORWARDED_FOR"] = draw(
            st.sampled_from(["203.0.113.9", "::1, 10.0.0.1", "[2001:db8::1]:443", "unknown"])
            | hostile_text
        )
    if draw(st.booleans()):
        headers["HTTP_COOKIE"] = draw(
            st.sampled_from(["hc_consent=granted", "hc_consent=denied", "hc_region=x"])
        )
    if draw(st.booleans()):
        headers["HTTP_ORIGIN"] = draw(st.sampled_from(["http://testserver", "null"]) | any_text)
    if draw(st.booleans()):
        headers["HTTP_SEC_FETCH_SITE"] = draw(st.sampled_from(["same-origin", "cross-site"]))
    return headers


def random_params(names: list[str]):
    return st.dictionaries(
        st.sampled_from(names) | hostile_text, hostile_text | numbers_as_text, max_size=6
    )


@st.composite
def requests(draw, pages: dict) -> tuple:
    """(endpoint name, method, path, data, extra) for one request."""
    endpoint = draw(
        st.sampled_from(
            [
                "search",
                "search",
                "autocomplete",
                "autocomplete",
                "click",
                "events",
                "feedback",
                "consent",
                "forget",
                "to-property",
                "handover",
                "form-get",
                "form-post",
                "page",
            ]
        )
    )
    headers = draw(common_headers())
    language = draw(language_prefix())
    if endpoint == "search":
        params = draw(random_params(["q", "page", "topic", "audience", "region"]))
        params.setdefault("q", draw(hostile_text))
        return endpoint, "get", f"/{language}/search/", params, headers
    if endpoint == "autocomplete":
        params = draw(random_params(["q", "locale", "limit"]))
        params.setdefault("q", draw(hostile_text))
        params.setdefault("locale", draw(st.sampled_from(LANGUAGES) | hostile_text))
        return endpoint, "get", "/api/v1/search/autocomplete", params, headers
    if endpoint in {"click", "events"}:
        body = draw(json_body(CLICK if endpoint == "click" else EVENT))
        path = "/api/v1/search/click" if endpoint == "click" else "/api/v1/events"
        content_type = draw(
            st.sampled_from(["application/json", "application/json", "text/plain", ""])
        )
        return endpoint, "post", path, body, {**headers, "content_type": content_type}
    if endpoint == "feedback":
        page_id = draw(st.sampled_from([pages["article"].pk, pages["form"].pk, 1, 10**12]))
        data = draw(random_params(["helpful", "reason", "next"]))
        return endpoint, "post", f"/tracking/feedback/{page_id}/", data, headers
    if endpoint == "consent":
        data = draw(random_params(["choice", "next"]))
        return endpoint, "post", "/tracking/consent", data, headers
    if endpoint == "forget":
        data = draw(random_params(["next"]))
        return endpoint, "post", "/tracking/forget", data, headers
    if endpoint == "to-property":
        params = draw(random_params(["next"]))
        params.setdefault(
            "next", draw(st.sampled_from(["http://business.localhost/en/"]) | hostile_text)
        )
        return endpoint, "get", "/tracking/to", params, headers
    if endpoint == "handover":
        params = draw(random_params(["hc_handover", "q"]))
        params.setdefault("hc_handover", draw(hostile_text))
        return endpoint, "get", f"/{language}/", params, headers
    if endpoint == "form-get":
        params = draw(random_params(["sent", "region", "step"]))
        return endpoint, "get", pages["form"].url, params, headers
    if endpoint == "form-post":
        names = [*pages["form_fields"], "website_url", "context_referrer", "csrfmiddlewaretoken"]
        data = draw(
            st.dictionaries(
                st.sampled_from(names) | hostile_text,
                hostile_text | st.lists(hostile_text, max_size=3),
                max_size=10,
            )
        )
        return endpoint, "post", pages["form"].url, data, headers
    path = draw(
        st.sampled_from(
            [f"/{language}/", pages["article"].url, f"/{language}/account/", "/", "/sitemap.xml"]
        )
    )
    return endpoint, "get", path, draw(random_params(["region", "page", "q"])), headers


@pytest.fixture
def pages(site):
    form = site["form"]
    fields = [item.name for step in form.steps() for item in step.fields]
    return {**site, "form_fields": fields}


def test_no_public_endpoint_answers_5xx(pages, settings, request):
    settings.RATELIMIT_ENABLE = False
    client = Client()  # a view's exception is raised here, with its traceback
    tally = {"tried": 0, "server_errors": 0, "by_endpoint": {}, "profile": PROFILE}
    # Reported with the test's result (also from a pytest-xdist worker), summed in the summary.
    request.node.user_properties.append(("fuzz", tally))

    @given(requests(pages))
    def one_request(request):
        endpoint, method, path, data, extra = request
        tally["tried"] += 1
        tally["by_endpoint"][endpoint] = tally["by_endpoint"].get(endpoint, 0) + 1
        try:
            if method == "get":
                response = client.get(path, data, **extra)
            elif isinstance(data, bytes):
                response = client.post(path, data, **extra)
            else:
                extra.pop("content_type", None)
                response = client.post(path, data, **extra)
        except Exception:
            tally["server_errors"] += 1
            raise
        if response.status_code >= 500:
            tally["server_errors"] += 1
        assert response.status_code < 500, (endpoint, path, data, extra)

    one_request()
