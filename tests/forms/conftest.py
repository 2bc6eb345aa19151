import pytest
from django.conf import settings
from django.core.cache import caches

from tests.conftest import built_once_per_module
from tests.factories import HomePageFactory, TopicPageFactory, contact_form

from .helpdesk import HelpDesk

VALID_HACKED = {
    "email": "pinner@example.com",
    "hacked": "yes",
    "lost_email": "no",
    "changes": ["pins"],
    "description": "Someone posted spam Pins.",
}


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Empty counters around each test (limits are on only where a test turns them on)."""
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield
    caches[settings.RATELIMIT_USE_CACHE].clear()


@built_once_per_module
def hacked_form():
    """The demo's "My account was hacked" form, published in a topic of an English home."""
    home = HomePageFactory()
    return contact_form(parent=TopicPageFactory(parent=home, title="Hacked accounts"))


@pytest.fixture
def translated_form(demo):
    """translated_form(code, slug="account-hacked"): a demo form in another language."""
    from forms.models import ContactFormPage

    def get(code: str, slug: str = "account-hacked"):
        return ContactFormPage.objects.get(slug=slug, locale__language_code=code)

    return get


@pytest.fixture
def helpdesk(settings):
    desk = HelpDesk().start()
    settings.HELPDESK_URL = desk.url
    settings.HELPDESK_TIMEOUT = 0.5
    settings.HELPDESK_BACKOFF_SECONDS = 0
    yield desk
    desk.stop()
