"""Each user picks the admin language in their account; Arabic and Hebrew get an RTL admin."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from .editorial import editor

pytestmark = pytest.mark.django_db


class FormValues(HTMLParser):
    """The values a browser would submit for the forms on a page (no JavaScript needed)."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            elif kind not in {"file", "submit", "button"}:
                self.values[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def choose_admin_language(client, code: str):
    page = client.get("/admin/account/")
    assert page.status_code == 200
    parser = FormValues()
    parser.feed(page.content.decode())
    data = {k: v for k, v in parser.values.items() if not k.startswith("password-")}
    data["locale-preferred_language"] = code
    return client.post("/admin/account/", data)


def html_tag(client, url: str = "/admin/") -> tuple[str, str]:
    html = client.get(url).content.decode()
    tag = re.search(r"<html[^>]*>", html).group(0)
    lang = re.search(r'lang="([^"]+)"', tag).group(1)
    direction = re.search(r'dir="([^"]+)"', tag).group(1)
    return lang, direction


def test_every_site_language_can_be_chosen_for_the_admin(client):
    client.force_login(editor())
    offered = client.get("/admin/account/").content.decode()
    for code, _name in settings.LANGUAGES:
        assert f'value="{code}"' in offered, f"{code} is not offered as an admin language"

    for code, _name in settings.LANGUAGES:
        response = choose_admin_language(client, code)
        assert response.status_code == 302, f"{code}: the account form was refused"
        lang, direction = html_tag(client)
        assert lang == code
        assert direction == ("rtl" if code in {"ar", "he"} else "ltr")


def test_arabic_admin_speaks_arabic(client):
    client.force_login(editor())
    choose_admin_language(client, "ar")
    dashboard = client.get("/admin/").content.decode()
    # The sidebar menu comes as JSON: the "Editor guide" item, translated.
    assert json.dumps("دليل المحرر")[1:-1] in dashboard
