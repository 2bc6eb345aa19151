"""The KPIs of the dashboard, from the project's own records (consenting visitors' events and
article feedback), for one period and optionally one locale.

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


def _events(period: Period, locale: str = ""):
    records = EventRecord.objects.filter(occurred_at__gte=period.start, occurred_at__lt=period.end)
    return records.filter(locale=locale) if locale else records


def _sessions(records) -> set[str]:
    return set(records.exclude(session="").values_list("session", flat=True).distinct())


def compute(period: Period, locale: str = "") -> Kpis:
    records = _events(period, locale)
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
    answers = feedback.aggregate(total=Count("id"), yes=Count("id", filter=Q(helpful=True)))
    answer_ratings, helpful_answer_ratings = search_api.answer_ratings(
        period.start, period.end, locale
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
    from_events = _events(period).exclude(session="").values_list("locale", flat=True)
    from_feedback = ArticleFeedback.objects.filter(
        created_at__gte=period.start, created_at__lt=period.end
    ).values_list("locale", flat=True)
    return sorted(set(from_events.distinct()) | set(from_feedback.distinct()))


def daily(period: Period, event: str, locale: str = "") -> list[tuple[date, int]]:
    """(day, count) for every day of the period, zeros included."""
    rows = (
        _events(period, locale)
        .filter(event=event)
        .annotate(day=TruncDate("occurred_at"))
        .values("day")
        .annotate(count=Count("id"))
    )
    counts = {row["day"]: row["count"] for row in rows}
    first, last = period.start.date(), period.end.date()
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [(day, counts.get(day, 0)) for day in days]


def editorial_counts(period: Period) -> dict[str, int]:
    events = ("Page Published", "Translation Submitted", "Workflow Approved", "Workflow Rejected")
    rows = _events(period).filter(event__in=events).values("event").annotate(count=Count("id"))
    counts = {row["event"]: row["count"] for row in rows}
    return {event: counts.get(event, 0) for event in events}
