"""`make bench-search-input`: what the most expensive inputs cost the search page and the
autocomplete, next to an ordinary query measured in the same run (ratios, not absolute times).

The hostile inputs are the ones that once answered 500 or took a second of CPU (docs/decisions
0010): a query of 100 one-letter words, a ligature Unicode normalisation expands into hundreds
of words, unbalanced quotes and operators, NUL and control characters. Runs in-process on the
demo help center of the configured database, with the backend SEARCH_URL selects (empty: the
database backend); every answer must be 200.

    python -m tests.bench.search_input [--repeat 30]
"""

import argparse
import os
import urllib.parse

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
django.setup()

from django.conf import settings
from django.db import connection
from django.test import Client

from tests.bench.latency import measure, percentile

ORDINARY = "reset password"
HOSTILE = {
    "100 one-letter words (199 chars)": " ".join("abcdefghij"[i % 10] for i in range(100)),
    "U+FDFA x 180 (expands to ~800 words)": "\ufdfa" * 180,
    "unbalanced quote": "can't \"log",
    # (Each under 200 characters as typed: a longer query is refused with a 400.)
    "operators and brackets": ' AND OR NOT ( ) * " - + ~ ^ : ' * 6,
    "NUL and control characters": "pass\x00word\x07\x1b reset",
    "32 words (the cap)": " ".join(f"pin{i:02d}" for i in range(32)),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    repeat = parser.parse_args().repeat
    backend = "Elasticsearch" if settings.SEARCH_URL else f"database ({connection.vendor})"
    print(f"== backend: {backend}; p50/p95 of {repeat} requests each, ratio = p50 / ordinary p50")
    client = Client()
    endpoints = {
        "search page": lambda text: f"/en/search/?{urllib.parse.urlencode({'q': text})}",
        "autocomplete": lambda text: (
            "/api/v1/search/autocomplete?" + urllib.parse.urlencode({"q": text, "locale": "en"})
        ),
    }
    for endpoint, url_for in endpoints.items():
        baseline = None
        for label, text in {"ordinary: " + ORDINARY: ORDINARY, **HOSTILE}.items():
            url = url_for(text)
            status = client.get(url).status_code
            if status != 200:
                raise SystemExit(f"{endpoint} {label!r} answered {status}")
            result = measure(label, lambda url=url: client.get(url), repeat=repeat, warmup=2)
            p50 = percentile(result.durations_ms, 0.5)
            baseline = baseline or p50
            print(
                f"{endpoint:<13} {label:<38} p50 {p50:7.2f} ms"
                f"  p95 {percentile(result.durations_ms, 0.95):7.2f} ms  x{p50 / baseline:5.2f}"
            )


if __name__ == "__main__":
    main()
