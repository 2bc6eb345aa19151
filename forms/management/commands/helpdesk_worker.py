from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string

from forms.worker import HelpdeskWorker


class Command(BaseCommand):
    help = (
        "Runs the help-desk worker: the 'helpdesk' task queue, a heartbeat, the retry of tasks "
        "and tickets a dead worker left, and a sweep of every ticket due. Any number may run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Pause when idle (s).")
        parser.add_argument("--worker-id", default="", help="Unique per worker (default: random).")
        parser.add_argument("--rounds", type=int, default=None, help="Stop after N rounds.")

    def handle(self, *args, **options):
        worker_id = (options["worker_id"] or get_random_string(32))[:64]
        self.stdout.write(f"help-desk worker {worker_id} running")
        HelpdeskWorker(worker_id, interval=options["interval"]).run(rounds=options["rounds"])
