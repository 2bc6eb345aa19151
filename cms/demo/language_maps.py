"""Language maps: how the demo data writes one text in several languages.

A language map is a JSON object whose keys are site language codes, English among them:
`{"en": "Report a bug", "es": "Informar de un error", …}`. Contact forms and the ad pricing
article write their translatable texts this way, wherever they occur in a block value.
"""

from django.conf import settings

SOURCE_LANGUAGE = "en"


def is_language_map(value) -> bool:
    languages = {code for code, _name in settings.LANGUAGES}
    return isinstance(value, dict) and SOURCE_LANGUAGE in value and set(value) <= languages


def in_language(value, language: str):
    """`value` with every language map replaced by its text in `language`."""
    if is_language_map(value):
        return value[language]
    if isinstance(value, dict):
        return {key: in_language(item, language) for key, item in value.items()}
    if isinstance(value, list):
        return [in_language(item, language) for item in value]
    return value


def language_maps(value, found: list[dict] | None = None) -> list[dict]:
    """Every language map inside `value`, in reading order."""
    found = [] if found is None else found
    if is_language_map(value):
        found.append(value)
    elif isinstance(value, dict):
        for item in value.values():
            language_maps(item, found)
    elif isinstance(value, list):
        for item in value:
            language_maps(item, found)
    return found


def translations(value) -> dict[str, dict[str, str]]:
    """Language → {English text: text in that language} of every language map in `value`,
    languages in the order the maps name them."""
    by_language: dict[str, dict[str, str]] = {}
    for texts in language_maps(value):
        for language, text in texts.items():
            if language != SOURCE_LANGUAGE:
                by_language.setdefault(language, {})[texts[SOURCE_LANGUAGE]] = text
    return by_language
