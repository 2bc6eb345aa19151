"""Latency figures for `make bench`: percentiles and throughput from measured durations."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Latency:
    label: str
    count: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    per_second: float

    def line(self) -> str:
        return (
            f"{self.label:<40} n={self.count:<5} p50={self.p50_ms:7.2f} ms  "
            f"p95={self.p95_ms:7.2f} ms  p99={self.p99_ms:7.2f} ms  {self.per_second:8.1f}/s"
        )


def summarise(label: str, durations: list[float], wall_seconds: float) -> Latency:
    cuts = statistics.quantiles(durations, n=100, method="inclusive")
    return Latency(
        label=label,
        count=len(durations),
        p50_ms=statistics.median(durations) * 1000,
        p95_ms=cuts[94] * 1000,
        p99_ms=cuts[98] * 1000,
        per_second=len(durations) / wall_seconds if wall_seconds else 0.0,
    )


def measure(label: str, call: Callable[[], object], repeat: int, warmup: int = 5) -> Latency:
    """Run `call` `repeat` times (after `warmup` unmeasured runs) one after the other."""
    for _ in range(warmup):
        call()
    durations = []
    started = time.perf_counter()
    for _ in range(repeat):
        before = time.perf_counter()
        call()
        durations.append(time.perf_counter() - before)
    return summarise(label, durations, time.perf_counter() - started)
