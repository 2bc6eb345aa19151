"""`make bench-forms`: the form page's latency, submission latency (p50/p95) and help-desk
outbox delivery throughput.

Runs on a throwaway database (SQLite file, or PostgreSQL when DATABASE_URL is set: a test
database is created and dropped) with the production task backend (django-tasks-db, so a request
only stores a task row) and a real local help desk on 127.0.0.1. Prints figures; asserts nothing.

    python -m tests.bench.forms   (BENCH_SUBMISSIONS=300)
"""

import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ["HELPDESK_TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
os.environ["FORMS_RATE_LIMIT_IP"] = "100000/60"
os.environ["FORMS_RATE_LIMIT_SESSION"] = "100000/60"
os.environ["HELPDESK_BACKOFF_SECONDS"] = "0"
os.environ["HELPDESK_TIMEOUT"] = "2"

import django

django.setup()

from django.conf import settings
from django.db import connection
from django.test.utils import setup_test_environment

from tests.bench.latency import percentile, percentiles

SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "300"))


def print_page_latency(visitor, url: str, rounds: int = 100) -> None:
    """The form page (GET, 200) with its country drop-down written by `visitor_form.Dropdown`,
    side by side with Django's own Select (a template per option), alternating."""
    from unittest import mock

    from django import forms

    from forms import visitor_form

    latencies = {"Dropdown": [], "Django's Select": []}
    for _ in range(rounds):
        for name in latencies:
            widget = visitor_form.Dropdown if name == "Dropdown" else forms.Select
            with mock.patch.object(visitor_form, "Dropdown", widget):
                started = time.perf_counter()
                response = visitor.get(url)
                latencies[name].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    for name, values in latencies.items():
        print(f"form page (GET → 200), drop-downs by {name}: {percentiles(values)}")
    ours, djangos = (percentile(values, 0.5) for values in latencies.values())
    print(f"  p50 ratio Dropdown / Django's Select: {ours / djangos:.2f}")


def main() -> None:
    from django.test import Client
    from wagtail.models import Locale, Page, Site

    from cms.demo import contact_forms
    from forms import outbox
    from forms.models import OutboxEntry
    from tests.forms.helpdesk import HelpDesk

    setup_test_environment()
    if connection.vendor == "postgresql":  # never the test suite's database
        connection.settings_dict["TEST"] = {
            **connection.settings_dict["TEST"],
            "NAME": "bench_forms",
        }
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        Locale.objects.get_or_create(language_code="en")
        root = Page.get_first_root_node()
        hacked = next(f for f in contact_forms.load_forms() if f["slug"] == "account-hacked")
        page = contact_forms.build(hacked, root)
        Site.objects.all().delete()
        Site.objects.create(hostname="testserver", root_page=page, is_default_site=True)
        desk = HelpDesk().start()
        settings.HELPDESK_URL = desk.url
        url = page.url
        visitor = Client()
        visitor.get(url)
        answers = {
            "email": "pinner@example.com",
            "hacked": "yes",
            "lost_email": "no",
            "changes": ["ads"],
            "ad_spend": "42",
            "description": "Bench ticket",
        }
        print_page_latency(visitor, url)
        latencies = []
        for number in range(SUBMISSIONS):
            started = time.perf_counter()
            response = visitor.post(url, {**answers, "description": f"Bench ticket {number}"})
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 303, response.status_code
        print(f"database: {connection.vendor}; submissions: {SUBMISSIONS}")
        print(
            "submission latency (POST → 303, task row stored): "
            f"{percentiles(latencies)}  max {max(latencies):.2f} ms"
        )

        started = time.perf_counter()
        report = outbox.drain(batch=100)
        elapsed = time.perf_counter() - started
        print(
            f"outbox delivery, healthy help desk: {report.delivered} tickets in {elapsed:.2f} s "
            f"= {report.delivered / elapsed:.0f} tickets/s (one worker)"
        )

        OutboxEntry.objects.update(status=OutboxEntry.Status.PENDING, attempts=0, delivered_at=None)
        desk.tickets.clear()
        desk.mode = "flaky"
        desk.slow_seconds = 2.5
        started = time.perf_counter()
        rounds = 0
        while OutboxEntry.objects.filter(status=OutboxEntry.Status.PENDING).exists():
            outbox.drain(batch=100)
            rounds += 1
        elapsed = time.perf_counter() - started
        print(
            f"outbox delivery, help desk failing half the time: {SUBMISSIONS} tickets in "
            f"{elapsed:.2f} s = {SUBMISSIONS / elapsed:.0f} tickets/s, {rounds} drains, "
            f"{desk.requests} requests"
        )
        desk.stop()
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)


if __name__ == "__main__":
    sys.exit(main())
