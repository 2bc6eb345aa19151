"""Benchmarks (`make bench-*`): performance figures, printed, never asserted. Each module runs as
`python -m tests.bench.<name>`, sets Django up itself and reports through `latency`."""
