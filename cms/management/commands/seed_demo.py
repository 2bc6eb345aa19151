import logging
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from cms.demo import load


@contextmanager
def quiet(logger_name: str, below_verbosity: int, verbosity: int):
    """Wagtail logs a line for every page it creates, edits and publishes (thousands for the
    demo): kept at WARNING while seeding unless asked for with -v 2 or more."""
    logger = logging.getLogger(logger_name)
    previous = logger.level
    if verbosity < below_verbosity:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(previous)


def queries_unlogged():
    """With DEBUG on (`make run`), Django's database cursor keeps every query's SQL and timing in
    memory; the seed runs tens of thousands of queries (an eighth of its time went to the log)."""
    return override_settings(DEBUG=False)


class Command(BaseCommand):
    help = "Builds the demo help center (idempotent: existing content is left as it is)."

    def handle(self, *args, **options):
        try:
            with (
                quiet("wagtail", below_verbosity=2, verbosity=options["verbosity"]),
                queries_unlogged(),
            ):
                load.seed(log=self.stdout.write)
        except load.DemoContentError as error:
            raise CommandError(f"Demo content is invalid: {error}") from error
