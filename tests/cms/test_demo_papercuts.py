"""The demo leaves no stray Wagtail "Welcome" pages in any language and gives its admin a name."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page

from cms.demo import page_tree
from cms.demo.content_files import read

pytestmark = pytest.mark.django_db

WELCOME = "Welcome to your new Wagtail site!"


def test_no_welcome_page_survives_the_home_and_the_locale_synchronisation():
    assert Page.objects.filter(title=WELCOME).count() == 1  # what Wagtail's install leaves
    locales = page_tree.ensure_locales()  # wagtail-localize copies every page into each locale
    copies = Page.objects.filter(title=WELCOME).count()
    data = read("home.json")
    home = page_tree.ensure_home(
        locales[page_tree.SOURCE_LANGUAGE], title=data["title"]["en"], slug=data["slug"]
    )
    assert copies > 1, "the synchronisation made no copies: the test proves nothing"

    removed = page_tree.remove_wagtail_welcome_pages()

    assert removed == copies
    assert not Page.objects.filter(title=WELCOME).exists()
    assert Page.objects.filter(id=home.id).exists()
    assert page_tree.remove_wagtail_welcome_pages() == 0  # running the seed again is harmless


def test_the_demo_admin_has_a_name(capsys):
    call_command("ensure_demo_admin")
    admin = get_user_model().objects.get(username="admin")
    assert admin.first_name and admin.last_name
    assert "password:" in capsys.readouterr().out
