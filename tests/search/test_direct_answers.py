"""Direct answers on the results page (decision 0016): the passage above the results, linking to
its anchor, which the article carries; "did this answer help?" is stored, reaches the KPI
dashboard's figures, and refuses bad input with a clear status."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from pages.anchors import with_anchors
from search import embeddings
from search.models import AnswerFeedback
from tests.search import semantic_content
from tracking import kpi

pytestmark = [pytest.mark.django_db, semantic_content.SAME_WORKER]


@pytest.fixture(autouse=True)
def semantic_on(settings, monkeypatch):
    settings.SEARCH_SEMANTIC = True
    settings.SEARCH_URL = ""
    monkeypatch.setattr(
        embeddings, "passage_vectors", semantic_content.memoised(embeddings.passage_vectors)
    )


def _answer(client, language: str, query: str) -> dict:
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    found = re.search(
        r'<a href="(?P<url>[^"#]+)#(?P<anchor>b-[^"]+)" data-search-answer-link>', html
    )
    return {"html": html, "match": found}


def test_the_answer_is_above_the_results_and_links_to_its_place(client, semantic_help_center):
    answer = _answer(client, "en", "how do I reset my password")
    html, found = answer["html"], answer["match"]
    assert found and found.group("url") == semantic_help_center[("en", "reset-your-password")]
    assert html.index("data-search-answer") < html.index('class="search-hits"')
    article = client.get(found.group("url")).content.decode()
    assert f'id="{found.group("anchor")}"' in article


def test_arabic_answer_in_arabic_right_to_left(client, semantic_help_center):
    html = _answer(client, "ar", "كيف أغير كلمة المرور")["html"]
    assert 'dir="rtl"' in html
    assert "data-search-answer" in html
    assert "هل ساعدتك هذه الإجابة؟" in html


def test_no_answer_when_nothing_is_confident(client, semantic_help_center):
    assert "data-search-answer" not in _answer(client, "en", "qqzzx vvwwy")["html"]


def _feedback(client, accept="application/json", **data):
    found = _answer(client, "en", "how do I reset my password")
    page = re.search(r'name="page" value="(\d+)"', found["html"]).group(1)
    body = {"page": page, "anchor": found["match"].group("anchor"), "locale": "en", **data}
    response = client.post("/api/v1/search/answer-feedback", body, HTTP_ACCEPT=accept)
    return response, body


def test_feedback_is_stored_and_counted(client, semantic_help_center):
    before = AnswerFeedback.objects.count()
    response, body = _feedback(client, helpful="yes")
    assert response.status_code == 200
    assert response.json()["message"]
    _feedback(client, helpful="no")
    stored = AnswerFeedback.objects.order_by("created_at")[before:]
    assert [(row.helpful, row.language, row.anchor) for row in stored] == [
        (True, "en", body["anchor"]),
        (False, "en", body["anchor"]),
    ]
    period = kpi.Period.last_days(1, now=timezone.now() + timedelta(seconds=1))
    figures = kpi.compute(period, "en")
    assert figures.answer_ratings >= 2 and figures.helpful_answer_ratings >= 1


def test_feedback_without_javascript_gets_a_thank_you_page(client, semantic_help_center):
    response, _body = _feedback(client, accept="text/html", helpful="no")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Thank you for your feedback." in response.content.decode()


@pytest.mark.parametrize(
    "change, status",
    [
        ({"helpful": "maybe"}, 400),
        ({"helpful": "yes", "anchor": "b-nowhere"}, 400),
        ({"helpful": "yes", "page": "abc"}, 400),
        ({"helpful": "yes", "locale": "xx"}, 400),
    ],
)
def test_bad_feedback_is_refused(client, semantic_help_center, change, status):
    found = _answer(client, "en", "how do I reset my password")
    page = re.search(r'name="page" value="(\d+)"', found["html"]).group(1)
    body = {"page": page, "anchor": found["match"].group("anchor"), "locale": "en", **change}
    before = AnswerFeedback.objects.count()
    response = client.post("/api/v1/search/answer-feedback", body, HTTP_ACCEPT="application/json")
    assert response.status_code == status
    assert AnswerFeedback.objects.count() == before


def test_cross_site_feedback_is_refused(client, semantic_help_center):
    response = client.post(
        "/api/v1/search/answer-feedback",
        {"page": "1", "anchor": "b-x", "locale": "en", "helpful": "yes"},
        HTTP_ORIGIN="https://elsewhere.example",
    )
    assert response.status_code == 403


def test_anchors_follow_the_passages_order():
    html = "<h3>Title</h3><p>One</p><ul><li>Two</li></ul><p id='kept'>Three</p>"
    assert with_anchors(html, "abc") == (
        '<h3 id="b-abc-1">Title</h3><p id="b-abc-2">One</p><ul><li id="b-abc-3">Two</li></ul>'
        "<p id='kept'>Three</p>"
    )
