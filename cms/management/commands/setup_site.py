"""`manage.py setup_site`: a new installation's skeleton (cms/site_setup.py): a locale for every
site language, the help center's home page in each, served by the default Site at
WAGTAILADMIN_BASE_URL's host. Run once after `migrate`, before `update_index`; running it again
changes nothing that exists."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from cms.site_setup import setup_site


class Command(BaseCommand):
    help = "Creates the locales and the home page of a new help center (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = setup_site()
        site = home.get_site()
        self.stdout.write(
            f"help center home: {home.title} in {Locale.objects.count()} languages, served at "
            f"{site.hostname}:{site.port}"
        )
