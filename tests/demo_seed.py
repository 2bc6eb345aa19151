"""The suite's demo, seeded in a second process while the tests that do not need it run.

Seeding the whole demo costs minutes on PostgreSQL (tens of thousands of queries, most of them
wagtail-localize's). The tests on the demo run last (conftest.pytest_collection_modifyitems), so
on PostgreSQL the seed starts with the session: `manage.py seed_demo` in a process of its own,
into a copy of the freshly migrated test database, with the database search backend only and
no shared cache (nothing it does reaches the tests running meanwhile). When the first test on
the demo comes, the test database is replaced by a copy of the seeded one, Elasticsearch's
indices are rebuilt from it (`update_index`, as after a restore) and every cache is emptied.

With pytest-xdist, one seed serves every worker: the first worker to start takes a lock in the
folder the workers share, starts the seed and records its exit status there when it ends; each
worker then copies the seeded database into its own test database. The seeded database is
dropped at the end of the run (`drop_seeded_database`, by the process that ran the session).
"""

import fcntl
import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
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


@contextmanager
def locked(path: Path):
    with path.open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


class BackgroundSeed:
    def __init__(self, database_url, shared_folder: Path, shared_by_workers: bool):
        """`database_url(name)`: the URL of the database `name` on the suite's server;
        `shared_folder`: a folder every worker of the run sees (the lock and the exit status)."""
        self.admin_url = database_url("postgres")
        self.shared_by_workers = shared_by_workers
        self.lock = shared_folder / "demo-seed.lock"
        self.started = shared_folder / "demo-seed.started"
        self.log = shared_folder / "demo-seed.log"
        self.exit_status = shared_folder / "demo-seed.exit"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Unless another worker did: copy the migrated, still empty test database and seed the
        copy in a new process."""
        with locked(self.lock):
            if self.started.exists():
                return
            test_database = connection.settings_dict["NAME"]
            connections.close_all()  # a template database must have no other sessions
            with psycopg.connect(self.admin_url, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{SEEDED_DATABASE}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{SEEDED_DATABASE}" TEMPLATE "{test_database}"')
            environment = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE,
                "DATABASE_URL": self.admin_url.rsplit("/", 1)[0] + f"/{SEEDED_DATABASE}",
                "SEARCH_URL": "",  # the database backend's index only; Elasticsearch after the copy
                "REDIS_URL": "",  # its cache invalidations stay in its own process
            }
            with self.log.open("w") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "manage.py", "seed_demo", "--verbosity", "0"],
                    cwd=settings.BASE_DIR,
                    env=environment,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            self.started.touch()
            threading.Thread(target=self._record_exit_status, daemon=True).start()

    def _record_exit_status(self) -> None:
        try:
            code = self.process.wait(timeout=LONGEST_SEED_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            code = f"stopped after {LONGEST_SEED_SECONDS} s"
        self.exit_status.write_text(str(code))

    def take_into_test_database(self) -> None:
        """Wait for the seed (this worker's or another's), then make a copy of the seeded
        database this worker's test database."""
        started = time.monotonic()
        while not self.exit_status.exists():
            if time.monotonic() - started > LONGEST_SEED_SECONDS + 60:
                raise RuntimeError("seed_demo never ended (no exit status recorded)")
            time.sleep(0.2)
        code = self.exit_status.read_text()
        if code != "0":
            output = self.log.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"seed_demo failed ({code}):\n{output}")
        waited = time.monotonic() - started
        test_database = connection.settings_dict["NAME"]
        connections.close_all()
        with locked(self.lock), psycopg.connect(self.admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE "{test_database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{test_database}" TEMPLATE "{SEEDED_DATABASE}"')
        for cache in settings.CACHES:
            caches[cache].clear()
        if elastic.enabled():
            call_command("update_index", backend_name="default", verbosity=0)
        print(f"\nDemo seeded beside the suite; the first test on it waited {waited:.0f} s.")

    def stop(self) -> None:
        """At the end of the worker's session. Alone, nothing is left running and the copy is
        dropped; beside other workers, the seed it started runs to its end, as they may still
        need it (the seeded database is dropped when the whole run ends)."""
        if self.process is not None and self.process.poll() is None:
            if self.shared_by_workers:
                self.process.wait(timeout=LONGEST_SEED_SECONDS)
            else:
                self.process.kill()
                self.process.wait()
        if not self.shared_by_workers:
            drop_seeded_database(self.admin_url)


def drop_seeded_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{SEEDED_DATABASE}" WITH (FORCE)')
