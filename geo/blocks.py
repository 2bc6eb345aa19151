"""The pricing table block editors put in articles ("Ad pricing", "Business plans").

Editors give each option a base price and, optionally, prices in other currencies. Visitors see
the price in their region's currency, formatted by CLDR for the page's language, with the
region's tax note; a region whose currency has no price sees the base price, labelled as such.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from snippets.regions.codes import validate_currency

from . import resolve


class CurrencyField(forms.CharField):
    def to_python(self, value):
        return (super().to_python(value) or "").strip().upper()


class CurrencyBlock(blocks.FieldBlock):
    """An ISO 4217 code. Not a CharBlock: a currency is synchronised, never translated."""

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field_options = {
            "required": required,
            "help_text": help_text,
            "max_length": 3,
            "min_length": 3,
            "validators": [validate_currency],
        }
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return CurrencyField(**self.field_options)

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "tag"


def amount_block(**kwargs) -> blocks.DecimalBlock:
    return blocks.DecimalBlock(
        min_value=Decimal("0"), max_digits=12, decimal_places=2, label=_("Amount"), **kwargs
    )


class CurrencyPriceBlock(blocks.StructBlock):
    currency = CurrencyBlock(label=_("Currency"), help_text=_("ISO 4217 code, e.g. BRL."))
    amount = amount_block()

    class Meta:
        icon = "tag"
        label = _("Price in another currency")


class PriceOptionBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120, label=_("Option"))
    description = blocks.CharBlock(max_length=240, required=False, label=_("Description"))
    base_currency = CurrencyBlock(
        label=_("Base currency"), default="USD", help_text=_("ISO 4217 code, e.g. USD.")
    )
    base_amount = amount_block(help_text=_("Shown where no price in the local currency is set."))
    prices = blocks.ListBlock(
        CurrencyPriceBlock(), label=_("Prices in other currencies"), default=[]
    )

    class Meta:
        icon = "tag"
        label = _("Price option")

    def clean(self, value):
        value = super().clean(value)
        seen = {value["base_currency"]}
        for item in value["prices"]:
            if item["currency"] in seen:
                raise StructBlockValidationError(
                    block_errors={
                        "prices": ValidationError(
                            _("Each currency may have one price only (%(code)s is repeated).")
                            % {"code": item["currency"]}
                        )
                    }
                )
            seen.add(item["currency"])
        return value


class PricingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    options = blocks.ListBlock(PriceOptionBlock(), min_num=1, label=_("Options"))

    class Meta:
        icon = "tag"
        template = "geo/blocks/pricing.html"
        label = _("Pricing table")

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        language = translation.get_language() or "en"
        region = resolve.region_for(request, language)
        currency = region.currency if region is not None else None
        rows = []
        for option in value["options"]:
            price = resolve.choose_price(
                option["base_amount"],
                option["base_currency"],
                [(p["currency"], p["amount"]) for p in option["prices"]],
                currency,
                language,
            )
            rows.append({"option": option, "price": price})
        context.update(
            {
                "region": region,
                "rows": rows,
                "has_fallback": any(not row["price"].in_region_currency for row in rows),
                "tax_note": (region.tax_note if region is not None else "")
                or _("Estimated price, taxes may apply."),
            }
        )
        return context
