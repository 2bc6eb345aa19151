"""The KPIs of the dashboard, from the project's own records (consenting visitors' events and
article feedback), for one period and optionally one locale and one web property.

A property is its key (`EventRecord.web_property`, the events' `property`); its feedback is the
feedback on pages of its site's trees (the site's root page in every language).

Sessions are the random per-browser-session ids of the event log.
- zero-result rate = searches that found nothing ÷ searches
- search click-through = sessions that searched and then chose a result or a suggestion
  ÷ sessions that searched
- helpfulness = "yes" answers ÷ answers
- direct-answer helpfulness = "yes" ÷ ratings of the search page's direct answers (search.api)
- self-service (deflection) rate = sessions that viewed help content (an article or a tutorial)
  without submitting a contact form ÷ sessions that viewed help content
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from wagtail.models import Page, Site

from pages import properties as web_properties
from search import api as search_api

from .models import ArticleFeedback, EventRecord

HELP_CONTENT_TYPES = ("article", "tutorial")
CLICK_EVENTS = ("Search Result Clicked", "Search Suggestion Selected")


@dataclass(frozen=True)
class Period:
    start: datetime
    end: datetime

    @classmethod
    def last_days(cls, days: int, now: datetime | None = None) -> "Period":
        end = now or timezone.now()
        return cls(start=end - timedelta(days=days), end=end)


@dataclass(frozen=True)
class Kpis:
    searches: int
    zero_result_searches: int
    search_sessions: int
    clicking_search_sessions: int
    feedback_answers: int
    helpful_answers: int
    contact_submissions: int
    help_sessions: int
    self_service_sessions: int
    answer_ratings: int = 0
    helpful_answer_ratings: int = 0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def zero_result_rate(self) -> float | None:
        return self._rate(self.zero_result_searches, self.searches)

    @property
    def click_through_rate(self) -> float | None:
        return self._rate(self.clicking_search_sessions, self.search_sessions)

    @property
    def helpfulness(self) -> float | None:
        return self._rate(self.helpful_answers, self.feedback_answers)

    @property
    def answer_helpfulness(self) -> float | None:
        return self._rate(self.helpful_answer_ratings, self.answer_ratings)

    @property
    def self_service_rate(self) -> float | None:
        return self._rate(self.self_service_sessions, self.help_sessions)


def events(period: Period, locale: str = "", web_property: str = ""):
    records = EventRecord.objects.filter(occurred_at__gte=period.start, occurred_at__lt=period.end)
    if locale:
        records = records.filter(locale=locale)
    return records.filter(web_property=web_property) if web_property else records


def tree_paths(web_property: str) -> tuple[str, ...]:
    """The tree paths of the property's root page in every language (none for an unknown key)."""
    site = Site.objects.filter(web_property__key=web_property).first()
    if site is None and web_property == web_properties.DEFAULT_KEY:
        site = Site.objects.filter(is_default_site=True, web_property__isnull=True).first()
    if site is None:
        return ()
    root = Page.objects.filter(pk=site.root_page_id).values("translation_key").first()
    if root is None:
        return ()
    paths = Page.objects.filter(translation_key=root["translation_key"])
    return tuple(paths.values_list("path", flat=True))


def _below(paths: tuple[str, ...]) -> Q:
    below = Q(pk__in=[])
    for path in paths:
        below |= Q(page__path__startswith=path)
    return below


def _sessions(records) -> set[str]:
    return set(records.exclude(session="").values_list("session", flat=True).distinct())


def compute(period: Period, locale: str = "", web_property: str = "") -> Kpis:
    records = events(period, locale, web_property)
    searches = records.filter(event="Search Performed")
    search_sessions = _sessions(searches)
    clicking = _sessions(records.filter(event__in=CLICK_EVENTS)) & search_sessions
    help_sessions = _sessions(
        records.filter(event="Help Page Viewed", properties__page_type__in=HELP_CONTENT_TYPES)
    )
    contact_sessions = _sessions(records.filter(event="Contact Form Submitted"))
    feedback = ArticleFeedback.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    )
    if locale:
        feedback = feedback.filter(locale=locale)
    paths = tree_paths(web_property) if web_property else None
    if paths is not None:
        feedback = feedback.filter(_below(paths))
    answers = feedback.aggregate(total=Count("id"), yes=Count("id", filter=Q(helpful=True)))
    answer_ratings, helpful_answer_ratings = search_api.answer_ratings(
        period.start, period.end, locale, paths
    )
    return Kpis(
        searches=searches.count(),
        zero_result_searches=searches.filter(properties__result_count=0).count(),
        search_sessions=len(search_sessions),
        clicking_search_sessions=len(clicking),
        feedback_answers=answers["total"],
        helpful_answers=answers["yes"],
        contact_submissions=records.filter(event="Contact Form Submitted").count(),
        help_sessions=len(help_sessions),
        self_service_sessions=len(help_sessions - contact_sessions),
        answer_ratings=answer_ratings,
        helpful_answer_ratings=helpful_answer_ratings,
    )


def locales_with_data(period: Period) -> list[str]:
    from_events = events(period).exclude(session="").values_list("locale", flat=True)
    from_feedback = ArticleFeedback.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    ).values_list("locale", flat=True)
    return sorted(set(from_events.distinct()) | set(from_feedback.distinct()))


def properties_with_data(period: Period, locale: str = "") -> list[str]:
    """The keys of the properties visitors' events of the period name (old events name none)."""
    keys = events(period, locale).exclude(session="").exclude(web_property="")
    return sorted(set(keys.values_list("web_property", flat=True).distinct()))


def daily(
    period: Period, event: str, locale: str = "", web_property: str = ""
) -> list[tuple[date, int]]:
    """(day, count) for every day of the period, zeros included."""
    rows = (
        events(period, locale, web_property)
        .filter(event=event)
        .annotate(day=TruncDate("occurred_at"))
        .values("day")
        .annotate(count=Count("id"))
    )
    counts = {row["day"]: row["count"] for row in rows}
    first, last = period.start.date(), period.end.date()
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [(day, counts.get(day, 0)) for day in days]


def editorial_counts(period: Period, web_property: str = "") -> dict[str, int]:
    """Counts of the content team's events; for one property, those about its pages (a
    translation names no page: not counted there)."""
    names = ("Page Published", "Translation Submitted", "Workflow Approved", "Workflow Rejected")
    rows = (
        events(period, web_property=web_property)
        .filter(event__in=names)
        .values("event")
        .annotate(count=Count("id"))
    )
    counts = {row["event"]: row["count"] for row in rows}
    return {name: counts.get(name, 0) for name in names}
