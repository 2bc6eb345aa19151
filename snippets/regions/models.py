"""Region and Theme snippets: where visitors are (countries, currency) and how the site looks."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .codes import parse_countries, validate_countries, validate_currency

color_validator = RegexValidator(
    r"^#(?:[0-9a-fA-F]{3}){1,2}$", _("Enter a colour as #rgb or #rrggbb, e.g. #c8102e.")
)


class LogoVariant(models.TextChoices):
    STANDARD = "standard", _("Standard: brand letter on a light disc")
    INVERTED = "inverted", _("Inverted: light letter on a brand disc with an outline")
    MONOCHROME = "monochrome", _("Monochrome: text colour, no disc")


class Theme(models.Model):
    """Colours and logo of the public site; emitted as CSS custom properties on each page."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    brand_color = models.CharField(
        _("brand colour"), max_length=7, validators=[color_validator], default="#c8102e"
    )
    brand_contrast_color = models.CharField(
        _("text on brand colour"),
        max_length=7,
        validators=[color_validator],
        default="#ffffff",
        help_text=_("Must stay readable on the brand colour (header text)."),
    )
    canvas_color = models.CharField(
        _("page background"), max_length=7, validators=[color_validator], default="#f7f6f3"
    )
    link_color = models.CharField(
        _("link colour"), max_length=7, validators=[color_validator], default="#0b5cad"
    )
    logo_variant = models.CharField(
        _("logo variant"), max_length=16, choices=LogoVariant.choices, default=LogoVariant.STANDARD
    )
    banner = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("header banner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional decorative image behind the site header."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [
                FieldPanel("brand_color"),
                FieldPanel("brand_contrast_color"),
                FieldPanel("canvas_color"),
                FieldPanel("link_color"),
            ],
            _("Colours"),
        ),
        FieldPanel("logo_variant"),
        FieldPanel("banner"),
    ]

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Region(TranslatableMixin, models.Model):
    """Where visitors are: the countries it covers, its currency, its default language, its theme.

    Translations share everything but the name and the tax note (synchronised by
    wagtail-localize); resolution always reads the source-language region.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(
        _("slug"), max_length=40, help_text=_("Stable identifier, e.g. “brazil”.")
    )
    countries = models.CharField(
        _("countries"),
        max_length=400,
        validators=[validate_countries],
        help_text=_("ISO 3166 two-letter country codes, separated by spaces, e.g. “DE AT FR”."),
    )
    currency = models.CharField(
        _("currency"),
        max_length=3,
        validators=[validate_currency],
        help_text=_("ISO 4217 code prices are shown in, e.g. BRL."),
    )
    default_for_languages = models.CharField(
        _("default for languages"),
        max_length=100,
        blank=True,
        help_text=_(
            "Site language codes (e.g. “de fr”) whose visitors get this region when their "
            "country is unknown."
        ),
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="regions",
        help_text=_("Leave empty to use the default look."),
    )
    tax_note = models.CharField(
        _("tax note"),
        max_length=200,
        blank=True,
        help_text=_("Shown under prices. Empty: “Estimated price, taxes may apply.”"),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("countries"),
        FieldPanel("currency"),
        FieldPanel("default_for_languages"),
        FieldPanel("theme"),
        FieldPanel("tax_note"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("tax_note"),
        SynchronizedField("slug"),
        SynchronizedField("countries"),
        SynchronizedField("currency"),
        SynchronizedField("default_for_languages"),
        SynchronizedField("theme"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_region_slug_locale")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country_codes(self) -> list[str]:
        return parse_countries(self.countries)

    @property
    def language_codes(self) -> list[str]:
        return [code.lower() for code in (self.default_for_languages or "").split() if code]

    def clean(self) -> None:
        super().clean()
        self.countries = " ".join(parse_countries(self.countries))
        self.currency = (self.currency or "").upper()
        errors: dict[str, list] = {}
        if self.currency:
            try:
                validate_currency(self.currency)
            except ValidationError as error:
                errors["currency"] = error.messages
        site_languages = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in self.language_codes if code not in site_languages]
        if unknown:
            errors["default_for_languages"] = [
                _("Not site languages: %(codes)s") % {"codes": ", ".join(unknown)}
            ]
        others = Region.objects.exclude(translation_key=self.translation_key)
        if self.locale_id:
            others = others.filter(locale_id=self.locale_id)
        taken = {}
        for other in others.only("name", "countries", "default_for_languages"):
            for code in other.country_codes:
                taken[code] = other.name
        clashes = [f"{code} ({taken[code]})" for code in self.country_codes if code in taken]
        if clashes:
            errors.setdefault("countries", []).append(
                _("Already in another region: %(codes)s") % {"codes": ", ".join(clashes)}
            )
        if errors:
            raise ValidationError(errors)
