"""Shared helpers for the editorial workflow tests: users per role, and admin form posts."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data
from wagtail.users.models import UserProfile

from cms.editorial import roles

_numbers = itertools.count(1)


def make_user(*group_names: str, language: str = "en", superuser: bool = False):
    """A user in the given groups (as the migration created them), with an admin language."""
    number = next(_numbers)
    user = get_user_model().objects.create_user(
        username=f"user{number}",
        password="pw",
        first_name="Test",
        last_name=f"User {number}",
        email=f"user{number}@example.com",
        is_superuser=superuser,
    )
    user.groups.add(*[Group.objects.get(name=name) for name in group_names])
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def editor():
    return make_user(roles.EDITORS)


def reviewer():
    return make_user(roles.REVIEWERS)


def arabic_reviewer():
    return make_user(roles.reviewer_group_name("ar"), language="ar")


def arabic_translator():
    return make_user(roles.translator_group_name("ar"), language="ar")


def topic_form(page: Page, action: str | None = None, **changes) -> dict:
    """What the page editor posts for a topic page (title, slug, intro), with an action button."""
    fields = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.specific.intro,
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comments": inline_formset([]),
    }
    fields.update(changes)
    data = nested_form_data(fields)
    if action:
        data[action] = action
    return data


def assert_denied(response) -> None:
    """The admin's permission denial: a 403, or its redirect to the dashboard with an error."""
    if response.status_code == 302:
        assert response.url == "/admin/", response.url
    else:
        assert response.status_code == 403, response.status_code
