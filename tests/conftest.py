"""Suite-wide fixtures: the demo help center, seeded once per test database."""

import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test sees the demo help center, as `make run` builds it (seeded once, outside any
    test transaction, so wagtail-localize's on-commit publishing runs as in production)."""
    with django_db_blocker.unblock():
        call_command("seed_demo", verbosity=0)
    yield


@pytest.fixture
def demo(db):
    """The seeded help center, for tests that read or change it (changes roll back)."""
    from pages.models import HelpCenterHomePage

    return HelpCenterHomePage.objects.get(locale__language_code="en")
