"""Compiles every app's .po files into .mo files with Babel (no GNU gettext needed)."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


def catalog_paths() -> list[Path]:
    """The .po files in the locale/ folder of each of the project's own apps."""
    base = Path(settings.BASE_DIR)
    app_paths = [Path(config.path) for config in apps.get_app_configs()]
    return sorted(
        path
        for app_path in app_paths
        if app_path.is_relative_to(base) and not app_path.is_relative_to(base / ".venv")
        for path in app_path.glob("locale/*/LC_MESSAGES/*.po")
    )


class Command(BaseCommand):
    help = "Compiles the project's interface translations (.po) into .mo files when they changed."

    def handle(self, *args, **options):
        compiled = 0
        for po_path in catalog_paths():
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, abort_invalid=True)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            compiled += 1
        if compiled:
            self.stdout.write(f"Compiled {compiled} translation catalogues.")
