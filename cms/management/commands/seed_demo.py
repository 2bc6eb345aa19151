from django.core.management.base import BaseCommand, CommandError

from forms import demo as form_demo
from pages import demo as page_demo


class Command(BaseCommand):
    help = "Builds the demo help center (idempotent: existing content is left as it is)."

    def handle(self, *args, **options):
        try:
            page_demo.seed(log=self.stdout.write)
        except page_demo.DemoContentError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
        form_demo.seed(log=self.stdout.write)
