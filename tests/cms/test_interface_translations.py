"""Every interface string is translated into every site language.

The strings are extracted afresh from the code (Django's makemessages on a copy of the
project), so a new `{% translate %}` or `gettext()` without translations fails here, as does a
catalogue entry left empty or fuzzy.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
APPS = ["cms", "pages", "snippets", "forms", "search", "geo", "tracking", "frontend"]
TARGET_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != "en"]


def locale_dir_name(code: str) -> str:
    language, _sep, region = code.partition("-")
    return f"{language}_{region.upper()}" if region else language


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[Path, list[polib.POEntry]]:
    """{catalogue path relative to the project: entries} as makemessages extracts them now."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: `make test` installs it (cms/services/gettext.sh)")
    copy = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "manage.py", copy)
    for app in APPS:
        shutil.copytree(
            ROOT / app,
            copy / app,
            ignore=shutil.ignore_patterns("*.po", "*.mo", "__pycache__", "content"),
        )
    for domain in ("django", "djangojs"):
        subprocess.run(
            [sys.executable, "manage.py", "makemessages", "-l", "en", "-d", domain, "-v0"],
            cwd=copy,
            check=True,
            capture_output=True,
            timeout=300,
        )
    catalogues = {}
    for po_path in copy.glob("**/locale/en/LC_MESSAGES/*.po"):
        entries = [e for e in polib.pofile(str(po_path)) if not e.obsolete]
        catalogues[po_path.relative_to(copy)] = entries
    assert catalogues, "no interface strings found at all"
    return catalogues


def is_translated(entry: polib.POEntry | None) -> bool:
    if entry is None or entry.fuzzy:
        return False
    if entry.msgid_plural:
        return bool(entry.msgstr_plural) and all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


@pytest.mark.parametrize("code", TARGET_LANGUAGES)
def test_every_interface_string_is_translated(extracted, code):
    missing = []
    for en_path, entries in extracted.items():
        path = ROOT / str(en_path).replace("/en/", f"/{locale_dir_name(code)}/")
        catalogue = polib.pofile(str(path)) if path.exists() else []
        for entry in entries:
            found = catalogue.find(entry.msgid, msgctxt=entry.msgctxt) if catalogue else None
            if not is_translated(found):
                missing.append(f"{path.relative_to(ROOT)}: {entry.msgid!r}")
    assert not missing, f"{len(missing)} untranslated strings in {code}:\n" + "\n".join(missing)
