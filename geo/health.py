"""Geo's part of `/healthz`: `check()` answers "disabled" without a GeoIP database, "degraded"
when a configured one cannot be used, else "ok"."""

from geo import resolve


def check() -> str:
    return resolve.health()
