"""Hypothesis profiles for the fuzz suite, chosen with HYPOTHESIS_PROFILE:

- `suite` (default, `make test`): 5,000 cases, derandomized (the same cases on every run and in
  CI, so a failure reproduces), no example database written into the checkout;
- `fuzz` (`make fuzz`): FUZZ_EXAMPLES cases (default 50,000), a new random seed each run (the
  seed is printed on failure; HYPOTHESIS_SEED=<n> replays one).

Every profile: no deadline (a shared machine's pauses are not failures) and the health checks
about function-scoped fixtures and slow data generation off (one site and client serve every
case of a test). The terminal summary says how many cases were tried and how many got a 5xx
(from each test's result, so also when pytest-xdist workers ran them; the summary is
printed by tests/conftest.py, which pytest-xdist's controller loads).
"""

import os

from hypothesis import HealthCheck, settings

COMMON = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
}
settings.register_profile("suite", max_examples=5_000, derandomize=True, **COMMON)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "50000")), **COMMON
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))
