"""`make bench-site`: requests/s and p50/p95/p99 at concurrency 1, 8 and 32, over HTTP with
locust (headless), for a static file (the floor: WhiteNoise, no Django view), an article
uncached through gunicorn, the same article through Varnish, the search page and autocomplete;
then the ratios between them. tests/bench/site.sh starts the servers; prints figures only.

    python -m tests.bench.site --app URL --cache URL [--host HOST] [--seconds 8]
                               [--concurrency 1,8,32] [--log FILE]

Every request names the site's own host (`--host`, its `Site.root_url`'s): the only host a
shared cache keeps its pages under (pages.http_cache). The cached article must be a Varnish hit.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import requests

LOCUSTFILE = Path(__file__).with_name("site_locustfile.py")
ARTICLE = "/en/boards-and-pins/save-a-pin/"
TARGETS = [  # label, which server, path
    ("static file", "app", "/static/frontend/css/site.css"),
    ("article, uncached", "app", ARTICLE),
    ("article, Varnish", "cache", ARTICLE),
    ("search page", "app", "/en/search/?q=password"),
    ("autocomplete", "app", "/api/v1/search/autocomplete?q=passw&locale=en"),
]


@dataclass
class Figures:
    rps: float
    p50: float
    p95: float
    p99: float
    requests: int
    failures: int


def run_locust(
    host: str, path: str, users: int, seconds: int, work: Path, log, host_header: str = ""
) -> Figures:
    prefix = work / f"run-{users}"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(LOCUSTFILE),
            "--headless",
            "--only-summary",
            "--host",
            host,
            "-u",
            str(users),
            "-r",
            str(users),
            "-t",
            f"{seconds}s",
            "--csv",
            str(prefix),
            "--loglevel",
            "WARNING",
            "--exit-code-on-error",
            "0",
        ],
        env={**os.environ, "BENCH_PATH": path, "BENCH_HOST": host_header},
        check=True,
        stdout=log,
        stderr=log,
    )
    with open(f"{prefix}_stats.csv", newline="") as stats:
        row = next(r for r in csv.DictReader(stats) if r["Name"] == "Aggregated")
    return Figures(
        rps=float(row["Requests/s"]),
        p50=float(row["50%"]),
        p95=float(row["95%"]),
        p99=float(row["99%"]),
        requests=int(row["Request Count"]),
        failures=int(row["Failure Count"]),
    )


def check(url: str, host_header: str = "") -> requests.Response:
    headers = {"CF-IPCountry": "US", **({"Host": host_header} if host_header else {})}
    response = requests.get(url, headers=headers, timeout=30)
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return response


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--app", required=True, help="gunicorn's URL")
    parser.add_argument("--cache", required=True, help="Varnish's URL, in front of --app")
    parser.add_argument("--host", default="", help="the Host header: the site's own host")
    parser.add_argument("--seconds", type=int, default=8, help="per target and concurrency")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--log", default=os.devnull, help="where locust's own output goes")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    servers = {"app": args.app.rstrip("/"), "cache": args.cache.rstrip("/")}
    results: dict[tuple[str, int], Figures] = {}
    print(f"{args.seconds} s per run; latencies in ms; locust {locust_version()}")
    print(f"{'target':<20} {'conc':>4} {'req/s':>8} {'p50':>6} {'p95':>6} {'p99':>6} {'fail':>5}")
    for label, server, path in TARGETS:
        check(servers[server] + path, args.host)
        second = check(servers[server] + path, args.host)  # a first visit fills the cache
        if server == "cache" and second.headers.get("X-Cache") != "HIT":
            raise SystemExit(f"{path} is not kept by Varnish under Host {args.host or '(URL)'}")
        for users in levels:
            with tempfile.TemporaryDirectory() as work, open(args.log, "a") as log:
                figures = run_locust(
                    servers[server], path, users, args.seconds, Path(work), log, args.host
                )
            results[label, users] = figures
            print(
                f"{label:<20} {users:>4} {figures.rps:>8.1f} {figures.p50:>6.0f} "
                f"{figures.p95:>6.0f} {figures.p99:>6.0f} {figures.failures:>5}",
                flush=True,
            )
    print("\nratios (requests/s)")
    for users in levels:
        floor = results["static file", users].rps or 1
        uncached = results["article, uncached", users].rps or 1
        cached = results["article, Varnish", users].rps
        parts = [
            f"{label} / static {results[label, users].rps / floor:.3f}"
            for label, _server, _path in TARGETS[1:]
        ]
        parts.append(f"Varnish / uncached {cached / uncached:.1f}x")
        print(f"  c={users}: " + "; ".join(parts))


def locust_version() -> str:
    from importlib.metadata import version

    return version("locust")


if __name__ == "__main__":
    main()
