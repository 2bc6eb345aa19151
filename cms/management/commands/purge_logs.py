"""`manage.py purge_logs [--enqueue]`: delete search-log, visitor-hash, search-aggregate and
tracking-event rows older than their retention settings. Schedule it daily (cron, systemd
timer); --enqueue hands the work to the task worker instead of running it here."""

from django.core.management.base import BaseCommand

from cms.tasks import purge_all, purge_logs


class Command(BaseCommand):
    help = "Delete log rows older than their retention (SEARCH_LOG_RETENTION_DAYS and others)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue", action="store_true", help="Enqueue the purge_logs task instead."
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = purge_logs.enqueue()
            self.stdout.write(f"purge_logs enqueued: {result.id}")
            return
        for kind, count in purge_all().items():
            self.stdout.write(f"{kind}: {count} deleted")
