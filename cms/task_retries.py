"""Side work of a publish that failed is tried again, not lost (decision 0019).

Tasks on the `after-publish` queue (`search.tasks`, `pages.tasks`, `tracking.tasks`) raise when
their service did not take the work (Elasticsearch down, a purge refused) and accept an
`attempt` keyword. When one fails, `retry_failed` (a receiver of django-tasks' `task_finished`)
enqueues it again with `attempt + 1`, to run AFTER_PUBLISH_RETRY_SECONDS × 2^(attempt−1) seconds
later (±20 % jitter, capped by AFTER_PUBLISH_RETRY_MAX_SECONDS), up to AFTER_PUBLISH_MAX_ATTEMPTS
tries. After the last one the failure is logged as an error (`manage.py update_index` and the
cache's expiry catch up from there). A backend that cannot defer (the immediate backend of
development and tests runs the task inside the request) cannot wait: the failure is logged and
not retried.
"""

import datetime
import logging
import random

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task_backends
from django_tasks.signals import task_finished

logger = logging.getLogger(__name__)

RETRIED_QUEUE = "after-publish"
JITTER = 0.2


def delay_before(attempt: int) -> float:
    """Seconds to wait before try number `attempt` (2 or more)."""
    base = settings.AFTER_PUBLISH_RETRY_SECONDS * 2 ** (attempt - 2)
    delay = min(base, settings.AFTER_PUBLISH_RETRY_MAX_SECONDS)
    return max(0.0, delay * random.uniform(1 - JITTER, 1 + JITTER))  # noqa: S311 (not secret)


def retry_failed(sender, task_result, **kwargs) -> None:
    task = task_result.task
    if task_result.status != TaskResultStatus.FAILED or task.queue_name != RETRIED_QUEUE:
        return
    attempt = int(task_result.kwargs.get("attempt", 1))
    name = task.module_path
    if attempt >= settings.AFTER_PUBLISH_MAX_ATTEMPTS:
        logger.error("%s failed %d times: given up", name, attempt)
        return
    if not task_backends[task.backend].supports_defer:
        logger.warning("%s failed; not retried (its task backend cannot run it later)", name)
        return
    run_after = timezone.now() + datetime.timedelta(seconds=delay_before(attempt + 1))
    try:
        task.using(run_after=run_after).enqueue(
            *task_result.args, **{**task_result.kwargs, "attempt": attempt + 1}
        )
    except Exception:
        logger.exception("%s failed and could not be queued again", name)
        return
    logger.warning("%s failed (try %d); next try at %s", name, attempt, run_after.isoformat())


def connect() -> None:
    task_finished.connect(retry_failed, dispatch_uid="cms.task_retries")
