"""What editors manage (synonyms, curated queries) and what the search log keeps."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Length
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


class BlockedPrediction(models.Model):
    """A phrase never predicted to visitors of one language: any predicted query containing it
    (case-insensitively) is left out, at once."""

    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    phrase = models.CharField(
        _("phrase"),
        max_length=QUERY_MAX_LENGTH,
        help_text=_("Predicted queries containing this word or phrase are never suggested."),
    )
    created_at = models.DateTimeField(_("blocked on"), auto_now_add=True)

    panels = [FieldPanel("language"), FieldPanel("phrase")]

    class Meta:
        verbose_name = _("blocked prediction")
        verbose_name_plural = _("blocked predictions")
        ordering = ["language", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["language", "phrase"], name="unique_blocked_prediction")
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.phrase}"

    def clean(self) -> None:
        self.phrase = normalise(self.phrase, self.language)
        if not self.phrase:
            raise ValidationError({"phrase": _("Enter the word or phrase to block.")})


class SearchTermDay(models.Model):
    """The daily aggregate of one masked query in one language: what predictions and the
    Search terms report read. `visitors` counts the distinct visitors whose search found
    results, each once per salt period (search.visitors); `results` is the latest result count."""

    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    day = models.DateField(_("day"))
    period = models.PositiveIntegerField(_("salt period"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches without results"), default=0)
    results = models.PositiveIntegerField(_("results"), default=0)
    visitors = models.PositiveIntegerField(_("distinct visitors"), default=0)
    clicks = models.PositiveIntegerField(_("clicks"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), null=True, blank=True)

    class Meta:
        verbose_name = _("search term day")
        verbose_name_plural = _("search term days")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "query", "day"], name="unique_search_term_day"
            )
        ]
        indexes = [models.Index(fields=["language", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.language}: {self.query}"


class SearchTermVisitor(models.Model):
    """One visitor's keyed hash for one query and salt period, never the address itself: its
    insert-if-new (the unique constraint) counts a distinct visitor in SearchTermDay, correctly
    across processes. Purged once older than the prediction window."""

    language = models.CharField(_("language"), max_length=8)
    query = models.CharField(_("query"), max_length=QUERY_MAX_LENGTH)
    period = models.PositiveIntegerField(_("salt period"))
    visitor = models.CharField(_("visitor hash"), max_length=64)
    day = models.DateField(_("first seen"), db_index=True)

    class Meta:
        verbose_name = _("search term visitor")
        verbose_name_plural = _("search term visitors")
        constraints = [
            models.UniqueConstraint(
                fields=["language", "query", "period", "visitor"],
                name="unique_search_term_visitor",
            )
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.language}: {self.query}"


class PassageVectorQuerySet(models.QuerySet):
    def of_bytes(self, size: int):
        """The rows whose vector is `size` bytes long: the current models' (a worker still
        running the previous code may write its own between a migration and its restart)."""
        return self.alias(vector_bytes=Length("vector")).filter(vector_bytes=size)


class PassageVector(models.Model):
    """A passage of a live page (search.passages) and its embedding (search.embeddings), for
    the database backend's semantic ranking and for direct answers; written by indexing."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(max_length=8, db_index=True)
    position = models.PositiveSmallIntegerField()
    anchor = models.CharField(max_length=80, blank=True)
    text = models.TextField()
    digest = models.CharField(max_length=64)  # sha256 of the model's name and the text
    vector = models.BinaryField()  # float32, little-endian

    objects = PassageVectorQuerySet.as_manager()

    class Meta:
        ordering = ["page_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["page", "position"], name="search_passage_position")
        ]

    def __str__(self) -> str:
        return f"{self.page_id}#{self.anchor or 'title'}"


class AnswerFeedback(models.Model):
    """A visitor's "did this help?" on a direct answer of the results page: which passage, in
    which language, yes or no. Nothing about the visitor (not even the query) is kept."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    anchor = models.CharField(_("anchor"), max_length=80)
    language = models.CharField(_("language"), max_length=8, db_index=True)
    helpful = models.BooleanField(_("helpful"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("direct answer feedback")
        verbose_name_plural = _("direct answer feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.language} {self.page_id}#{self.anchor}: {'yes' if self.helpful else 'no'}"
