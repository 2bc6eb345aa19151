"""Plural forms follow CLDR's plural rules in every site language, as compiled and served.

For each language, the forms of a catalogue are CLDR's plural categories in gettext's order
(zero, one, two, few, many, other — those the language has). Every plural entry of the project
must have exactly that many forms, and Django's `ngettext`, reading the .mo files that
`compile_translations` writes, must pick for 0, 1, 2, 5, 11, 21 and 101 the form of the category
Babel's `Locale.plural_form` (CLDR) gives for that number.
"""

import gettext
from collections import defaultdict
from pathlib import Path

import polib
import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from cms.catalogs import catalog_paths
from cms.management.commands.compile_translations import read_catalog

GETTEXT_ORDER = ("zero", "one", "two", "few", "many", "other")
NUMBERS = (0, 1, 2, 5, 11, 21, 101)
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def locale_dir_name(code: str) -> str:
    language, _sep, region = code.partition("-")
    return f"{language}_{region.upper()}" if region else language


def cldr_categories(code: str) -> list[str]:
    """The plural categories of a language in the order of a catalogue's msgstr[i]."""
    rule = Locale.parse(locale_dir_name(code)).plural_form
    return [tag for tag in GETTEXT_ORDER if tag in rule.tags or tag == "other"]


def plural_entries(code: str) -> list[tuple[Path, polib.POEntry]]:
    folder = f"/locale/{locale_dir_name(code)}/"
    return [
        (path, entry)
        for path in catalog_paths()
        if folder in str(path)
        for entry in polib.pofile(str(path))
        if entry.msgid_plural and not entry.obsolete
    ]


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    call_command("compile_translations", verbosity=0)
    translation.trans_real._translations = {}
    yield
    translation.trans_real._translations = {}


def test_the_project_has_plural_strings_in_every_language():
    for code in LANGUAGE_CODES:
        assert plural_entries(code), f"no plural entry in the {code} catalogues"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_catalogue_headers_announce_cldr_number_of_forms(code):
    expected = len(cldr_categories(code))
    folder = f"/locale/{locale_dir_name(code)}/"
    for path in (path for path in catalog_paths() if folder in str(path)):
        header = polib.pofile(str(path)).metadata.get("Plural-Forms", "")
        assert header.startswith(f"nplurals={expected};"), f"{path}: {header!r}"


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_plural_entry_has_one_form_per_cldr_category(code):
    expected = len(cldr_categories(code))
    wrong = [
        f"{path}: {entry.msgid!r} has {len(entry.msgstr_plural)} forms"
        for path, entry in plural_entries(code)
        if any(entry.msgstr_plural.values())
        and (len(entry.msgstr_plural) != expected or not all(entry.msgstr_plural.values()))
    ]
    assert not wrong, f"{code} needs {expected} forms:\n" + "\n".join(wrong)


def expected_form(code: str, entry: polib.POEntry, number: int) -> str:
    category = Locale.parse(locale_dir_name(code)).plural_form(number)
    if not any(entry.msgstr_plural.values()):  # the source language: English's own forms
        return entry.msgid if category == "one" else entry.msgid_plural
    return entry.msgstr_plural[cldr_categories(code).index(category)]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_ngettext_picks_the_cldr_form(code):
    # A string in two apps' catalogues is served from one of them: either's form will do.
    catalogues_of = defaultdict(list)
    for _path, entry in plural_entries(code):
        catalogues_of[(entry.msgctxt, entry.msgid, entry.msgid_plural)].append(entry)
    wrong = []
    with translation.override(code):
        for (context, msgid, msgid_plural), entries in catalogues_of.items():
            for number in NUMBERS:
                if context:
                    got = translation.npgettext(context, msgid, msgid_plural, number)
                else:
                    got = translation.ngettext(msgid, msgid_plural, number)
                wanted = {expected_form(code, entry, number) for entry in entries}
                if got not in wanted:
                    wrong.append(f"n={number}: {got!r}, not one of {sorted(wanted)}")
    assert not wrong, f"{code}:\n" + "\n".join(wrong)


def test_the_search_results_count_in_arabic_and_russian():
    """The strings of the issue: 11 results in Arabic, 17 in Russian."""
    msgid, plural = "%(counter)s result for “%(query)s”", "%(counter)s results for “%(query)s”"
    with translation.override("ar"):
        eleven = translation.ngettext(msgid, plural, 11) % {"counter": 11, "query": "x"}
    with translation.override("ru"):
        seventeen = translation.ngettext(msgid, plural, 17) % {"counter": 17, "query": "x"}
    assert "واحدة" not in eleven and eleven.startswith("11 نتيجة")
    assert seventeen.startswith("17 результатов")


RUSSIAN_CATALOGUE_AS_MAKEMESSAGES_LEAVES_IT = """\
#, fuzzy
msgid ""
msgstr ""
"Language: \\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=4; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<12 || n%100>14) ? 1 : n%10==0 || (n%10>=5 && n%10<=9) || "
"(n%100>=11 && n%100<=14)? 2 : 3);\\n"

msgid "%(n)s page"
msgid_plural "%(n)s pages"
msgstr[0] "%(n)s страница"
msgstr[1] "%(n)s страницы"
msgstr[2] "%(n)s страниц"
msgstr[3] "%(n)s страницы"
"""


def compile_one(tmp_path, language: str, text: str) -> Path:
    po_path = tmp_path / "locale" / language / "LC_MESSAGES" / "django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(text, encoding="utf-8")
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as mo_file:
        write_mo(mo_file, read_catalog(po_path))
    return mo_path


def test_compiling_keeps_plural_forms_of_a_catalogue_without_language_header(tmp_path):
    mo_path = compile_one(tmp_path, "ru", RUSSIAN_CATALOGUE_AS_MAKEMESSAGES_LEAVES_IT)
    with mo_path.open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    assert compiled.info()["plural-forms"].startswith("nplurals=4;")
    assert [compiled.ngettext("%(n)s page", "%(n)s pages", n) for n in (1, 3, 17, 21)] == [
        "%(n)s страница",
        "%(n)s страницы",
        "%(n)s страниц",
        "%(n)s страница",
    ]


def test_compiling_refuses_a_plural_entry_with_missing_forms(tmp_path):
    two_of_four = RUSSIAN_CATALOGUE_AS_MAKEMESSAGES_LEAVES_IT.replace(
        'msgstr[2] "%(n)s страниц"\nmsgstr[3] "%(n)s страницы"\n', ""
    )
    with pytest.raises(CommandError, match="2 of the 4 plural forms"):
        compile_one(tmp_path, "ru", two_of_four)
