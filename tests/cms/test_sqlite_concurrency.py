"""On SQLite, saves at the same moment (autosave and Submit) queue up instead of failing with
"database is locked": the settings give SQLite a busy timeout and IMMEDIATE transactions."""

import threading

import pytest
from django.conf import settings
from django.db import OperationalError, connections, transaction

THREADS = 6
SAVES_PER_THREAD = 15


def run_concurrent_saves(path, options: dict) -> tuple[list[Exception], int]:
    """Threads that each, many times, read a counter then write it back in one transaction
    (what a page save does: read the page, write the revision) on one SQLite file."""
    aliases = [f"concurrency_{path.parent.name}_{number}" for number in range(THREADS)]
    database = {  # SQLite whatever the suite runs on (make test: PostgreSQL)
        **connections.settings["default"],
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": options,
    }
    for alias in aliases:
        connections.settings[alias] = dict(database)
    with connections[aliases[0]].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, value INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    errors: list[Exception] = []
    start = threading.Barrier(THREADS)

    def save_many(alias: str):
        start.wait()
        try:
            for _ in range(SAVES_PER_THREAD):
                with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                    cursor.execute("SELECT value FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET value = %s WHERE id = 1", [value + 1])
        except OperationalError as error:
            errors.append(error)
        finally:
            connections[alias].close()

    threads = [threading.Thread(target=save_many, args=(alias,)) for alias in aliases]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with connections[aliases[0]].cursor() as cursor:
        cursor.execute("SELECT value FROM counter WHERE id = 1")
        (total,) = cursor.fetchone()
    for alias in aliases:
        connections[alias].close()
        del connections[alias]
        del connections.settings[alias]
    return errors, total


def test_concurrent_saves_on_sqlite_never_meet_a_locked_database(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # a database of its own, outside the test database
        errors, total = run_concurrent_saves(tmp_path / "db.sqlite3", settings.SQLITE_OPTIONS)
    assert not errors, errors[:3]
    assert total == THREADS * SAVES_PER_THREAD  # and no save was lost


def test_without_those_options_sqlite_refuses_concurrent_saves(tmp_path, django_db_blocker):
    """The failure the options prevent, so the test above cannot pass by accident."""
    with django_db_blocker.unblock():
        errors, _total = run_concurrent_saves(tmp_path / "db.sqlite3", {"timeout": 0.05})
    assert any("database is locked" in str(error) for error in errors)


def test_the_default_sqlite_database_gets_the_options():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("the tests run on PostgreSQL")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5
