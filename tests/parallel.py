"""Each pytest-xdist worker's own share of the services `make test` starts (loaded with `-p
tests.parallel`, before Django reads its settings).

Workers run tests side by side against one PostgreSQL, Redis and Elasticsearch. pytest-django
already gives each worker its own test database (test_<name>_gw0, ...); here each also gets its
own Redis database (REDIS_URL's /N: clearing a cache clears only the worker's) and its own
Elasticsearch index prefix (helpcenter-gw0-pages-en, ...), through the environment, so the servers
a test starts in a subprocess use the same ones. `database_name` names the other PostgreSQL
databases a worker makes (the seeded demo's copies, the browser server's).
"""

import os
from urllib.parse import urlsplit, urlunsplit

WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1", ... ; "" without xdist


def database_name(name: str) -> str:
    """`name`, or `name_gw1` in worker gw1: a database of this worker's own."""
    return f"{name}_{WORKER}" if WORKER else name


def _own_redis_database(url: str) -> str:
    number = int(WORKER.removeprefix("gw")) + 1  # database 0 stays the suite's without xdist
    return urlunsplit(urlsplit(url)._replace(path=f"/{number}"))


if WORKER and not os.environ.get("HELPCENTER_TEST_WORKER"):
    os.environ["HELPCENTER_TEST_WORKER"] = WORKER  # rewritten once, even if imported twice
    if os.environ.get("REDIS_URL"):
        os.environ["REDIS_URL"] = _own_redis_database(os.environ["REDIS_URL"])
    prefix = os.environ.get("SEARCH_INDEX_PREFIX") or "helpcenter"
    os.environ["SEARCH_INDEX_PREFIX"] = f"{prefix}-{WORKER}"
