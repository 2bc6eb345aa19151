import pytest
from django.core.cache import cache

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
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hacked_form(demo):
    from forms.models import ContactFormPage

    return ContactFormPage.objects.get(slug="account-hacked", locale__language_code="en")


@pytest.fixture
def translated_form(demo):
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
