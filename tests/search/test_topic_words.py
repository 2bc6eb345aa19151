"""Questions typed as visitors ask them ("how do i change my email") suggest the article: the
autocomplete counts only the words that say what the question is about (search.topic_words),
on Elasticsearch with the demo and on the database backend, in English, Russian (Cyrillic) and
Hebrew (right to left)."""

import pytest

from search.topic_words import topic_words
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory

pytestmark = pytest.mark.django_db

DEMO = "/{lang}/{topic}/{slug}/"
EMAIL = ("account-and-login", "change-your-email-address")
RESET = ("account-and-login", "reset-your-password")
INVOICES = ("ads-and-billing", "ad-invoices-receipts-and-vat")

# Each fails when its stop words count (checked on the database backend before the change).
QUESTIONS = [
    ("en", "how do i change my email", EMAIL),
    ("en", "where can i find my invoices", INVOICES),
    ("ru", "как мне сбросить мой пароль", RESET),
    ("he", "איך אני מאפס את הסיסמה", RESET),
]


@pytest.mark.parametrize(
    "text, language, about",
    [
        ("how do i change my email", "en", "change email"),
        ("where are my invoices", "en", "invoices"),
        ("cómo puedo cambiar mi contraseña", "es", "cambiar contraseña"),
        ("как удалить мой аккаунт", "ru", "удалить аккаунт"),
        ("reset my", "en", "reset"),
        ("reset my passw", "en", "reset passw"),  # the word being typed stays
        ("איך אני מאפס את הסיסמה שלי", "he", "מאפס הסיסמה"),
        ("how do i", "en", "how do i"),  # nothing but stop words: as typed
        ("パスワードを忘れた", "ja", "パスワードを忘れた"),  # bigrams, not words
        ("konto löschen", "de", "konto löschen"),
    ],
)
def test_the_words_that_name_no_topic_are_left_out(text, language, about):
    assert topic_words(text, language) == about


def test_a_stop_word_the_titles_use_is_kept_unless_it_is_short(account_articles):
    # stopwords-iso's English list holds "home" and "your"; a title here says "home feed".
    assert topic_words("tune my home feed", "en") == "tune home feed"
    assert topic_words("my feed", "en") == "feed"  # "my" is in a title too, but short


def suggested(client, q, locale, backend):
    response = client.get("/api/v1/search/autocomplete", {"q": q, "locale": locale})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["backend"] == backend, body
    assert body["query"] == q  # the visitor's question, as typed, is what the answer names
    return [s["url"] for s in body["suggestions"]]


@pytest.mark.parametrize("language, question, page", QUESTIONS)
def test_a_question_suggests_its_article_on_elasticsearch(
    client, demo, elasticsearch, language, question, page
):
    expected = DEMO.format(lang=language, topic=page[0], slug=page[1])
    assert expected in suggested(client, question, language, "elasticsearch")[:3]


@pytest.fixture
def account_articles(settings):
    settings.SEARCH_URL = ""
    topic = TopicPageFactory(parent=HomePageFactory(), title="Account")
    urls = {}
    for slug, title, summary in [
        ("email", "Change your email address", "Use a new email address for your account."),
        ("delete", "Deactivate or delete your account", "Close your account for good."),
        ("profile", "My profile is missing", "Why your profile does not show up."),
        ("feed", "Tune your home feed", "See more of what you like."),
    ]:
        page = ArticlePageFactory(parent=topic, title=title, slug=slug, summary=summary)
        urls[slug] = page.get_url()
    return urls


def test_a_question_suggests_its_article_on_the_database(client, account_articles):
    # "My profile is missing" holds "my": before, it came first for both questions.
    urls = suggested(client, "how do i change my email", "en", "database")
    assert urls[:1] == [account_articles["email"]]
    urls = suggested(client, "i want to delete my account", "en", "database")
    assert urls[:1] == [account_articles["delete"]]
