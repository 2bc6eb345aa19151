"""What the search app keeps, and for how long (`purge` runs from `manage.py purge_logs` or its
task, cms.tasks.purge_logs):

- the raw search log (SearchLogEntry, masked queries and clicks): SEARCH_LOG_RETENTION_DAYS;
- visitor hashes (SearchTermVisitor): the prediction window, SEARCH_PREDICTION_WINDOW_DAYS;
- daily aggregates (SearchTermDay, counts per masked query): SEARCH_AGGREGATE_RETENTION_DAYS.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import SearchLogEntry, SearchTermDay, SearchTermVisitor
from .predictions import window_start


def purge(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete what is older than its retention; the number of rows deleted per kind."""
    now = now or timezone.now()
    log_cutoff = now - datetime.timedelta(days=settings.SEARCH_LOG_RETENTION_DAYS)
    aggregate_cutoff = now.date() - datetime.timedelta(
        days=settings.SEARCH_AGGREGATE_RETENTION_DAYS
    )
    return {
        "search log entries": SearchLogEntry.objects.filter(created_at__lt=log_cutoff).delete()[0],
        "search visitor hashes": SearchTermVisitor.objects.filter(
            day__lt=window_start(now.date())
        ).delete()[0],
        "search term days": SearchTermDay.objects.filter(day__lt=aggregate_cutoff).delete()[0],
    }
