"""The regions listing shows each region once, in one language at a time, with a language
column and a language filter."""

import re

import pytest
from django.contrib.auth import get_user_model

from snippets.regions.models import Region
from tests.factories import regions_and_themes

pytestmark = pytest.mark.django_db

LISTING = "/admin/snippets/snippets/region/"


@pytest.fixture
def admin_client(client):
    regions_and_themes()
    client.force_login(get_user_model().objects.create_superuser("root", "r@x.test", "pw"))
    return client


def listed_ids(html: str) -> list[int]:
    return [int(i) for i in re.findall(r"/admin/snippets/snippets/region/edit/(\d+)/", html)]


def test_each_region_is_listed_once_in_the_admins_language(admin_client):
    english = Region.objects.filter(locale__language_code="en")
    assert Region.objects.count() > english.count() > 0  # every region exists in every language
    html = admin_client.get(LISTING, follow=True).content.decode()
    assert set(listed_ids(html)) == set(english.values_list("id", flat=True))
    assert "English" in html  # the language column


def test_the_language_filter_lists_another_language_or_all(admin_client):
    arabic = Region.objects.filter(locale__language_code="ar")
    html = admin_client.get(LISTING, {"locale": "ar"}, follow=True).content.decode()
    assert set(listed_ids(html)) == set(arabic.values_list("id", flat=True))
    everything = admin_client.get(LISTING, {"locale": ""}, follow=True).content.decode()
    languages = Region.objects.filter(id__in=listed_ids(everything)).values("locale").distinct()
    assert languages.count() > 1
