"""An Arabic-speaking editor works in an Arabic, right-to-left admin and reads the Editor guide.

Served in-process (`site_in_process`) on the session's seeded test database; the editor is
committed for the module (the server's threads must see them) and removed afterwards.
"""

import pytest

from .conftest import screenshot

pytestmark = pytest.mark.browser

USERNAME, PASSWORD = "arabic-editor", "arabic-editor-password"


@pytest.fixture(scope="module")
def arabic_editor(demo_site, django_db_blocker):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.users.models import UserProfile

    with django_db_blocker.unblock():
        user, _created = get_user_model().objects.get_or_create(username=USERNAME)
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(Group.objects.get(name="Editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ar"
        profile.save()
    yield user
    with django_db_blocker.unblock():
        get_user_model().objects.filter(username=USERNAME).delete()


def test_arabic_editor_gets_an_rtl_admin_and_the_arabic_editor_guide(
    site_in_process, tab, arabic_editor
):
    page, base = tab, site_in_process
    page.goto(f"{base}/admin/login/")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/admin/")

    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    # The sidebar sits on the right in an RTL admin.
    menu_item = page.locator("#wagtail-sidebar").get_by_role("link", name="دليل المحرر")
    menu_item.first.wait_for(state="visible")
    box = menu_item.first.bounding_box()
    assert box is not None and box["x"] > 1280 / 2, box
    screenshot(page, "admin-dashboard-ar")

    page.get_by_role("link", name="دليل المحرر").first.click()
    page.wait_for_url(f"{base}/admin/editor-guide/")
    assert page.get_by_role("heading", name="دليل المحرر").first.is_visible()
    page.get_by_role("link", name="كيف تترجم صفحة").click()
    page.wait_for_url(f"{base}/admin/editor-guide/translate-a-page/")
    article = page.locator("article.editor-guide")
    assert article.get_attribute("lang") == "ar"
    assert "مزامنة الصفحات المترجمة" in article.inner_text()
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    screenshot(page, "editor-guide-ar")
