"""The KPI dashboard per web property and across them, in a browser, in English and Arabic
(right to left), for a user who may only enter the admin: filtering by property with the form,
and a hostile filter value answered with the form's errors.

Served in-process (`site_in_process`) on the seeded demo (its two properties, Help Center and
Business Help); the users and the events are committed for the module and removed afterwards."""

from datetime import timedelta

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

PASSWORD = "kpi-reader-password"
PREFIX = "kpi-reader-"
SESSION_PREFIX = "kpi-browser-"


def forget_the_events():
    from tracking.models import EventRecord

    EventRecord.objects.filter(session__startswith=SESSION_PREFIX).delete()


@pytest.fixture(scope="module")
def readers(demo_site, django_db_blocker):
    """Two users with admin access only (English and Arabic), and visits on both properties:
    two visitors went from Business Help to the Help Center, one of them then contacted
    support there; one went the other way."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.utils import timezone
    from wagtail.users.models import UserProfile

    from tracking.models import EventRecord

    now = timezone.now()

    def record(visitor, web_property, event, hours_ago, **properties):
        EventRecord.objects.create(
            visitor=visitor * 32,
            session=f"{SESSION_PREFIX}{visitor}-{web_property}",
            web_property=web_property,
            event=event,
            locale="en",
            occurred_at=now - timedelta(hours=hours_ago),
            properties={"locale": "en", **properties},
        )

    with django_db_blocker.unblock():
        forget_the_events()
        for visitor, first, second in (("a", "business", "help"), ("b", "business", "help")):
            record(visitor, first, "Help Page Viewed", 5, page_type="article")
            record(visitor, second, "Help Page Viewed", 4, page_type="article")
        record("a", "help", "Contact Form Submitted", 3, form="contact")
        record("c", "help", "Help Page Viewed", 5, page_type="tutorial")
        record("c", "business", "Help Page Viewed", 4, page_type="article")
        for language in ("en", "ar"):
            user = get_user_model().objects.create_user(f"{PREFIX}{language}", password=PASSWORD)
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
    yield
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username__startswith=PREFIX).delete()
        forget_the_events()


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("ar", "rtl")])
def test_the_dashboard_per_property_and_across_them(
    site_in_process, tab, readers, language, direction
):
    page, base = tab, site_in_process
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", f"{PREFIX}{language}")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")

    page.goto(f"{base}/admin/tracking/?days=7")
    assert page.locator("html").get_attribute("dir") == direction
    journey = page.locator('[data-journey="business:help"]')
    assert journey.locator("[data-journey-visitors]").inner_text() == "2"
    assert journey.locator("[data-journey-contacts]").inner_text() == "1"
    assert (
        page.locator('[data-journey="help:business"] [data-journey-visitors]').inner_text() == "1"
    )
    assert page.locator("[data-kpi-by-property] tbody tr").count() == 2
    page.set_viewport_size({"width": 1280, "height": 2700})  # the admin scrolls inside
    screenshot(page, f"kpi-dashboard-{language}")

    page.select_option("select[name=property]", "business")
    page.locator("form.tracking-filter button[type=submit]").click()
    page.wait_for_url("**property=business**")
    assert page.locator("[data-kpi-by-property] tbody tr").count() == 1
    assert page.locator('[data-property="business"]').is_visible()
    screenshot(page, f"kpi-dashboard-business-{language}")

    response = page.goto(f"{base}/admin/tracking/?property=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status == 400
    assert page.locator("[data-filter-error]").is_visible()
    assert page.locator(".error-message").count() == 1
    page.set_viewport_size({"width": 1280, "height": 600})
    screenshot(page, f"kpi-dashboard-bad-filter-{language}")
