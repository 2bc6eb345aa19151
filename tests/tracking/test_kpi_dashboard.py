"""The KPI dashboard: right numbers for a known set of sessions, in the admin's languages."""

from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.factories import HomePageFactory
from tracking import kpi
from tracking.models import ArticleFeedback, EventRecord

pytestmark = pytest.mark.django_db


def record(session, event, locale="en", days_ago=1, **properties):
    EventRecord.objects.create(
        session=session,
        event=event,
        locale=locale,
        occurred_at=timezone.now() - timedelta(days=days_ago),
        properties={"locale": locale, **properties},
    )


def viewed(session, page_type="article", **kwargs):
    record(session, "Help Page Viewed", page_type=page_type, **kwargs)


def searched(session, result_count, **kwargs):
    record(session, "Search Performed", query="q", result_count=result_count, **kwargs)


@pytest.fixture
def sessions(db):
    page = HomePageFactory()
    EventRecord.objects.all().delete()
    viewed("s1"), searched("s1", 3), record("s1", "Search Result Clicked")
    viewed("s2", "tutorial"), searched("s2", 0), record("s2", "Contact Form Submitted")
    viewed("s3", "topic"), searched("s3", 0)
    viewed("s6")
    viewed("s4", locale="ru"), record("s4", "Contact Form Submitted", locale="ru")
    viewed("s5", locale="ru"), searched("s5", 2, locale="ru")
    record("s5", "Search Suggestion Selected", locale="ru")
    # Outside the last 30 days: counted in 90 days only.
    viewed("old", days_ago=40), searched("old", 0, days_ago=40)
    record("old", "Contact Form Submitted", days_ago=40)
    for locale, helpful in [("en", True), ("en", True), ("en", False), ("ru", False)]:
        ArticleFeedback.objects.create(page=page, locale=locale, helpful=helpful)


@pytest.mark.smoke
def test_kpis_for_seeded_sessions(sessions):
    period = kpi.Period.last_days(30)
    overall = kpi.compute(period)
    assert overall.searches == 4
    assert overall.zero_result_rate == 0.5
    assert overall.click_through_rate == 0.5  # s1 and s5 of 4 searching sessions
    assert overall.helpfulness == 0.5
    assert overall.contact_submissions == 2
    assert (overall.help_sessions, overall.self_service_sessions) == (5, 3)
    assert overall.self_service_rate == 0.6
    en, ru = kpi.compute(period, "en"), kpi.compute(period, "ru")
    assert (en.searches, en.zero_result_searches, en.clicking_search_sessions) == (3, 2, 1)
    assert en.self_service_rate == pytest.approx(2 / 3)
    assert (ru.searches, ru.zero_result_rate, ru.click_through_rate) == (1, 0, 1)
    assert (ru.helpfulness, ru.contact_submissions, ru.self_service_rate) == (0, 1, 0.5)
    ninety = kpi.compute(kpi.Period.last_days(90))
    assert (ninety.searches, ninety.contact_submissions, ninety.help_sessions) == (5, 3, 6)


@pytest.mark.smoke
def test_the_dashboard_shows_them_with_tables_and_charts(sessions, admin_client):
    html = admin_client.get("/admin/tracking/?days=30").content.decode()
    assert 'data-kpi="searches">4<' in html
    assert 'data-kpi="self_service_rate">60.0 %<' in html
    assert 'data-kpi="zero_result_rate">50.0 %<' in html
    assert 'data-kpi="contact_submissions">2<' in html
    assert html.count('class="tracking-chart"') == 3 and 'role="img"' in html
    assert 'data-locale="ru"' in html and 'data-locale="en"' in html
    ru = admin_client.get("/admin/tracking/?days=30&locale=ru").content.decode()
    assert 'data-kpi="self_service_rate">50.0 %<' in ru
    assert 'data-kpi="searches">1<' in ru


def test_a_bad_filter_is_a_400_with_the_form_and_its_errors(sessions, admin_client):
    response = admin_client.get("/admin/tracking/?days=12&locale=xx")
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-filter-error" in html and html.count('class="error-message"') == 2
    assert 'data-kpi="searches"' not in html


@pytest.mark.parametrize("language, direction", [("ar", "rtl"), ("ru", "ltr")])
def test_the_dashboard_renders_in_the_admins_language(
    sessions, admin_user, client, language, direction
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = language
    profile.save()
    client.force_login(admin_user)
    html = client.get("/admin/tracking/").content.decode()
    with translation.override(language):
        title = gettext("KPI dashboard")
        zero = gettext("Zero-result rate")
    assert title != "KPI dashboard" and title in html
    assert zero in html
    assert f'lang="{language}"' in html and f'dir="{direction}"' in html
    plan_html = client.get("/admin/tracking/plan/").content.decode()
    assert "Help Page Viewed" in plan_html


def test_the_plan_page_documents_every_event(admin_client):
    from tracking import plan

    html = admin_client.get("/admin/tracking/plan/").content.decode()
    for name in plan.events():
        assert f'data-event="{name}"' in html
    assert "search-performed.json" in html
    assert plan.plan_version() in html
