"""What editors manage (synonyms, curated queries) and what the search log keeps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .analysis import normalise
from .settings import QUERY_MAX_LENGTH


def language_choices() -> list[tuple[str, str]]:
    return list(settings.LANGUAGES)


class SynonymSet(models.Model):
    """Words that mean the same to visitors of one language, e.g. "pin, save"."""

    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_(
            "Two or more words or phrases, separated by commas, e.g. “hacked, compromised”."
        ),
    )

    panels = [FieldPanel("language"), FieldPanel("terms")]

    class Meta:
        verbose_name = _("synonym set")
        verbose_name_plural = _("synonym sets")
        ordering = ["language", "terms"]

    def __str__(self) -> str:
        return f"{self.language}: {self.terms}"

    def term_list(self) -> list[str]:
        return [t for t in (normalise(part, self.language) for part in self.terms.split(",")) if t]

    def clean(self) -> None:
        if len(self.term_list()) < 2:
            raise ValidationError({"terms": _("Give at least two terms, separated by commas.")})
        self.terms = ", ".join(self.term_list())


class CuratedQuery(models.Model):
    """A full search query editors want predicted as visitors type (the autocomplete `queries`)."""

    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    text = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=10, help_text=_("Counts as this many past searches when ranking.")
    )

    panels = [FieldPanel("language"), FieldPanel("text"), FieldPanel("weight")]

    class Meta:
        verbose_name = _("suggested query")
        verbose_name_plural = _("suggested queries")
        ordering = ["language", "text"]
        constraints = [
            models.UniqueConstraint(fields=["language", "text"], name="unique_curated_query")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text}"

    def clean(self) -> None:
        self.text = normalise(self.text, self.language)
        if not self.text:
            raise ValidationError({"text": _("Enter the query visitors would type.")})


class SearchLogEntry(models.Model):
    """One search or one click, anonymous: no user, IP address or session is kept."""

    class Kind(models.TextChoices):
        SEARCH = "search", _("search")
        SUGGESTION = "suggestion", _("suggestion chosen")
        RESULT = "result", _("result clicked")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    language = models.CharField(_("language"), max_length=8)
    result_count = models.PositiveIntegerField(_("results"), default=0)
    url = models.CharField(_("chosen page"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), null=True, blank=True)
    backend = models.CharField(_("backend"), max_length=16, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("search log entry")
        verbose_name_plural = _("search log entries")
        indexes = [models.Index(fields=["language", "kind", "query"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.language}: {self.query}"
