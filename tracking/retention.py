"""What the tracking app keeps, and for how long: the event log (EventRecord, consenting
visitors' anonymous events for the KPI dashboard) for TRACKING_EVENT_RETENTION_DAYS. `purge`
runs from `manage.py purge_logs` or its task (cms.tasks.purge_logs)."""

import datetime

from django.conf import settings
from django.utils import timezone

from .models import EventRecord


def purge(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.TRACKING_EVENT_RETENTION_DAYS)
    return {"tracked events": EventRecord.objects.filter(occurred_at__lt=cutoff).delete()[0]}
