"""System checks of the help-desk worker's timing: a ticket's lease must outlast a delivery
(HELPDESK_LEASE_SECONDS > HELPDESK_TIMEOUT), and a worker busy sending must never look dead
(HELPDESK_WORKER_STALE_SECONDS > HELPDESK_TIMEOUT + HELPDESK_HEARTBEAT_SECONDS), or two workers
could post the same ticket at once."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def worker_timing(app_configs=None, **kwargs):
    problems = []
    timeout = float(settings.HELPDESK_TIMEOUT)
    if float(settings.HELPDESK_LEASE_SECONDS) <= timeout:
        problems.append(
            Warning(
                "HELPDESK_LEASE_SECONDS must be longer than HELPDESK_TIMEOUT.",
                hint="A ticket's lease would end while its worker may still be sending it.",
                id="forms.W001",
            )
        )
    if float(settings.HELPDESK_WORKER_STALE_SECONDS) <= timeout + float(
        settings.HELPDESK_HEARTBEAT_SECONDS
    ):
        problems.append(
            Warning(
                "HELPDESK_WORKER_STALE_SECONDS must be longer than HELPDESK_TIMEOUT plus "
                "HELPDESK_HEARTBEAT_SECONDS.",
                hint="A worker waiting for the help desk would be taken for dead.",
                id="forms.W002",
            )
        )
    return problems
