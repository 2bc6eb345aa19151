"""Demo regions, themes and an "Ad pricing" article (called by `manage.py seed_demo`).

Idempotent: what exists is left as it is. Region names in every site language come from CLDR
(Babel's territory names) where a region is one country or the Eurozone.
"""

from decimal import Decimal

from babel import Locale as BabelLocale
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale
from wagtail.rich_text import RichText
from wagtail_localize.synctree import synchronize_tree

from cms.translation_import import import_translation

from .models import LogoVariant, Region, Theme

THEMES = {
    "Verde": ("#00843d", "#ffffff", "#f3f8f3", "#005f8f", LogoVariant.INVERTED),
    "Sakura": ("#b5245c", "#ffffff", "#fbf5f7", "#0b5cad", LogoVariant.STANDARD),
    "Desert": ("#8a5a00", "#ffffff", "#faf6ee", "#0b5cad", LogoVariant.MONOCHROME),
}
EUROZONE = "DE AT BE CY EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK"
GULF = "AE SA QA KW BH OM"
# slug: (countries, CLDR territory for the name or None, currency, default for, theme)
REGIONS = {
    "united-states": ("US", "US", "USD", "en", None),
    "brazil": ("BR", "BR", "BRL", "pt-br", "Verde"),
    "japan": ("JP", "JP", "JPY", "ja", "Sakura"),
    "eurozone": (EUROZONE, "EZ", "EUR", "de fr es", None),
    "united-kingdom": ("GB", "GB", "GBP", "", None),
    "russia": ("RU", "RU", "RUB", "ru", None),
    "ukraine": ("UA", "UA", "UAH", "uk", None),
    "turkey": ("TR", "TR", "TRY", "tr", None),
    "south-korea": ("KR", "KR", "KRW", "ko", None),
    "israel": ("IL", "IL", "ILS", "he", None),
    "gulf": (GULF, None, "AED", "ar", "Desert"),
}
GULF_NAMES = {
    "en": "Gulf states",
    "es": "Estados del Golfo",
    "fr": "États du Golfe",
    "de": "Golfstaaten",
    "pt-br": "Países do Golfo",
    "ja": "湾岸諸国",
    "ko": "걸프 국가",
    "tr": "Körfez ülkeleri",
    "ru": "Страны Персидского залива",
    "uk": "Країни Перської затоки",
    "ar": "دول الخليج",
    "he": "מדינות המפרץ",
}


def region_name(slug: str, language: str) -> str:
    territory = REGIONS[slug][1]
    if territory is None:
        return GULF_NAMES[language]
    name = BabelLocale.parse(language.replace("-", "_")).territories[territory]
    return name[:1].upper() + name[1:]


def _prices(**amounts: str) -> list[dict]:
    return [{"currency": code, "amount": Decimal(value)} for code, value in amounts.items()]


PRICING = {
    "heading": "What ads cost",
    "options": [
        {
            "label": "Promoted Pins, per 1,000 impressions",
            "description": "Typical cost; the auction sets the real price.",
            "base_currency": "USD",
            "base_amount": Decimal("4.50"),
            "prices": _prices(
                BRL="19.90",
                JPY="650",
                EUR="4.20",
                GBP="3.60",
                RUB="390",
                UAH="180",
                TRY="150",
                KRW="6000",
                ILS="16.00",
                AED="16.50",
            ),
        },
        {
            "label": "Minimum daily budget",
            "description": "",
            "base_currency": "USD",
            "base_amount": Decimal("1.00"),
            "prices": _prices(
                BRL="5.00",
                JPY="150",
                EUR="1.00",
                GBP="1.00",
                RUB="90",
                UAH="40",
                TRY="35",
                KRW="1400",
                ILS="4.00",
                AED="4.00",
            ),
        },
        {
            "label": "Managed campaign setup",
            "description": "One-off fee for a campaign built with our ads team.",
            "base_currency": "USD",
            "base_amount": Decimal("1234.56"),
            "prices": _prices(
                BRL="1234.56",
                JPY="1234.56",
                EUR="1234.56",
                RUB="1234.56",
                AED="1234.56",
                GBP="999.00",
                KRW="1500000",
                TRY="9999.99",
            ),
        },
    ],
}
ARTICLE = {
    "slug": "ad-pricing",
    "title": "Ad pricing",
    "summary": "What Promoted Pins, daily budgets and managed campaigns cost in your currency.",
    "intro": "Prices below are shown in your region's currency. You only pay for what your "
    "campaign delivers, up to the budget you set.",
    "callout": "Your invoice shows the exact amount, with the taxes of your country.",
}
TRANSLATIONS = {
    "es": {
        "Ad pricing": "Precios de los anuncios",
        ARTICLE["summary"]: "Cuánto cuestan los Pines promocionados, los presupuestos diarios "
        "y las campañas gestionadas en tu moneda.",
        ARTICLE["intro"]: "Los precios se muestran en la moneda de tu región. Solo pagas lo que "
        "entrega tu campaña, hasta el presupuesto que definas.",
        "What ads cost": "Cuánto cuestan los anuncios",
        "Promoted Pins, per 1,000 impressions": "Pines promocionados, por cada 1000 impresiones",
        "Typical cost; the auction sets the real price.": "Coste habitual; la subasta fija el "
        "precio real.",
        "Minimum daily budget": "Presupuesto diario mínimo",
        "Managed campaign setup": "Configuración de campaña gestionada",
        "One-off fee for a campaign built with our ads team.": "Pago único por una campaña "
        "creada con nuestro equipo de anuncios.",
        ARTICLE["callout"]: "Tu factura muestra el importe exacto, con los impuestos de tu país.",
    },
    "ar": {
        "Ad pricing": "أسعار الإعلانات",
        ARTICLE["summary"]: "تكلفة الدبابيس المروّجة والميزانيات اليومية والحملات المُدارة بعملتك.",
        ARTICLE["intro"]: "تظهر الأسعار أدناه بعملة منطقتك. لا تدفع إلا مقابل ما تحققه حملتك، "
        "حتى الميزانية التي تحددها.",
        "What ads cost": "تكلفة الإعلانات",
        "Promoted Pins, per 1,000 impressions": "الدبابيس المروّجة، لكل 1000 ظهور",
        "Typical cost; the auction sets the real price.": "تكلفة معتادة؛ المزاد يحدد السعر الفعلي.",
        "Minimum daily budget": "الحد الأدنى للميزانية اليومية",
        "Managed campaign setup": "إعداد حملة مُدارة",
        "One-off fee for a campaign built with our ads team.": "رسوم لمرة واحدة لحملة يبنيها "
        "فريق الإعلانات لدينا.",
        ARTICLE["callout"]: "تعرض فاتورتك المبلغ الدقيق مع ضرائب بلدك.",
    },
    "ru": {
        "Ad pricing": "Стоимость рекламы",
        ARTICLE["summary"]: "Сколько стоят продвигаемые пины, дневные бюджеты и управляемые "
        "кампании в вашей валюте.",
        ARTICLE["intro"]: "Цены ниже указаны в валюте вашего региона. Вы платите только за "
        "результат кампании, в пределах заданного бюджета.",
        "What ads cost": "Сколько стоит реклама",
        "Promoted Pins, per 1,000 impressions": "Продвигаемые пины, за 1000 показов",
        "Typical cost; the auction sets the real price.": "Типичная стоимость; реальную цену "
        "определяет аукцион.",
        "Minimum daily budget": "Минимальный дневной бюджет",
        "Managed campaign setup": "Настройка управляемой кампании",
        "One-off fee for a campaign built with our ads team.": "Разовая плата за кампанию, "
        "созданную нашей рекламной командой.",
        ARTICLE["callout"]: "В счёте указана точная сумма с налогами вашей страны.",
    },
}


def seed_themes_and_regions(log=print) -> int:
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_locale = locales[settings.LANGUAGE_CODE]
    themes = {}
    for name, (brand, contrast, canvas, link, logo) in THEMES.items():
        themes[name], _created = Theme.objects.get_or_create(
            name=name,
            defaults={
                "brand_color": brand,
                "brand_contrast_color": contrast,
                "canvas_color": canvas,
                "link_color": link,
                "logo_variant": logo,
            },
        )
    created = 0
    for slug, (countries, _territory, currency, languages, theme) in REGIONS.items():
        region = Region.objects.filter(slug=slug, locale=source_locale).first()
        if region is None:
            region = Region.objects.create(
                slug=slug,
                locale=source_locale,
                name=region_name(slug, settings.LANGUAGE_CODE),
                countries=countries,
                currency=currency,
                default_for_languages=languages,
                theme=themes.get(theme),
            )
            created += 1
        for code, locale in locales.items():
            if code == settings.LANGUAGE_CODE or region.has_translation(locale):
                continue
            translation = region.copy_for_translation(locale)
            translation.name = region_name(slug, code)
            translation.save()
    return created


def _article_body() -> list:
    return [
        ("text", RichText(f"<p>{ARTICLE['intro']}</p>")),
        ("pricing", PRICING),
        ("callout", {"tone": "info", "title": "", "text": ARTICLE["callout"]}),
    ]


def seed_pricing_article(log=print) -> bool:
    from pages.models import ArticlePage, TopicPage

    topic = TopicPage.objects.filter(
        slug="ads-and-billing", locale__language_code=settings.LANGUAGE_CODE
    ).first()
    if topic is None or topic.get_children().filter(slug=ARTICLE["slug"]).exists():
        return False
    page = ArticlePage(
        title=ARTICLE["title"],
        slug=ARTICLE["slug"],
        summary=ARTICLE["summary"],
        audience="advertiser",
        body=_article_body(),
    )
    topic.add_child(instance=page)
    page.save_revision().publish()
    for code, strings in TRANSLATIONS.items():
        import_translation(page, Locale.objects.get(language_code=code), strings)
    source = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
    for locale in Locale.objects.exclude(pk=source.pk):
        synchronize_tree(source, locale)
    return True


def seed(log=print) -> None:
    with transaction.atomic():
        regions = seed_themes_and_regions(log)
    article = seed_pricing_article(log)
    log(
        f"Demo regions: {regions} regions created; ad pricing article "
        f"{'created' if article else 'already there'}."
    )
