"""Builds the demo "Ad pricing" article from `content/ad_pricing.json`: an intro paragraph, a
pricing table (base price plus prices per currency) and an info callout, under its topic,
translated through wagtail-localize into every language its language maps name.

Idempotent: nothing happens when the article exists or its topic does not.
"""

from decimal import Decimal

from django.conf import settings
from wagtail.models import Locale
from wagtail.rich_text import RichText

from pages.models import ArticlePage, TopicPage

from .content_files import read
from .language_maps import in_language, translations
from .locale_sync import synchronize_locales
from .translation_import import import_translation


def _pricing(table: dict) -> dict:
    """The pricing block value, amounts as decimals."""
    return table | {
        "options": [
            option
            | {
                "base_amount": Decimal(option["base_amount"]),
                "prices": [
                    {"currency": price["currency"], "amount": Decimal(price["amount"])}
                    for price in option["prices"]
                ],
            }
            for option in table["options"]
        ]
    }


def _body(english: dict) -> list:
    return [
        ("text", RichText(f"<p>{english['intro']}</p>")),
        ("pricing", _pricing(english["pricing"])),
        ("callout", {"tone": "info", "title": "", "text": english["callout"]}),
    ]


def pricing_value(language: str = settings.LANGUAGE_CODE) -> dict:
    """The article's pricing block value in `language` (also what tests build pages from)."""
    return _pricing(in_language(read("ad_pricing.json"), language)["pricing"])


def seed_pricing_article() -> bool:
    """Creates the article; False when it exists or its topic is missing."""
    data = read("ad_pricing.json")
    topic = TopicPage.objects.filter(
        slug=data["topic"], locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if topic is None or topic.get_children().filter(slug=data["slug"]).exists():
        return False
    english = in_language(data, settings.LANGUAGE_CODE)
    page = ArticlePage(
        title=english["title"],
        slug=data["slug"],
        summary=english["summary"],
        audience=data["audience"],
        body=_body(english),
    )
    topic.add_child(instance=page)
    page.save_revision().publish()
    for code, strings in translations(data).items():
        import_translation(page, Locale.objects.get(language_code=code), strings)
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    synchronize_locales(source, Locale.objects.exclude(pk=source.pk))
    return True
