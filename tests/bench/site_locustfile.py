"""The load of `make bench-site`: each simulated visitor asks for BENCH_PATH again and again,
without pause (closed loop: the concurrency is the number of users). A non-200 answer counts
as a failure. Run by tests/bench/site.py, one headless locust run per target and concurrency."""

import os

from locust import FastHttpUser, constant, task


class Visitor(FastHttpUser):
    wait_time = constant(0)
    path = os.environ.get("BENCH_PATH", "/")
    headers = {"CF-IPCountry": os.environ.get("BENCH_COUNTRY", "US")}
    if os.environ.get("BENCH_HOST"):  # the site's own host: the one a shared cache keeps
        headers["Host"] = os.environ["BENCH_HOST"]

    @task
    def visit(self) -> None:
        with self.client.get(
            self.path, headers=self.headers, name="target", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
