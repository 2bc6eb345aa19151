"""`make bench-geo`: what the geo middleware costs per request (printed, never asserted).

Times Django's request handling of a cheap real view (/robots.txt) with the project's middleware
stack, with and without GeoMiddleware (using the GeoIP2 database at GEOIP_PATH), over visitors
from MaxMind's test networks (IPv4 and IPv6), and the middleware alone around a no-op view.

    GEOIP_PATH=… python -m tests.bench.geo [--rounds 5000]
"""

import argparse
import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
django.setup()

from django.conf import settings
from django.core.handlers.base import BaseHandler
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from wagtail.models import Locale

from cms.demo import regions as demo_regions
from geo import geoip
from geo.middleware import GeoMiddleware
from snippets import regions
from tests.bench.latency import percentile, percentiles

VISITORS = ["81.2.69.142", "2001:218::1", "2a02:d180::1", "214.78.120.5", "2a02:f400::1"]
GEO = "geo.middleware.GeoMiddleware"


def timed_rounds(call, requests, rounds: int) -> list[float]:
    """Durations in µs of `rounds` calls over `requests` in turn, after a warm-up."""
    for request in requests[:200]:  # warm up: reader opened, region table built
        call(request)
    samples = []
    for i in range(rounds):
        request = requests[i % len(requests)]
        started = time.perf_counter_ns()
        call(request)
        samples.append((time.perf_counter_ns() - started) / 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5000)
    rounds = parser.parse_args().rounds
    if not settings.GEOIP_PATH:
        raise SystemExit("Set GEOIP_PATH (make bench-geo uses MaxMind's test database).")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    demo_regions.seed_themes_and_regions()
    geoip.reset()
    regions.invalidate()
    if geoip.status() != "ok":
        raise SystemExit(f"GeoIP database {settings.GEOIP_PATH} is not usable")

    factory = RequestFactory()
    requests = [
        factory.get("/robots.txt", REMOTE_ADDR=VISITORS[i % len(VISITORS)], HTTP_HOST="127.0.0.1")
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
                raise SystemExit(f"GET /robots.txt answered {status}, not 200")
            results[label] = timed_rounds(handler.get_response, requests, rounds)

    def noop(request):
        return HttpResponse("")

    geo_alone = GeoMiddleware(noop)
    results["middleware alone"] = timed_rounds(geo_alone, requests, rounds)
    results["no-op view alone"] = timed_rounds(noop, requests, rounds)

    print(
        f"GeoIP database: {settings.GEOIP_PATH} ({geoip._state.method}); {rounds} requests "
        f"each, visitors {', '.join(VISITORS)}"
    )
    for label, samples in results.items():
        print(
            f"  {label:<20} {percentiles(samples, unit='µs')}  "
            f"mean {statistics.fmean(samples):.2f} µs"
        )
    p50_without = percentile(results["without geo"], 0.5)
    p50_with = percentile(results["with geo (GeoIP2)"], 0.5)
    own = percentile(results["middleware alone"], 0.5) - percentile(
        results["no-op view alone"], 0.5
    )
    print(
        f"p50 ratio with/without geo (GET /robots.txt, full middleware stack): "
        f"{p50_with / p50_without:.2f}x (+{p50_with - p50_without:.1f} µs)\n"
        f"geo middleware's own p50 cost per request: {own:.1f} µs"
    )


if __name__ == "__main__":
    main()
