"""`make bench-tracking`: the per-request cost of tracking, measured, not asserted.

Serves the same article page many times through Django's full request stack, alternating a
visitor without consent (tracking off: nothing validated, queued or recorded) and one with
consent (tracking on: page view validated, recorded locally and queued for a real local HTTP
server playing Segment). Prints p50 and p95 of both and their ratios.

    python -m tests.bench.tracking [--requests 300] [--warmup 30]
"""

import argparse
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page

from tests.bench.latency import percentile, percentiles
from tracking import delivery, records
from tracking.models import EventRecord


class _Sink(BaseHTTPRequestHandler):
    received = 0

    def log_message(self, *args):
        pass

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).received += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    options = parser.parse_args()
    page = (
        Page.objects.live()
        .filter(locale__language_code="en", depth__gte=4)
        .exclude(url_path__endswith="/search/")
        .specific()
        .first()
    )
    if page is None:
        raise SystemExit("No demo content: run `manage.py seed_demo` first.")
    url = page.url
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    started_at = timezone.now()
    sink_url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with override_settings(
            SEGMENT_WRITE_KEY="bench", SEGMENT_HOST=sink_url, ALLOWED_HOSTS=["*"]
        ):
            off, on = measure(url, options.requests, options.warmup)
            delivery.flush()
            records.flush()
            sent = delivery.counters.snapshot()
    finally:
        delivery.shutdown()
        server.shutdown()
        EventRecord.objects.filter(occurred_at__gte=started_at).delete()
    report(url, off, on, sent, _Sink.received)


def measure(url: str, count: int, warmup: int) -> tuple[list[float], list[float]]:
    """Durations in ms of `count` requests each without and with consent, after a warm-up."""
    off_client, on_client = Client(), Client()
    on_client.cookies["hc_consent"] = "granted"
    off, on = [], []
    for index in range(warmup + count):
        # Alternate which goes first so drift and caches hit both sides alike.
        pair = [(off_client, off), (on_client, on)]
        for client, results in pair if index % 2 else reversed(pair):
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
            if index >= warmup:
                results.append(elapsed * 1000)
    return off, on


def report(url, off, on, counters, batches) -> None:
    p50_off, p50_on = percentile(off, 0.5), percentile(on, 0.5)
    p95_off, p95_on = percentile(off, 0.95), percentile(on, 0.95)
    print(f"bench_tracking: {len(off)} requests each to {url}")
    print(f"  tracking off: {percentiles(off)}")
    print(f"  tracking on : {percentiles(on)}")
    print(
        f"  ratio on/off: p50 {p50_on / p50_off:.3f}  p95 {p95_on / p95_off:.3f}  (target ≤ 1.05)"
    )
    print(
        f"  delivered to the local Segment sink: {counters['sent']} events in {batches}"
        f" batches; failed {counters['failed']}, invalid {counters['invalid']},"
        f" dropped {counters['dropped']}"
    )


if __name__ == "__main__":
    main()
