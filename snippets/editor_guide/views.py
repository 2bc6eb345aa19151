"""The "Editor guide" admin views: tutorials in the user's admin language, else in English."""

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Locale

from .models import EditorGuide

FALLBACK_LANGUAGE = "en"


def admin_locale() -> Locale | None:
    """The Locale of the language the admin is speaking now (the user's admin language)."""
    language = (get_language() or FALLBACK_LANGUAGE).lower()
    return (
        Locale.objects.filter(language_code=language).first()
        or Locale.objects.filter(language_code=language.split("-")[0]).first()
    )


def guides_for(locale: Locale | None) -> list[EditorGuide]:
    """Every guide, in `locale` where translated, otherwise in English."""
    english = list(EditorGuide.objects.filter(locale__language_code=FALLBACK_LANGUAGE))
    if locale is None or locale.language_code == FALLBACK_LANGUAGE:
        return english
    translated = {
        guide.translation_key: guide for guide in EditorGuide.objects.filter(locale=locale)
    }
    guides = [translated.get(guide.translation_key, guide) for guide in english]
    return sorted(guides, key=lambda guide: (guide.sort_order, guide.title))


def index(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "snippets/editor_guide/index.html",
        {"guides": guides_for(admin_locale())},
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    locale = admin_locale()
    guides = guides_for(locale)
    guide = next((g for g in guides if g.slug == slug), None)
    if guide is None:
        raise Http404
    return TemplateResponse(
        request,
        "snippets/editor_guide/detail.html",
        {
            "guide": guide,
            "guides": guides,
            "is_fallback": locale is not None and guide.locale_id != locale.id,
        },
    )
