"""Arabic on the database fallback, on SQLite and PostgreSQL alike: alef/hamza forms, alef maqsura,
teh marbuta, diacritics and tatweel are folded at index and at query time
(search.analysis.fold_arabic), so a query finds the article whichever form either side wrote.
With the demo (PostgreSQL in `make test`): الإعلانات, أسعار and كلمة المرور find their articles."""

import pytest
from wagtail.rich_text import RichText

from search import api
from search.query import SearchQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def arabic_articles(settings):
    settings.SEARCH_URL = ""
    home = HomePageFactory(locale=locale("ar"), title="مركز المساعدة", slug="help-ar")
    topic = TopicPageFactory(parent=home, title="الحساب", slug="account")
    prices = ArticlePageFactory(
        parent=topic,
        title="أسعار الإعلانات",  # hamza forms as editors type them
        slug="ad-prices",
        summary="كم تكلف حملتك",
        body=[("text", RichText("<p>ادفع مقابل النقرات</p>"))],
    )
    password = ArticlePageFactory(
        parent=topic,
        title="إعادة تعيين كَلِمَة المـرور",  # diacritics and a tatweel
        slug="reset-password",
        summary="استعادة الدخول إلى حسابك",
        body=[("text", RichText("<p>اتبع الخطوات</p>"))],
    )
    return {"prices": prices.url, "password": password.url}


def found(query: str) -> list[str]:
    outcome = api.search(SearchQuery(text=query, language="ar"))
    assert outcome.backend == "database"
    return [hit["url"] for hit in outcome.hits]


@pytest.mark.parametrize(
    "query, article",
    [
        ("الإعلانات", "prices"),
        ("الاعلانات", "prices"),  # bare alef
        ("أسعار", "prices"),
        ("اسعار", "prices"),
        ("آسعار", "prices"),  # another hamza form
        ("كلمة المرور", "password"),
        ("كلمه المرور", "password"),  # teh marbuta written as heh
        ("كَلِمَةُ المُرُور", "password"),  # with diacritics
        ("كلمـة", "password"),  # tatweel
        ("اعاده تعيين", "password"),
    ],
)
def test_every_form_finds_the_article(arabic_articles, query, article):
    assert arabic_articles[article] in found(query)


def test_an_unrelated_word_finds_nothing(arabic_articles):
    assert found("طقس") == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("الإعلانات", "/ar/ads-and-billing/ad-pricing/"),
        ("أسعار", "/ar/ads-and-billing/ad-pricing/"),
        ("كلمة المرور", "/ar/account-and-login/reset-your-password/"),
    ],
)
def test_the_demo_articles_are_found_on_the_database_fallback(demo, settings, query, expected):
    settings.SEARCH_URL = ""
    outcome = api.search(SearchQuery(text=query, language="ar", size=50))
    assert outcome.backend == "database"
    assert expected in [hit["url"] for hit in outcome.hits], outcome.hits
