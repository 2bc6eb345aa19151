"""Suite-wide fixtures: the demo help center, seeded once per test database."""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command

# The database the settings name; pytest-django swaps in a test database only when a collected
# test needs one, and nothing here may ever write into the real one.
CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]
# Browser tests talk to a server process with its own copy of the seeded test database.
BROWSER_DATABASE = "helpcenter_browser"


def test_database_in_use() -> bool:
    from django.db import connection

    return connection.settings_dict["NAME"] != CONFIGURED_DATABASE


def postgres_url(database: str) -> str | None:
    """DATABASE_URL pointed at another database of the same server (None unless PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url.startswith(("postgres://", "postgresql://")):
        return None
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def create_postgres_database(name: str, template: str | None = None) -> str:
    import psycopg

    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return postgres_url(name)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """Every test sees the demo help center, as `make run` builds it (seeded once, outside any
    test transaction, so wagtail-localize's on-commit publishing runs as in production)."""
    if test_database_in_use():
        from django.db import connection, connections

        with django_db_blocker.unblock():
            call_command("seed_demo", verbosity=0)
            browser_tests = any(i.get_closest_marker("browser") for i in request.session.items)
            if browser_tests and postgres_url(BROWSER_DATABASE):
                seeded = connection.settings_dict["NAME"]
                connections.close_all()  # a template database must have no other sessions
                create_postgres_database(BROWSER_DATABASE, template=seeded)
    yield


@pytest.fixture
def demo(db):
    """The seeded help center, for tests that read or change it (changes roll back)."""
    from pages.models import HelpCenterHomePage

    return HelpCenterHomePage.objects.get(locale__language_code="en")
