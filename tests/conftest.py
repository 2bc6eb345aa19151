"""Suite-wide fixtures. A test gets an empty help center (the migrations' data only) unless it
asks for the demo: `demo_site` seeds the whole demo help center, once per test database, the first
time a test needs it; factories (tests/factories.py) build the page or two a unit test needs, in
the test or once for a module's tests (`built_once_per_module`).

Tests on the demo run after the others (see pytest_collection_modifyitems), so the seeded demo,
which stays in the test database once committed, is never under a test that expects an empty one.
"""

import os
import time
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from . import parallel

# The database the settings name; pytest-django swaps in a test database only when a collected
# test needs one, and nothing here may ever write into the real one.
CONFIGURED_DATABASE = settings.DATABASES["default"]["NAME"]
# Browser tests talk to a server process with its own copy of the seeded test database.
BROWSER_DATABASE = parallel.database_name("helpcenter_browser")


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
        create = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        # A template must have no other sessions: background writers (tracking's event-log
        # thread) let theirs go after a few idle seconds; after 10 s the others are ended.
        started = time.monotonic()
        while True:
            try:
                admin.execute(create)
                break
            except psycopg.errors.ObjectInUse:
                waited = time.monotonic() - started
                if waited > 20:
                    raise
                if waited > 10:
                    admin.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = %s AND pid <> pg_backend_pid()",
                        [template],
                    )
                time.sleep(0.5)
    return postgres_url(name)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL, with TEST_DATABASE_TEMPLATE set (`make test` migrates that database once,
    tests/migrated_template.py), the test database is made as a copy of it (Django's TEST
    TEMPLATE); Django's own `migrate` then finds nothing left to apply."""
    template = os.environ.get("TEST_DATABASE_TEMPLATE", "").strip()
    if template and postgres_url("postgres"):
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template


def uses_demo(item: pytest.Item) -> bool:
    return "demo_site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(config, items):
    """Tests on the demo after the others. Sorted before pytest-django's own (stable) sort, which
    then puts the tests without a database after both.

    With pytest-xdist (`make test` runs two workers, `--dist loadgroup`), a module's tests go to
    one worker together (its module-scoped data is built once; what it starts under a fixed
    name, such as the cluster tests' nodes, is started once), its tests on the demo in a second
    group: a worker receives the groups in the order of the sorted tests, so in each worker too
    no test that expects an empty database runs after the demo was seeded into it.

    Modules that build the same costly data (tests/search/semantic_content.py embeds its help
    center once per process) name one group with `pytest.mark.xdist_group`: a worker
    receives them all, and the data is made once instead of once per worker."""
    items.sort(key=uses_demo)
    for item in items:
        shared = item.get_closest_marker("xdist_group")
        group = shared.args[0] if shared else item.nodeid.split("::", 1)[0]
        item.add_marker(pytest.mark.xdist_group(f"{group}:{'demo' if uses_demo(item) else ''}"))
    result = yield
    if getattr(config.option, "loadgroup", False):
        # pytest-xdist 3.8 names a test's group in its node id ("…@group") by setting an
        # attribute pytest 9 no longer reads (`_nodeid`): the same suffix where pytest 9 keeps it.
        from _pytest.nodeid import coerce_node_id

        for item in items:
            group = item.get_closest_marker("xdist_group").args[0]
            if not item.nodeid.endswith(f"@{group}"):
                item._id = coerce_node_id(f"{item.nodeid}@{group}")
    return result


def pytest_sessionfinish(session):
    """The seeded demo that pytest-xdist's workers copied is dropped once they are all done."""
    controller = not parallel.WORKER and getattr(session.config.option, "numprocesses", None)
    if controller and postgres_url("postgres"):
        from .demo_seed import drop_seeded_database

        drop_seeded_database(postgres_url("postgres"))


def pytest_terminal_summary(terminalreporter):
    """The fuzz suite's cases (tests/fuzz), summed over the tests that report them: here, as
    under pytest-xdist only this file of the suite's conftests is loaded by the controller."""
    tallies = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for name, value in getattr(report, "user_properties", ())
        if name == "fuzz"
    ]
    if not tallies:
        return
    by_endpoint = {}
    for tally in tallies:
        for endpoint, count in tally["by_endpoint"].items():
            by_endpoint[endpoint] = by_endpoint.get(endpoint, 0) + count
    terminalreporter.section("fuzz")
    terminalreporter.write_line(
        f"fuzz: {sum(t['tried'] for t in tallies)} requests tried "
        f"(profile {', '.join(sorted({t['profile'] for t in tallies}))}), "
        f"{sum(t['server_errors'] for t in tallies)} × 5xx"
    )
    for endpoint, count in sorted(by_endpoint.items()):
        terminalreporter.write_line(f"  {endpoint}: {count}")


# The transactions that hold module data (built_once_per_module) still open, innermost last.
_open_module_data: list[dict] = []


def _roll_back_module_data(until: dict | None = None) -> None:
    from django.test import TestCase

    while _open_module_data:
        atomics = _open_module_data.pop()
        TestCase._rollback_atomics(atomics)
        if atomics is until:
            return


def built_once_per_module(build):
    """Turn `build()` into a module-scoped fixture of the same name: what it builds is there for
    every test of the module (each test's own changes roll back to it) and is rolled back after
    the module's last test, as Django's TestCase.setUpTestData does for a test class."""

    def fixture(django_db_setup, django_db_blocker):
        from django.test import TestCase

        with django_db_blocker.unblock():
            atomics = TestCase._enter_atomics()
            _open_module_data.append(atomics)
            built = build()
        yield built
        if atomics in _open_module_data:  # not yet rolled back for the demo
            with django_db_blocker.unblock():
                _roll_back_module_data(until=atomics)

    fixture.__doc__ = build.__doc__
    return pytest.fixture(scope="module", name=build.__name__)(fixture)


# The demo being seeded in a second process (tests/demo_seed.py), until the first test on it.
_background_seed: list = []


@pytest.fixture(scope="session", autouse=True)
def demo_seeded_beside_the_suite(request, tmp_path_factory):
    """On PostgreSQL, when the session has tests on the demo and others before them, the demo is
    seeded in a second process while the others run (tests/demo_seed.py), once for all the
    pytest-xdist workers."""
    on_demo = [uses_demo(item) for item in request.session.items]
    if not (postgres_url("postgres") and any(on_demo) and not all(on_demo)):
        yield
        return
    from .demo_seed import BackgroundSeed

    request.getfixturevalue("django_db_setup")
    shared_by_workers = bool(parallel.WORKER)
    run_folder = tmp_path_factory.getbasetemp()
    seed = BackgroundSeed(
        postgres_url,
        run_folder.parent if shared_by_workers else run_folder,
        shared_by_workers=shared_by_workers,
    )
    with request.getfixturevalue("django_db_blocker").unblock():
        seed.start()
    _background_seed.append(seed)
    yield
    seed.stop()


@pytest.fixture(scope="session")
def demo_site(django_db_setup, django_db_blocker, request):
    """The demo help center, as `make run` builds it: seeded once into the test database, outside
    any test transaction (session fixtures are set up before a test's own), so wagtail-localize's
    on-commit publishing runs as in production. Module data still open (the module's tests on the
    demo come after its other tests) is rolled back first.

    On PostgreSQL, when the session has browser tests, their server's database is copied from the
    freshly seeded one here, before any test on the demo commits anything of its own into it."""
    if test_database_in_use():
        from django.db import connection, connections

        with django_db_blocker.unblock():
            _roll_back_module_data()
            if _background_seed:
                _background_seed.pop().take_into_test_database()
            else:
                call_command("seed_demo", verbosity=0)
            browser_tests = any(i.get_closest_marker("browser") for i in request.session.items)
            if browser_tests and postgres_url(BROWSER_DATABASE):
                seeded = connection.settings_dict["NAME"]
                connections.close_all()  # a template database must have no other sessions
                create_postgres_database(BROWSER_DATABASE, template=seeded)


@pytest.fixture
def demo(demo_site, db):
    """The seeded help center's English home, for tests that read or change the demo (changes
    roll back)."""
    from pages.models import HelpCenterHomePage

    return HelpCenterHomePage.objects.get(sites_rooted_here__is_default_site=True)


@pytest.fixture
def rate_limits(settings, monkeypatch):
    """Rate limits on (the suite runs with them off: RATELIMIT_ENABLE), counters empty before
    and after the test (the "ratelimit" cache: Redis under `make test`).

    django-ratelimit counts in fixed windows ("3/m": a new count every minute, at a moment that
    depends on the client's key), so a test whose requests straddle the end of a window would
    see the count start again. Its clock stands still for the test, in this process only."""
    import types

    import django_ratelimit.core
    from django.core.cache import caches

    now = float(int(time.time()))
    monkeypatch.setattr(django_ratelimit.core, "time", types.SimpleNamespace(time=lambda: now))
    settings.RATELIMIT_ENABLE = True
    caches[settings.RATELIMIT_USE_CACHE].clear()
    yield caches[settings.RATELIMIT_USE_CACHE]
    caches[settings.RATELIMIT_USE_CACHE].clear()


@pytest.fixture(autouse=True)
def fresh_navigation():
    """The cached navigation (pages.navigation) outlives a test's rolled-back pages: each test
    starts from its own database's tree."""
    from pages import navigation

    navigation.invalidate()
    yield
