"""What waits for a translator or per-locale reviewer in their language: the dashboard panel
("Arabic: 3 to translate, 2 outdated", each a link) and the listing each number links to.

*To translate*: English help pages whose page in that language is still the untranslated copy
(or missing); *outdated*: translations whose source changed or that have segments left
(`content_health.translation_states`). The panel is shown to users in a group scoped to a
language (`LocaleScope`), one line per language.
"""

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from cms.editorial import content_health
from pages.models import HelpPage

TO_TRANSLATE, OUTDATED = "to-translate", "outdated"
STATES = {TO_TRANSLATE: content_health.MISSING, OUTDATED: content_health.OUTDATED}
TITLES = {TO_TRANSLATE: _("To translate"), OUTDATED: _("Outdated translations")}


def user_languages(user) -> list[str]:
    """The languages of the user's locale-scoped groups (translators, per-locale reviewers)."""
    codes = user.groups.filter(locale_scope__isnull=False).values_list(
        "locale_scope__language_code", flat=True
    )
    return sorted(set(codes))


def pages_in(locale: Locale, kind: str) -> list[HelpPage]:
    """The help pages of `locale` in that state (the untranslated copies for TO_TRANSLATE)."""
    keys = [
        k for k, state in content_health.translation_states(locale).items() if state == STATES[kind]
    ]
    return list(HelpPage.objects.filter(locale=locale, translation_key__in=keys).order_by("path"))


@dataclass(frozen=True)
class LanguageLine:
    locale: Locale
    to_translate: int
    outdated: int

    @property
    def to_translate_text(self) -> str:
        return ngettext("%(count)d to translate", "%(count)d to translate", self.to_translate) % {
            "count": self.to_translate
        }

    @property
    def outdated_text(self) -> str:
        return ngettext("%(count)d outdated", "%(count)d outdated", self.outdated) % {
            "count": self.outdated
        }

    def url(self, kind: str) -> str:
        return reverse("editorial_language_work", args=[self.locale.language_code, kind])

    @property
    def to_translate_url(self) -> str:
        return self.url(TO_TRANSLATE)

    @property
    def outdated_url(self) -> str:
        return self.url(OUTDATED)


class LanguageWorkPanel(Component):
    name = "editorial_language_work"
    template_name = "editorial/language_work_panel.html"
    order = 50

    def __init__(self, lines: list[LanguageLine]):
        self.lines = lines

    def get_context_data(self, parent_context):
        return {"lines": self.lines}


def lines_for(user) -> list[LanguageLine]:
    lines = []
    for locale in Locale.objects.filter(language_code__in=user_languages(user)):
        states = list(content_health.translation_states(locale).values())
        lines.append(
            LanguageLine(
                locale,
                to_translate=states.count(content_health.MISSING),
                outdated=states.count(content_health.OUTDATED),
            )
        )
    return lines


def language_work(request: HttpRequest, language_code: str, kind: str) -> HttpResponse:
    """The pages behind one number of the panel, each linking to its editor."""
    if kind not in STATES or language_code not in user_languages(request.user):
        raise Http404
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        raise Http404
    return TemplateResponse(
        request,
        "editorial/language_work.html",
        {"locale": locale, "title": TITLES[kind], "pages": pages_in(locale, kind)},
    )
