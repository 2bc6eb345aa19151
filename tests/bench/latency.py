"""Latency figures for the benchmarks: one percentile, one way of printing them, and `measure`.

Percentiles are linear: interpolated between the two nearest ranks of the sorted samples (the
"inclusive" method of Python's statistics.quantiles, NumPy's default), so p50 is the median and
p0/p100 are the minimum/maximum. Every bench prints them with `percentiles`: `p50 1.23 ms  p95
4.56 ms`.
"""

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass


def percentile(samples: Sequence[float], fraction: float) -> float:
    """The `fraction` (0 to 1) percentile of `samples`, linearly interpolated."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    position = (len(ordered) - 1) * fraction
    lower = math.floor(position)
    upper = min(lower + 1, len(ordered) - 1)
    return ordered[lower] + (ordered[upper] - ordered[lower]) * (position - lower)


def percentiles(samples: Sequence[float], unit: str = "ms", cuts=(50, 95)) -> str:
    """`p50 1.23 ms  p95 4.56 ms`: the given percentiles of samples measured in `unit`."""
    return "  ".join(f"p{cut} {percentile(samples, cut / 100):.2f} {unit}" for cut in cuts)


@dataclass(frozen=True)
class Latency:
    label: str
    durations_ms: tuple[float, ...]
    wall_seconds: float

    def line(self) -> str:
        count = len(self.durations_ms)
        per_second = count / self.wall_seconds if self.wall_seconds else 0.0
        return (
            f"{self.label:<40} n={count:<5} {percentiles(self.durations_ms, cuts=(50, 95, 99))}"
            f"  {per_second:8.1f}/s"
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
        durations.append((time.perf_counter() - before) * 1000)
    return Latency(label, tuple(durations), time.perf_counter() - started)
