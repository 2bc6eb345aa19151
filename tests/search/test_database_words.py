"""The database backend's words (search.database): a natural question finds the page holding
most of its words (rare words weighing more), not only pages holding every word; Arabic is
folded on both sides; words are found by their stems in the page's language ("senhas" finds
"senha", "аккаунта" "аккаунт"; Brazilian words typed without their accents, "peca" "peça"), in
the results and the suggestions."""

import pytest
from wagtail.rich_text import RichText

from pages.models import HelpPage
from search import api
from search.query import SearchQuery
from tests.factories import ArticlePageFactory, HomePageFactory, TopicPageFactory, aliases

pytestmark = pytest.mark.django_db


def _article(parent, title, slug, text):
    return ArticlePageFactory(
        parent=parent,
        title=title,
        slug=slug,
        summary=text,
        body=[("text", RichText(f"<p>{text}</p>"))],
    )


@pytest.fixture
def help_center(settings):
    settings.SEARCH_URL = ""
    settings.SEARCH_SEMANTIC = False
    topic = TopicPageFactory(parent=HomePageFactory(), title="Account", slug="account")
    _article(
        topic,
        "Reset your password",
        "reset-your-password",
        "Forgot your password? Request a reset link by email and choose a new password.",
    )
    _article(
        topic,
        "Change your email address",
        "change-your-email",
        "Your email address is in your account settings.",
    )
    _article(topic, "Phone numbers", "phone-numbers", "Add a phone number to your account.")


def _urls(text: str, language: str = "en") -> list[str]:
    outcome = api.search(SearchQuery(text, language, retrieval="lexical"))
    assert outcome.backend == api.DATABASE
    return [hit["url"] for hit in outcome.hits]


def test_a_natural_question_finds_the_page_holding_most_of_its_words(help_center):
    # Three of its ten words are in the article ("link", "forgot", "password").
    assert _urls("how do i get the link when i forgot my password")[0].endswith(
        "/reset-your-password/"
    )
    # Both share "email"; the reset article holds more of the words.
    assert _urls("forgot password email")[:2] == [
        "/en/account/reset-your-password/",
        "/en/account/change-your-email/",
    ]
    assert _urls("qqzzx vvwwy") == []
    # Any of the words: "account" is in two of the pages.
    assert len(_urls("account closed without warning")) == 2


def test_arabic_words_are_folded(settings):
    settings.SEARCH_URL = ""
    settings.SEARCH_SEMANTIC = False
    home = HomePageFactory()
    aliases(home, "ar")
    arabic_home = home.get_translation(_locale("ar"))
    topic = TopicPageFactory(parent=arabic_home, title="الحساب", slug="account-ar")
    _article(topic, "إعادة تعيين كلمة المرور", "reset-ar", "اطلب رابط إعادة التعيين بالبريد.")
    # Alef without hamza, teh marbuta as heh: held all the same.
    assert _urls("اعاده تعيين كلمه السر", "ar")[0].endswith("/reset-ar/")


def _locale(code):
    from tests.factories import locale

    return locale(code)


@pytest.fixture
def inflected(settings):
    """One article in Brazilian Portuguese and one in Russian, each worded in one form of its
    words (singular, nominative) that visitors type in another."""
    settings.SEARCH_URL = ""
    settings.SEARCH_SEMANTIC = False
    home = HomePageFactory()
    aliases(home, "pt-br", "ru")
    for language, topic_title, title, slug, text in [
        (
            "pt-br",
            "Conta",
            "Recuperar o acesso",
            "recuperar-acesso",
            "Esqueceu a senha? Peça um link de redefinição por email.",
        ),
        (
            "ru",
            "Аккаунт",
            "Восстановление доступа",
            "vosstanovlenie",
            "Забыли пароль от аккаунта? Запросите ссылку для сброса по почте.",
        ),
    ]:
        parent = home.get_translation(_locale(language))
        topic = TopicPageFactory(parent=parent, title=topic_title, slug=f"topic-{language}")
        _article(topic, title, slug, text)


def _suggested(text: str, language: str) -> list[str]:
    answer = api.autocomplete(text, language)
    assert answer["backend"] == api.DATABASE
    return [s["url"] for s in answer["suggestions"]]


@pytest.mark.parametrize(
    ("language", "typed", "slug"),
    [
        ("pt-br", "esqueci minhas senhas", "recuperar-acesso"),  # senha, esqueceu
        ("ru", "забыл пароли", "vosstanovlenie"),  # забыли, пароль
    ],
)
def test_other_forms_of_the_words_find_the_article(inflected, language, typed, slug):
    assert [u for u in _urls(typed, language) if u.endswith(f"/{slug}/")]
    # As typed, the last word still being written: the stem of the others is enough.
    assert [u for u in _suggested(typed, language) if u.endswith(f"/{slug}/")]


def test_brazilian_words_typed_without_accents_find_the_article(inflected):
    # "Peça um link de redefinição": PostgreSQL's "simple" configuration keeps the accents, and
    # Portuguese's stemmer too ("peça" → "peç"); the stems are of the words without them.
    assert [u for u in _urls("peca redefinicao", "pt-br") if u.endswith("/recuperar-acesso/")]
    assert [u for u in _suggested("peca redefinicao", "pt-br") if u.endswith("/recuperar-acesso/")]


def test_brazilian_words_are_still_found_with_their_accents(inflected, settings):
    # Wagtail's admin asks the backend as typed: the accented words are indexed as written too.
    backend = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    found = HelpPage.objects.search("redefinição", backend=backend)
    assert [page.slug for page in found] == ["recuperar-acesso"]


def test_unrelated_words_of_the_language_find_nothing(inflected):
    assert _urls("pagamentos recusados", "pt-br") == []
    assert _urls("платежи отклонены", "ru") == []


def test_a_title_prefix_is_still_suggested_first(inflected):
    assert _suggested("recup", "pt-br")[0].endswith("/recuperar-acesso/")
    assert _suggested("восстан", "ru")[0].endswith("/vosstanovlenie/")
