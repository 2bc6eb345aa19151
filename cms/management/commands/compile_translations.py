"""Compiles every app's .po files into .mo files with Babel (no GNU gettext needed).

Each catalogue is compiled for the language of its folder (`locale/<code>/LC_MESSAGES/`),
whatever its `Language:` header says: Babel writes the `Plural-Forms` header into the .mo only
for a catalogue with a locale, and without that header gettext falls back to English's two
forms (one result / many results) in every language. The catalogue's own `Plural-Forms` header
is kept; a catalogue without one gets the form Babel knows for its language. A catalogue whose
plural entries do not have as many forms as its header announces, or whose placeholders differ
from the English ones, is refused with the file and the entry named.
"""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.core.management.base import BaseCommand, CommandError

from cms.catalogs import catalog_paths


def catalog_language(po_path: Path) -> str:
    """The language a catalogue is for, from its folder: `locale/pt_BR/LC_MESSAGES/x.po` → pt_BR."""
    return po_path.parent.parent.name


def read_catalog(po_path: Path) -> Catalog:
    """The catalogue at `po_path`, its locale set from its folder, checked for consistency."""
    language = catalog_language(po_path)
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language, abort_invalid=True)
    # An empty `Language:` header (makemessages leaves one) resets the locale read_po was given.
    catalog.locale = language
    problems = [
        f"{po_path}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    # read_po pads a plural entry with fewer forms than the header announces with empty forms.
    problems += [
        f"{po_path}: {message.id!r}: {sum(map(bool, message.string))} of the "
        f"{catalog.num_plurals} plural forms are translated"
        for message in catalog
        if message.pluralizable and any(message.string) and not all(message.string)
    ]
    if problems:
        raise CommandError("Inconsistent translations:\n" + "\n".join(problems))
    return catalog


def is_stale(po_path: Path, mo_path: Path) -> bool:
    """Whether the .mo is missing or older than its .po or than this compiler."""
    if not mo_path.exists():
        return True
    compiled_at = mo_path.stat().st_mtime
    return compiled_at < po_path.stat().st_mtime or compiled_at < Path(__file__).stat().st_mtime


class Command(BaseCommand):
    help = "Compiles the project's interface translations (.po) into .mo files when they changed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compile every catalogue, changed or not."
        )

    def handle(self, *args, force=False, **options):
        compiled = 0
        for po_path in catalog_paths():
            mo_path = po_path.with_suffix(".mo")
            if not force and not is_stale(po_path, mo_path):
                continue
            catalog = read_catalog(po_path)
            with mo_path.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            compiled += 1
        if compiled:
            self.stdout.write(f"Compiled {compiled} translation catalogues.")
