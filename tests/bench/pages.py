"""`make bench-pages`: how fast the public pages render, per page type and language.

Measures page rendering (SQL queries per page, p50/p95/p99, pages per second) in-process on the
demo help center of the configured database (`make bench-pages` migrates and seeds one first).

    python -m tests.bench.pages [--repeat 200]
"""

import argparse
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.db import connection
from django.test import Client

from tests.bench.latency import measure

PATHS = {
    "home en": "/en/",
    "home ar": "/ar/",
    "topic ru": "/ru/boards-and-pins/",
    "article en": "/en/boards-and-pins/save-a-pin/",
    "article ar": "/ar/boards-and-pins/save-a-pin/",
    "article fr (alias)": "/fr/boards-and-pins/save-a-pin/",
    "tutorial ru": "/ru/boards-and-pins/create-a-board/",
    "search es": "/es/search/?q=tablero",
    "sitemap.xml": "/sitemap.xml",
}


def count_queries(client: Client, path: str) -> int:
    """The SQL queries one request for `path` makes."""
    executed: list[str] = []

    def record(execute, sql, params, many, context):
        executed.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        client.get(path)
    return len(executed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    client = Client()
    for label, path in PATHS.items():
        status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{path} answered {status}: run `manage.py seed_demo` first")
        queries = count_queries(client, path)
        result = measure(label, lambda path=path: client.get(path), repeat=repeat)
        print(f"{result.line()}  {queries:3d} queries")


if __name__ == "__main__":
    main()
