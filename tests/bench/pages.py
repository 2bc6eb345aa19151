"""`make bench-pages`: how fast the public pages render, per page type and language.

Measures page rendering (p50/p95/p99, pages per second) on the demo help center of the configured
database (`make bench-pages` migrates and seeds one first).

    python -m tests.bench.pages [--repeat 200]
"""

import argparse
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    repeat = parser.parse_args().repeat
    client = Client()
    for label, path in PATHS.items():
        status = client.get(path).status_code
        if status != 200:
            raise SystemExit(f"{path} answered {status}: run `manage.py seed_demo` first")
        result = measure(label, lambda path=path: client.get(path), repeat=repeat)
        print(result.line())


if __name__ == "__main__":
    main()
