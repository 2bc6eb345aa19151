"""How fresh the help content is: review dates, and how far each locale's translations lag.

A translation is *outdated* when its English source changed after the translation was last
synchronised (the source's latest revision is newer than wagtail-localize's copy of it), or
when a synchronisation brought in segments nobody has translated yet.
"""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from wagtail.models import Locale, Site
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from cms.editorial.roles import SOURCE_LANGUAGE
from pages import properties
from pages.models import HelpPage

TRANSLATED, OUTDATED, MISSING = "translated", "outdated", "missing"


@dataclass(frozen=True)
class LocaleProgress:
    total: int
    translated: int
    outdated: int
    missing: int

    @property
    def percent_current(self) -> int:
        """Share of source pages with an up-to-date translation."""
        return round(100 * self.translated / self.total) if self.total else 100


def review_cutoff(today: datetime.date | None = None) -> datetime.date:
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.HELPCENTER_REVIEW_AFTER_DAYS)


def review_due(queryset: QuerySet | None = None) -> QuerySet:
    """Help pages last reviewed before the cutoff, or never reviewed and first published before
    it (real pages, not aliases): a page written or published today is not due on day one, and
    a draft never published is not due at all."""
    queryset = HelpPage.objects.all() if queryset is None else queryset
    cutoff = review_cutoff()
    never_reviewed_and_old = Q(last_reviewed__isnull=True) & Q(first_published_at__date__lt=cutoff)
    return queryset.filter(alias_of__isnull=True).filter(
        never_reviewed_and_old | Q(last_reviewed__lt=cutoff)
    )


def source_pages(language: str | None = None) -> QuerySet:
    """The source-language help pages; with `language`, only those of the web properties
    published in it (Business Help's articles are not missing in a language it does not offer)."""
    pages = HelpPage.objects.filter(locale__language_code=SOURCE_LANGUAGE, alias_of__isnull=True)
    if language is None:
        return pages
    roots = [
        site.root_page.path
        for site in Site.objects.select_related("root_page")
        if properties.for_site(site.pk).serves(language)
    ]
    if not roots:
        return pages.none()
    return pages.filter(reduce(or_, (Q(path__startswith=path) for path in roots)))


def translation_states(locale: Locale) -> dict:
    """{source page's translation_key: TRANSLATED | OUTDATED | MISSING} for one target locale."""
    sources = {page.translation_key: page for page in source_pages(locale.language_code)}
    translated_keys = set(
        HelpPage.objects.filter(
            locale=locale, alias_of__isnull=True, translation_key__in=sources
        ).values_list("translation_key", flat=True)
    )
    localize_sources = {
        ts.object_id: ts
        for ts in TranslationSource.objects.filter(
            object_id__in=translated_keys, locale__language_code=SOURCE_LANGUAGE
        )
    }
    source_ids = [ts.id for ts in localize_sources.values()]
    # A translation may keep the English slug (wagtail-localize falls back to it).
    segments = StringSegment.objects.filter(source_id__in=source_ids).exclude(context__path="slug")
    totals = dict(
        segments.values("source_id").annotate(n=Count("id")).values_list("source_id", "n")
    )
    done = dict(
        segments.filter(
            Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    context_id=OuterRef("context_id"),
                    locale=locale,
                    has_error=False,
                )
            )
        )
        .values("source_id")
        .annotate(n=Count("id"))
        .values_list("source_id", "n")
    )
    states = {}
    for key, page in sources.items():
        if key not in translated_keys:
            states[key] = MISSING
            continue
        ts = localize_sources.get(key)
        changed_since_sync = (
            ts is not None
            and page.latest_revision_created_at is not None
            and page.latest_revision_created_at > ts.last_updated_at
        )
        pending = ts is not None and done.get(ts.id, 0) < totals.get(ts.id, 0)
        states[key] = OUTDATED if changed_since_sync or pending else TRANSLATED
    return states


def locale_progress(locale: Locale) -> LocaleProgress:
    states = list(translation_states(locale).values())
    if locale.language_code == SOURCE_LANGUAGE:
        return LocaleProgress(total=len(states), translated=len(states), outdated=0, missing=0)
    return LocaleProgress(
        total=len(states),
        translated=states.count(TRANSLATED),
        outdated=states.count(OUTDATED),
        missing=states.count(MISSING),
    )


def outdated_translations(queryset: QuerySet | None = None) -> QuerySet:
    """Translated help pages (any locale but the source) whose translation is outdated."""
    queryset = HelpPage.objects.all() if queryset is None else queryset
    ids = []
    for locale in Locale.objects.exclude(language_code=SOURCE_LANGUAGE):
        keys = [k for k, state in translation_states(locale).items() if state == OUTDATED]
        if keys:
            ids += HelpPage.objects.filter(
                locale=locale, translation_key__in=keys, alias_of__isnull=True
            ).values_list("id", flat=True)
    return queryset.filter(id__in=ids)
