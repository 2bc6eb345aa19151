"""The KPI dashboard per web property and across them, through HTTP as the least-privileged user
who can see it (admin access only), in English and Arabic, with hostile filter values."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from tests.pages.properties import two_properties
from tracking import journeys, kpi
from tracking.models import ArticleFeedback, EventRecord

pytestmark = pytest.mark.django_db

DASHBOARD = "/admin/tracking/"


def record(visitor, session, web_property, event, hours_ago, **properties):
    EventRecord.objects.create(
        visitor=visitor,
        session=session,
        web_property=web_property,
        event=event,
        locale="en",
        occurred_at=timezone.now() - timedelta(hours=hours_ago),
        properties={"locale": "en", **properties},
    )


def viewed(visitor, session, web_property, hours_ago, page_type="article"):
    record(visitor, session, web_property, "Help Page Viewed", hours_ago, page_type=page_type)


def contacted(visitor, session, web_property, hours_ago):
    record(visitor, session, web_property, "Contact Form Submitted", hours_ago, form="contact")


@pytest.fixture
def visits(db):
    """Four visitors (anonymous ids a…d), each property with its own session ids:
    a: Business Help, then the Help Center, then the Help Center's contact form;
    b: the Help Center, then Business Help; c: Business Help only; d: the Help Center only.
    """
    pages = two_properties()
    EventRecord.objects.all().delete()
    viewed("a" * 32, "a-business", "business", 5)
    viewed("a" * 32, "a-help", "help", 4)
    contacted("a" * 32, "a-help", "help", 3)
    viewed("b" * 32, "b-help", "help", 5)
    viewed("b" * 32, "b-business", "business", 4)
    viewed("c" * 32, "c-business", "business", 5, page_type="tutorial")
    viewed("d" * 32, "d-help", "help", 5)
    viewed("", "old", "", 6)  # kept before events named their property: no journey
    ArticleFeedback.objects.create(page=pages["business_article"], locale="en", helpful=True)
    ArticleFeedback.objects.create(page=pages["help_article"], locale="en", helpful=False)
    return pages


@pytest.fixture
def kpi_reader(client):
    """Admin access and nothing else: the least a user needs to open the dashboard."""
    user = get_user_model().objects.create_user("analyst", "analyst@example.com", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    return user


def test_kpis_per_property(visits):
    period = kpi.Period.last_days(7)
    business, help_center = kpi.compute(period, "", "business"), kpi.compute(period, "", "help")
    assert (business.help_sessions, business.self_service_rate) == (3, 1.0)
    assert (help_center.help_sessions, help_center.self_service_sessions) == (3, 2)
    assert help_center.contact_submissions == 1 and business.contact_submissions == 0
    assert (business.helpfulness, help_center.helpfulness) == (1.0, 0.0)
    assert kpi.compute(period).help_sessions == 7  # every property, old events included
    assert kpi.properties_with_data(period) == ["business", "help"]
    assert kpi.compute(period, "", "nowhere").help_sessions == 0


def test_journeys_between_properties_follow_the_anonymous_id_in_time(visits):
    found = {(j.source, j.target): j for j in journeys.journeys(kpi.Period.last_days(7))}
    assert set(found) == {("business", "help"), ("help", "business")}
    assert (found["business", "help"].visitors, found["business", "help"].contacting_visitors) == (
        1,
        1,
    )
    assert found["business", "help"].contact_rate == 1.0
    assert (found["help", "business"].visitors, found["help", "business"].contact_rate) == (1, 0)
    # A contact form submitted before the visitor came from the other property does not count.
    contacted("b" * 32, "b-business", "business", 6)
    again = {(j.source, j.target): j for j in journeys.journeys(kpi.Period.last_days(7))}
    assert again["help", "business"].contacting_visitors == 0


def test_the_dashboard_filters_by_property_for_a_user_with_admin_access_only(
    visits, kpi_reader, client
):
    everything = client.get(DASHBOARD, {"days": 7})
    assert everything.status_code == 200
    html = everything.content.decode()
    assert '<option value="business">Business Help</option>' in html
    assert "All properties" in html
    assert 'data-property="business"' in html and 'data-property="help"' in html
    assert html.count('data-property-kpi="self_service_rate">') == 2
    assert 'data-journey="business:help"' in html and 'data-journey="help:business"' in html
    assert html.count('class="tracking-chart"') == 4  # by language, by property, two per day

    business = client.get(DASHBOARD, {"days": 7, "property": "business"}).content.decode()
    assert 'data-kpi="searches">0<' in business
    assert 'data-kpi="self_service_rate">100.0 %<' in business
    assert 'data-property="help"' not in business
    assert 'data-journey="business:help"' in business  # journeys from or to it
    help_center = client.get(DASHBOARD, {"days": 7, "property": "help"}).content.decode()
    assert 'data-kpi="self_service_rate">66.7 %<' in help_center  # 2 of 3, rounded
    assert 'data-kpi="contact_submissions">1<' in help_center


@pytest.mark.parametrize(
    "query",
    [
        {"property": "<script>alert(1)</script>"},
        {"property": "business' OR 1=1 --"},
        {"property": "x" * 5000},
        {"days": "1e9"},
        {"locale": "../../etc/passwd"},
        {"days": "30", "locale": "en", "property": "help x"},
        {"property": ["business", "help\x00"]},
    ],
)
def test_a_hostile_filter_value_is_a_clear_400(visits, kpi_reader, client, query):
    response = client.get(DASHBOARD, query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "data-filter-error" in html and "These filters are not valid" in html
    assert "Choose a value from this list." in html
    refused = query.get("property") or query.get("locale") or query.get("days")
    if isinstance(refused, str):  # a refused value is not repeated back, even escaped
        assert refused not in html and "alert(1)" not in html
    assert "data-kpi-summary" not in html  # nothing computed for a filter it could not apply


def test_the_dashboard_needs_admin_access(visits, client):
    client.force_login(get_user_model().objects.create_user("visitor", "v@example.com", "pw"))
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("ar", "rtl")])
def test_the_property_views_in_the_users_language(visits, kpi_reader, client, language, direction):
    profile = UserProfile.get_for_user(kpi_reader)
    profile.preferred_language = language
    profile.save()
    html = client.get(DASHBOARD, {"days": 7}).content.decode()
    assert f'lang="{language}"' in html and f'dir="{direction}"' in html
    with translation.override(language):
        labels = [
            gettext("Web property"),
            gettext("All properties"),
            gettext("By web property"),
            gettext("Across web properties"),
            gettext("Visitors who went from one to the other"),
        ]
        invalid = gettext(
            "These filters are not valid, so no figures are shown. "
            "Choose each value from its list and press Show."
        )
    for label in labels:
        assert label in html, label
    if language != "en":
        assert "Across web properties" not in html
    # Site names are the editors' own text, isolated from the page's direction.
    assert "<bdi>Business Help</bdi>" in html
    bad = client.get(DASHBOARD, {"property": "nowhere"})
    assert bad.status_code == 400 and invalid in bad.content.decode()
