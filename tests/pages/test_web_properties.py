"""Two properties from one project: each site serves its own tree, languages, theme, sitemap and
robots; purges name the right host; editors of one site cannot edit the other."""

import pytest
from django.contrib.auth import get_user_model

from cms.property_editors import grant_site_editors
from pages import purge
from tests.pages.properties import BUSINESS_HOST, two_properties

pytestmark = pytest.mark.django_db


@pytest.fixture
def sites():
    return two_properties()


def test_each_host_serves_its_own_tree_and_theme(client, sites):
    business = client.get("/en/billing/invoices/", HTTP_HOST=BUSINESS_HOST)
    assert business.status_code == 200
    html = business.content.decode()
    assert "Invoices for advertisers" in html and "Invoices for pinners" not in html
    assert 'class="theme-business' in html and "Pinwheel Business Help" in html
    helped = client.get("/en/billing/invoices/").content.decode()  # any other host: the default
    assert "Invoices for pinners" in helped and 'class="theme-help' in helped


def test_a_language_the_property_is_not_in_redirects_to_its_default(client, sites):
    response = client.get("/ar/billing/", HTTP_HOST=BUSINESS_HOST)
    assert response.status_code == 302 and response["Location"] == "/en/billing/"
    links = client.get("/en/", HTTP_HOST=BUSINESS_HOST).content.decode()
    assert 'hreflang="es"' in links and 'hreflang="ar"' not in links


def test_sitemap_and_robots_per_site(client, sites):
    business = client.get("/sitemap.xml", HTTP_HOST=BUSINESS_HOST).content.decode()
    assert f"http://{BUSINESS_HOST}/en/billing/invoices/" in business
    assert "Invoices" not in business and "localhost/en/billing" in business
    helped = client.get("/sitemap.xml").content.decode()
    assert BUSINESS_HOST not in helped and "/en/billing/invoices/" in helped
    robots = client.get("/robots.txt", HTTP_HOST=BUSINESS_HOST).content.decode()
    assert f"Sitemap: http://{BUSINESS_HOST}/sitemap.xml" in robots
    assert "Disallow: /es/search/" in robots and "Disallow: /ar/search/" not in robots


def test_purges_name_the_pages_own_host(sites, settings):
    business_urls = purge.urls_showing(sites["business_article"])
    assert business_urls and all(u.startswith(f"http://{BUSINESS_HOST}/") for u in business_urls)
    assert f"http://{BUSINESS_HOST}/sitemap.xml" in business_urls
    help_urls = purge.urls_showing(sites["help_article"])
    assert help_urls and not any(BUSINESS_HOST in url for url in help_urls)


def test_editors_of_one_site_cannot_edit_the_other(client, sites):
    group = grant_site_editors(sites["business_site"], "Business Help editors")
    editor = get_user_model().objects.create_user("biz-editor", password="x")
    editor.groups.add(group)
    business_article, help_article = sites["business_article"], sites["help_article"]
    assert business_article.permissions_for_user(editor).can_edit()
    assert not help_article.permissions_for_user(editor).can_edit()
    assert not sites["help_home"].permissions_for_user(editor).can_add_subpage()
    client.force_login(editor)
    assert client.get(f"/admin/pages/{business_article.pk}/edit/").status_code == 200
    refused = client.get(f"/admin/pages/{help_article.pk}/edit/")
    assert refused.status_code in (302, 403)
    assert refused.status_code == 403 or "/admin/pages/" not in refused.get("Location", "")
