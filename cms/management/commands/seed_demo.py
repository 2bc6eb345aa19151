from django.core.management.base import BaseCommand, CommandError

from cms import demo as editorial_demo
from forms import demo as form_demo
from pages import demo as page_demo
from search import demo as search_demo
from snippets import guide_demo, region_demo


class Command(BaseCommand):
    help = "Builds the demo help center (idempotent: existing content is left as it is)."

    def handle(self, *args, **options):
        try:
            page_demo.seed(log=self.stdout.write)
        except page_demo.DemoContentError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
        editorial_demo.seed(log=self.stdout.write)
        guide_demo.seed(log=self.stdout.write)
        region_demo.seed(log=self.stdout.write)
        form_demo.seed(log=self.stdout.write)
        # Last: the search index is built over everything the other seeds created.
        search_demo.seed(log=self.stdout.write)
