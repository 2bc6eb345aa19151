"""Tracking's part of `/healthz`: `check()` answers "disabled" without a Segment write key,
"degraded" when the last delivery failed, else "ok"; `details()` gives this process's delivery
counters (sent, failed, invalid, dropped)."""

from tracking import delivery


def check() -> str:
    return delivery.health()


def details() -> dict[str, int]:
    return delivery.counters.snapshot()
