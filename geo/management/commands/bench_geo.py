"""`manage.py bench_geo`: what the geo middleware costs per request (printed, never asserted).

Times Django's request handling of a cheap real view (/robots.txt) with the project's middleware
stack, with and without GeoMiddleware (using the GeoIP2 database at GEOIP_PATH), over visitors
from MaxMind's test networks (IPv4 and IPv6), and the middleware alone around a no-op view.
"""

import statistics
import time

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.core.management.base import BaseCommand, CommandError
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from wagtail.models import Locale

from cms.demo import regions as demo_regions
from geo import geoip
from geo.middleware import GeoMiddleware
from snippets import regions

VISITORS = ["81.2.69.142", "2001:218::1", "2a02:d180::1", "214.78.120.5", "2a02:f400::1"]
GEO = "geo.middleware.GeoMiddleware"


def percentile(samples: list[int], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] / 1000  # µs


def measure(call, requests, rounds: int) -> list[int]:
    for request in requests[:200]:  # warm up: reader opened, region table built
        call(request)
    samples = []
    for i in range(rounds):
        request = requests[i % len(requests)]
        started = time.perf_counter_ns()
        call(request)
        samples.append(time.perf_counter_ns() - started)
    return samples


class Command(BaseCommand):
    help = "Prints the geo middleware's per-request cost (p50/p95, with vs without geo)."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=5000)

    def handle(self, *args, rounds: int, **options):
        if not settings.GEOIP_PATH:
            raise CommandError("Set GEOIP_PATH (make bench-geo uses MaxMind's test database).")
        for code, _name in settings.LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        demo_regions.seed_themes_and_regions()
        geoip.reset()
        regions.invalidate()
        if geoip.status() != "ok":
            raise CommandError(f"GeoIP database {settings.GEOIP_PATH} is not usable")

        factory = RequestFactory()
        requests = [
            factory.get(
                "/robots.txt", REMOTE_ADDR=VISITORS[i % len(VISITORS)], HTTP_HOST="127.0.0.1"
            )
            for i in range(50)
        ]
        without_geo = [m for m in settings.MIDDLEWARE if m != GEO]
        with_geo = list(without_geo)
        with_geo.insert(with_geo.index("django.middleware.locale.LocaleMiddleware") + 1, GEO)

        results = {}
        for label, stack in (("without geo", without_geo), ("with geo (GeoIP2)", with_geo)):
            with override_settings(MIDDLEWARE=stack):
                handler = BaseHandler()
                handler.load_middleware()
                status = handler.get_response(requests[0]).status_code
                if status != 200:
                    raise CommandError(f"GET /robots.txt answered {status}, not 200")
                results[label] = measure(handler.get_response, requests, rounds)

        def noop(request):
            return HttpResponse("")

        geo_alone = GeoMiddleware(noop)
        results["middleware alone"] = measure(geo_alone, requests, rounds)
        results["no-op view alone"] = measure(noop, requests, rounds)

        self.stdout.write(
            f"GeoIP database: {settings.GEOIP_PATH} ({geoip._state.method}); {rounds} requests "
            f"each, visitors {', '.join(VISITORS)}"
        )
        for label, samples in results.items():
            self.stdout.write(
                f"  {label:<20} p50 {percentile(samples, 0.5):8.1f} µs   "
                f"p95 {percentile(samples, 0.95):8.1f} µs   "
                f"mean {statistics.fmean(samples) / 1000:8.1f} µs"
            )
        p50_without = percentile(results["without geo"], 0.5)
        p50_with = percentile(results["with geo (GeoIP2)"], 0.5)
        own = percentile(results["middleware alone"], 0.5) - percentile(
            results["no-op view alone"], 0.5
        )
        self.stdout.write(
            f"p50 ratio with/without geo (GET /robots.txt, full middleware stack): "
            f"{p50_with / p50_without:.2f}x (+{p50_with - p50_without:.1f} µs)\n"
            f"geo middleware's own p50 cost per request: {own:.1f} µs"
        )
