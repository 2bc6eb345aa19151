"""`manage.py bench_tracking`: the per-request cost of tracking, measured, not asserted.

Serves the same article page many times through Django's full request stack, alternating a
visitor without consent (tracking off: nothing validated, queued or recorded) and one with
consent (tracking on: page view validated, recorded locally and queued for a real local HTTP
server playing Segment). Prints p50 and p95 of both and their ratios.
"""

import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management.base import BaseCommand, CommandError
from django.test import Client, override_settings
from django.utils import timezone
from wagtail.models import Page

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


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Measures the per-request overhead of tracking (p50, p95, on vs off)."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=300)
        parser.add_argument("--warmup", type=int, default=30)

    def handle(self, *args, **options):
        page = (
            Page.objects.live()
            .filter(locale__language_code="en", depth__gte=4)
            .exclude(url_path__endswith="/search/")
            .specific()
            .first()
        )
        if page is None:
            raise CommandError("No demo content: run `manage.py seed_demo` first.")
        url = page.url
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Sink)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started_at = timezone.now()
        sink_url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            with override_settings(
                SEGMENT_WRITE_KEY="bench", SEGMENT_HOST=sink_url, ALLOWED_HOSTS=["*"]
            ):
                off, on = self._measure(url, options["requests"], options["warmup"])
                delivery.flush()
                records.flush()
                sent = delivery.counters.snapshot()
        finally:
            delivery.shutdown()
            server.shutdown()
            EventRecord.objects.filter(occurred_at__gte=started_at).delete()
        self._report(url, off, on, sent, _Sink.received)

    def _measure(self, url: str, count: int, warmup: int) -> tuple[list[float], list[float]]:
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
                    raise CommandError(f"{url} answered {response.status_code}")
                if index >= warmup:
                    results.append(elapsed * 1000)
        return off, on

    def _report(self, url, off, on, counters, batches) -> None:
        p50_off, p50_on = statistics.median(off), statistics.median(on)
        p95_off, p95_on = _percentile(off, 0.95), _percentile(on, 0.95)
        write = self.stdout.write
        write(f"bench_tracking: {len(off)} requests each to {url}")
        write(f"  tracking off: p50 {p50_off:.2f} ms  p95 {p95_off:.2f} ms")
        write(f"  tracking on : p50 {p50_on:.2f} ms  p95 {p95_on:.2f} ms")
        write(
            f"  ratio on/off: p50 {p50_on / p50_off:.3f}  p95 {p95_on / p95_off:.3f}"
            "  (target ≤ 1.05)"
        )
        write(
            f"  delivered to the local Segment sink: {counters['sent']} events in {batches}"
            f" batches; failed {counters['failed']}, invalid {counters['invalid']},"
            f" dropped {counters['dropped']}"
        )
