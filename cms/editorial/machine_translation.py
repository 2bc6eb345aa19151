"""Machine translation for wagtail-localize, chosen by configuration.

The setting WAGTAILLOCALIZE_MACHINE_TRANSLATOR (cms/settings/base.py) picks wagtail-localize's
DeepL backend when DEEPL_API_KEY is set, its LibreTranslate backend when LIBRETRANSLATE_URL is,
and otherwise the offline translator below produces drafts visibly marked "[MT] " that a translator
must rework. Machine translation only fills in a translation's strings: the page is published
only when a reviewer approves it in the review workflow.
"""

import re

from django.utils.translation import gettext_lazy as _
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue

MARK = "[MT] "
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")


class OfflineMachineTranslator(BaseMachineTranslator):
    """Development and test backend: no network, returns the source text marked "[MT] "."""

    display_name = _("Offline draft translator")

    def translate(self, source_locale, target_locale, strings):
        marker = self.options.get("MARK", MARK)
        return {string: StringValue(self._draft(string.data, marker)) for string in strings}

    @staticmethod
    def _draft(text: str, marker: str) -> str:
        if text.startswith(marker) or SLUG.fullmatch(text):
            return text  # already marked; slugs stay as they are (a marker would change URLs)
        return marker + text

    def can_translate(self, source_locale, target_locale) -> bool:
        return source_locale.language_code != target_locale.language_code
