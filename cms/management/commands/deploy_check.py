"""`manage.py deploy_check`: is this deploy ready for visitors?

One line per step (cms/deploy_checks.py); exits 1, saying what to do, when any step is missing.
Run it with DJANGO_SETTINGS_MODULE=cms.settings.production (`make deploy-check` does), after the
deploy steps of the README's production section.
"""

from django.core.management.base import BaseCommand, CommandError

from cms.deploy_checks import run_checks


class Command(BaseCommand):
    help = (
        "Checks a production deploy: settings, migrations, translations, static files, search, "
        "help desk, workers, Redis, media, first admin."
    )

    def handle(self, *args, **options):
        results = run_checks()
        width = max(len(result.step) for result in results)
        for result in results:
            mark = self.style.SUCCESS("ok  ") if result.ok else self.style.ERROR("FAIL")
            self.stdout.write(f"{mark} {result.step:<{width}}  {result.message}")
        failures = [result for result in results if not result.ok]
        if failures:
            raise CommandError(f"deploy check: {len(failures)} step(s) missing (see FAIL above)")
        self.stdout.write(self.style.SUCCESS("deploy check: ready"))
