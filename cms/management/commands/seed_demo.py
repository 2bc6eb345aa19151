from django.core.management.base import BaseCommand, CommandError

from cms.demo import load


class Command(BaseCommand):
    help = "Builds the demo help center (idempotent: existing content is left as it is)."

    def handle(self, *args, **options):
        try:
            load.seed(log=self.stdout.write)
        except load.DemoContentError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
