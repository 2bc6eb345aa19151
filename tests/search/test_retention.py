"""`manage.py purge_logs` (and its task) delete the raw search log, visitor hashes, old
aggregates and tracking events older than their retention, and keep newer rows."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.tasks import purge_logs
from search.models import SearchLogEntry, SearchTermDay, SearchTermVisitor
from tracking.models import EventRecord

pytestmark = pytest.mark.django_db


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


def log_entry(query: str, age_days: int) -> None:
    entry = SearchLogEntry.objects.create(kind="search", query=query, language="en")
    SearchLogEntry.objects.filter(pk=entry.pk).update(created_at=days_ago(age_days))


def aggregate(query: str, age_days: int) -> None:
    day = days_ago(age_days).date()
    SearchTermDay.objects.create(language="en", query=query, day=day, period=0, searches=1)
    SearchTermVisitor.objects.create(language="en", query=query, day=day, period=0, visitor="x")


def event(name: str, age_days: int) -> None:
    EventRecord.objects.create(
        event=name, occurred_at=days_ago(age_days), session="s" * 32, locale="en"
    )


AGGREGATES = ["year old", "month old", "today"]


def own(model, field: str, values: list[str]):
    return model.objects.filter(**{f"{field}__in": values}).values_list(field, flat=True)


@pytest.fixture
def retention(settings):
    settings.SEARCH_LOG_RETENTION_DAYS = 30
    settings.SEARCH_PREDICTION_WINDOW_DAYS = 30
    settings.SEARCH_AGGREGATE_RETENTION_DAYS = 395
    settings.TRACKING_EVENT_RETENTION_DAYS = 10


def test_purge_logs_removes_rows_older_than_the_retention_and_keeps_newer(retention):
    log_entry("old", 31)
    log_entry("new", 29)
    aggregate("year old", 400)
    aggregate("month old", 31)
    aggregate("today", 0)
    event("old-event", 11)
    event("new-event", 9)

    out = io.StringIO()
    call_command("purge_logs", stdout=out)

    # (Only this test's rows: browser tests' servers commit rows of their own.)
    assert list(own(SearchLogEntry, "query", ["old", "new"])) == ["new"]
    assert sorted(own(SearchTermDay, "query", AGGREGATES)) == ["month old", "today"]
    assert list(own(SearchTermVisitor, "query", AGGREGATES)) == ["today"]
    assert list(own(EventRecord, "event", ["old-event", "new-event"])) == ["new-event"]
    report = out.getvalue()
    assert "search log entries: 1 deleted" in report and "tracked events: 1 deleted" in report


def test_the_purge_task_runs_on_the_task_backend(retention):
    log_entry("old", 31)
    result = purge_logs.enqueue()  # the immediate backend in tests: done at once
    assert result.return_value["search log entries"] == 1
    assert not SearchLogEntry.objects.filter(query="old").exists()


def test_purge_logs_enqueue(retention):
    log_entry("old", 31)
    out = io.StringIO()
    call_command("purge_logs", "--enqueue", stdout=out)
    assert "purge_logs enqueued" in out.getvalue()
    assert not SearchLogEntry.objects.filter(query="old").exists()
