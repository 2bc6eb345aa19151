import time

from django.core.management.base import BaseCommand

from forms import outbox


class Command(BaseCommand):
    help = (
        "Delivers help-desk tickets that are due (retries with backoff). Safe to run beside "
        "other workers: entries are leased with SELECT … FOR UPDATE SKIP LOCKED."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help="Keep running, polling every --interval seconds."
        )
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--batch", type=int, default=50)

    def handle(self, *args, **options):
        if not outbox.helpdesk_enabled():
            self.stdout.write("HELPDESK_URL is not set: tickets stay in the admin.")
            return
        while True:
            report = outbox.drain(batch=options["batch"])
            if report.attempts or not options["loop"]:
                self.stdout.write(
                    f"delivered {report.delivered}, retrying {report.retried}, "
                    f"failed {report.failed}"
                )
            if not options["loop"]:
                return
            time.sleep(options["interval"])
