"""The suite's demo, seeded in a second process while the tests that do not need it run.

Seeding the whole demo costs minutes on PostgreSQL (tens of thousands of queries, most of them
wagtail-localize's). The tests on the demo run last (conftest.pytest_collection_modifyitems), so
on PostgreSQL the seed starts with the session: `manage.py seed_demo` in a process of its own,
into a copy of the freshly migrated test database, with the database search backend only and
no shared cache (nothing it does reaches the tests running meanwhile). When the first test on
the demo comes, the seeded copy takes the test database's place, Elasticsearch's indices are
rebuilt from it (`update_index`, as after a restore) and every cache is emptied.
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import connection, connections

from search import elastic

SEEDED_DATABASE = "helpcenter_demo_seed"
# The seed on a busy 2-core machine takes ~4 minutes; far beyond that it has hung.
LONGEST_SEED_SECONDS = 1200


class BackgroundSeed:
    def __init__(self, database_url):
        """`database_url(name)`: the URL of the database `name` on the suite's server."""
        self.admin_url = database_url("postgres")
        self.seeded_url = database_url(SEEDED_DATABASE)
        self.log = tempfile.NamedTemporaryFile(prefix="demo-seed-", suffix=".log", delete=False)
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Copy the migrated, still empty test database and seed the copy in a new process."""
        test_database = connection.settings_dict["NAME"]
        connections.close_all()  # a template database must have no other sessions
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{SEEDED_DATABASE}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{SEEDED_DATABASE}" TEMPLATE "{test_database}"')
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
            "DATABASE_URL": self.seeded_url,
            "SEARCH_URL": "",  # the database backend's index only; Elasticsearch after the swap
            "REDIS_URL": "",  # its cache invalidations stay in its own process
        }
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "seed_demo", "--verbosity", "0"],
            cwd=settings.BASE_DIR,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def take_into_test_database(self) -> None:
        """Wait for the seed, then make the seeded copy the test database."""
        started = time.monotonic()
        try:
            code = self.process.wait(timeout=LONGEST_SEED_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = f"stopped after {LONGEST_SEED_SECONDS} s"
        if code != 0:
            output = Path(self.log.name).read_text(errors="replace")[-4000:]
            raise RuntimeError(f"seed_demo failed ({code}):\n{output}")
        waited = time.monotonic() - started
        test_database = connection.settings_dict["NAME"]
        connections.close_all()
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{test_database}" WITH (FORCE)')
            admin.execute(f'ALTER DATABASE "{SEEDED_DATABASE}" RENAME TO "{test_database}"')
        for cache in settings.CACHES:
            caches[cache].clear()
        if elastic.enabled():
            call_command("update_index", backend_name="default", verbosity=0)
        print(f"\nDemo seeded beside the suite; the first test on it waited {waited:.0f} s.")

    def stop(self) -> None:
        """At the end of the session: nothing left running, no copy left behind."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{SEEDED_DATABASE}" WITH (FORCE)')
        Path(self.log.name).unlink(missing_ok=True)
